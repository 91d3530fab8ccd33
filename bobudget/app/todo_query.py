"""Att göra a screenful at a time: the groups and their counts from COUNT queries, the items
of a group a page at a time, the signed-in user's first.

`todo_overview` answers what the page heads and the navigation show (how many in each group,
per area), one COUNT … GROUP BY per kind of due item; `todo_page` reads a group's next page,
one column query per kind, joined with the person and bounded by days. Together they give the
same items, in the same order and groups, as `todo_list` (app/todo.py), which reads everything
at once and stays the reference the tests compare against.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, literal, select, text, union_all
from sqlalchemy.orm import Session
from sqlalchemy.pool import QueuePool

from bobudget.app.todo import (
    _ROLE_TYPES,
    AREA_OF_TYPE,
    DEFAULT_TODO_DAYS,
    GROUP_LABELS,
    SCOPE_MINE,
    SCOPE_UNIT,
    UNASSIGNED_LABEL,
    TodoItem,
    _todo_item,
    user_role,
)
from bobudget.app.todo_kinds import KINDS, DueKind, first_key_on_or_after
from bobudget.app.users import staff_names
from bobudget.db.access import record_access
from bobudget.db.engine import Database
from bobudget.db.uow import current_username
from bobudget.follow_up.due import DUE_STARTUP_MEETING
from bobudget.kernel.due import DueItem
from bobudget.kernel.urgency import Urgency
from bobudget.model.vocab import AccessKind
from bobudget.placement.due import DUE_DECISION_THREE_MONTHS, DUE_RENEWAL

__all__ = [
    "OWNER_ALL",
    "OWNER_NOBODY",
    "OWNER_USER",
    "PAGE_SIZE",
    "TodoGroupCount",
    "TodoOverview",
    "TodoSlice",
    "todo_overview",
    "todo_page",
]

# A screenful and some: the first read fills the window, the next ones come as it scrolls.
PAGE_SIZE = 60
OWNER_ALL = "all"  # Hela enheten: everything
OWNER_USER = "user"  # Mina uppgifter: what the user is named responsible for
OWNER_NOBODY = "nobody"  # Mina uppgifter's "Utan ansvarig"
_DAY = dt.timedelta(days=1)
_BUCKETS = (Urgency.OVERDUE, Urgency.TODAY, Urgency.SOON, Urgency.LATER)
# The types of item counted on the second connection (_count_rows): about half the work at
# city scale (SQLite 57 of 132 ms, PostgreSQL 36 of 84 ms), and every kind of a type in the
# same statement. Booking a start-up meeting or a first follow-up moves an item from one kind
# of its type to the other: a change committed between two statements would be seen by only
# one of them, and counted twice or not at all.
_SECOND_CONNECTION = frozenset({DUE_RENEWAL, DUE_DECISION_THREE_MONTHS, DUE_STARTUP_MEETING})


@dataclass(frozen=True)
class TodoGroupCount:
    """A group of the list before its items are read: which items (`owner`, days `first`
    through `last`, `first` None for no earliest), how many, and of them how many overdue."""

    urgency: Urgency
    label: str
    count: int
    owner: str
    first: dt.date | None
    last: dt.date
    late: int = 0
    # How many of each kind (by its place in todo_kinds.KINDS): a page reads only those it has.
    by_kind: tuple[int, ...] = ()

    @property
    def unassigned(self) -> bool:
        return self.owner == OWNER_NOBODY


@dataclass(frozen=True)
class TodoOverview:
    """What Att göra shows before any item: the groups with their counts, the counts per area
    for the navigation; and what `todo_page` needs to read the groups' items."""

    today: dt.date
    scope: str
    user: str
    last_day: dt.date
    role_types: frozenset[str]
    groups: list[TodoGroupCount] = field(default_factory=list)
    counts_by_area: dict[str, int] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(g.count for g in self.groups)

    def count(self, urgency: Urgency) -> int:
        return sum(g.count for g in self.groups if g.urgency is urgency and not g.unassigned)

    @property
    def unassigned_count(self) -> int:
        return sum(g.count for g in self.groups if g.unassigned)

    @property
    def mine_total(self) -> int:
        return self.total - self.unassigned_count


@dataclass(frozen=True)
class TodoSlice:
    """A page of a group's items, in the list's order; `next` is the day to read on from,
    None when the group has been read to its end."""

    items: list[TodoItem]
    next: dt.date | None


def _sunday(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=6 - today.weekday())


def _kinds_for(owner: str, role_types: frozenset[str]) -> list[DueKind]:
    if owner == OWNER_NOBODY and role_types:
        return [k for k in KINDS if k.typ in role_types]
    return list(KINDS)


def _owner_filter(kind: DueKind, owner: str, user: str) -> ColumnElement[bool] | None:
    if owner == OWNER_USER:
        return kind.responsible == user
    if owner == OWNER_NOBODY:
        return kind.responsible == ""
    return None


