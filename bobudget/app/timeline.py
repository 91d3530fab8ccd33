"""The timeline of a person and their household: every event, from every part of the work.

Decisions and offers, contracts and their periods, meetings, boendestöd, rent debts,
disturbances, eviction notices, egna medel and the letters sent, in date order. An event of
another member of the household names that member. No address is ever part of an event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from bobudget.db.engine import Database
from bobudget.follow_up.common import SENDER_LABELS
from bobudget.follow_up.trouble import month_label
from bobudget.kernel.errors import NotFoundError
from bobudget.kernel.money import format_amount
from bobudget.letters.kinds import KINDS
from bobudget.model import (
    Contract,
    Decision,
    Disturbance,
    EvictionNotice,
    FollowUp,
    HouseholdMember,
    HousingSupport,
    ManagedFundsAccount,
    MultipartyMeeting,
    Person,
    PrintedLetter,
    RentArrear,
    StartupMeeting,
)
from bobudget.persons.registry import CONTRACT_KIND_LABELS, DECISION_KIND_LABELS

__all__ = ["Event", "TimelineEvent", "card_events", "get_timeline", "person_timeline"]


@dataclass(frozen=True)
class Event:
    """One line of the person card's history."""

    date: dt.date
    what: str


@dataclass(frozen=True)
class TimelineEvent:
    date: dt.date
    what: str
    # beslut, kontrakt, möte, stöd, skuld, störning, underrättelse, egna_medel, brev
    category: str
    # Another household member's name when the event is theirs; "" for the person's own.
    who: str = ""

    @property
    def text(self) -> str:
        return f"{self.what} ({self.who})" if self.who else self.what


def _ids(session: Session, person_id: int) -> tuple[list[int], dict[int, str]]:
    """The person's households, and every member of them by id with their name."""
    households = list(
        session.scalars(
            select(HouseholdMember.household_id).where(HouseholdMember.person_id == person_id)
        )
    )
    members = {person_id: ""}
    if households:
        rows = session.execute(
            select(Person.id, Person.first_name, Person.last_name)
            .join(HouseholdMember, HouseholdMember.person_id == Person.id)
            .where(HouseholdMember.household_id.in_(households))
        )
        for pid, first, last in rows:
            if pid != person_id:
                members[pid] = f"{first} {last}".strip()
    return households, members


def person_timeline(session: Session, person_id: int) -> list[TimelineEvent]:
    """Every event of the person and their household, oldest first."""
    households, members = _ids(session, person_id)
    events = [
        *_decisions(session, households),
        *_contracts(session, households, members),
        *_person_rows(session, members),
    ]
    # Same day: in the order the work goes (a decision before its contract before a meeting).
    order = {c: n for n, c in enumerate(_CATEGORY_ORDER)}
    events.sort(key=lambda e: (e.date, order.get(e.category, 99)))
    return events


_CATEGORY_ORDER = (
    "beslut",
    "kontrakt",
    "möte",
    "stöd",
    "skuld",
    "störning",
    "underrättelse",
    "egna_medel",
    "brev",
)


def get_timeline(db: Database, person_id: int) -> list[TimelineEvent]:
    with db.sessions() as session:
        if session.get(Person, person_id) is None:
            raise NotFoundError("Personen finns inte längre i databasen.")
        return person_timeline(session, person_id)


def card_events(session: Session, person_id: int) -> list[Event]:
    """The timeline as the person card's events."""
    return [Event(e.date, e.text) for e in person_timeline(session, person_id)]


def _decisions(session: Session, households: list[int]) -> Iterator[TimelineEvent]:
    if not households:
        return
    decisions = session.scalars(
        select(Decision)
        .where(Decision.household_id.in_(households))
        .options(selectinload(Decision.offers))
    )
    for d in decisions:
        label = DECISION_KIND_LABELS.get(d.kind, d.kind)
        yield TimelineEvent(
            d.decision_date, f"Beslut: {label} ({d.reference or 'utan dnr'})", "beslut"
        )
        for o in d.offers:
            yield TimelineEvent(o.offered_date, "Erbjudande om bostad", "beslut")
            if o.answer == "declined" and o.answer_date:
                why = f": {o.decline_reason}" if o.decline_reason else ""
                yield TimelineEvent(o.answer_date, f"Erbjudandet avböjdes{why}", "beslut")
            elif o.answer == "accepted" and o.answer_date:
                yield TimelineEvent(o.answer_date, "Erbjudandet accepterades", "beslut")
        if d.executed_date:
            yield TimelineEvent(d.executed_date, f"Beslut verkställt: {label}", "beslut")
        if d.ended_date:
            why = f": {d.end_reason}" if d.end_reason else ""
            yield TimelineEvent(d.ended_date, f"Beslut avslutat{why}", "beslut")


