"""The timeline of a person and their household: every event, from every part of the work.

Decisions and offers, contracts and their periods, meetings, boendestöd, rent debts,
disturbances, eviction notices, egna medel and the letters sent, in date order. An event of
another member of the household names that member. No address is ever part of an event.

Each event says who recorded it: the audit trail's entry for what was done (an offer's answer,
a decision's end), else the row's created_by (or, for a later step that left no audit entry,
the row's last writer), shown by the user's full name when the users list has one. An event
dated after today is planned, and says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from bobudget.db.engine import Database
from bobudget.db.uow import IMPORT_AUDIT_ACTION
from bobudget.follow_up.trouble import month_label
from bobudget.kernel.errors import NotFoundError
from bobudget.kernel.money import format_amount
from bobudget.letters.kinds import KINDS
from bobudget.model import (
    AuditEntry,
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
    User,
)
from bobudget.model.vocab import ContractKind, DecisionKind, NoticeSender, OfferAnswer

__all__ = [
    "PLANNED_TEXT",
    "Event",
    "TimelineEvent",
    "card_events",
    "get_timeline",
    "is_planned",
    "person_timeline",
]

# The word that marks an event still to come, in the card's text (not only by its colour).
PLANNED_TEXT = "Planerat"

# (entity, id, action) of the audit entry that records the event: uow.audit's words.
AuditKey = tuple[str, int, str]


def is_planned(date: dt.date, today: dt.date) -> bool:
    """An event dated after today has not happened yet: it is planned."""
    return date > today


@dataclass(frozen=True)
class Event:
    """One line of the person card's history."""

    date: dt.date
    what: str
    recorded_by: str = ""  # the user's full name, else the login; "" when nobody is known
    planned: bool = False


@dataclass(frozen=True)
class TimelineEvent:
    date: dt.date
    what: str
    # beslut, kontrakt, möte, stöd, skuld, störning, underrättelse, egna_medel, brev
    category: str
    # Another household member's name when the event is theirs; "" for the person's own.
    who: str = ""
    # The login of whoever wrote the row (the fallback when no audit entry names the step).
    by: str = ""
    audit: AuditKey | None = None
    recorded_by: str = ""  # filled in by person_timeline: full name, else the login
    planned: bool = False

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


def person_timeline(
    session: Session, person_id: int, today: dt.date | None = None
) -> list[TimelineEvent]:
    """Every event of the person and their household, oldest first."""
    today = today or dt.date.today()
    households, members = _ids(session, person_id)
    events = [
        *_decisions(session, households),
        *_contracts(session, households, members, today),
        *_person_rows(session, members),
    ]
    logins = _audited_logins(session, [e.audit for e in events if e.audit is not None])
    names = _full_names(session, {logins.get(e.audit, e.by) if e.audit else e.by for e in events})
    events = [
        replace(
            e,
            recorded_by=names.get(login, login),
            planned=is_planned(e.date, today),
        )
        for e in events
        for login in [logins.get(e.audit, e.by) if e.audit else e.by]
    ]
    # Same day: in the order the work goes (a decision before its contract before a meeting).
    order = {c: n for n, c in enumerate(_CATEGORY_ORDER)}
    events.sort(key=lambda e: (e.date, order.get(e.category, 99)))
    return events


def _audited_logins(session: Session, keys: list[AuditKey]) -> dict[AuditKey, str]:
    """Who did each step, from the audit trail: the latest entry of that action on that row.

    A row imported from the unit's lists was recorded whole by the importer, so its "import"
    entry answers for every step of it.
    """
    by_entity: dict[str, set[int]] = {}
    for entity, entity_id, _action in keys:
        by_entity.setdefault(entity, set()).add(entity_id)
    found: dict[AuditKey, str] = {}
    imported: dict[tuple[str, int], str] = {}
    for entity, ids in by_entity.items():
        rows = session.execute(
            select(AuditEntry.entity_id, AuditEntry.action, AuditEntry.username)
            .where(AuditEntry.entity == entity, AuditEntry.entity_id.in_(ids))
            .order_by(AuditEntry.at, AuditEntry.id)
        )
        for row_id, action, username in rows:
            if row_id is None:
                continue
            found[(entity, row_id, action)] = username  # the latest wins
            if action == IMPORT_AUDIT_ACTION:
                imported[(entity, row_id)] = username
    for entity, entity_id, action in keys:
        key = (entity, entity_id, action)
        if key not in found and (entity, entity_id) in imported:
            found[key] = imported[(entity, entity_id)]
    return found


def _full_names(session: Session, logins: set[str]) -> dict[str, str]:
    """The full name of each login the users list knows; the others are left out."""
    logins.discard("")
    if not logins:
        return {}
    rows = session.execute(select(User.username, User.full_name).where(User.username.in_(logins)))
    return {login: name.strip() for login, name in rows if name.strip()}


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


def get_timeline(db: Database, person_id: int, today: dt.date | None = None) -> list[TimelineEvent]:
    with db.sessions() as session:
        if session.get(Person, person_id) is None:
            raise NotFoundError("Personen finns inte längre i databasen.")
        return person_timeline(session, person_id, today)


