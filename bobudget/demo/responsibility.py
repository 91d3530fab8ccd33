"""Who answers for each demo case: most have a responsible of the role whose work it is, some
have nobody, so Att göra shows both "Mina uppgifter" and "Utan ansvarig" from the start.

Decisions and temporary placements are the bostadskonsulenter's (the signed-in demo user among
them, so the window's own list is not empty), leases and what follows them up the
bostadshandledare's, egna medel accounts the handläggare egna medel's. A meeting or a notice
about a lease has the lease's responsible.
"""

from __future__ import annotations

from collections.abc import Sequence

from bobudget.demo.places import Staff
from bobudget.demo.rows import DemoRows
from bobudget.model import (
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


def assign_cases(rows: DemoRows, staff: Staff, signed_in: str) -> None:
    consultants = [u for u, _ in staff.consultants] + [signed_in]
    supervisors = [u for u, _ in staff.supervisors]
    funds_officers = [u for u, _ in staff.funds_officers]

    def someone(of: Sequence[str]) -> str | None:
        return None if rows.chance(UNASSIGNED_SHARE) else rows.pick(of)

    for decision in rows.rows[Decision]:
        decision["responsible"] = someone(consultants)
    by_contract: dict[int, str | None] = {}
    for contract in rows.rows[Contract]:
        temporary = contract["kind"] == ContractKind.TEMPORARY
        contract["responsible"] = someone(consultants if temporary else supervisors)
        by_contract[contract["id"]] = contract["responsible"]
    for model in (StartupMeeting, FollowUp, MultipartyMeeting, EvictionNotice):
        for row in rows.rows[model]:
            contract_id = row.get("contract_id")
            row["responsible"] = (
                by_contract.get(contract_id) if contract_id else someone(supervisors)
            )
    for support in rows.rows[HousingSupport]:
        support["responsible"] = someone(supervisors)
    for account in rows.rows[ManagedFundsAccount]:
        account["responsible"] = someone(funds_officers)
