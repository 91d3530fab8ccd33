"""Booked meetings as an iCalendar file for Outlook: start-up meetings, follow-ups,
flerpartssamtal and the renewals of temporary housing.

A calendar is not covered by social-services secrecy (it is shared, synced to phones, shown on
screens), so an event carries no name, personnummer or address: only the kind of meeting, the
case reference (BU-<the person's id>, which the person search finds), the place and the time.
A place typed as the tenant's home or naming the person is replaced by a pointer to the case;
a person with protected personal data never has a place in the calendar at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from bobudget.db.access import record_access
from bobudget.db.engine import Database
from bobudget.kernel.errors import DomainError, ValidationError
from bobudget.kernel.ical import CalendarEvent, calendar_bytes
from bobudget.kernel.labelled import Vocabulary
from bobudget.model import (
    Contract,
    ContractPeriod,
    Dwelling,
    FollowUp,
    MultipartyMeeting,
    Person,
    StartupMeeting,
    User,
)
from bobudget.model.vocab import AccessKind, ContractKind, PeriodOutcome
from bobudget.persons.reference import CASE_PREFIX, case_reference, parse_case_reference
from bobudget.placement.rules import renewal_action_date

__all__ = [
    "CASE_PREFIX",
    "MEETING_MINUTES",
    "PLACE_HIDDEN",
    "BookedMeeting",
    "MeetingFilter",
    "MeetingKind",
    "booked_meetings",
    "calendar_place",
    "calendar_users",
    "case_reference",
    "export_calendar",
    "meeting_event",
    "parse_case_reference",
    "week_of",
    "write_calendar",
]

# A meeting is booked with its start only; an hour is what the unit books for one.
MEETING_MINUTES = 60
PLACE_HIDDEN = "Se ärendet i bobudget"
_UID_DOMAIN = "bobudget"


class MeetingKind(Vocabulary):
    """The kinds of meeting a calendar shows (not stored: each comes from its own table)."""

    STARTUP = "startup", "Uppstartsmöte"
    FOLLOW_UP = "follow_up", "Uppföljningsmöte"
    MULTIPARTY = "multiparty", "Flerpartssamtal"
    RENEWAL = "renewal", "Förlängning av tillfälligt boende"


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def calendar_place(place: str, private: Iterable[str], *, protected: bool) -> str:
    """The place as the calendar may show it.

    Empty for a person with protected personal data (no place of theirs leaves the program);
    PLACE_HIDDEN when the typed place holds any of the person's private texts (their name,
    their address or their dwelling's, their number), as "hos Anna, Storgatan 5" would.
    """
    place = place.strip()
    if protected or not place:
        return ""
    folded, digits = _folded(place), _digits(place)
    for text in private:
        text_folded = _folded(text)
        if len(text_folded) >= 2 and text_folded in folded:
            return PLACE_HIDDEN
        # A personnummer written with or without its dash or century.
        number = _digits(text)
        if len(number) >= 10 and number[-10:] in digits:
            return PLACE_HIDDEN
    return place


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the day's week."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


@dataclass(frozen=True)
class BookedMeeting:
    kind: MeetingKind
    row_id: int  # the meeting's row (the period's, for a renewal)
    person_id: int
    day: dt.date
    time: str  # "09:30", or "" when only the day is booked
    place: str  # already as the calendar may show it
    responsible: str
    version: int
    changed_at: dt.datetime

    @property
    def reference(self) -> str:
        return case_reference(self.person_id)

    @property
    def key(self) -> str:
        """What a list selects a meeting by: kind and row."""
        return f"{self.kind}-{self.row_id}"

    @property
    def title(self) -> str:
        return f"{self.kind.label} {self.reference}"


@dataclass(frozen=True)
class MeetingFilter:
    first: dt.date | None = None
    last: dt.date | None = None
    user: str | None = None  # only the meetings this username is responsible for
    person_id: int | None = None

    def holds(self, day: dt.date) -> bool:
        return (self.first is None or day >= self.first) and (self.last is None or day <= self.last)


def _private(person: Person, dwelling: Dwelling | None) -> list[str]:
    texts = [person.first_name, person.last_name, person.full_name, person.address, person.identity]
    if dwelling is not None:
        texts.append(dwelling.address)
    return [t for t in texts if t and t.strip()]


def _place(place: str, person: Person, dwelling: Dwelling | None) -> str:
    return calendar_place(place, _private(person, dwelling), protected=person.protected_identity)


def _time(text: str) -> dt.time | None:
    try:
        return dt.time.fromisoformat(text) if text else None
    except ValueError:  # an old row typed before times were checked: the day still holds
        return None


def _timed(
    s: Session,
    f: MeetingFilter,
    kind: MeetingKind,
    model: type[StartupMeeting] | type[MultipartyMeeting],
    person_id: InstrumentedAttribute[int],
    stmt: Select[Any, Person, Dwelling],
) -> Iterable[BookedMeeting]:
    """A meeting booked for a day, an hour and a place: a start-up meeting or a flerpartssamtal."""
    stmt = stmt.where(model.meeting_date.is_not(None))
    if f.first is not None:
        stmt = stmt.where(model.meeting_date >= f.first)
    if f.last is not None:
        stmt = stmt.where(model.meeting_date <= f.last)
    if f.user is not None:
        stmt = stmt.where(model.responsible == f.user)
    if f.person_id is not None:
        stmt = stmt.where(person_id == f.person_id)
    for m, person, dwelling in s.execute(stmt).all():
        assert m.meeting_date is not None
        yield BookedMeeting(
            kind,
            m.id,
            person.id,
            m.meeting_date,
            m.meeting_time if _time(m.meeting_time) else "",
            _place(m.place, person, dwelling),
            m.responsible or "",
            m.version,
            m.updated_at,
        )


def _startups(s: Session, f: MeetingFilter) -> Iterable[BookedMeeting]:
    stmt = (
        select(StartupMeeting, Person, Dwelling)
        .join(Contract, Contract.id == StartupMeeting.contract_id)
        .join(Person, Person.id == Contract.person_id)
        .outerjoin(Dwelling, Dwelling.id == Contract.dwelling_id)
    )
    return _timed(s, f, MeetingKind.STARTUP, StartupMeeting, Contract.person_id, stmt)


def _follow_ups(s: Session, f: MeetingFilter) -> Iterable[BookedMeeting]:
    # A follow-up is booked for a day (no hour, no place): it is held at the tenant's home or
    # at the office as agreed, so the calendar shows the day only.
    stmt = (
        select(FollowUp, Person)
        .join(Contract, Contract.id == FollowUp.contract_id)
        .join(Person, Person.id == Contract.person_id)
    )
    if f.user is not None:
        stmt = stmt.where(FollowUp.responsible == f.user)
    if f.person_id is not None:
        stmt = stmt.where(Contract.person_id == f.person_id)
    if f.last is not None:
        stmt = stmt.where(FollowUp.due_date <= f.last)  # held on or after its due day, or not
    for row, person in s.execute(stmt).all():
        day = row.held_date or row.due_date
        if f.holds(day):
            yield BookedMeeting(
                MeetingKind.FOLLOW_UP,
                row.id,
                person.id,
                day,
                "",
                "",
                row.responsible or "",
                row.version,
                row.updated_at,
            )


def _multiparty(s: Session, f: MeetingFilter) -> Iterable[BookedMeeting]:
    stmt = (
        select(MultipartyMeeting, Person, Dwelling)
        .join(Person, Person.id == MultipartyMeeting.person_id)
        .outerjoin(Contract, Contract.id == MultipartyMeeting.contract_id)
        .outerjoin(Dwelling, Dwelling.id == Contract.dwelling_id)
    )
    return _timed(
        s, f, MeetingKind.MULTIPARTY, MultipartyMeeting, MultipartyMeeting.person_id, stmt
    )


def _renewals(s: Session, f: MeetingFilter) -> Iterable[BookedMeeting]:
    # The renewal is decided by the period's action date; it is in the calendar of the user
    # responsible for the placement.
    stmt = (
        select(ContractPeriod, Contract.person_id, Contract.responsible)
        .join(Contract, Contract.id == ContractPeriod.contract_id)
        .where(
            Contract.kind == ContractKind.TEMPORARY,
            Contract.end_date.is_(None),
            ContractPeriod.outcome == PeriodOutcome.PENDING,
        )
    )
    if f.person_id is not None:
        stmt = stmt.where(Contract.person_id == f.person_id)
    if f.user is not None:
        stmt = stmt.where(Contract.responsible == f.user)
    if f.first is not None:
        stmt = stmt.where(ContractPeriod.end_date >= f.first)  # the action is never after it
    for period, person_id, responsible in s.execute(stmt).all():
        day = renewal_action_date(period.end_date)
        if f.holds(day):
            yield BookedMeeting(
                MeetingKind.RENEWAL,
                period.id,
                person_id,
                day,
                "",
                "",
                responsible or "",
                period.version,
                period.updated_at,
            )


def booked_meetings(db: Database, f: MeetingFilter = MeetingFilter()) -> list[BookedMeeting]:
    """Every booked meeting the filter holds, by day and time."""
    with db.sessions() as s:
        if f.user is not None:
            _check_user(s, f.user)
        found = [
            *_startups(s, f),
            *_follow_ups(s, f),
            *_multiparty(s, f),
            *_renewals(s, f),
        ]
    return sorted(found, key=lambda m: (m.day, m.time or "", m.kind, m.row_id))


def _check_user(s: Session, username: str) -> None:
    if s.scalar(select(User.id).where(User.username == username)) is None:
        raise ValidationError(
            f"Det finns ingen användare med användarnamnet '{username}'. Skriv användarnamnet "
            "som du loggar in med (det som står som Ansvarig), eller utelämna --user."
        )


def calendar_users(db: Database) -> list[tuple[str, str]]:
    """The active users a week's calendar can be made for: username and full name."""
    with db.sessions() as s:
        rows = s.execute(
            select(User.username, User.full_name)
            .where(User.active.is_(True))
            .order_by(User.full_name, User.username)
        ).all()
    return [(username, full or username) for username, full in rows]


