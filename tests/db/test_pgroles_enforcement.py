"""What PostgreSQL itself refuses or hides, whatever program the user connects with: raw SQL as
each role's own login, after `bobudget admin setup` (issue 13, points 3 and 8)."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from psycopg import errors as pg_errors
from sqlalchemy.engine import URL

from bobudget.admin.accounts import add_user, change_role, disable_user
from bobudget.app.person_card import get_person_card
from bobudget.app.todo import todo_list
from bobudget.app.users import list_staff, set_own_details
from bobudget.db.engine import connect
from bobudget.db.rights.setup import setup_database
from bobudget.db.uow import UnitOfWork, current_username
from bobudget.kernel.errors import PermissionDeniedError, ValidationError
from bobudget.model.vocab import UserRole
from bobudget.persons.registry import search_persons
from bobudget.placement.queue import QueueFilter, queue_rows
from tests.db.pgroles_server import LOGINS, TODAY, Server, make_server

pytestmark = pytest.mark.postgres

APPLICATION_ROLES = ("konsulent", "handledare", "egna_medel", "chef", "admin")


@pytest.fixture(scope="module")
def server(postgres_admin_url: URL) -> Iterator[Server]:
    yield from make_server(postgres_admin_url)


def _scalar(server: Server, login: str, query: str) -> object:
    with server.connect_raw(login) as conn:
        row = conn.execute(query).fetchone()
        assert row is not None
        return row[0]


def test_a_handledare_may_not_change_or_post_ledger_entries(server: Server) -> None:
    for statement in (
        "UPDATE funds_transactions SET amount_ore = amount_ore + 100",
        "INSERT INTO funds_transactions (account_id) VALUES (1)",
        "DELETE FROM funds_transactions",
    ):
        with (
            server.connect_raw(server.logins["handledare"]) as conn,
            pytest.raises(pg_errors.InsufficientPrivilege, match="permission denied"),
        ):
            conn.execute(statement)


def test_nobody_changes_or_removes_a_ledger_entry_and_only_egna_medel_posts(
    server: Server,
) -> None:
    with server.admin() as conn:
        for what in APPLICATION_ROLES:
            login = server.logins[what]
            for privilege, expected in (
                ("UPDATE", False),
                ("DELETE", False),
                ("INSERT", what == "egna_medel"),
                ("SELECT", True),
            ):
                row = conn.execute(
                    "SELECT has_table_privilege(%s, 'funds_transactions', %s)",
                    (login, privilege),
                ).fetchone()
                assert row is not None and row[0] is expected, (what, privilege)


@pytest.mark.parametrize("what", APPLICATION_ROLES)
def test_the_audit_trail_refuses_update_and_delete_for_every_role(
    server: Server, what: str
) -> None:
    login = server.logins[what]
    for statement in ("UPDATE audit_entries SET detail = 'ändrad'", "DELETE FROM audit_entries"):
        with (
            server.connect_raw(login) as conn,
            pytest.raises(pg_errors.InsufficientPrivilege, match="permission denied"),
        ):
            conn.execute(statement)
    with server.connect_raw(login) as conn:  # what every service does: it may add
        conn.execute(
            "INSERT INTO audit_entries (at, username, action, entity, detail) "
            "VALUES (now(), current_user, 'test', 'test', '')"
        )
        conn.rollback()


def test_protected_persons_are_seen_only_by_users_named_for_them(server: Server) -> None:
    query = "SELECT count(*) FROM persons WHERE protected_identity"
    everyone = _scalar(server, server.admin_url.username or "postgres", query)
    assert isinstance(everyone, int) and everyone > 0
    for what in APPLICATION_ROLES:
        assert _scalar(server, server.logins[what], query) == 0, what
    assert _scalar(server, server.logins["named"], query) == everyone


@pytest.mark.parametrize(
    "table",
    ["contracts", "household_members", "managed_funds_accounts"],
)
def test_rows_hanging_off_a_protected_person_are_hidden_too(server: Server, table: str) -> None:
    query = (
        f"SELECT count(*) FROM {table} t WHERE t.person_id IN "
        "(SELECT id FROM persons WHERE protected_identity)"
    )
    superuser = server.admin_url.username or "postgres"
    total = _scalar(server, superuser, query)
    assert isinstance(total, int) and total > 0
    assert _scalar(server, server.logins["konsulent"], query) == 0
    assert _scalar(server, server.logins["named"], query) == total


def test_a_protected_persons_ledger_is_hidden_two_steps_away(server: Server) -> None:
    query = (
        "SELECT count(*) FROM funds_transactions WHERE account_id IN (SELECT a.id FROM "
        "managed_funds_accounts a JOIN persons p ON p.id = a.person_id WHERE p.protected_identity)"
    )
    # The hidden person's id, as the server's administrator sees it, asked for by a konsulent.
    hidden = (
        "SELECT count(*) FROM funds_transactions WHERE account_id = (SELECT min(id) FROM "
        "managed_funds_accounts WHERE person_id = (SELECT min(person_id) FROM "
        "managed_funds_accounts))"
    )
    superuser = server.admin_url.username or "postgres"
    assert isinstance(_scalar(server, superuser, query), int)
    assert _scalar(server, superuser, hidden) != 0
    assert _scalar(server, server.logins["egna_medel"], query) == 0
    assert _scalar(server, server.logins["named"], query) == _scalar(server, superuser, query)


def test_the_signed_in_user_is_the_servers_login(server: Server) -> None:
    login = server.logins["konsulent"]
    db = server.as_user(login)
    try:
        assert db.login == login
        assert current_username(db) == login
        with UnitOfWork(db) as uow:
            assert uow.user == login
        # Saving one's own details works with the narrow grant on users, and saves one's own.
        set_own_details(db, full_name="Karin Konsulent", phone="0522-69 70 11")
        mine = {m.username: m for m in list_staff(db)}[login]
        assert mine.full_name == "Karin Konsulent"
    finally:
        db.dispose()


def test_the_window_refuses_in_swedish_what_the_server_refuses(server: Server) -> None:
    db = server.as_user(server.logins["handledare"])
    try:
        with db.engine.connect() as conn, pytest.raises(PermissionDeniedError) as caught:
            conn.exec_driver_sql("DELETE FROM funds_transactions")
        assert "Ingenting ändrades" in str(caught.value)
    finally:
        db.dispose()


def test_a_konsulent_can_use_the_main_lists_and_the_person_card(server: Server) -> None:
    db = server.as_user(server.logins["konsulent"])
    try:
        found = search_persons(db, "a")
        assert found, "the search finds persons"
        card = get_person_card(db, found[0].id, TODAY)
        assert card is not None
        queue_rows(db, QueueFilter(), TODAY)
        todo_list(db, today=TODAY)
    finally:
        db.dispose()


def test_roles_are_granted_and_revoked_in_the_server_and_the_users_table(server: Server) -> None:
    admin_db = connect(server.admin_url)
    login = server.logins["chef"]
    member = "SELECT pg_has_role(%s, 'bobudget_egna_medel', 'MEMBER')"
    try:
        changed = change_role(admin_db, login, UserRole.HANDLAGGARE_EGNA_MEDEL, grant=True)
        assert changed.roles == (UserRole.ENHETSCHEF, UserRole.HANDLAGGARE_EGNA_MEDEL)
        with server.admin() as conn:
            row = conn.execute(member, (login,)).fetchone()
            assert row is not None and row[0] is True
        change_role(admin_db, login, UserRole.HANDLAGGARE_EGNA_MEDEL, grant=False)
        with server.admin() as conn:
            row = conn.execute(member, (login,)).fetchone()
            assert row is not None and row[0] is False
        with pytest.raises(ValidationError, match="minst en roll"):
            change_role(admin_db, login, UserRole.ENHETSCHEF, grant=False)
    finally:
        admin_db.dispose()


def test_a_disabled_user_cannot_connect(server: Server) -> None:
    login = f"{server.prefix}_leaver"
    admin_db = connect(server.admin_url)
    try:
        add_user(admin_db, login, "Lena Slutar", [UserRole.BOSTADSKONSULENT])
        open_session = server.connect_raw(login)
        member = disable_user(admin_db, login)
        assert member.active is False
    finally:
        admin_db.dispose()
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        server.connect_raw(login)
    # A session open when the user was disabled is ended too.
    with pytest.raises(psycopg.OperationalError):
        open_session.execute("SELECT 1")


def _snapshot(server: Server) -> dict[str, list[tuple[object, ...]]]:
    queries = {
        "roles": "SELECT rolname, rolcanlogin, rolsuper, rolinherit, rolcreaterole "
        "FROM pg_roles WHERE rolname LIKE 'bobudget\\_%%' OR rolname LIKE %s ORDER BY 1",
        "members": "SELECT r.rolname, m.rolname FROM pg_auth_members a JOIN pg_roles r ON "
        "r.oid = a.roleid JOIN pg_roles m ON m.oid = a.member WHERE m.rolname LIKE %s "
        "ORDER BY 1, 2",
        "grants": "SELECT grantee, table_name, privilege_type FROM "
        "information_schema.role_table_grants WHERE table_schema = 'public' AND grantee "
        "LIKE 'bobudget\\_%%' AND %s <> '' ORDER BY 1, 2, 3",
        "columns": "SELECT grantee, table_name, column_name, privilege_type FROM "
        "information_schema.column_privileges WHERE table_schema = 'public' AND grantee "
        "LIKE 'bobudget\\_%%' AND %s <> '' ORDER BY 1, 2, 3, 4",
        "policies": "SELECT tablename, policyname, cmd, qual, with_check FROM pg_policies "
        "WHERE schemaname = 'public' AND %s <> '' ORDER BY 1, 2",
        "owners": "SELECT tablename, tableowner, rowsecurity FROM pg_tables "
        "WHERE schemaname = 'public' AND %s <> '' ORDER BY 1",
    }
    with server.admin() as conn:
        return {
            key: conn.execute(query, (f"{server.prefix}%",)).fetchall()  # type: ignore[arg-type]
            for key, query in queries.items()
        }


def test_admin_setup_twice_changes_nothing(server: Server) -> None:
    before = _snapshot(server)
    assert before["grants"] and before["policies"]
    assert {owner for _t, owner, _rls in before["owners"]} == {"bobudget_owner"}
    db = connect(server.admin_url)
    try:
        result = setup_database(db)
    finally:
        db.dispose()
    assert result.roles_created == ()
    assert _snapshot(server) == before


def test_every_login_named_here_exists_once(server: Server) -> None:
    assert set(server.logins) == set(LOGINS)
