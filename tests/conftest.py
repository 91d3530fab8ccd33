"""Shared fixtures: an isolated home for settings and logs, and databases on both engines.

`db` is parametrized over SQLite and PostgreSQL: every test that takes it runs on both.
PostgreSQL comes from BOBUDGET_TEST_POSTGRES_URL (an admin URL; default the local server on
127.0.0.1:5432 as user postgres); when none answers, a throwaway server is started with
pytest-postgresql. The PostgreSQL tests never skip: without a server they fail.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from bobudget.db import migrate
from bobudget.db.engine import Database, connect, parse_url
from bobudget.kernel.config import Settings, settings_path

DEFAULT_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings, data and logs of each test live in its own folder, never the user's."""
    home = tmp_path / "home"
    monkeypatch.setenv("BOBUDGET_HOME", str(home))
    monkeypatch.delenv("BOBUDGET_DATABASE_URL", raising=False)
    return home


def _server_answers(url: URL) -> bool:
    engine = create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect():
            return True
    except Exception:  # any failure means: no server here
        return False
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def postgres_admin_url(request: pytest.FixtureRequest) -> URL:
    given = os.environ.get("BOBUDGET_TEST_POSTGRES_URL")
    url = parse_url(given or DEFAULT_ADMIN_URL)
    if given or _server_answers(url):
        return url
    # No server: start a throwaway one (pytest-postgresql runs initdb and pg_ctl).
    proc = request.getfixturevalue("postgresql_proc")
    return make_url(f"postgresql+psycopg://{proc.user}@{proc.host}:{proc.port}/postgres")


@pytest.fixture
def postgres_url(postgres_admin_url: URL) -> Iterator[URL]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    name = f"bobudget_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield postgres_admin_url.set(database=name)
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> URL:
    return make_url(f"sqlite:///{tmp_path / 'bobudget-test.db'}")


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_db(request: pytest.FixtureRequest) -> Iterator[Database]:
    """An empty (unmigrated) database on each engine."""
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_url")
    db = connect(url)
    try:
        yield db
    finally:
        db.dispose()


@pytest.fixture
def db(empty_db: Database) -> Database:
    """A database migrated to head, on each engine."""
    migrate.upgrade(empty_db)
    return empty_db


@pytest.fixture
def sqlite_db(sqlite_url: URL) -> Iterator[Database]:
    db = connect(sqlite_url)
    migrate.upgrade(db)
    try:
        yield db
    finally:
        db.dispose()


def write_older_settings_file(settings: Settings) -> None:
    """This PC's settings file as an older version wrote it: the letterhead, the periods and
    the template folder in it too (the program now writes only the connection; the carry-over
    reads the rest once into the database)."""
    data = asdict(settings)
    data.pop("template_overrides")
    data.pop("bostad_forst_target")
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


# The day the tests that set up recurring payments play on (their TODAY).
TEST_DAY = dt.date(2026, 11, 27)


@pytest.fixture
def recurring_set_up_on_test_day() -> Iterator[list[dt.datetime]]:
    """A recurring payment a test sets up is set up on the test's day, not the real clock's.

    Its proposals start from the month it was set up (its created_at): set up by the real clock
    in December, a payment asked about on 2026-11-27 proposed nothing for November. Yields the
    moment used (09:00 UTC that day), which a test may change.
    """
    moment = [dt.datetime.combine(TEST_DAY, dt.time(9), dt.UTC)]
    from sqlalchemy import event

    from bobudget.model import RecurringPayment

    def stamp(_mapper: object, _connection: object, target: RecurringPayment) -> None:
        if target.created_at is None:
            target.created_at = moment[0]

    event.listen(RecurringPayment, "before_insert", stamp)
    yield moment
    event.remove(RecurringPayment, "before_insert", stamp)
