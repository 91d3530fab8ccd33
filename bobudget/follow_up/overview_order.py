"""The Uppföljning list's order, worked out in the database: who is on the list, in which
order, as person ids only.

follow_up_overview builds every row and sorts them in Python: at 100 000 households that is
36 000 rows read and built before the first screenful shows (1.3 s). Here the same order
comes from one query: the next follow-up of every running lease is computed in SQL (the first
one a month after move-in, rules.first_follow_up_due, by db.sql_dates.add_months_sql), the
list is filtered and sorted there, and only the ids come back; the page then builds the rows
of the persons it shows (overview.follow_up_page). Its count is the length of the list.
tests/db/test_follow_up_order.py holds it to follow_up_overview's order.

Ordering all 36 000 still takes 300 ms on SQLite (a third of it sorting by name), so the page
first asks for the list's head (follow_up_head): everyone with an open notice, then everyone
whose next follow-up falls on or before a day early enough that only a few hundred do — read
by the index on the follow-ups' dates, 60–90 ms — and orders the whole list after.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, or_, select, union
from sqlalchemy.orm import Session, aliased

from bobudget.db.engine import Database
from bobudget.db.sql_dates import add_months_sql
from bobudget.follow_up.overview import FILTER_ALL, FILTER_ATTENTION, FILTER_EVICTION
from bobudget.follow_up.rules import FIRST_FOLLOW_UP_MONTHS, LEASE_KINDS
from bobudget.model import (
    Contract,
    EvictionNotice,
    FollowUp,
    HousingSupport,
    MultipartyMeeting,
    Person,
    StartupMeeting,
)
from bobudget.placement.common import person_text_filter

__all__ = ["follow_up_head", "follow_up_order"]

# The head's day is the due day of this many times the rows asked for among the follow-ups
# not yet held (some belong to leases that ended, some persons have several).
_HEAD_MARGIN = 2
# Tries with a later day (four times as many follow-ups each) before ordering the whole list.
_HEAD_TRIES = 3


def follow_up_order(
    db: Database, today: dt.date, text: str = "", only: str = FILTER_ALL
) -> list[int]:
    """The ids of the persons follow_up_overview lists, in its order (nothing else read)."""
    with db.sessions() as s:
        # Through the connection, not the ORM: 36 000 plain ids, no row objects (50 ms less).
        return list(s.connection().execute(_order(s, today, text, only)).scalars().all())


def follow_up_head(db: Database, today: dt.date, rows: int) -> list[int] | None:
    """The first persons of follow_up_order(db, today) with no search or filter, at least
    `rows` of them, read without ordering the whole list; None when no head that size is cut
    cheaply (few follow-ups booked): order the whole list then.

    A prefix of the list: those with an open notice come first whatever their date, and
    everyone else whose next follow-up is on or before `cutoff` comes before everyone whose
    next is later or unknown; so those two groups, ordered, are the list's head.
    """
    with db.sessions() as s:
        connection = s.connection()
        booked = rows * _HEAD_MARGIN
        for _ in range(_HEAD_TRIES):
            cutoff = connection.execute(
                select(FollowUp.due_date)
                .where(FollowUp.held_date.is_(None))
                # held_date first though all are NULL: so PostgreSQL reads the index on
                # (held_date, due_date) in order instead of every follow-up by its date.
                .order_by(FollowUp.held_date, FollowUp.due_date)
                .offset(booked - 1)
                .limit(1)
            ).scalar()
            if cutoff is None:
                return None
            head = list(connection.execute(_head(s, today, cutoff)).scalars().all())
            if len(head) >= rows:
                return head
            booked *= 4
    return None


def _head(s: Session, today: dt.date, cutoff: dt.date) -> Select[Any]:
    """The persons of _order(s, today, "", FILTER_ALL) with an open notice or a next
    follow-up on or before `cutoff`, in its order."""
    dialect = s.get_bind().dialect.name
    held = aliased(FollowUp)
    # Through the index on contract_id, the lease's earliest follow-up not yet held (a
    # condition on held_date would lead SQLite through every follow-up not held instead).
    next_booked = (
        select(func.min(case((held.held_date.is_(None), held.due_date))))
        .where(held.contract_id == Contract.id)
        .scalar_subquery()
    )
    never_followed = ~exists().where(FollowUp.contract_id == Contract.id)
    first_due = add_months_sql(Contract.start_date, FIRST_FOLLOW_UP_MONTHS, dialect)
    noticed = select(EvictionNotice.person_id).where(EvictionNotice.closed_date.is_(None))
    due_by_cutoff = select(FollowUp.contract_id).where(
        FollowUp.held_date.is_(None), FollowUp.due_date <= cutoff
    )
    leases = (
        select(
            Contract.person_id.label("person_id"),
            func.coalesce(next_booked, case((never_followed, first_due))).label("due"),
        )
        .where(
            Contract.kind.in_(LEASE_KINDS),
            or_(Contract.end_date.is_(None), Contract.end_date >= today),
            or_(
                Contract.id.in_(due_by_cutoff),
                Contract.person_id.in_(noticed),
                and_(never_followed, first_due <= cutoff),
            ),
        )
        .cte("head_leases")
        .prefix_with("MATERIALIZED")
    )
    per_person = (
        select(leases.c.person_id, func.min(leases.c.due).label("due"))
        .group_by(leases.c.person_id)
        .cte("head_per_person")
        .prefix_with("MATERIALIZED")
    )
    followed = union(select(per_person.c.person_id), noticed).subquery()
    stmt = (
        select(Person.id)
        .select_from(followed)
        .join(Person, Person.id == followed.c.person_id)
        .outerjoin(per_person, per_person.c.person_id == followed.c.person_id)
    )
    return _ordered(stmt, per_person, dialect)


def _ordered(stmt: Select[Any], per_person: Any, dialect: str) -> Select[Any]:
    """The list's order: open notices first, then by the next follow-up (none last), name."""
    notice = exists().where(
        EvictionNotice.person_id == Person.id, EvictionNotice.closed_date.is_(None)
    )
    name = Person.last_name + ", " + Person.first_name
    return stmt.order_by(
        case((notice, 0), else_=1),
        case((per_person.c.due.is_(None), 1), else_=0),
        per_person.c.due,
        # Python's order of strings (by code point), not the database's language's.
        name.collate("C") if dialect == "postgresql" else name,
        Person.id,
    )


