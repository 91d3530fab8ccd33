"""Kartläggningen: the homelessness survey's count for one measurement week.

Everyone the program tracks is classified from their data by the national definition
(Socialstyrelsen): temporary housing → situation 1, a socialt or bostadssocialt kontrakt not
yet taken over → situation 3; a Bostad först tenant has a lease of their own and is not
counted. Persons entered by hand for the week (usually from other units: situations 2 and 4)
join them. A person is counted once, by personnummer, in the most acute situation found.

The ids behind a cell are person ids for persons in the register and the negated id of a
hand-entered row (survey_entries) for the others, so one list can hold both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from bobudget.kernel.months import add_months
from bobudget.model import Contract, HouseholdMember, Person, SurveyEntry
from bobudget.model.vocab import ContractKind, HouseholdRole
from bobudget.persons.rules import ADULT_AGE, age_on, birth_date_of, is_child
from bobudget.statistics.common import ReadOnly, as_day, day_text, identity_text, sorted_ids
from bobudget.statistics.inputs import SITUATIONS
from bobudget.statistics.report import (
    ColumnKind,
    Listing,
    PeriodKind,
    ReportColumn,
    ReportPeriod,
    ReportResult,
    ReportRow,
    ReportTable,
)

SITUATION_OF_KIND = {
    ContractKind.TEMPORARY: 1,
    ContractKind.SOCIAL: 3,
    ContractKind.TRANSITIONAL: 3,
}
_KIND_LABELS = {kind: kind.label for kind in SITUATION_OF_KIND}
# (column key, label, youngest, oldest): the age on the week's first day.
AGE_GROUPS = (
    ("alder_under_18", "Under 18 år", 0, 17),
    ("alder_18_24", "18–24 år", 18, 24),
    ("alder_25_44", "25–44 år", 25, 44),
    ("alder_45_64", "45–64 år", 45, 64),
    ("alder_65", "65 år och äldre", 65, 200),
)
WOMEN, MEN, SEX_UNKNOWN = "kvinnor", "man", "kon_okant"
AGE_UNKNOWN = "alder_okand"
WITH_CHILDREN, WITHOUT_CHILDREN = "med_barn", "utan_barn"
COLUMNS = (
    ReportColumn("typ", "Situation", ColumnKind.TEXT),
    ReportColumn("totalt", "Totalt"),
    ReportColumn(WOMEN, "Kvinnor"),
    ReportColumn(MEN, "Män"),
    ReportColumn(SEX_UNKNOWN, "Kön okänt"),
    *(ReportColumn(key, label) for key, label, _low, _high in AGE_GROUPS),
    ReportColumn(AGE_UNKNOWN, "Ålder okänd"),
    ReportColumn(WITH_CHILDREN, "Med barn under 18"),
    ReportColumn(WITHOUT_CHILDREN, "Utan barn under 18"),
)
TOTAL_ROW = "Totalt"


@dataclass(frozen=True)
class Counted:
    """One person in the survey: the id behind the cells, and what the columns sort by."""

    ref: int  # person id, or minus the hand-entered row's id
    identity: str
    situation: int
    with_children: bool
    how: str  # why the person is counted (the contract kind, or where the entry came from)

    def sex(self) -> str:
        if len(self.identity) != 12 or not self.identity.isdigit():
            return SEX_UNKNOWN
        return MEN if int(self.identity[10]) % 2 == 1 else WOMEN

    def age_group(self, day: dt.date, stored_birth: dt.date | None = None) -> str:
        birth = birth_date_of(self.identity, stored_birth)
        if birth is None:
            return AGE_UNKNOWN
        age = age_on(birth, day)
        return next((key for key, _l, low, high in AGE_GROUPS if low <= age <= high), AGE_UNKNOWN)


def entry_ref(entry_id: int) -> int:
    return -entry_id


def classify(tracked: Sequence[Counted], entered: Sequence[Counted]) -> dict[str, Counted]:
    """One per personnummer: the most acute situation; on a tie the program's own data."""
    counted: dict[str, Counted] = {}
    for person in (*tracked, *entered):
        held = counted.get(person.identity)
        if held is None or person.situation < held.situation:
            counted[person.identity] = person
    return counted


