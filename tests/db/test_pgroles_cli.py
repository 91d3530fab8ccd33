"""`bobudget admin user …` and `admin setup` as IT uses them: passwords only through stdin and
never written anywhere, hostile logins and names refused or quoted, SQLite advisory."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import URL

from bobudget.admin.accounts import add_user
from bobudget.app.users import list_staff
from bobudget.cli import main
from bobudget.db import migrate
from bobudget.db.engine import Database, connect
from bobudget.db.open import open_database
from bobudget.kernel.errors import DatabaseUnavailableError, ValidationError
from bobudget.model.vocab import UserRole
from tests.db.pgroles_server import Server, make_server

PASSWORD = "Pgroles-hemligt-7Qz!"  # distinctive, to be searched for everywhere


@pytest.fixture(scope="module")
def server(postgres_admin_url: URL) -> Iterator[Server]:
    yield from make_server(postgres_admin_url)


def _url(server: Server) -> str:
    return server.admin_url.render_as_string(hide_password=False)


@pytest.mark.postgres
def test_the_password_comes_from_stdin_and_is_kept_nowhere_but_as_a_verifier(
    server: Server,
    isolated_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    login = f"{server.prefix}_lösen".replace("ö", "o")
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    code = main(
        [
            "admin",
            "user",
            "add",
            login,
            "--name",
            "Petra Lösen",
            "--role",
            "bostadskonsulent",
            "--role",
            "enhetschef",
            "--password-stdin",
            "--db",
            _url(server),
        ]
    )
    out = capsys.readouterr()
    assert code == 0, out.err
    assert PASSWORD not in out.out + out.err
    with server.admin() as conn:
        row = conn.execute(
            "SELECT rolpassword, rolcanlogin FROM pg_authid WHERE rolname = %s", (login,)
        ).fetchone()
        assert row is not None
        verifier, can_login = row
        assert str(verifier).startswith("SCRAM-SHA-256$") and can_login is True
        assert PASSWORD not in str(verifier)
        # Not in any table of the database, nor in the server's statement statistics.
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            ).fetchall()
        ]
        for table in tables:
            dumped = conn.execute(
                f"SELECT coalesce(string_agg(t::text, ''), '') FROM \"{table}\" t"
            ).fetchone()
            assert dumped is not None and PASSWORD not in str(dumped[0]), table
    # Not in any file the program wrote (settings, logs, anything under its home).
    for path in isolated_home.rglob("*"):
        if path.is_file():
            assert PASSWORD.encode() not in path.read_bytes(), path
    # And the roles are both in the server and the users table.
    db = connect(server.admin_url)
    try:
        member = {m.username: m for m in list_staff(db)}[login]
        assert member.roles == (UserRole.BOSTADSKONSULENT, UserRole.ENHETSCHEF)
    finally:
        db.dispose()


def test_there_is_no_password_option_on_the_command_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as stopped:
        given = ["add", "x", "--name", "X Y", "--role", "enhetschef", "--password", PASSWORD]
        main(["admin", "user", *given])
    assert stopped.value.code == 2
    assert PASSWORD not in capsys.readouterr().out


HOSTILE_LOGINS = [
    "x'; DROP ROLE postgres; --",
    'anna"; DROP TABLE persons; --',
    "hundra%",
    "nul\x00byte",
    "Robert'); DELETE FROM users;--",
    "",
    "a" * 70,
]


@pytest.mark.postgres
@pytest.mark.parametrize("login", HOSTILE_LOGINS)
def test_a_hostile_login_is_refused_and_changes_nothing(server: Server, login: str) -> None:
    db = connect(server.admin_url)
    try:
        before = len(list_staff(db))
        with server.admin() as conn:
            roles_before = conn.execute("SELECT count(*) FROM pg_roles").fetchone()
        with pytest.raises(ValidationError, match="Användarnamnet"):
            add_user(db, login, "Elak Användare", [UserRole.BOSTADSKONSULENT])
        assert len(list_staff(db)) == before
        with server.admin() as conn:
            assert conn.execute("SELECT count(*) FROM pg_roles").fetchone() == roles_before
            assert conn.execute("SELECT count(*) FROM persons").fetchone() != (0,)
    finally:
        db.dispose()


@pytest.mark.postgres
def test_a_name_with_quotes_and_percent_is_kept_as_typed(server: Server) -> None:
    name = 'O\'Brien "Bobby" 100%; DROP ROLE postgres; --'
    login = f"{server.prefix}_obrien"
    db = connect(server.admin_url)
    try:
        add_user(db, login, name, [UserRole.BOSTADSHANDLEDARE])
        assert {m.username: m for m in list_staff(db)}[login].full_name == name
        with pytest.raises(ValidationError):
            add_user(db, f"{server.prefix}_nul", "Nul\x00Namn", [UserRole.BOSTADSHANDLEDARE])
    finally:
        db.dispose()
    with server.admin() as conn:
        assert conn.execute("SELECT 1 FROM pg_roles WHERE rolname = 'postgres'").fetchone()
        row = conn.execute(
            "SELECT 1 FROM pg_roles WHERE rolname = %s", (f"{server.prefix}_nul",)
        ).fetchone()
        assert row is None  # refused before the server was asked to make it


# --- On a local SQLite file the same commands keep the users table; roles are advisory ---


def _sqlite(sqlite_db: Database) -> str:
    return sqlite_db.url.render_as_string(hide_password=False)


def test_on_sqlite_admin_user_keeps_the_users_table_and_says_roles_are_advisory(
    sqlite_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _sqlite(sqlite_db)
    assert (
        main(
            [
                "admin",
                "user",
                "add",
                "anna.berg",
                "--name",
                "Anna Berg",
                "--role",
                "bostadskonsulent",
                "--skyddade",
                "--db",
                url,
            ]
        )
        == 0
    )
    assert "vägledande" in capsys.readouterr().err
    assert main(["admin", "user", "grant", "anna.berg", "--role", "enhetschef", "--db", url]) == 0
    assert main(["admin", "user", "list", "--db", url]) == 0
    listed = capsys.readouterr().out
    assert "Bostadskonsulent, Enhetschef" in listed
    assert (
        main(["admin", "user", "revoke", "anna.berg", "--role", "bostadskonsulent", "--db", url])
        == 0
    )
    assert main(["admin", "user", "disable", "anna.berg", "--db", url]) == 0
    member = {m.username: m for m in list_staff(sqlite_db)}["anna.berg"]
    assert member.roles == (UserRole.ENHETSCHEF,)
    assert member.role is UserRole.ENHETSCHEF  # users.role follows the first role
    assert member.protected_access is True and member.active is False


def test_the_older_user_command_still_works_and_gives_the_user_a_role(
    sqlite_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _sqlite(sqlite_db)
    args = ["user", "add", "bo.ek", "--full-name", "Bo Ek", "--role", "bostadshandledare"]
    assert main([*args, "--db", url]) == 0
    member = {m.username: m for m in list_staff(sqlite_db)}["bo.ek"]
    assert member.roles == (UserRole.BOSTADSHANDLEDARE,)
    assert main(["user", "deactivate", "bo.ek", "--db", url]) == 0


def test_admin_setup_on_sqlite_says_it_is_for_postgresql(
    sqlite_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["admin", "setup", "--db", _sqlite(sqlite_db)]) == 1
    assert "PostgreSQL" in capsys.readouterr().err


def test_admin_setup_by_a_login_that_is_not_the_servers_administrator_is_refused(
    server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.url_of(server.logins["admin"]).render_as_string(hide_password=False)
    assert main(["admin", "setup", "--db", url]) == 1
    assert "administratör av databasservern" in capsys.readouterr().err


def test_the_migration_carries_each_users_role_over_and_back(db: Database) -> None:
    migrate.downgrade(db, "0011")
    with db.engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO users (username, full_name, phone, email, role, active, version, "
                "created_at, created_by, updated_at, updated_by) VALUES ('eva', 'Eva', '', '', "
                "'enhetschef', true, 1, CURRENT_TIMESTAMP, '', CURRENT_TIMESTAMP, '')"
            )
        )
    migrate.upgrade(db)
    member = {m.username: m for m in list_staff(db)}["eva"]
    assert member.roles == (UserRole.ENHETSCHEF,) and member.protected_access is False
    migrate.downgrade(db, "0011")
    with db.engine.connect() as c:
        assert c.execute(text("SELECT role FROM users WHERE username = 'eva'")).scalar() == (
            "enhetschef"
        )


@pytest.mark.postgres
def test_a_users_login_does_not_migrate_and_is_told_to_ask_it(server: Server) -> None:
    head = migrate.head_revision()
    with server.admin() as conn:  # as if a newer bobudget had been installed on the PCs
        conn.execute("UPDATE alembic_version SET version_num = '0011'")
    try:
        url = server.url_of(server.logins["konsulent"]).render_as_string(hide_password=False)
        with pytest.raises(DatabaseUnavailableError, match="admin setup"):
            open_database(url)
        with server.admin() as conn:  # the refused upgrade left the schema as it was
            row = conn.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = 'user_roles'"
            ).fetchone()
            assert row == (1,)
    finally:
        with server.admin() as conn:
            conn.execute("UPDATE alembic_version SET version_num = %s", (head,))