def _order(s: Session, today: dt.date, text: str, only: str) -> Select[Any]:
    dialect = s.get_bind().dialect.name
    text_filter = person_text_filter(text, Contract.person_id)
    # Each contract's earliest follow-up not yet held (the index on held_date finds them).
    unheld = (
        select(FollowUp.contract_id, func.min(FollowUp.due_date).label("due"))
        .where(FollowUp.held_date.is_(None))
        .group_by(FollowUp.contract_id)
        .cte("unheld")
        .prefix_with("MATERIALIZED")
    )
    never_followed = ~exists().where(FollowUp.contract_id == Contract.id)
    first_due = add_months_sql(Contract.start_date, FIRST_FOLLOW_UP_MONTHS, dialect)
    startup_open = exists().where(
        StartupMeeting.contract_id == Contract.id, StartupMeeting.closed.is_(False)
    )
    leases = (
        select(
            Contract.person_id.label("person_id"),
            # The next follow-up: the one booked, else the first when none was ever booked.
            func.coalesce(unheld.c.due, case((never_followed, first_due))).label("due"),
            case((startup_open, 1), else_=0).label("startup_open"),
        )
        .outerjoin(unheld, unheld.c.contract_id == Contract.id)
        .where(
            Contract.kind.in_(LEASE_KINDS),
            or_(Contract.end_date.is_(None), Contract.end_date >= today),
        )
    )
    if text_filter is not None:
        leases = leases.where(text_filter)
    lease_rows = leases.cte("leases").prefix_with("MATERIALIZED")
    per_person = (
        select(
            lease_rows.c.person_id,
            func.min(lease_rows.c.due).label("due"),
            func.max(lease_rows.c.startup_open).label("startup_open"),
        )
        .group_by(lease_rows.c.person_id)
        .cte("per_person")
        .prefix_with("MATERIALIZED")
    )
    followed = union(
        select(per_person.c.person_id),
        select(EvictionNotice.person_id).where(EvictionNotice.closed_date.is_(None)),
        select(MultipartyMeeting.person_id).where(MultipartyMeeting.agreed == ""),
        select(HousingSupport.person_id).where(_support_running(today)),
    ).subquery()
    notice = exists().where(
        EvictionNotice.person_id == Person.id, EvictionNotice.closed_date.is_(None)
    )
    stmt = (
        select(Person.id)
        .select_from(followed)
        .join(Person, Person.id == followed.c.person_id)
        .outerjoin(per_person, per_person.c.person_id == followed.c.person_id)
    )
    person_filter = person_text_filter(text, Person.id)
    if person_filter is not None:
        stmt = stmt.where(person_filter)
    if only == FILTER_EVICTION:
        stmt = stmt.where(notice)
    elif only == FILTER_ATTENTION:
        stmt = stmt.where(_needs_attention(today, notice, per_person))
    return _ordered(stmt, per_person, dialect)


def _support_running(today: dt.date) -> ColumnElement[bool]:
    return or_(HousingSupport.end_date.is_(None), HousingSupport.end_date >= today)


def _needs_attention(today: dt.date, notice: Any, per_person: Any) -> ColumnElement[bool]:
    """A flag on the row, or the next follow-up late or today (overview's FILTER_ATTENTION)."""
    # week_urgency is LATER only after Sunday of this week.
    sunday = today + dt.timedelta(days=6 - today.weekday())
    review_soon = exists().where(
        HousingSupport.person_id == Person.id,
        _support_running(today),
        HousingSupport.next_review_date <= sunday,
    )
    meeting = exists().where(
        MultipartyMeeting.person_id == Person.id, MultipartyMeeting.agreed == ""
    )
    return or_(
        notice,
        meeting,
        review_soon,
        per_person.c.startup_open == 1,
        and_(per_person.c.due.is_not(None), per_person.c.due <= today),
    )