def todo_overview(
    db: Database,
    *,
    today: dt.date | None = None,
    user: str | None = None,
    scope: str = SCOPE_UNIT,
    within_days: int = DEFAULT_TODO_DAYS,
) -> TodoOverview:
    """The groups of Att göra with their counts, from one COUNT query per kind of due item.

    The same groups as `todo_list`: SCOPE_MINE the user's own by urgency, then "Utan ansvarig"
    (nobody named, among the kinds of the user's role if it has any); SCOPE_UNIT everything.
    """
    today = today or dt.date.today()
    username = user or current_username(db)
    last = today + dt.timedelta(days=within_days)
    role_types: frozenset[str] = frozenset()
    if scope == SCOPE_MINE:
        role = user_role(db, username)
        role_types = _ROLE_TYPES.get(role, frozenset()) if role else frozenset()
    # Days from which each bucket (overdue, today, this week, later) starts, and the end.
    edges = (today, today + _DAY, _sunday(today) + _DAY, last + _DAY)
    counts: Counter[tuple[str, Urgency]] = Counter()
    of_kind: Counter[tuple[str, Urgency, int]] = Counter()
    areas: Counter[str] = Counter()
    dialect = db.engine.dialect.name
    counts_of = [
        _count_kind(index, kind, today, dialect, edges, scope, username, role_types)
        for index, kind in enumerate(KINDS)
    ]
    for row in _count_rows(db, counts_of):
        index, owner, number = int(row.kind), str(row.owner), int(row.n)
        bucket = _BUCKETS[int(row.bucket)]
        counts[owner, bucket] += number
        of_kind[owner, bucket, index] += number
        areas[AREA_OF_TYPE.get(KINDS[index].typ, "persons")] += number

    def by_kind(owner: str, buckets: tuple[Urgency, ...]) -> tuple[int, ...]:
        return tuple(sum(of_kind[owner, b, i] for b in buckets) for i in range(len(KINDS)))

    groups: list[TodoGroupCount] = []
    main = OWNER_USER if scope == SCOPE_MINE else OWNER_ALL
    firsts: tuple[dt.date | None, ...] = (None, *edges[:-1])
    for index, urgency in enumerate(_BUCKETS):
        if n := counts[main, urgency]:
            first, end = firsts[index], edges[index] - _DAY
            groups.append(
                TodoGroupCount(
                    urgency,
                    GROUP_LABELS[urgency],
                    n,
                    main,
                    first,
                    end,
                    by_kind=by_kind(main, (urgency,)),
                )
            )
    if scope == SCOPE_MINE and (n := sum(counts[OWNER_NOBODY, u] for u in _BUCKETS)):
        pressing = next(u for u in _BUCKETS if counts[OWNER_NOBODY, u])
        late = counts[OWNER_NOBODY, Urgency.OVERDUE]
        groups.append(TodoGroupCount(pressing, UNASSIGNED_LABEL, n, OWNER_NOBODY, None, last, late))
    return TodoOverview(
        today=today,
        scope=scope,
        user=username,
        last_day=last,
        role_types=role_types,
        groups=groups,
        counts_by_area=dict(areas),
        names=staff_names(db),
    )


def _count_rows(db: Database, counts_of: list[Select[tuple[int, str, int, int]]]) -> list[Any]:
    """Every kind's count (`counts_of` in the order of KINDS): in two statements, by type of
    item (_SECOND_CONNECTION), read side by side on two connections, each one round trip.

    The counts are most of the first screenful's time, and two of them read every running lease
    (36 000 at city scale) for what it lacks. Two connections count on two cores (SQLite's
    engine and the PostgreSQL driver let go of Python's lock while they wait): todo_overview at
    city scale 139 -> 85 ms (Hela enheten) and 145 -> 98 ms (Mina uppgifter) on SQLite, 126 ->
    77 and 94 -> 82 ms on PostgreSQL. An in-memory SQLite (one connection per thread, each its
    own database) counts in one statement.
    """
    postgres = db.engine.dialect.name == "postgresql"

    def read(stmt: Any) -> list[Any]:
        with db.sessions() as session:
            if postgres:
                # Two connections use both cores already: the server's own parallel workers
                # on top of them only contended (Mina uppgifter took 104 ms with them).
                session.execute(text("SET LOCAL max_parallel_workers_per_gather = 0"))
            return list(session.execute(stmt).all())

    if not isinstance(db.engine.pool, QueuePool):
        return read(union_all(*counts_of))
    on_second = [kind.typ in _SECOND_CONNECTION for kind in KINDS]
    firsts = [c for c, second in zip(counts_of, on_second, strict=True) if not second]
    seconds = [c for c, second in zip(counts_of, on_second, strict=True) if second]
    with ThreadPoolExecutor(max_workers=1) as other:
        later = other.submit(read, union_all(*seconds))
        return read(union_all(*firsts)) + later.result()


