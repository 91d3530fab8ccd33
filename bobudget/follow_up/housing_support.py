"""Boendestöd: decisions on support in daily living, their reviews on a schedule, and notes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from bobudget.db.engine import Database
from bobudget.db.responsible import check_responsible, default_responsible
from bobudget.db.uow import UnitOfWork
from bobudget.follow_up.common import require_person
from bobudget.follow_up.rules import (
    DEFAULT_HOUSING_SUPPORT_INTERVAL_MONTHS,
    check_housing_support_interval,
    housing_support_next_review,
    week_urgency,
)
from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.kernel.urgency import Urgency
from bobudget.model import HousingSupport
from bobudget.placement.common import fetch_for_edit, require_not_future, require_text

__all__ = [
    "HousingSupportInput",
    "HousingSupportView",
    "create_housing_support",
    "housing_supports_of_person",
    "parse_hours",
    "record_housing_support_review",
    "update_housing_support",
]

SUPPORT_GONE = "Boendestödet finns inte längre i databasen. Läs in sidan på nytt."
_MAX_HOURS = Decimal("168")  # the hours in a week


def parse_hours(text: str) -> Decimal | None:
    """Hours per week as typed ("3,5", "3.5", "4 h"); None when left empty."""
    cleaned = text.strip().lower().removesuffix("h").removesuffix("tim").strip().replace(",", ".")
    if not cleaned:
        return None
    try:
        hours = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError(
            f"Timmar per vecka '{text.strip()}' går inte att läsa. Skriv ett tal, t.ex. 3,5."
        ) from None
    if not hours.is_finite():
        raise ValidationError("Skriv timmar per vecka som ett tal, t.ex. 3,5.")
    return hours


@dataclass
class HousingSupportInput:
    provider: str
    start_date: dt.date
    review_interval_months: int = DEFAULT_HOUSING_SUPPORT_INTERVAL_MONTHS
    hours_per_week: Decimal | None = None
    end_date: dt.date | None = None
    note: str = ""
    responsible: str = ""
    decision_id: int | None = None


@dataclass(frozen=True)
class HousingSupportView:
    id: int
    version: int
    person_id: int
    provider: str
    hours_per_week: Decimal | None
    start_date: dt.date
    end_date: dt.date | None
    review_interval_months: int
    next_review_date: dt.date | None
    last_reviewed_date: dt.date | None
    note: str
    responsible: str
    decision_id: int | None = None

    def active(self, today: dt.date) -> bool:
        return self.end_date is None or self.end_date >= today

    def urgency(self, today: dt.date) -> Urgency | None:
        """How soon the next review falls due; None when none is (ended, or no review left)."""
        if not self.active(today) or self.next_review_date is None:
            return None
        return week_urgency(self.next_review_date, today)


def _checked(data: HousingSupportInput) -> HousingSupportInput:
    data.provider = require_text(
        data.provider, "Skriv vem som ger boendestödet (utföraren), t.ex. hemtjänstens boendestöd."
    )
    if data.hours_per_week is not None and not Decimal(0) < data.hours_per_week <= _MAX_HOURS:
        raise ValidationError(
            f"Timmar per vecka måste vara mer än 0 och högst {_MAX_HOURS}, inte "
            f"{data.hours_per_week}."
        )
    check_housing_support_interval(data.review_interval_months)
    if data.end_date is not None and data.end_date < data.start_date:
        raise ValidationError(
            f"Slutdatum {data.end_date.isoformat()} ligger före startdatum "
            f"{data.start_date.isoformat()}. Ändra ett av datumen."
        )
    return data


def _apply(session: Session, row: HousingSupport, data: HousingSupportInput) -> None:
    schedule = (data.start_date, data.review_interval_months, data.end_date)
    rescheduled = row.id is None or schedule != (
        row.start_date,
        row.review_interval_months,
        row.end_date,
    )
    row.provider = data.provider
    row.hours_per_week = data.hours_per_week
    row.start_date = data.start_date
    row.end_date = data.end_date
    row.review_interval_months = data.review_interval_months
    row.note = data.note.strip()
    row.responsible = check_responsible(session, data.responsible, keep=row.responsible)
    row.decision_id = data.decision_id
    # A change of provider or hours leaves the review booked as it was; a change of the
    # schedule counts it again from the last review (or the start).
    if rescheduled:
        row.next_review_date = housing_support_next_review(
            row.start_date, row.review_interval_months, row.end_date, row.last_reviewed_date
        )


def create_housing_support(
    db: Database, person_id: int, data: HousingSupportInput, user: str | None = None
) -> int:
    """Register a boendestöd decision for the person; its first review is scheduled."""
    data = _checked(data)
    with UnitOfWork(db, user) as uow:
        require_person(uow.session, person_id)
        row = HousingSupport(person_id=person_id)
        _apply(uow.session, row, data)
        row.responsible = row.responsible or default_responsible(uow.session, uow.user)
        uow.session.add(row)
        uow.session.flush()
        uow.audit("create", "housing_support", row.id)
        uow.commit()
        return row.id


def update_housing_support(
    db: Database,
    support_id: int,
    expected_version: int,
    data: HousingSupportInput,
    user: str | None = None,
) -> int:
    """Change a boendestöd decision read at `expected_version`; the next review follows it."""
    data = _checked(data)
    with UnitOfWork(db, user) as uow:
        row = fetch_for_edit(
            uow.session, HousingSupport, support_id, expected_version, SUPPORT_GONE
        )
        _apply(uow.session, row, data)
        uow.audit("update", "housing_support", row.id)
        uow.commit()
        return row.version


def record_housing_support_review(
    db: Database,
    support_id: int,
    expected_version: int,
    reviewed_on: dt.date,
    note: str,
    user: str | None = None,
    today: dt.date | None = None,
) -> dt.date | None:
    """Record a review held on `reviewed_on`; returns the next review (None: none left).

    The review's note is added, dated, to the top of the support's notes.
    """
    today = today or dt.date.today()
    require_not_future(reviewed_on, today, "Omprövningsdagen")
    text = require_text(note, "Skriv vad omprövningen kom fram till.")
    with UnitOfWork(db, user) as uow:
        row = fetch_for_edit(
            uow.session, HousingSupport, support_id, expected_version, SUPPORT_GONE
        )
        if reviewed_on < row.start_date:
            raise ValidationError(
                f"Omprövningsdagen {reviewed_on.isoformat()} ligger före boendestödets start "
                f"{row.start_date.isoformat()}."
            )
        row.last_reviewed_date = reviewed_on
        row.next_review_date = housing_support_next_review(
            row.start_date, row.review_interval_months, row.end_date, reviewed_on
        )
        entry = f"{reviewed_on.isoformat()} omprövning: {text}"
        row.note = f"{entry}\n{row.note}".strip()
        uow.audit("review", "housing_support", row.id)
        uow.commit()
        return row.next_review_date


def _view(r: HousingSupport) -> HousingSupportView:
    return HousingSupportView(
        id=r.id,
        version=r.version,
        person_id=r.person_id,
        provider=r.provider,
        hours_per_week=r.hours_per_week,
        start_date=r.start_date,
        end_date=r.end_date,
        review_interval_months=r.review_interval_months,
        next_review_date=r.next_review_date,
        last_reviewed_date=r.last_reviewed_date,
        note=r.note,
        responsible=r.responsible or "",
        decision_id=r.decision_id,
    )


def housing_supports_of_person(db: Database, person_id: int) -> list[HousingSupportView]:
    """The person's boendestöd, the latest started first."""
    with db.sessions() as session:
        rows = session.scalars(
            select(HousingSupport)
            .where(HousingSupport.person_id == person_id)
            .order_by(HousingSupport.start_date.desc(), HousingSupport.id.desc())
        ).all()
        return [_view(r) for r in rows]


def get_housing_support(db: Database, support_id: int) -> HousingSupportView:
    """One boendestöd as it is saved now."""
    with db.sessions() as session:
        row = session.get(HousingSupport, support_id)
        if row is None:
            raise NotFoundError(SUPPORT_GONE)
        return _view(row)