def card_events(session: Session, person_id: int, today: dt.date | None = None) -> list[Event]:
    """The timeline as the person card's events."""
    return [
        Event(e.date, e.text, e.recorded_by, e.planned)
        for e in person_timeline(session, person_id, today)
    ]


def _decisions(session: Session, households: list[int]) -> Iterator[TimelineEvent]:
    if not households:
        return
    decisions = session.scalars(
        select(Decision)
        .where(Decision.household_id.in_(households))
        .options(selectinload(Decision.offers))
    )
    for d in decisions:
        label = DecisionKind(d.kind).label
        yield TimelineEvent(
            d.decision_date,
            f"Beslut: {label} ({d.reference or 'utan dnr'})",
            "beslut",
            by=d.created_by,
            audit=("decision", d.id, "create"),
        )
        for o in d.offers:
            yield TimelineEvent(
                o.offered_date,
                "Erbjudande om bostad",
                "beslut",
                by=o.created_by,
                audit=("offer", o.id, "create"),
            )
            answered = ("offer", o.id, "answer")
            if o.answer == OfferAnswer.DECLINED and o.answer_date:
                why = f": {o.decline_reason}" if o.decline_reason else ""
                yield TimelineEvent(
                    o.answer_date,
                    f"Erbjudandet avböjdes{why}",
                    "beslut",
                    by=o.updated_by,
                    audit=answered,
                )
            elif o.answer == OfferAnswer.ACCEPTED and o.answer_date:
                yield TimelineEvent(
                    o.answer_date,
                    "Erbjudandet accepterades",
                    "beslut",
                    by=o.updated_by,
                    audit=answered,
                )
        if d.executed_date:
            yield TimelineEvent(
                d.executed_date,
                f"Beslut verkställt: {label}",
                "beslut",
                by=d.updated_by,
                audit=("decision", d.id, "execute"),
            )
        if d.ended_date:
            why = f": {d.end_reason}" if d.end_reason else ""
            yield TimelineEvent(
                d.ended_date,
                f"Beslut avslutat{why}",
                "beslut",
                by=d.updated_by,
                audit=("decision", d.id, "end"),
            )


def _contracts(
    session: Session, households: list[int], members: dict[int, str], today: dt.date
) -> Iterator[TimelineEvent]:
    contracts = session.scalars(
        select(Contract)
        .where(or_(Contract.person_id.in_(members), Contract.household_id.in_(households)))
        .options(selectinload(Contract.periods))
    ).all()
    ids = [c.id for c in contracts]
    for c in contracts:
        who = members.get(c.person_id, "")
        label = ContractKind(c.kind).label
        yield TimelineEvent(
            c.start_date,
            f"{label} börjar",
            "kontrakt",
            who,
            by=c.created_by,
            audit=("contract", c.id, "create"),
        )
        for p in c.periods[1:]:
            # A period is its own row, written by the renewal.
            yield TimelineEvent(
                p.start_date,
                f"Förlängning {p.sequence - 1} till {p.end_date.isoformat()}",
                "kontrakt",
                who,
                by=p.created_by,
            )
        if c.takeover_reviewed_date:
            yield TimelineEvent(
                c.takeover_reviewed_date,
                "Övertagandeprövning",
                "kontrakt",
                who,
                by=c.updated_by,
                audit=("contract", c.id, "takeover_review"),
            )
        if c.takeover_date:
            yield TimelineEvent(
                c.takeover_date,
                "Övertagande av kontraktet",
                "kontrakt",
                who,
                by=c.updated_by,
                audit=("contract", c.id, "takeover"),
            )
        elif c.end_date:
            why = f": {c.end_reason}" if c.end_reason else ""
            yield TimelineEvent(
                c.end_date,
                f"{label} slutar{why}",
                "kontrakt",
                who,
                by=c.updated_by,
                audit=("contract", c.id, "end"),
            )
    if not ids:
        return
    owner = {c.id: members.get(c.person_id, "") for c in contracts}
    for m in session.scalars(select(StartupMeeting).where(StartupMeeting.contract_id.in_(ids))):
        if m.meeting_date:
            state = "checklistan klar" if m.closed else "checklistan inte klar"
            yield TimelineEvent(
                m.meeting_date,
                f"Uppstartsmöte ({state})",
                "möte",
                owner[m.contract_id],
                by=m.updated_by,
                audit=("startup_meeting", m.id, "close" if m.closed else "update"),
            )
    for f in session.scalars(select(FollowUp).where(FollowUp.contract_id.in_(ids))):
        if f.held_date is not None:
            outcome = f": {f.outcome}" if f.outcome else ""
            yield TimelineEvent(
                f.held_date,
                f"Uppföljningsmöte{outcome}",
                "möte",
                owner[f.contract_id],
                by=f.updated_by,
                audit=("follow_up", f.id, "record"),
            )
        elif is_planned(f.due_date, today):
            # The next follow-up, when it lies ahead; one overdue is Att göra's, not history.
            yield TimelineEvent(
                f.due_date,
                "Uppföljningsmöte",
                "möte",
                owner[f.contract_id],
                by=f.created_by,
                audit=("follow_up", f.id, "plan"),
            )


