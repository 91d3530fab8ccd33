"""The access log's gaps closed (issue 13): Att göra, the egna medel accounts, the follow-up list
and a person's follow-up, the renewal letters due, a household's members and `bobudget due` the
list behind a statistics cell and the statistics exports each log exactly the persons they
show, ids only; an IVO export with identities logs its persons."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event, select

from bobudget.app.due import due_items
from bobudget.app.todo import SCOPE_UNIT, todo_list
from bobudget.cli import main
from bobudget.db.engine import Database
from bobudget.db.settings_in_use import effective_settings
from bobudget.demo.generate import fill_demo
from bobudget.follow_up.overview import follow_up_overview, person_follow_up
from bobudget.funds.queries import search_accounts
from bobudget.model import AccessLog, Person
from bobudget.model.vocab import AccessKind
from bobudget.persons.households import get_household
from bobudget.placement.renewal_letters import renewal_letters_due
from bobudget.placement.renewal_rows import renewal_rows

TODAY = dt.date(2026, 11, 27)
FORBIDDEN = re.compile(r"^\s*(UPDATE|DELETE\s+FROM)\s+\"?(access_log|change_trail)\b", re.I)


@pytest.fixture(autouse=True)
def never_changed(sqlite_db: Database) -> Iterator[None]:
    """Fails the test if anything issues UPDATE or DELETE on the two log tables."""
    seen: list[str] = []

    def watch(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if FORBIDDEN.search(statement):
            seen.append(statement)

    event.listen(sqlite_db.engine, "before_cursor_execute", watch)
    yield
    event.remove(sqlite_db.engine, "before_cursor_execute", watch)
    assert seen == []


@pytest.fixture
def demo(sqlite_db: Database) -> Database:
    """A demo database (SQLite only: filling a demo is slow; the log rows are engine-neutral
    and the PostgreSQL path of record_access is covered by tests/db/test_auditlog_access.py)."""
    fill_demo(sqlite_db, 60, seed=3, today=TODAY)
    return sqlite_db


def _log(db: Database) -> list[AccessLog]:
    with db.sessions() as session:
        return list(session.scalars(select(AccessLog).order_by(AccessLog.id)))


def _new_rows(db: Database, before: int) -> list[AccessLog]:
    return [row for row in _log(db) if row.id > before]


def _last_id(db: Database) -> int:
    rows = _log(db)
    return rows[-1].id if rows else 0


def _distinct(ids: list[int]) -> list[int]:
    return list(dict.fromkeys(ids))


def _assert_ids_only(db: Database) -> None:
    with db.sessions() as session:
        private: list[str] = []
        for p in session.scalars(select(Person)):
            private += [p.first_name, p.last_name, p.identity, p.identity[2:]]
    private = [t for t in private if len(t) > 1]
    for row in _log(db):
        assert not re.search(r"\d{6}[-+]?\d{4}", row.detail), row.detail
        assert not any(text in row.detail for text in private), row.detail


def test_todo_logs_the_persons_of_its_items(demo: Database) -> None:
    shown = todo_list(demo, today=TODAY, user="anna", scope=SCOPE_UNIT)
    assert shown.items
    rows = _log(demo)
    assert [r.person_id for r in rows] == _distinct([i.person_id for i in shown.items])
    assert {(r.what, r.username) for r in rows} == {(AccessKind.LIST_SHOWN, "anna")}
    _assert_ids_only(demo)


def test_funds_accounts_list_logs_the_holders(demo: Database) -> None:
    shown = search_accounts(demo, "", today=TODAY, limit=15)
    assert shown
    rows = _log(demo)
    assert [r.person_id for r in rows] == _distinct([a.person_id for a in shown])
    assert {r.detail for r in rows} == {"egna medel, konton"}
    # A search that found no one logs nothing.
    assert search_accounts(demo, "zzzz-ingen", today=TODAY) == []
    assert len(_log(demo)) == len(rows)


def test_follow_up_list_and_person_are_logged(demo: Database) -> None:
    shown = follow_up_overview(demo, TODAY)
    assert shown
    rows = _log(demo)
    assert [r.person_id for r in rows] == [r.person_id for r in shown]
    assert {r.what for r in rows} == {AccessKind.LIST_SHOWN}
    before = _last_id(demo)
    person_follow_up(demo, shown[0].person_id)
    [opened] = _new_rows(demo, before)
    assert (opened.what, opened.person_id) == (AccessKind.CARD_OPENED, shown[0].person_id)
    _assert_ids_only(demo)


def test_renewal_letters_due_are_logged(demo: Database) -> None:
    due = renewal_letters_due(demo, on=TODAY, within_days=60)
    rows = _log(demo)
    assert [r.person_id for r in rows] == _distinct([q.person_id for q in due.requests])
    assert all(r.detail == "förlängningsbrev" for r in rows)


def test_the_brev_page_logs_the_renewal_rows_it_shows_not_every_letter_due(
    demo: Database,
) -> None:
    due = renewal_letters_due(demo, on=TODAY, within_days=60, record_shown=False)
    ids = [q.subject_id for q in due.requests if q.subject_id is not None]
    assert len(ids) >= 3
    assert _log(demo) == []  # counting the letters due shows no one
    shown = renewal_rows(demo, ids[1:3], first_row=1)
    rows = _log(demo)
    assert [r.person_id for r in rows] == _distinct([r.person_id for r in shown])
    assert {r.detail for r in rows} == {"förlängningsbrev, från rad 2"}


def test_household_members_are_logged(demo: Database) -> None:
    with demo.sessions() as session:
        person_id = session.scalars(select(Person.id).order_by(Person.id)).first()
    assert person_id is not None
    household = get_household(demo, person_id, TODAY)
    rows = _log(demo)
    assert [r.person_id for r in rows] == [m.person_id for m in household.members]
    assert {r.detail for r in rows} == {f"hushåll {household.id}"}


def test_cli_due_logs_the_persons_listed(
    demo: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    url = demo.url.render_as_string(hide_password=False)
    args = ["due", "--date", TODAY.isoformat(), "--overdue", "--format", "csv", "--db", url]
    assert main(args) == 0
    listed = capsys.readouterr().out.splitlines()[1:]
    within = effective_settings(demo).renewal_reminder_days
    expected = due_items(demo, TODAY, within, reminder_days=within, include_overdue=True)
    assert len(listed) == len(expected) > 0
    rows = _log(demo)
    assert [r.person_id for r in rows] == _distinct([i.person_id for i in expected])
    assert {(r.what, r.detail) for r in rows} == {(AccessKind.LIST_SHOWN, "förfaller")}
    _assert_ids_only(demo)
