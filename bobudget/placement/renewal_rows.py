"""What the Brev page shows of each renewal letter due: the person's name and number, and the
last day of the new period — for a page of letters at a time, in one query.

Reading each row through the person's whole card took ≈ 4 ms a row (a minute for the 15 000
letters due at 100 000 households); the list needs three columns, so it reads three.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from bobudget.db.access import record_page_shown
from bobudget.db.engine import Database
from bobudget.kernel.identity import display_canonical
from bobudget.model import Contract, ContractPeriod, Person

# Kept well under every engine's limit on bound parameters in one IN list.
CHUNK = 500


@dataclass(frozen=True)
class RenewalRow:
    contract_id: int
    person_id: int
    name: str  # first name and last name, as on the person card
    identity: str  # the personnummer as shown
    protected: bool
    period_end: dt.date | None  # the end of the placement's last period (the new one)


def renewal_rows(db: Database, contract_ids: Sequence[int], first_row: int = 0) -> list[RenewalRow]:
    """One row per placement, in the order of `contract_ids` (missing placements left out),
    logged as shown; `first_row` is where they start in the list, for the access log."""
    last_end = (
        select(ContractPeriod.end_date)
        .where(ContractPeriod.contract_id == Contract.id)
        .order_by(ContractPeriod.sequence.desc())
        .limit(1)
        .scalar_subquery()
    )
    found: dict[int, RenewalRow] = {}
    with db.sessions() as session:
        for start in range(0, len(contract_ids), CHUNK):
            chunk = list(contract_ids[start : start + CHUNK])
            stmt = (
                select(
                    Contract.id,
                    Person.id,
                    Person.first_name,
                    Person.last_name,
                    Person.identity,
                    Person.protected_identity,
                    last_end,
                )
                .join(Person, Person.id == Contract.person_id)
                .where(Contract.id.in_(chunk))
            )
            for cid, pid, first, last, identity, protected, end in session.execute(stmt):
                found[cid] = RenewalRow(
                    contract_id=cid,
                    person_id=pid,
                    name=f"{first} {last}".strip(),
                    identity=display_canonical(identity),
                    protected=bool(protected),
                    period_end=end,
                )
    rows = [found[cid] for cid in contract_ids if cid in found]
    record_page_shown(db, [r.person_id for r in rows], "förlängningsbrev", first_row)
    return rows