def _person_rows(session: Session, members: dict[int, str]) -> Iterator[TimelineEvent]:
    ids = list(members)
    for s in session.scalars(select(HousingSupport).where(HousingSupport.person_id.in_(ids))):
        who = members[s.person_id]
        hours = f", {s.hours_per_week} tim/vecka".replace(".", ",") if s.hours_per_week else ""
        yield TimelineEvent(
            s.start_date,
            f"Boendestöd börjar ({s.provider}{hours})",
            "stöd",
            who,
            by=s.created_by,
            audit=("housing_support", s.id, "create"),
        )
        if s.last_reviewed_date:
            yield TimelineEvent(
                s.last_reviewed_date,
                "Boendestöd omprövat",
                "stöd",
                who,
                by=s.updated_by,
                audit=("housing_support", s.id, "review"),
            )
        if s.end_date:
            yield TimelineEvent(
                s.end_date,
                "Boendestöd slutar",
                "stöd",
                who,
                by=s.updated_by,
                audit=("housing_support", s.id, "update"),
            )
    for a in session.scalars(select(RentArrear).where(RentArrear.person_id.in_(ids))):
        yield TimelineEvent(
            a.registered_date,
            f"Hyresskuld för {month_label(a.month)}: {format_amount(a.amount_ore)}",
            "skuld",
            members[a.person_id],
            by=a.created_by,
            audit=("rent_arrear", a.id, "create"),
        )
    for d in session.scalars(select(Disturbance).where(Disturbance.person_id.in_(ids))):
        yield TimelineEvent(
            d.reported_date,
            f"Störningsanmälan: {d.description}",
            "störning",
            members[d.person_id],
            by=d.created_by,
            audit=("disturbance", d.id, "create"),
        )
    yield from _notices_and_meetings(session, members)
    for acc in session.scalars(
        select(ManagedFundsAccount).where(ManagedFundsAccount.person_id.in_(ids))
    ):
        who = members[acc.person_id]
        yield TimelineEvent(
            acc.power_of_attorney_start,
            "Egna medel: fullmakten börjar gälla",
            "egna_medel",
            who,
            by=acc.created_by,
            audit=("managed_funds_account", acc.id, "create"),
        )
        if acc.closed_date:
            yield TimelineEvent(
                acc.closed_date,
                "Egna medel: kontot avslutat",
                "egna_medel",
                who,
                by=acc.updated_by,
                audit=("managed_funds_account", acc.id, "close"),
            )
    for letter in session.scalars(select(PrintedLetter).where(PrintedLetter.person_id.in_(ids))):
        kind = KINDS.get(letter.kind)
        name = kind.name if kind is not None else letter.kind
        yield TimelineEvent(
            letter.created_at.date(),
            f"Brev: {name}",
            "brev",
            members.get(letter.person_id or 0, ""),
            by=letter.created_by,
        )


def _notices_and_meetings(session: Session, members: dict[int, str]) -> Iterator[TimelineEvent]:
    ids = list(members)
    for n in session.scalars(select(EvictionNotice).where(EvictionNotice.person_id.in_(ids))):
        who = members[n.person_id]
        sender = NoticeSender(n.sender).label.lower()
        case = f" ({n.case_number})" if n.case_number else ""
        yield TimelineEvent(
            n.received_date,
            f"Underrättelse om risk för avhysning från {sender}{case}",
            "underrättelse",
            who,
            by=n.created_by,
            audit=("eviction_notice", n.id, "create"),
        )
        if n.closed_date:
            yield TimelineEvent(
                n.closed_date,
                "Underrättelsen avslutad",
                "underrättelse",
                who,
                by=n.updated_by,
                audit=("eviction_notice", n.id, "close"),
            )
    for m in session.scalars(select(MultipartyMeeting).where(MultipartyMeeting.person_id.in_(ids))):
        who = members[m.person_id]
        if m.agreed and m.meeting_date:
            yield TimelineEvent(
                m.meeting_date,
                f"Flerpartssamtal hållet: {m.agreed}",
                "möte",
                who,
                by=m.updated_by,
                audit=("multiparty_meeting", m.id, "record"),
            )
        elif m.meeting_date:
            yield TimelineEvent(
                m.meeting_date,
                "Flerpartssamtal bokat",
                "möte",
                who,
                by=m.updated_by,
                audit=("multiparty_meeting", m.id, "book"),
            )
        else:
            # Opened by the rule (two rent debts), so whoever registered the debt opened it.
            yield TimelineEvent(
                m.due_date,
                "Flerpartssamtal ska erbjudas",
                "möte",
                who,
                by=m.created_by,
                audit=("multiparty_meeting", m.id, "create"),
            )
        if m.consent_recorded_at:
            yield TimelineEvent(
                m.consent_recorded_at.date(),
                "Samtycke till flerpartssamtal registrerat",
                "möte",
                who,
                by=m.updated_by,
                audit=("multiparty_meeting", m.id, "consent"),
            )
