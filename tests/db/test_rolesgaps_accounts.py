"""Gaps of issue 13 closed (points 2, 3, 8): a login for staff added before the server enforced
roles, naming a user for protected persons afterwards, and a protected person's household (its
decisions and offers) hidden by the server itself: raw SQL as the users' own logins."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import URL

from bobudget.admin.accounts import add_user, set_protected
from bobudget.app.users import StaffInput, add_staff, list_staff
from bobudget.cli import main
from bobudget.db.engine import Database, connect
from bobudget.db.rights.setup import setup_database
from bobudget.kernel.errors import ValidationError
from bobudget.model.vocab import HouseholdRole, UserRole
from tests.db.pgroles_server import Server, make_server

pytestmark = pytest.mark.postgres

# A household with decisions and offers whose applicant becomes protected (the first such).
_PROTECTED_HOUSEHOLD = (
    "SELECT min(d.household_id) FROM decisions d JOIN offers o ON o.decision_id = d.id"
)


@pytest.fixture(scope="module")
def server(postgres_admin_url: URL) -> Iterator[Server]:
    for made in make_server(postgres_admin_url):
        with made.admin() as conn:
            row = conn.execute(_PROTECTED_HOUSEHOLD).fetchone()
            assert row is not None and row[0] is not None
            conn.execute(
                "UPDATE persons SET protected_identity = true WHERE id IN "
                "(SELECT person_id FROM household_members WHERE household_id = %s "
                "AND role = %s)",
                (row[0], str(HouseholdRole.APPLICANT)),
            )
        made.logins["household"] = str(row[0])
        yield made


@pytest.fixture
def admin_db(server: Server) -> Iterator[Database]:
    db = connect(server.admin_url)
    try:
        yield db
    finally:
        db.dispose()


def _scalar(server: Server, login: str, query: str) -> object:
    with server.connect_raw(login) as conn:
        row = conn.execute(query).fetchone()
        assert row is not None
        return row[0]


def _superuser(server: Server) -> str:
    return server.admin_url.username or "postgres"


def _groups(server: Server, login: str) -> set[str]:
    with server.admin() as conn:
        rows = conn.execute(
            "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
            "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = %s",
            (login,),
        ).fetchall()
    return {str(r[0]) for r in rows}


# --- point 8 (row-level security): a protected person's household and what hangs off it ---


@pytest.mark.parametrize(
    ("table", "column"),
    [
        ("decisions", "household_id"),
        ("households", "id"),
        ("household_members", "household_id"),
    ],
)
def test_a_protected_persons_household_and_its_decisions_are_hidden(
    server: Server, table: str, column: str
) -> None:
    query = f"SELECT count(*) FROM {table} WHERE {column} = {server.logins['household']}"
    total = _scalar(server, _superuser(server), query)
    assert isinstance(total, int) and total > 0
    for what in ("konsulent", "handledare", "chef", "admin"):
        assert _scalar(server, server.logins[what], query) == 0, what
    assert _scalar(server, server.logins["named"], query) == total


def test_the_offers_of_a_protected_household_are_hidden(server: Server) -> None:
    query = (
        "SELECT count(*) FROM offers WHERE decision_id IN (SELECT id FROM decisions "
        f"WHERE household_id = {server.logins['household']})"
    )
    superuser = _superuser(server)
    total = _scalar(server, superuser, query)
    assert isinstance(total, int) and total > 0
    assert _scalar(server, server.logins["konsulent"], query) == 0
    assert _scalar(server, server.logins["named"], query) == total
    # Every other household's decisions stay in sight: only those with a protected member go.
    everyone = "SELECT count(*) FROM decisions"
    hidden = _scalar(
        server,
        superuser,
        "SELECT count(*) FROM decisions WHERE household_id IN (SELECT m.household_id FROM "
        "household_members m JOIN persons p ON p.id = m.person_id WHERE p.protected_identity)",
    )
    assert isinstance(hidden, int)
    seen = _scalar(server, server.logins["konsulent"], everyone)
    assert seen == _scalar(server, superuser, everyone) - hidden  # type: ignore[operator]


def test_setup_again_changes_nothing_and_keeps_the_household_hidden(
    server: Server, admin_db: Database
) -> None:
    setup_database(admin_db)
    query = f"SELECT count(*) FROM decisions WHERE household_id = {server.logins['household']}"
    assert _scalar(server, server.logins["konsulent"], query) == 0


# --- point 3: staff added before, named for protected persons afterwards ---


def test_staff_added_earlier_gets_a_login_with_the_roles_given(
    server: Server, admin_db: Database
) -> None:
    login = f"{server.prefix}_tidigare"
    add_staff(admin_db, login, StaffInput("Tora Tidigare", role=UserRole.BOSTADSKONSULENT))
    assert _groups(server, login) == set()  # no login yet: `bobudget user add` made the row
    add_user(
        admin_db,
        login,
        "Annat Namn",
        [UserRole.BOSTADSHANDLEDARE, UserRole.ENHETSCHEF],
        protected_access=True,
    )
    assert _groups(server, login) == {"bobudget_handledare", "bobudget_chef"}
    member = next(m for m in list_staff(admin_db) if m.username == login)
    assert member.full_name == "Tora Tidigare"  # the row kept its name
    assert member.roles == (UserRole.BOSTADSHANDLEDARE, UserRole.ENHETSCHEF)
    assert member.protected_access
    assert _scalar(server, login, "SELECT current_user") == login
    # Now that the login is there, a second add is refused as before.
    with pytest.raises(ValidationError, match="Det finns redan en användare"):
        add_user(admin_db, login, "Tora Tidigare", [UserRole.BOSTADSKONSULENT])


def test_a_user_is_named_for_protected_persons_and_unnamed_afterwards(
    server: Server,
    admin_db: Database,
    isolated_home: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    login = f"{server.prefix}_namnges"
    add_user(admin_db, login, "Nina Namngiven", [UserRole.BOSTADSKONSULENT])
    query = "SELECT count(*) FROM persons WHERE protected_identity"
    everyone = _scalar(server, _superuser(server), query)
    assert _scalar(server, login, query) == 0
    url = server.admin_url.render_as_string(hide_password=False)
    assert main(["admin", "user", "protected", login, "--ja", "--db", url]) == 0
    assert "får se personer med skyddade personuppgifter" in capsys.readouterr().out
    assert _scalar(server, login, query) == everyone
    set_protected(admin_db, login, named=False)
    assert _scalar(server, login, query) == 0


def test_protected_on_sqlite_is_advisory(
    sqlite_db: Database, isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_user(sqlite_db, "sara", "Sara Sqlite", [UserRole.BOSTADSKONSULENT])
    url = sqlite_db.url.render_as_string(hide_password=False)
    assert main(["admin", "user", "protected", "sara", "--ja", "--db", url]) == 0
    assert "vägledande" in capsys.readouterr().err
    assert next(m for m in list_staff(sqlite_db) if m.username == "sara").protected_access
    # On SQLite there is no login to add: an existing user is refused as before.
    with pytest.raises(ValidationError, match="Det finns redan en användare"):
        add_user(sqlite_db, "sara", "Sara Sqlite", [UserRole.ENHETSCHEF])