def _contracts(
    session: Session, households: list[int], members: dict[int, str]
) -> Iterator[TimelineEvent]:
    contracts = session.scalars(
        select(Contract)
        .where(or_(Contract.person_id.in_(members), Contract.household_id.in_(households)))
        .options(selectinload(Contract.periods))
    ).all()
    ids = [c.id for c in contracts]
    for c in contracts:
        who = members.get(c.person_id, "")
        label = CONTRACT_KIND_LABELS.get(c.kind, c.kind)
        yield TimelineEvent(c.start_date, f"{label} börjar", "kontrakt", who)
        for p in c.periods[1:]:
            yield TimelineEvent(
                p.start_date,
                f"Förlängning {p.sequence - 1} till {p.end_date.isoformat()}",
                "kontrakt",
                who,
            )
        if c.takeover_reviewed_date:
            yield TimelineEvent(c.takeover_reviewed_date, "Övertagandeprövning", "kontrakt", who)
        if c.takeover_date:
            yield TimelineEvent(c.takeover_date, "Övertagande av kontraktet", "kontrakt", who)
        elif c.end_date:
            why = f": {c.end_reason}" if c.end_reason else ""
            yield TimelineEvent(c.end_date, f"{label} slutar{why}", "kontrakt", who)
    if not ids:
        return
    owner = {c.id: members.get(c.person_id, "") for c in contracts}
    for m in session.scalars(select(StartupMeeting).where(StartupMeeting.contract_id.in_(ids))):
        if m.meeting_date:
            state = "checklistan klar" if m.closed else "checklistan inte klar"
            yield TimelineEvent(
                m.meeting_date, f"Uppstartsmöte ({state})", "möte", owner[m.contract_id]
            )
    for f in session.scalars(
        select(FollowUp).where(FollowUp.contract_id.in_(ids), FollowUp.held_date.is_not(None))
    ):
        assert f.held_date is not None
        outcome = f": {f.outcome}" if f.outcome else ""
        yield TimelineEvent(f.held_date, f"Uppföljningsmöte{outcome}", "möte", owner[f.contract_id])


def _person_rows(session: Session, members: dict[int, str]) -> Iterator[TimelineEvent]:
    ids = list(members)
    for s in session.scalars(select(HousingSupport).where(HousingSupport.person_id.in_(ids))):
        who = members[s.person_id]
        hours = f", {s.hours_per_week} tim/vecka".replace(".", ",") if s.hours_per_week else ""
        yield TimelineEvent(s.start_date, f"Boendestöd börjar ({s.provider}{hours})", "stöd", who)
        if s.last_reviewed_date:
            yield TimelineEvent(s.last_reviewed_date, "Boendestöd omprövat", "stöd", who)
        if s.end_date:
            yield TimelineEvent(s.end_date, "Boendestöd slutar", "stöd", who)
    for a in session.scalars(select(RentArrear).where(RentArrear.person_id.in_(ids))):
        yield TimelineEvent(
            a.registered_date,
            f"Hyresskuld för {month_label(a.month)}: {format_amount(a.amount_ore)}",
            "skuld",
            members[a.person_id],
        )
    for d in session.scalars(select(Disturbance).where(Disturbance.person_id.in_(ids))):
        yield TimelineEvent(
            d.reported_date, f"Störningsanmälan: {d.description}", "störning", members[d.person_id]
        )
    yield from _notices_and_meetings(session, members)
    for acc in session.scalars(
        select(ManagedFundsAccount).where(ManagedFundsAccount.person_id.in_(ids))
    ):
        who = members[acc.person_id]
        yield TimelineEvent(
            acc.power_of_attorney_start, "Egna medel: fullmakten börjar gälla", "egna_medel", who
        )
        if acc.closed_date:
            yield TimelineEvent(acc.closed_date, "Egna medel: kontot avslutat", "egna_medel", who)
    for letter in session.scalars(select(PrintedLetter).where(PrintedLetter.person_id.in_(ids))):
        kind = KINDS.get(letter.kind)
        name = kind.name if kind is not None else letter.kind
        yield TimelineEvent(
            letter.created_at.date(),
            f"Brev: {name}",
            "brev",
            members.get(letter.person_id or 0, ""),
        )


def _notices_and_meetings(session: Session, members: dict[int, str]) -> Iterator[TimelineEvent]:
    ids = list(members)
    for n in session.scalars(select(EvictionNotice).where(EvictionNotice.person_id.in_(ids))):
        who = members[n.person_id]
        sender = SENDER_LABELS.get(n.sender, n.sender).lower()
        case = f" ({n.case_number})" if n.case_number else ""
        yield TimelineEvent(
            n.received_date,
            f"Underrättelse om risk för avhysning från {sender}{case}",
            "underrättelse",
            who,
        )
        if n.closed_date:
            yield TimelineEvent(n.closed_date, "Underrättelsen avslutad", "underrättelse", who)
    for m in session.scalars(select(MultipartyMeeting).where(MultipartyMeeting.person_id.in_(ids))):
        who = members[m.person_id]
        if m.agreed and m.meeting_date:
            yield TimelineEvent(m.meeting_date, f"Flerpartssamtal hållet: {m.agreed}", "möte", who)
        elif m.meeting_date:
            yield TimelineEvent(m.meeting_date, "Flerpartssamtal bokat", "möte", who)
        else:
            yield TimelineEvent(m.due_date, "Flerpartssamtal ska erbjudas", "möte", who)
        if m.consent_recorded_at:
            yield TimelineEvent(
                m.consent_recorded_at.date(),
                "Samtycke till flerpartssamtal registrerat",
                "möte",
                who,
            )
