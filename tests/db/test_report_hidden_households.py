"""A report read by a user the server hides protected households from says so (issue 13 and 12):
its figures miss those households, and a report to IVO or the committee must not, so the maker
is told how many (never who) in the window and on the command line."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import URL

from bobudget.cli import main
from bobudget.db.engine import Database
from bobudget.statistics.catalogue import report_by_key
from bobudget.statistics.periods import default_period
from bobudget.statistics.service import run_report
from tests.db.pgroles_server import TODAY, Server, make_server

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def server(postgres_admin_url: URL) -> Iterator[Server]:
    yield from make_server(postgres_admin_url)


def _protected_households(server: Server) -> int:
    with server.admin() as conn:
        row = conn.execute(
            "SELECT count(DISTINCT m.household_id) FROM household_members m "
            "JOIN persons p ON p.id = m.person_id WHERE p.protected_identity"
        ).fetchone()
    assert row is not None
    return int(row[0])


def _read(db: Database) -> int:
    report = report_by_key("survey")
    assert report is not None
    return run_report(db, report, default_period(report.period_kind, TODAY)).hidden_households


def test_the_unit_manager_not_named_is_told_how_many_households_are_missing(
    server: Server,
) -> None:
    hidden = _protected_households(server)
    assert hidden > 0  # the demo has protected persons
    for login, expected in ((server.logins["chef"], hidden), (server.logins["named"], 0)):
        db = server.as_user(login)
        try:
            assert _read(db) == expected, login
        finally:
            db.dispose()
    # The owner of the database (no row-level security for it) misses nothing.
    admin = server.as_user(server.admin_url.username or "postgres")
    try:
        assert _read(admin) == 0
    finally:
        admin.dispose()


def test_the_command_line_warns_on_standard_error(
    server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.url_of(server.logins["chef"]).render_as_string(hide_password=False)
    assert main(["report", "survey", "--db", url]) == 0
    captured = capsys.readouterr()
    assert "syns inte för dig och saknas i rapporten" in captured.err
    assert "syns inte" not in captured.out
    named = server.url_of(server.logins["named"]).render_as_string(hide_password=False)
    assert main(["report", "survey", "--db", named]) == 0
    assert "syns inte" not in capsys.readouterr().err


def test_on_sqlite_nothing_is_hidden(sqlite_db: Database) -> None:
    assert _read(sqlite_db) == 0
