"""The queue (kö): households with a help-with-housing decision not yet carried out.

Oldest decision first, with waiting days, needs, the last offer and where the decision stands
against the three months after which it is reported to IVO. Filtered in the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from bobudget.db.access import record_page_shown
from bobudget.db.engine import Database
from bobudget.db.responsible import shown_responsible
from bobudget.kernel.identity import display_canonical
from bobudget.kernel.urgency import Urgency
from bobudget.model import Decision, Dwelling, Offer, Person, User
from bobudget.model.vocab import DecisionKind, DecisionStatus, OfferAnswer
from bobudget.placement.common import (
    PROTECTED_TEXT,
    applicant_id,
    household_text_filter,
    needs_text,
)
from bobudget.placement.rules import (
    QUEUE_WARN_DAYS,
    latest_passed_decision_date,
    three_months_date,
    three_months_urgency,
    waiting_days,
)

__all__ = [
    "QUEUE_MARK_LABELS",
    "QueueFilter",
    "QueueRow",
    "queue_count",
    "queue_rows",
    "queue_units",
]

# Kept under its old name for callers; the rule lives in rules.placement.
WARN_DAYS = QUEUE_WARN_DAYS

# The queue's words for a decision's urgency: they name what falls due, the three months, and
# that a decision past them is reported to IVO.
QUEUE_MARK_LABELS: dict[Urgency, str] = {
    Urgency.LATER: "",
    Urgency.SOON: "Snart 3 mån",
    Urgency.TODAY: "3 mån i dag",
    Urgency.OVERDUE: "Över 3 mån – IVO",
}


@dataclass(frozen=True)
class QueueFilter:
    """What the user narrowed the queue to; empty values mean no filter."""

    text: str = ""
    unit: str = ""
    rooms: int | None = None
    accessibility: bool = False  # only households that need an accessible dwelling
    children: bool = False  # only households with children
    passed_only: bool = False  # only decisions past three months


@dataclass(frozen=True)
class QueueRow:
    decision_id: int
    version: int
    household_id: int
    person_id: int
    personnummer: str
    name: str
    protected: bool
    decision_date: dt.date
    reference: str
    unit: str
    decided_by: str
    waiting_days: int
    three_months: dt.date
    mark: Urgency
    need_adults: int
    need_children: int
    need_rooms: int | None
    need_rent_ceiling_ore: int | None
    need_accessibility: bool
    areas_wished: str
    areas_avoided: str
    offers: int
    last_offer_date: dt.date | None
    last_offer_answer: str
    last_offer_where: str
    delay_reason: str
    # Why the household said no to the last offer, in full ("" unless it was declined).
    last_offer_decline_reason: str = ""
    # Who carries the decision out: the user's full name ("" for nobody).
    responsible_name: str = ""

    @property
    def needs(self) -> str:
        return needs_text(
            self.need_adults,
            self.need_children,
            self.need_rooms,
            self.need_rent_ceiling_ore,
            self.need_accessibility,
        )

    @property
    def mark_label(self) -> str:
        return QUEUE_MARK_LABELS[self.mark]

    @property
    def last_offer(self) -> str:
        """ "2026-10-02 Tackade nej" or "" when no offer has been made."""
        if self.last_offer_date is None:
            return ""
        return f"{self.last_offer_date.isoformat()} {self.last_offer_answer}"

    @property
    def last_offer_in_full(self) -> str:
        """The last offer with where, and a decline's reason whole: what the list cuts short."""
        if self.last_offer_date is None:
            return ""
        where = f" ({self.last_offer_where})" if self.last_offer_where else ""
        reason = f": {self.last_offer_decline_reason}" if self.last_offer_decline_reason else ""
        return f"{self.last_offer_date.isoformat()}{where} {self.last_offer_answer}{reason}"


def _filtered(stmt: Any, filt: QueueFilter, today: dt.date) -> Any:
    stmt = stmt.where(
        Decision.kind == DecisionKind.HOUSING, Decision.status == DecisionStatus.WAITING
    )
    if filt.unit:
        stmt = stmt.where(Decision.unit == filt.unit)
    if filt.rooms is not None:
        stmt = stmt.where(Decision.need_rooms == filt.rooms)
    if filt.accessibility:
        stmt = stmt.where(Decision.need_accessibility.is_(True))
    if filt.children:
        stmt = stmt.where(Decision.need_children > 0)
    if filt.passed_only:
        stmt = stmt.where(Decision.decision_date <= latest_passed_decision_date(today))
    text = household_text_filter(filt.text, Decision.household_id)
    if text is not None:
        stmt = stmt.where(text)
    return stmt


