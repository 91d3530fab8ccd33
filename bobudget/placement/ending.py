"""Ending a contract of any kind: a lease here, a temporary placement through its own flow.

Kept apart from contracts.py and temporary.py because it needs both, and temporary.py builds
on contracts.py.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork
from bobudget.kernel.errors import ValidationError
from bobudget.model import Contract
from bobudget.placement.common import fetch_for_edit, require_text
from bobudget.placement.contracts import CONTRACT_GONE, check_end_after_start
from bobudget.placement.temporary import end_placement

__all__ = ["end_contract"]


def end_contract(
    db: Database,
    contract_id: int,
    expected_version: int,
    end_date: dt.date,
    reason: str,
    user: str | None = None,
) -> None:
    """End a contract of any kind on `end_date` for `reason`; a lease's dwelling becomes free."""
    reason = require_text(reason, "Skriv varför kontraktet avslutas.")
    with db.sessions() as s:
        kind = s.scalar(select(Contract.kind).where(Contract.id == contract_id))
    if kind == "temporary":
        end_placement(db, contract_id, expected_version, end_date, reason, user=user)
        return
    with UnitOfWork(db, user) as uow:
        contract = fetch_for_edit(
            uow.session, Contract, contract_id, expected_version, CONTRACT_GONE
        )
        if contract.end_date is not None and contract.end_reason:
            raise ValidationError(
                f"Kontraktet är redan avslutat ({contract.end_date.isoformat()}: "
                f"{contract.end_reason})."
            )
        check_end_after_start(contract.start_date, end_date)
        contract.end_date = end_date
        contract.end_reason = reason
        if contract.dwelling is not None and contract.dwelling.status == "let":
            contract.dwelling.status = "available"
        uow.audit("end", "contract", contract.id)
        uow.commit()
