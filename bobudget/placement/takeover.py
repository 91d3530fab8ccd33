"""Bostadssocialt kontrakt: the takeover review at 12 months, eligibility from the period's
rent debts and disturbance reports, the takeover itself, and the flag at 24 months.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork
from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.kernel.urgency import Urgency
from bobudget.model import Contract, Disturbance, RentArrear
from bobudget.model.vocab import ContractKind, TakeoverOutcome
from bobudget.placement.common import fetch_for_edit, require_not_future, require_text
from bobudget.placement.contracts import CONTRACT_GONE
from bobudget.placement.rules import TAKEOVER_FLAG_MONTHS, TAKEOVER_REVIEW_WINDOW_DAYS
from bobudget.placement.takeover_rules import (
    TakeoverEligibility,
    takeover_eligibility,
    takeover_flag_date,
    takeover_flagged,
    takeover_review_date,
    takeover_urgency,
    two_year_decision_made,
)

__all__ = [
    "TAKEOVER_END_REASON",
    "TakeoverReview",
    "get_takeover_review",
    "record_takeover_review",
    "register_takeover",
]

TAKEOVER_END_REASON = "Övertagande: hyresgästen har tagit över förstahandskontraktet"
# Kept under its old name for callers that import it here; the rule lives in rules.placement.
REVIEW_WINDOW_DAYS = TAKEOVER_REVIEW_WINDOW_DAYS


@dataclass(frozen=True)
class TakeoverReview:
    contract_id: int
    version: int
    start_date: dt.date
    review_date: dt.date
    flag_date: dt.date
    reviewed_date: dt.date | None
    review_note: str
    takeover_date: dt.date | None
    ended: bool
    eligibility: TakeoverEligibility
    mark: Urgency

    flagged: bool
    # What the review decided (TakeoverOutcome or ""), by whom, its diarienummer.
    outcome: str = ""
    decided_by: str = ""
    decision_reference: str = ""

    @property
    def status_text(self) -> str:
        if self.takeover_date is not None:
            return f"Övertaget {self.takeover_date.isoformat()}"
        if self.ended:
            return "Kontraktet är avslutat"
        if self.flagged:
            return (
                f"Inte övertaget efter {TAKEOVER_FLAG_MONTHS} månader "
                f"({self.flag_date.isoformat()}): beslut behövs"
            )
        if self.reviewed_date is not None:
            return f"Prövad {self.reviewed_date.isoformat()}"
        if self.mark is Urgency.OVERDUE:
            return f"Prövningen är försenad (skulle göras {self.review_date.isoformat()})"
        return f"Prövning {self.review_date.isoformat()}"


def _check_transitional(contract: Contract) -> None:
    if contract.kind != ContractKind.TRANSITIONAL:
        raise ValidationError("Övertagande gäller bara bostadssociala kontrakt (prövokontrakt).")


def get_takeover_review(
    db: Database, contract_id: int, today: dt.date, as_of: dt.date | None = None
) -> TakeoverReview:
    """Where the contract stands: the review and flag dates, and eligibility up to `as_of`
    (default `today`) from the rent debts and disturbances registered on it.
    """
    with db.sessions() as s:
        contract = s.get(Contract, contract_id)
        if contract is None:
            raise NotFoundError(CONTRACT_GONE)
        _check_transitional(contract)
        return _review(s, contract, today, as_of or today)


def _review(s: Session, contract: Contract, today: dt.date, as_of: dt.date) -> TakeoverReview:
    months = s.scalars(select(RentArrear.month).where(RentArrear.contract_id == contract.id))
    reports = s.scalars(
        select(Disturbance.reported_date).where(Disturbance.contract_id == contract.id)
    )
    eligibility = takeover_eligibility(contract.start_date, as_of, list(months), list(reports))
    ended = contract.end_date is not None and contract.end_date <= today
    closed = contract.takeover_date is not None or ended
    # The decision after two years, once recorded, answers the flag.
    decided = two_year_decision_made(
        contract.start_date, contract.takeover_reviewed_date, contract.takeover_outcome
    )
    return TakeoverReview(
        contract_id=contract.id,
        version=contract.version,
        start_date=contract.start_date,
        review_date=takeover_review_date(contract.start_date),
        flag_date=takeover_flag_date(contract.start_date),
        reviewed_date=contract.takeover_reviewed_date,
        review_note=contract.takeover_review_note,
        takeover_date=contract.takeover_date,
        ended=ended,
        eligibility=eligibility,
        mark=takeover_urgency(
            contract.start_date,
            today,
            TAKEOVER_REVIEW_WINDOW_DAYS,
            reviewed=contract.takeover_reviewed_date is not None,
            closed=closed,
        ),
        flagged=takeover_flagged(contract.start_date, today, closed=closed or decided),
        outcome=contract.takeover_outcome,
        decided_by=contract.takeover_decided_by,
        decision_reference=contract.takeover_decision_reference,
    )


def record_takeover_review(
    db: Database,
    contract_id: int,
    expected_version: int,
    reviewed_date: dt.date,
    note: str,
    user: str | None = None,
    today: dt.date | None = None,
    *,
    outcome: str = "",
    decided_by: str = "",
    reference: str = "",
) -> int:
    """Record that the takeover review was held, what it found, and what was decided (the
    outcome, by whom, its diarienummer: the decision letter names them); returns the version.
    """
    today = today or dt.date.today()
    note = require_text(note, "Skriv vad prövningen kom fram till.")
    require_not_future(reviewed_date, today, "Prövningsdatum")
    if outcome and outcome not in set(TakeoverOutcome):
        raise ValidationError(
            "Välj vad prövningen ledde till: tar över, prövotiden förlängs eller tar inte över."
        )
    with UnitOfWork(db, user) as uow:
        contract = fetch_for_edit(
            uow.session, Contract, contract_id, expected_version, CONTRACT_GONE
        )
        _check_transitional(contract)
        _check_open(contract)
        if reviewed_date < contract.start_date:
            raise ValidationError(
                f"Prövningsdatum {reviewed_date.isoformat()} ligger före kontraktets start "
                f"{contract.start_date.isoformat()}."
            )
        contract.takeover_reviewed_date = reviewed_date
        contract.takeover_review_note = note
        contract.takeover_outcome = outcome
        contract.takeover_decided_by = decided_by.strip()
        contract.takeover_decision_reference = reference.strip()
        uow.audit("takeover_review", "contract", contract.id)
        uow.commit()
        return contract.version


def _check_open(contract: Contract) -> None:
    if contract.takeover_date is not None:
        raise ValidationError(
            f"Kontraktet är redan övertaget ({contract.takeover_date.isoformat()})."
        )
    if contract.end_date is not None and contract.end_reason:
        raise ValidationError(
            f"Kontraktet är avslutat ({contract.end_date.isoformat()}) och kan inte tas över."
        )


def register_takeover(
    db: Database,
    contract_id: int,
    expected_version: int,
    takeover_date: dt.date,
    *,
    despite_ineligible: str = "",
    user: str | None = None,
) -> None:
    """The tenant takes over the lease on `takeover_date`: the municipality's contract ends.

    When the period had rent debts or disturbances, the takeover is refused unless
    `despite_ineligible` says why it is done anyway (the landlord may agree regardless).
    """
    with UnitOfWork(db, user) as uow:
        s = uow.session
        contract = fetch_for_edit(s, Contract, contract_id, expected_version, CONTRACT_GONE)
        _check_transitional(contract)
        _check_open(contract)
        if takeover_date < contract.start_date:
            raise ValidationError(
                f"Övertagandet {takeover_date.isoformat()} ligger före kontraktets start "
                f"{contract.start_date.isoformat()}. Ändra datumet."
            )
        review = _review(s, contract, takeover_date, takeover_date)
        why = despite_ineligible.strip()
        if not review.eligibility.eligible and not why:
            raise ValidationError(
                review.eligibility.text
                + " Skriv varför övertagandet ändå registreras, eller vänta med det."
            )
        contract.takeover_date = takeover_date
        contract.end_date = takeover_date
        contract.end_reason = TAKEOVER_END_REASON
        if why:
            contract.takeover_review_note = (
                f"{contract.takeover_review_note}\nÖvertaget trots: {why}".strip()
            )
        uow.audit("takeover", "contract", contract.id)
        uow.commit()
