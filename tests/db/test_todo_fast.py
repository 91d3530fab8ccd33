"""Att göra read a page at a time (app/todo_query.py) against the reference that reads
everything at once (todo_list): the same groups and counts, the same items in the same order,
whatever the page size, on a demo database and on both engines."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from sqlalchemy import event, select

from bobudget.app.todo import SCOPE_MINE, SCOPE_UNIT, TodoItem, TodoList, todo_list
from bobudget.app.todo_query import TodoOverview, every_item, todo_overview, todo_page
from bobudget.db.engine import Database
from bobudget.demo.generate import fill_demo
from bobudget.model import User

TODAY = dt.date(2026, 11, 27)  # a Friday


@pytest.fixture
def demo_db(db: Database) -> Database:
    fill_demo(db, 160, seed=5, today=TODAY)
    return db


def _order(item: TodoItem) -> tuple[Any, ...]:
    return (
        item.datum,
        item.typ,
        item.personnummer,
        item.contract_id or 0,
        item.target_id or 0,
        item.decision_id or 0,
    )


def _reference(todo: TodoList) -> list[TodoItem]:
    # todo_list sorts by date, kind, personnummer and contract; items alike in all of those
    # come in the order the database gave them, which the paged read settles by their row.
    return [item for group in todo.groups for item in sorted(group.items, key=_order)]


def _same_groups(overview: TodoOverview, todo: TodoList) -> None:
    assert [(g.label, g.urgency, g.unassigned) for g in overview.groups] == [
        (g.label, g.urgency, g.unassigned) for g in todo.groups
    ]
    assert [g.count for g in overview.groups] == [len(g.items) for g in todo.groups]
    late = [sum(1 for i in g.items if i.datum < TODAY) for g in todo.groups if g.unassigned]
    assert [g.late for g in overview.groups if g.unassigned] == late
    assert overview.counts_by_area == todo.counts_by_area
    assert overview.total == todo.total


def _users(db: Database) -> list[str]:
    with db.sessions() as s:
        return list(s.scalars(select(User.username).order_by(User.username)))


@pytest.mark.parametrize("page", [1, 9])
def test_paged_att_gora_is_the_whole_list_for_every_user(demo_db: Database, page: int) -> None:
    users = _users(demo_db)
    assert len(users) >= 4
    for user in [*users, "okänd"]:
        for scope in (SCOPE_MINE, SCOPE_UNIT):
            reference = todo_list(demo_db, today=TODAY, user=user, scope=scope)
            overview = todo_overview(demo_db, today=TODAY, user=user, scope=scope)
            _same_groups(overview, reference)
            assert every_item(demo_db, overview, limit=page) == _reference(reference), (
                user,
                scope,
            )


def test_the_first_page_is_a_page_and_the_users_own_come_first(demo_db: Database) -> None:
    with demo_db.sessions() as s:
        consultant = s.scalar(select(User.username).where(User.role == "bostadskonsulent"))
    assert consultant
    overview = todo_overview(demo_db, today=TODAY, user=consultant, scope=SCOPE_MINE)
    assert overview.groups[-1].unassigned and overview.mine_total > 0
    group = overview.groups[0]
    first = todo_page(demo_db, overview, group, limit=2)
    assert min(2, group.count) <= len(first.items) <= group.count
    assert (first.next is None) == (len(first.items) == group.count)
    assert {i.responsible for i in first.items} == {consultant}
    whole = todo_list(demo_db, today=TODAY, user=consultant, scope=SCOPE_MINE)
    assert first.items == _reference(whole)[: len(first.items)]


def test_a_longer_horizon_and_another_day_agree_too(demo_db: Database) -> None:
    for today, days in ((TODAY + dt.timedelta(days=2), 30), (dt.date(2027, 3, 1), 0)):
        reference = todo_list(demo_db, today=today, scope=SCOPE_UNIT, within_days=days)
        overview = todo_overview(demo_db, today=today, scope=SCOPE_UNIT, within_days=days)
        assert [g.count for g in overview.groups] == [len(g.items) for g in reference.groups]
        assert every_item(demo_db, overview, limit=11) == _reference(reference)


def test_the_counts_are_read_on_two_connections_side_by_side(demo_db: Database) -> None:
    # Every other kind is counted on a second connection: both halves must come back (the
    # counts agree with the whole list's), each read on a thread of its own.
    threads: set[int] = set()

    def noted(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if "UNION ALL" in statement and "count(*)" in statement:
            threads.add(threading.get_ident())

    event.listen(demo_db.engine, "before_cursor_execute", noted)
    try:
        overview = todo_overview(demo_db, today=TODAY, scope=SCOPE_UNIT)
    finally:
        event.remove(demo_db.engine, "before_cursor_execute", noted)
    _same_groups(overview, todo_list(demo_db, today=TODAY, scope=SCOPE_UNIT))
    assert len(threads) == 2
