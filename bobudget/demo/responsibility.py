"""Who answers for each demo case: most have a responsible of the role whose work it is, some
have nobody, so Att göra shows both "Mina uppgifter" and "Utan ansvarig" from the start.

Decisions and temporary placements are the bostadskonsulenter's (the signed-in demo user among
them, so the window's own list is not empty), leases and what follows them up the
bostadshandledare's, egna medel accounts the handläggare egna medel's. A meeting or a notice
about a lease has the lease's responsible.

Drawn from a chance of its own as each row is made (not from the demo's main one, after all
rows are made): the demo is written as it is made, and the rest of the data stays as the seed
always made it.
"""

from __future__ import annotations

import random
from array import array
from collections.abc import Sequence
from typing import Any

from bobudget.demo.places import Staff
from bobudget.model import (
    Base,
    Contract,
    Decision,
    EvictionNotice,
    FollowUp,
    HousingSupport,
    ManagedFundsAccount,
    MultipartyMeeting,
    StartupMeeting,
)
from bobudget.model.vocab import ContractKind

# The share of cases nobody has taken yet.
UNASSIGNED_SHARE = 0.15
_NOBODY = -1
# Rows that follow their lease's responsible.
_OF_THE_LEASE = (StartupMeeting, FollowUp, MultipartyMeeting, EvictionNotice)


class CaseAssigner:
    """Names the responsible of each case as its row is made (DemoRows.complete)."""

    def __init__(self, seed: int, staff: Staff, signed_in: str) -> None:
        self._rng = random.Random(f"ansvar-{seed}")
        self._consultants = [u for u, _ in staff.consultants] + [signed_in]
        self._supervisors = [u for u, _ in staff.supervisors]
        self._funds_officers = [u for u, _ in staff.funds_officers]
        self._names = sorted({*self._consultants, *self._supervisors, *self._funds_officers})
        self._number = {name: number for number, name in enumerate(self._names)}
        # Each contract's responsible by id, as a small number: 200 000 contracts in 200 kB.
        self._contract_numbers = array("b")
        self._first_contract = 0

    def __call__(self, model: type[Base], row: dict[str, Any]) -> None:
        if model is Decision:
            row["responsible"] = self._someone(self._consultants)
        elif model is Contract:
            temporary = row["kind"] == ContractKind.TEMPORARY
            row["responsible"] = self._someone(
                self._consultants if temporary else self._supervisors
            )
            self._remember(row["id"], row["responsible"])
        elif model in _OF_THE_LEASE:
            contract_id = row.get("contract_id")
            row["responsible"] = (
                self._of_contract(contract_id) if contract_id else self._someone(self._supervisors)
            )
        elif model is HousingSupport:
            row["responsible"] = self._someone(self._supervisors)
        elif model is ManagedFundsAccount:
            row["responsible"] = self._someone(self._funds_officers)

    def _someone(self, of: Sequence[str]) -> str | None:
        if self._rng.random() < UNASSIGNED_SHARE:
            return None
        return of[self._rng.randrange(len(of))]

    def _remember(self, contract_id: int, responsible: str | None) -> None:
        if not self._contract_numbers:
            self._first_contract = contract_id
        number = _NOBODY if responsible is None else self._number[responsible]
        self._contract_numbers.append(number)

    def _of_contract(self, contract_id: int) -> str | None:
        number = self._contract_numbers[contract_id - self._first_contract]
        return None if number == _NOBODY else self._names[number]
