"""Which renewal letters fall due: recorded renewals of temporary housing not yet sent."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import exists, select
from sqlalchemy.orm import aliased

from bobudget.db.engine import Database
from bobudget.kernel.errors import ValidationError
from bobudget.letters.facts import LetterRequest
from bobudget.model import Contract, ContractPeriod, PrintedLetter


def renewal_requests_due(db: Database, *, on: dt.date, within_days: int) -> list[LetterRequest]:
    """Renewal letters falling due: one for each recorded renewal not yet sent.

    A renewal is due a letter when the placement is still open, its last period is a renewal
    (the period before it was renewed) still running on `on` and starting within
    `within_days` of it, and no renewal letter for the placement has been logged since that
    period was recorded. A placement only waiting for a decision gets no letter: there is no
    new period yet.
    """
    if within_days < 0:
        raise ValidationError("Antal dagar kan inte vara negativt.")
    other = aliased(ContractPeriod)
    newer = exists().where(
        other.contract_id == ContractPeriod.contract_id, other.sequence > ContractPeriod.sequence
    )
    # The period before it, in the same placement, was renewed (a moved placement carries its
    # period over to the new place without a renewal).
    renewed = exists().where(
        other.contract_id == ContractPeriod.contract_id,
        other.sequence == ContractPeriod.sequence - 1,
        other.outcome == "renewed",
    )
    sent = exists().where(
        PrintedLetter.contract_id == ContractPeriod.contract_id,
        PrintedLetter.kind == "temporary_renewal",
        PrintedLetter.created_at >= ContractPeriod.created_at,
    )
    stmt = (
        select(Contract.id, Contract.person_id)
        .join(ContractPeriod, ContractPeriod.contract_id == Contract.id)
        .where(
            Contract.kind == "temporary",
            Contract.end_date.is_(None),
            renewed,
            ContractPeriod.outcome == "pending",
            ContractPeriod.start_date <= on + dt.timedelta(days=within_days),
            ContractPeriod.end_date >= on,
            ~newer,
            ~sent,
        )
        .order_by(ContractPeriod.start_date, Contract.id)
    )
    with db.sessions() as session:
        rows = session.execute(stmt).all()
    return [LetterRequest("temporary_renewal", r.person_id, r.id) for r in rows]
