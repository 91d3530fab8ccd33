"""One validated row of an import file: what the reader hands the writer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bobudget.kernel.identity import IdentityNumber
from bobudget.model.vocab import ContractKind


@dataclass(frozen=True)
class ImportRow:
    """One validated row of the file."""

    number: int
    identity: IdentityNumber
    last_name: str
    first_name: str
    kind: ContractKind
    start_date: dt.date
    end_date: dt.date | None
    address: str
    postal_code: str
    city: str
    landlord: str
    rent_ore: int | None
    protected: bool

    @property
    def contract_key(self) -> tuple[str, ContractKind, dt.date]:
        return (self.identity.canonical, self.kind, self.start_date)