def meeting_event(meeting: BookedMeeting) -> CalendarEvent:
    start = _time(meeting.time)
    return CalendarEvent(
        uid=f"{meeting.kind}-{meeting.row_id}@{_UID_DOMAIN}",
        summary=meeting.title,
        day=meeting.day,
        start=start,
        minutes=MEETING_MINUTES,
        location=meeting.place,
        description=(
            f"{meeting.kind.label}, ärende {meeting.reference}. Sök på {meeting.reference} i "
            "bobudget för vem mötet gäller; namn och personnummer står aldrig i kalendern."
        ),
        category=meeting.kind.label,
        sequence=meeting.version,
        changed_at=meeting.changed_at,
    )


def write_calendar(meetings: Sequence[BookedMeeting], path: Path, *, name: str) -> int:
    """Write the meetings to an .ics file; the number written. The file is whole or absent."""
    data = calendar_bytes((meeting_event(m) for m in meetings), name=name)
    partial = path.with_name(path.name + ".tmp")
    try:
        partial.write_bytes(data)
        partial.replace(path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise DomainError(
            f"Kalenderfilen kunde inte sparas i {path} ({error.strerror or error}). "
            "Välj en mapp du kan skriva i och försök igen."
        ) from None
    return len(meetings)


def export_calendar(
    db: Database, path: Path, f: MeetingFilter = MeetingFilter(), *, name: str = ""
) -> int:
    """The filter's booked meetings written to `path`; the number written."""
    if f.first is not None and f.last is not None and f.last < f.first:
        raise ValidationError(
            f"Slutdatumet {f.last.isoformat()} ligger före startdatumet {f.first.isoformat()}. "
            "Ange ett slutdatum samma dag eller senare."
        )
    meetings = booked_meetings(db, f)
    written = write_calendar(meetings, path, name=name or _name(f))
    # Only case references leave in the file, but they name whom the meetings are with.
    record_access(
        db, AccessKind.EXPORT, (m.person_id for m in meetings), f"kalender, {written} möten"
    )
    return written


def _name(f: MeetingFilter) -> str:
    name = "bobudget möten"
    if f.user:
        name += f" – {f.user}"
    if f.first and f.last:
        name += f" {f.first.isoformat()}–{f.last.isoformat()}"
    return name
