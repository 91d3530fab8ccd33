"""The Uppföljning page's data: who is being followed up, and one person's trouble at a glance.

The list: every person with a running lease, running boendestöd, an open eviction notice or a
flerpartssamtal not yet held; with the next follow-up and what needs attention. The person:
their leases, rent debts, disturbances and notices (the meetings, follow-ups, boendestöd and
flerpartssamtal come from their own services).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select, true
from sqlalchemy.orm import Session

from bobudget.db.access import record_access, record_page_shown
from bobudget.db.engine import Database
from bobudget.follow_up.common import (
    contract_label,
    person_contracts,
    require_person,
)
from bobudget.follow_up.rules import LEASE_KINDS, first_follow_up_due, week_urgency
from bobudget.kernel.identity import display_canonical
from bobudget.kernel.urgency import Urgency
from bobudget.model import (
    Contract,
    Disturbance,
    EvictionNotice,
    FollowUp,
    HousingSupport,
    MultipartyMeeting,
    Person,
    RentArrear,
    StartupMeeting,
)
from bobudget.model.vocab import AccessKind, ContractKind, NoticeSender
from bobudget.placement.common import person_text_filter

__all__ = [
    "FILTER_ALL",
    "FILTER_ATTENTION",
    "FILTER_EVICTION",
    "ArrearView",
    "DisturbanceView",
    "LeaseView",
    "NoticeView",
    "OverviewRow",
    "PersonFollowUp",
    "follow_up_overview",
    "follow_up_page",
    "overview_sort_key",
    "person_follow_up",
]

FILTER_ALL = "all"
FILTER_ATTENTION = "attention"  # something overdue, due today or open
FILTER_EVICTION = "eviction"  # an open eviction notice
# Persons read this many at a time: every engine takes an IN list this long.
_CHUNK = 5000


@dataclass(frozen=True)
class OverviewRow:
    person_id: int
    name: str
    identity: str
    contracts: str  # the kinds of the running leases
    next_follow_up: dt.date | None
    next_urgency: Urgency | None
    flags: tuple[str, ...]  # what needs attention, in the users' words
    eviction_open: bool


@dataclass
class _Entry:
    kinds: set[str] = field(default_factory=set)
    next: dt.date | None = None
    flags: list[str] = field(default_factory=list)


def _running(today: dt.date) -> ColumnElement[bool]:
    return or_(Contract.end_date.is_(None), Contract.end_date >= today)


def follow_up_overview(
    db: Database, today: dt.date, text: str = "", only: str = FILTER_ALL
) -> list[OverviewRow]:
    """Everyone being followed up: open eviction notices first, then by the next follow-up.

    The whole list at once, sorted here; the page reads it a page at a time instead
    (overview_order.follow_up_order and follow_up_page), in this order.
    """
    with db.sessions() as s:
        rows = _overview_rows(s, today, text, only, None)
    rows.sort(key=overview_sort_key)
    record_access(db, AccessKind.LIST_SHOWN, [r.person_id for r in rows], "uppföljning")
    return rows


def overview_sort_key(row: OverviewRow) -> tuple[bool, dt.date, str, int]:
    """The list's order; the person's id last, so that namesakes keep one order."""
    return (not row.eviction_open, row.next_follow_up or dt.date.max, row.name, row.person_id)


def follow_up_page(
    db: Database, today: dt.date, person_ids: Sequence[int], first_row: int = 0
) -> list[OverviewRow]:
    """The list's rows of these persons, in the order given (a page of follow_up_order);
    `first_row` is where the page starts in the list, for the access log."""
    if not person_ids:
        return []
    with db.sessions() as s:
        found = {r.person_id: r for r in _overview_rows(s, today, "", FILTER_ALL, person_ids)}
    # Someone who left the list since it was ordered (a lease ended meanwhile) is left out.
    rows = [found[pid] for pid in person_ids if pid in found]
    record_page_shown(db, [r.person_id for r in rows], "uppföljning", first_row)
    return rows


def _overview_rows(
    s: Session, today: dt.date, text: str, only: str, person_ids: Sequence[int] | None
) -> list[OverviewRow]:
    """The rows, unsorted: of everyone followed up, or of `person_ids` only (a page)."""

    def of_page(column: Any) -> ColumnElement[bool]:
        return _of_persons(column, person_ids)

    people = _lease_entries(s, today, text, person_ids)
    notices = set(
        s.scalars(
            select(EvictionNotice.person_id).where(
                EvictionNotice.closed_date.is_(None), of_page(EvictionNotice.person_id)
            )
        )
    )
    meetings = set(
        s.scalars(
            select(MultipartyMeeting.person_id).where(
                MultipartyMeeting.agreed == "", of_page(MultipartyMeeting.person_id)
            )
        )
    )
    reviews: dict[int, dt.date | None] = {
        pid: day
        for pid, day in s.execute(
            select(HousingSupport.person_id, func.min(HousingSupport.next_review_date))
            .where(
                or_(HousingSupport.end_date.is_(None), HousingSupport.end_date >= today),
                of_page(HousingSupport.person_id),
            )
            .group_by(HousingSupport.person_id)
        )
    }
    extra = (notices | meetings | set(reviews)) - set(people)
    text_filter = person_text_filter(text, Person.id)
    if extra and text_filter is not None:
        extra = set(s.scalars(select(Person.id).where(Person.id.in_(extra), text_filter)))
    for pid in extra:
        people[pid] = _Entry()
    # Only the three columns the list shows, not whole persons (36 000 of them at
    # 100 000 households: a second of building objects).
    persons: dict[int, tuple[str, str, str]] = {}
    if people:
        ids = list(people)
        for start in range(0, len(ids), _CHUNK):
            persons.update(
                (pid, (first, last, identity))
                for pid, first, last, identity in s.execute(
                    select(Person.id, Person.first_name, Person.last_name, Person.identity).where(
                        Person.id.in_(ids[start : start + _CHUNK])
                    )
                )
            )
    rows = []
    for pid, entry in people.items():
        person = persons.get(pid)
        if person is None:
            continue
        first_name, last_name, identity = person
        flags = list(entry.flags)
        review = reviews.get(pid)
        if review is not None and week_urgency(review, today) is not Urgency.LATER:
            flags.append("Omprövning boendestöd")
        if pid in meetings:
            flags.append("Flerpartssamtal")
        if pid in notices:
            flags.insert(0, "Underrättelse")
        row = OverviewRow(
            person_id=pid,
            name=f"{last_name}, {first_name}",
            identity=display_canonical(identity),
            contracts=", ".join(sorted(entry.kinds)),
            next_follow_up=entry.next,
            next_urgency=week_urgency(entry.next, today) if entry.next is not None else None,
            flags=tuple(flags),
            eviction_open=pid in notices,
        )
        if only == FILTER_EVICTION and not row.eviction_open:
            continue
        if only == FILTER_ATTENTION and not (
            row.flags or row.next_urgency in (Urgency.OVERDUE, Urgency.TODAY)
        ):
            continue
        rows.append(row)
    return rows


def _lease_entries(
    s: Session, today: dt.date, text: str, person_ids: Sequence[int] | None
) -> dict[int, _Entry]:
    """The persons with a running lease: its kinds, the next follow-up, an unfinished start."""
    leases = select(Contract.id, Contract.person_id, Contract.kind, Contract.start_date).where(
        Contract.kind.in_(LEASE_KINDS), _running(today), _of_persons(Contract.person_id, person_ids)
    )
    text_filter = person_text_filter(text, Contract.person_id)
    if text_filter is not None:
        leases = leases.where(text_filter)
    # A page's persons: their contracts' follow-ups only, not all of them.
    page_contracts = select(Contract.id).where(_of_persons(Contract.person_id, person_ids))

    def of_page(column: Any) -> ColumnElement[bool]:
        return column.in_(page_contracts) if person_ids is not None else true()

    next_due: dict[int, dt.date] = {}
    followed: set[int] = set()
    if person_ids is None:
        next_due.update(
            (cid, day)
            for cid, day in s.execute(
                select(FollowUp.contract_id, func.min(FollowUp.due_date))
                .where(FollowUp.held_date.is_(None))
                .group_by(FollowUp.contract_id)
            )
        )
        followed.update(s.scalars(select(FollowUp.contract_id).distinct()))
    else:
        # A page's few contracts: their follow-ups by the contract index, sorted out here (a
        # condition on held_date would lead SQLite to every unheld follow-up instead).
        for cid, due_date, held in s.execute(
            select(FollowUp.contract_id, FollowUp.due_date, FollowUp.held_date).where(
                of_page(FollowUp.contract_id)
            )
        ):
            followed.add(cid)
            if held is None and (cid not in next_due or due_date < next_due[cid]):
                next_due[cid] = due_date
    startup_open = set(
        s.scalars(
            select(StartupMeeting.contract_id).where(
                StartupMeeting.closed.is_(False),
                of_page(StartupMeeting.contract_id),
            )
        )
    )
    people: dict[int, _Entry] = {}
    for cid, pid, kind, start in s.execute(leases):
        entry = people.setdefault(pid, _Entry())
        entry.kinds.add(ContractKind(kind).label)
        due = next_due.get(cid)
        if due is None and cid not in followed:
            due = first_follow_up_due(start)
        if due is not None and (entry.next is None or due < entry.next):
            entry.next = due
        if cid in startup_open:
            entry.flags.append("Uppstart ej klar")
    return people


def _of_persons(column: Any, person_ids: Sequence[int] | None) -> ColumnElement[bool]:
    # The whole list (None) reads everyone's rows: no condition at all then.
    return column.in_(person_ids) if person_ids is not None else true()


# --- one person --------------------------------------------------------------------------------


@dataclass(frozen=True)
class LeaseView:
    id: int
    label: str
    kind: ContractKind
    start_date: dt.date
    end_date: dt.date | None
    follow_up_interval_months: int

    def running(self, today: dt.date) -> bool:
        return self.end_date is None or self.end_date >= today


@dataclass(frozen=True)
class ArrearView:
    id: int
    version: int
    contract_id: int
    month: dt.date
    amount_ore: int
    registered_date: dt.date
    note: str


@dataclass(frozen=True)
class DisturbanceView:
    id: int
    reported_date: dt.date
    description: str


@dataclass(frozen=True)
class NoticeView:
    id: int
    version: int
    received_date: dt.date
    sender: NoticeSender
    sender_label: str
    case_number: str
    contacts_made: bool
    managed_funds_considered: bool
    housing_support_considered: bool
    closed_date: dt.date | None
    note: str
    responsible: str

    @property
    def open(self) -> bool:
        return self.closed_date is None


@dataclass(frozen=True)
class PersonFollowUp:
    person_id: int
    name: str
    identity: str
    protected: bool
    leases: list[LeaseView]
    arrears: list[ArrearView]
    disturbances: list[DisturbanceView]
    notices: list[NoticeView]

    @property
    def open_notices(self) -> list[NoticeView]:
        return [n for n in self.notices if n.open]


def arrear_view(a: RentArrear) -> ArrearView:
    return ArrearView(
        a.id, a.version, a.contract_id, a.month, a.amount_ore, a.registered_date, a.note
    )


def notice_view(n: EvictionNotice) -> NoticeView:
    return NoticeView(
        n.id,
        n.version,
        n.received_date,
        n.sender,
        NoticeSender(n.sender).label,
        n.case_number,
        n.contacts_made,
        n.managed_funds_considered,
        n.housing_support_considered,
        n.closed_date,
        n.note,
        n.responsible or "",
    )


def person_follow_up(db: Database, person_id: int) -> PersonFollowUp:
    """The person's leases (latest first), debts, disturbances and notices (latest first)."""
    with db.sessions() as s:
        person = require_person(s, person_id)
        # The tabs (meetings, follow-ups, boendestöd, debts, notices) show this one person.
        record_access(db, AccessKind.CARD_OPENED, [person_id], "uppföljning")
        leases = [
            LeaseView(
                c.id,
                contract_label(c),
                c.kind,
                c.start_date,
                c.end_date,
                c.follow_up_interval_months,
            )
            for c in reversed(person_contracts(s, person_id))
            if c.kind in LEASE_KINDS
        ]
        arrears = [
            arrear_view(a)
            for a in s.scalars(
                select(RentArrear)
                .where(RentArrear.person_id == person_id)
                .order_by(RentArrear.month.desc(), RentArrear.id.desc())
            )
        ]
        disturbances = [
            DisturbanceView(d.id, d.reported_date, d.description)
            for d in s.scalars(
                select(Disturbance)
                .where(Disturbance.person_id == person_id)
                .order_by(Disturbance.reported_date.desc(), Disturbance.id.desc())
            )
        ]
        notices = [
            notice_view(n)
            for n in s.scalars(
                select(EvictionNotice)
                .where(EvictionNotice.person_id == person_id)
                .order_by(EvictionNotice.received_date.desc(), EvictionNotice.id.desc())
            )
        ]
        return PersonFollowUp(
            person_id=person.id,
            name=person.full_name,
            identity=display_canonical(person.identity),
            protected=person.protected_identity,
            leases=leases,
            arrears=arrears,
            disturbances=disturbances,
            notices=notices,
        )