class SurveyReport(ReadOnly):
    key = "survey"
    title = "Kartläggning av hemlöshet"
    period_kind = PeriodKind.WEEK

    def run(
        self, session: Session, period: ReportPeriod, *, with_identities: bool = False
    ) -> ReportResult:
        counted = classify(
            tracked_persons(session, period.first_day, period.last_day),
            entered_persons(session, period.first_day),
        )
        table = survey_table(counted.values(), period)
        return ReportResult(self.key, self.title, period, (table,))

    def behind(self, session: Session, table_key: str, ids: Sequence[int]) -> Listing:
        return survey_listing(session, ids, week_of_table(table_key))


def _running(first: dt.date, last: dt.date) -> ColumnElement[bool]:
    """A temporary placement, socialt or bostadssocialt kontrakt running that week."""
    return and_(
        Contract.kind.in_(list(SITUATION_OF_KIND)),
        Contract.start_date <= last,
        or_(Contract.end_date.is_(None), Contract.end_date >= first),
        # On takeover the lease is the tenant's own: they leave the statistics.
        or_(Contract.takeover_date.is_(None), Contract.takeover_date > first),
    )


def tracked_persons(session: Session, first: dt.date, last: dt.date) -> list[Counted]:
    """The persons with a temporary placement, socialt or bostadssocialt kontrakt that week."""
    rows = session.execute(
        select(Person.id, Person.identity, Contract.kind)
        .join(Person, Person.id == Contract.person_id)
        .where(_running(first, last))
    ).all()
    with_children = households_with_children(session, first, last)
    return [
        Counted(
            person_id,
            identity,
            SITUATION_OF_KIND[kind],
            person_id in with_children,
            _KIND_LABELS[kind],
        )
        for person_id, identity, kind in rows
    ]


def entered_persons(session: Session, first: dt.date) -> list[Counted]:
    rows = session.execute(
        select(
            SurveyEntry.id,
            SurveyEntry.identity,
            SurveyEntry.situation,
            SurveyEntry.with_children,
            SurveyEntry.source,
        ).where(SurveyEntry.week_start == first - dt.timedelta(days=first.weekday()))
    ).all()
    return [
        Counted(entry_ref(i), identity, situation, children, f"Inlagd för hand: {source}".strip())
        for i, identity, situation, children, source in rows
    ]


def households_with_children(session: Session, first: dt.date, last: dt.date) -> set[int]:
    """The persons counted from their contracts who live, on the week's first day, in a
    household with a child under 18. The database narrows to members who may be children
    (born after the day eighteen years back, by the personnummer's date or the stored birth
    date, or marked as a child); persons/rules decides."""
    own = HouseholdMember.__table__.alias("own")
    other = HouseholdMember.__table__.alias("other")
    eighteen_back = add_months(first, -12 * ADULT_AGE)
    counted = select(Contract.person_id).where(_running(first, last))
    rows = session.execute(
        select(
            own.c.person_id,
            other.c.role,
            Person.identity,
            day_text(Person.birth_date),
        )
        .join(other, other.c.household_id == own.c.household_id)
        .join(Person, Person.id == other.c.person_id)
        .where(
            own.c.person_id.in_(counted),
            other.c.person_id != own.c.person_id,
            *_lives_there(own, first),
            *_lives_there(other, first),
            or_(
                Person.identity > f"{eighteen_back:%Y%m%d}",
                Person.birth_date > eighteen_back,
                other.c.role == HouseholdRole.CHILD,
            ),
        )
    ).all()
    return {
        person_id
        for person_id, role, identity, stored in rows
        if is_child(HouseholdRole(role), birth_date_of(identity, as_day(stored)), first)
    }