def _count_kind(
    index: int,
    kind: DueKind,
    today: dt.date,
    dialect: str,
    edges: tuple[dt.date, ...],
    scope: str,
    user: str,
    role_types: frozenset[str],
) -> Select[tuple[int, str, int, int]]:
    """The kind's count per owner and bucket (its place in _BUCKETS), tagged with `index`."""
    bounds = [first_key_on_or_after(kind, day) for day in edges]
    stmt = kind.select(today, dialect, False).where(kind.key.is_not(None), kind.key < bounds[3])
    owner: ColumnElement[Any]
    if scope == SCOPE_MINE:
        takes_unassigned = not role_types or kind.typ in role_types
        if takes_unassigned:
            stmt = stmt.where((kind.responsible == user) | (kind.responsible == ""))
        else:
            stmt = stmt.where(kind.responsible == user)
        owner = case((kind.responsible == user, OWNER_USER), else_=OWNER_NOBODY)
    else:
        owner = literal(OWNER_ALL)
    rows_ = stmt.add_columns(kind.key.label("due_key"), owner.label("owner")).subquery()
    key = rows_.c.due_key
    bucket = case((key < bounds[0], 0), (key < bounds[1], 1), (key < bounds[2], 2), else_=3)
    return select(
        literal(index).label("kind"),
        rows_.c.owner.label("owner"),
        bucket.label("bucket"),
        func.count().label("n"),
    ).group_by(rows_.c.owner, bucket)


def _rows(
    session: Session,
    kind: DueKind,
    overview: TodoOverview,
    owner: str,
    first: dt.date | None,
    last: dt.date,
    limit: int | None,
) -> list[DueItem]:
    """The kind's items due `first` through `last`, by their day; at most `limit` of them."""
    stmt = kind.select(overview.today, _dialect(session), True).where(
        kind.key.is_not(None), kind.key < first_key_on_or_after(kind, last + _DAY)
    )
    if first is not None:
        stmt = stmt.where(kind.key >= first_key_on_or_after(kind, first))
    if (mine := _owner_filter(kind, owner, overview.user)) is not None:
        stmt = stmt.where(mine)
    stmt = stmt.add_columns(kind.key.label("due_key"))
    if limit is not None:
        # Unlimited, the rows are sorted afterwards: an ORDER BY would only tempt the planner
        # to walk the key's index through rows the conditions then drop.
        stmt = stmt.order_by(*kind.order, kind.key).limit(limit)
    return [kind.item(row, kind.day(row.due_key)) for row in session.execute(stmt)]


def _dialect(session: Session) -> str:
    bind = session.get_bind()
    return bind.dialect.name


def _order(item: TodoItem) -> tuple[Any, ...]:
    # The due list's order (date, kind, personnummer, contract), then the row, so that two
    # items alike in all of those keep one order from one read to the next.
    return (
        item.datum,
        item.typ,
        item.personnummer,
        item.contract_id or 0,
        item.target_id or 0,
        item.decision_id or 0,
    )


def todo_page(
    db: Database,
    overview: TodoOverview,
    group: TodoGroupCount,
    after: dt.date | None = None,
    *,
    limit: int | None = None,
) -> TodoSlice:
    """The group's next items, whole days from `after` (its first day when None), in the
    list's order: at least `limit` of them when the group has that many left.

    Each kind is read by its day up to `limit` rows; where a kind had more, what lies before
    the earliest of those kinds' last days is complete. A page that would come out short takes
    that day too, whole, so every page moves on by at least a day.
    """
    limit = limit or PAGE_SIZE
    first = after if after is not None else group.first
    last = group.last
    # Only the kinds the group has: a kind counted none there is not asked again.
    kinds = [
        (index, kind)
        for index, kind in enumerate(KINDS)
        if kind in _kinds_for(group.owner, overview.role_types)
        and (not group.by_kind or group.by_kind[index])
    ]
    with db.sessions() as session:
        read: dict[int, list[DueItem]] = {}
        for index, kind in kinds:
            # A kind whose whole count in the group fits on the first page is read whole.
            fits = after is None and group.by_kind and group.by_kind[index] <= limit
            read[index] = _rows(
                session, kind, overview, group.owner, first, last, None if fits else limit
            )
        cut = [max(i.datum for i in rows) for rows in read.values() if len(rows) >= limit]
        if not cut:
            due = [item for rows in read.values() for item in rows]
            following: dt.date | None = None
        else:
            cutoff = min(cut)
            due = [item for rows in read.values() for item in rows if item.datum < cutoff]
            following = cutoff
            if len(due) < limit:
                for _index, kind in kinds:
                    due.extend(_rows(session, kind, overview, group.owner, cutoff, cutoff, None))
                following = cutoff + _DAY
            if following > last:
                following = None
    items = sorted((_todo_item(i, overview.today, overview.names) for i in due), key=_order)
    # The persons shown go to the access log, a page at a time, as they are read.
    record_access(
        db,
        AccessKind.LIST_SHOWN,
        [item.person_id for item in items],
        f"att göra, {overview.scope}",
        user=overview.user,
    )
    return TodoSlice(items, following)


def every_item(db: Database, overview: TodoOverview, *, limit: int | None = None) -> list[TodoItem]:
    """Every group read to its end a page at a time, as scrolling to the bottom would."""
    items: list[TodoItem] = []
    for group in overview.groups:
        page = todo_page(db, overview, group, limit=limit)
        items.extend(page.items)
        while page.next is not None:
            page = todo_page(db, overview, group, page.next, limit=limit)
            items.extend(page.items)
    return items