def queue_count(db: Database, filt: QueueFilter, today: dt.date) -> int:
    stmt = _filtered(select(func.count(Decision.id)), filt, today)
    with db.sessions() as s:
        return int(s.scalar(stmt) or 0)


def queue_rows(
    db: Database,
    filt: QueueFilter,
    today: dt.date,
    *,
    limit: int | None = None,
    offset: int = 0,
    warn_days: int = WARN_DAYS,
) -> list[QueueRow]:
    """The waiting decisions, oldest first (then by id), `limit` rows from `offset`."""
    last_offer_id = (
        select(Offer.id)
        .where(Offer.decision_id == Decision.id)
        .order_by(Offer.offered_date.desc(), Offer.id.desc())
        .limit(1)
        .correlate(Decision)
        .scalar_subquery()
    )
    offer_count = (
        select(func.count(Offer.id))
        .where(Offer.decision_id == Decision.id)
        .correlate(Decision)
        .scalar_subquery()
    )
    last = aliased(Offer)
    offered = aliased(Dwelling)
    # The page of decisions first (by the status-and-date index), then the applicant and the
    # last offer for those rows only, not for the whole queue before it is cut.
    page = _filtered(
        select(
            Decision.id,
            applicant_id(Decision.household_id).label("person_id"),
            last_offer_id.label("offer_id"),
        ),
        filt,
        today,
    ).order_by(Decision.decision_date, Decision.id)
    if limit is not None:
        page = page.limit(limit)
    if offset:
        page = page.offset(offset)
    page = page.subquery()
    stmt = (
        # Plain columns, not Decision objects: a list reads many rows and keeps none of them.
        select(
            Decision.id,
            Decision.version,
            Decision.household_id,
            Decision.decision_date,
            Decision.reference,
            Decision.unit,
            Decision.decided_by,
            Decision.need_adults,
            Decision.need_children,
            Decision.need_rooms,
            Decision.need_rent_ceiling_ore,
            Decision.need_accessibility,
            Decision.need_areas_wished,
            Decision.need_areas_avoided,
            Decision.delay_reason,
            Decision.responsible,
            User.full_name.label("responsible_full_name"),
            Person.id.label("person_id"),
            Person.identity,
            Person.first_name,
            Person.last_name,
            Person.protected_identity,
            offer_count.label("offers"),
            last.offered_date,
            last.answer,
            last.decline_reason,
            offered.address,
        )
        .select_from(page)
        .join(Decision, Decision.id == page.c.id)
        .join(Person, Person.id == page.c.person_id)
        .outerjoin(last, last.id == page.c.offer_id)
        .outerjoin(offered, offered.id == last.dwelling_id)
        .outerjoin(User, User.username == Decision.responsible)
        .order_by(Decision.decision_date, Decision.id)
    )
    with db.sessions() as s:
        rows = s.execute(stmt).all()
    # The persons on the page fetched are shown: their ids go to the access log.
    record_page_shown(db, [r.person_id for r in rows], "kön", offset)
    result = []
    for r in rows:
        result.append(
            QueueRow(
                decision_id=r.id,
                version=r.version,
                household_id=r.household_id,
                person_id=r.person_id,
                personnummer=display_canonical(r.identity),
                name=f"{r.last_name}, {r.first_name}",
                protected=r.protected_identity,
                decision_date=r.decision_date,
                reference=r.reference,
                unit=r.unit,
                decided_by=r.decided_by,
                waiting_days=waiting_days(r.decision_date, None, today),
                three_months=three_months_date(r.decision_date),
                mark=three_months_urgency(r.decision_date, today, warn_days),
                need_adults=r.need_adults,
                need_children=r.need_children,
                need_rooms=r.need_rooms,
                need_rent_ceiling_ore=r.need_rent_ceiling_ore,
                need_accessibility=r.need_accessibility,
                areas_wished=r.need_areas_wished,
                areas_avoided=r.need_areas_avoided,
                offers=int(r.offers or 0),
                last_offer_date=r.offered_date,
                last_offer_answer=OfferAnswer(r.answer).label if r.answer else "",
                last_offer_where=(
                    PROTECTED_TEXT if r.protected_identity and r.address else (r.address or "")
                ),
                delay_reason=r.delay_reason,
                last_offer_decline_reason=r.decline_reason or "",
                responsible_name=shown_responsible(r.responsible_full_name, r.responsible),
            )
        )
    return result


def queue_units(db: Database) -> list[str]:
    """The deciding units of the decisions in the queue, for the unit filter."""
    with db.sessions() as s:
        units = s.scalars(
            select(Decision.unit)
            .where(
                Decision.kind == DecisionKind.HOUSING,
                Decision.status == DecisionStatus.WAITING,
                Decision.unit != "",
            )
            .distinct()
            .order_by(Decision.unit)
        ).all()
    return list(units)