def _lives_there(member: Any, day: dt.date) -> tuple[ColumnElement[bool], ...]:
    return (
        or_(member.c.from_date.is_(None), member.c.from_date <= day),
        or_(member.c.to_date.is_(None), member.c.to_date >= day),
    )


def survey_table(counted: Iterable[Counted], period: ReportPeriod) -> ReportTable:
    persons = list(counted)
    # The columns each person counts in: total, sex, age group, children.
    keys = {
        p.ref: (
            "totalt",
            p.sex(),
            p.age_group(period.first_day),
            WITH_CHILDREN if p.with_children else WITHOUT_CHILDREN,
        )
        for p in persons
    }
    rows = [
        _row(f"{number}. {label}", [p for p in persons if p.situation == number], keys)
        for number, label in SITUATIONS.items()
    ]
    rows.append(_row(TOTAL_ROW, persons, keys))
    return ReportTable(
        f"survey-{period.label}",
        f"Kartläggning av hemlöshet vecka {period.label}",
        COLUMNS,
        tuple(rows),
        "Varje person räknas en gång (efter personnummer), i den mest akuta situationen. "
        "Bostad först räknas inte: hyresgästen har ett eget kontrakt.",
    )


def _row(label: str, persons: list[Counted], keys: Mapping[int, tuple[str, ...]]) -> ReportRow:
    groups: dict[str, list[int]] = {column.key: [] for column in COLUMNS[1:]}
    for person in persons:
        for key in keys[person.ref]:
            groups[key].append(person.ref)
    behind = tuple(sorted_ids(groups[column.key]) for column in COLUMNS[1:])
    return ReportRow(label, (label, *(len(ids) for ids in behind)), ((), *behind))


LISTING_COLUMNS = (
    ReportColumn("namn", "Namn", ColumnKind.TEXT),
    ReportColumn("personnummer", "Personnummer", ColumnKind.TEXT),
    ReportColumn("situation", "Situation", ColumnKind.COUNT),
    ReportColumn("grund", "Grund", ColumnKind.TEXT),
)


def week_of_table(table_key: str) -> dt.date | None:
    """The Monday of the week a survey table was read for ("survey-2026-W45"), if it says."""
    try:
        year, week = table_key.removeprefix("survey-").split("-W")
        return dt.date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        return None


def survey_listing(session: Session, ids: Sequence[int], monday: dt.date | None = None) -> Listing:
    """The persons behind a cell; for the week's table, each register person's situation and
    the contract kind that placed them there."""
    tracked: dict[int, Counted] = {}
    if monday is not None:
        week_end = monday + dt.timedelta(days=6)
        for person in tracked_persons(session, monday, week_end):
            held = tracked.get(person.ref)
            if held is None or person.situation < held.situation:
                tracked[person.ref] = person
    person_ids = [i for i in ids if i > 0]
    entry_ids = [-i for i in ids if i < 0]
    rows: list[tuple[str, str, int | None, str]] = []
    who: list[int | None] = []
    persons = session.execute(
        select(Person.id, Person.first_name, Person.last_name, Person.identity)
        .where(Person.id.in_(person_ids))
        .order_by(Person.last_name, Person.first_name, Person.id)
    ).all()
    for person_id, first, last, identity in persons:
        found = tracked.get(person_id)
        rows.append(
            (
                f"{first} {last}".strip(),
                identity_text(identity),
                found.situation if found else None,
                found.how if found else "I programmet",
            )
        )
        who.append(person_id)
    entries = session.execute(
        select(SurveyEntry.identity, SurveyEntry.situation, SurveyEntry.source)
        .where(SurveyEntry.id.in_(entry_ids))
        .order_by(SurveyEntry.situation, SurveyEntry.id)
    ).all()
    for identity, situation, source in entries:
        rows.append(("", identity_text(identity), situation, f"Inlagd för hand: {source}"))
        who.append(None)
    return Listing("Personer som räknats", LISTING_COLUMNS, tuple(rows), tuple(who))
