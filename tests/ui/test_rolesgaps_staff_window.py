"""Administration → Personal on PostgreSQL does what `bobudget admin user` does (issue 13, point
2): a new user gets a login in their role's group, a new role moves the login, deactivating means
NOLOGIN; without a password, or as a program administrator who is no server administrator, the
window says so in Swedish and nothing changes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLabel
from sqlalchemy.engine import URL

from bobudget.app.users import list_staff
from bobudget.db.engine import Database, connect
from bobudget.model.vocab import UserRole
from tests.db.pgroles_server import Server, make_server
from tests.ui.conftest import MessageBoxes
from ui.admin.staff import StaffDialog, StaffEditor

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def server(postgres_admin_url: URL) -> Iterator[Server]:
    yield from make_server(postgres_admin_url)


@pytest.fixture
def admin_db(server: Server) -> Iterator[Database]:
    db = connect(server.admin_url)
    try:
        yield db
    finally:
        db.dispose()


def _login(server: Server, login: str) -> tuple[bool, set[str]] | None:
    """Whether the login may sign in, and its groups; None when the server has no such login."""
    with server.admin() as conn:
        row = conn.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = %s", (login,))
        found = row.fetchone()
        if found is None:
            return None
        groups = conn.execute(
            "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
            "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = %s",
            (login,),
        ).fetchall()
    return bool(found[0]), {str(g[0]) for g in groups}


def _new_user(qtbot, db: Database, login: str, password: str) -> StaffDialog:
    dialog = StaffDialog(db, None, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText(login)
    dialog.full_name.setText("Vera Fönster")
    dialog.role.setCurrentIndex(dialog.role.findData(str(UserRole.BOSTADSHANDLEDARE)))
    dialog.password.setText(password)
    dialog.save_button.click()
    return dialog


def _shown(dialog: StaffDialog) -> str:
    return " ".join(label.text() for label in dialog.findChildren(QLabel) if label.isVisible())


def test_the_window_adds_changes_and_deactivates_the_login_too(
    qtbot, server: Server, admin_db: Database, message_boxes: MessageBoxes
) -> None:
    login = f"{server.prefix}_fonster"
    dialog = _new_user(qtbot, admin_db, login, "Fönster-hemligt-3!")
    assert dialog.saved, _shown(dialog)
    assert _login(server, login) == (True, {"bobudget_handledare"})
    with server.connect_raw(login) as conn:  # the new user signs in with their own login
        assert conn.execute("SELECT current_user").fetchone() == (login,)
    editor = StaffEditor(admin_db)
    qtbot.addWidget(editor)
    editor.show()
    member = next(m for m in editor.members if m.username == login)
    change = StaffDialog(admin_db, member, None)
    qtbot.addWidget(change)
    change.show()
    change.role.setCurrentIndex(change.role.findData(str(UserRole.ENHETSCHEF)))
    change.save_button.click()
    assert change.saved, _shown(change)
    assert _login(server, login) == (True, {"bobudget_chef"})
    editor.reload()
    editor.select(login)
    message_boxes.answer("Inaktivera")
    editor.deactivate_button.click()
    assert _login(server, login) == (False, {"bobudget_chef"})
    assert not next(m for m in list_staff(admin_db) if m.username == login).active


def test_without_a_password_the_window_says_so_and_adds_nobody(
    qtbot, server: Server, admin_db: Database
) -> None:
    login = f"{server.prefix}_utan"
    dialog = _new_user(qtbot, admin_db, login, "")
    assert not dialog.saved
    assert "Skriv ett lösenord" in _shown(dialog)
    assert _login(server, login) is None
    assert login not in {m.username for m in list_staff(admin_db)}


def test_a_program_administrator_who_is_no_server_administrator_is_told_so(
    qtbot, server: Server
) -> None:
    login = f"{server.prefix}_ej_server"
    db = server.as_user(server.logins["admin"])
    try:
        dialog = _new_user(qtbot, db, login, "Fönster-hemligt-3!")
        assert not dialog.saved
        assert "Databasservern tillåter dig inte att ändra inloggningar" in _shown(dialog)
        assert _login(server, login) is None
        assert login not in {m.username for m in list_staff(db)}
        # A change of phone alone touches no login: the program administrator may make it.
        member = next(m for m in list_staff(db) if m.username == server.logins["chef"])
        change = StaffDialog(db, member, None)
        qtbot.addWidget(change)
        change.show()
        change.phone.setText("0522-69 70 11")
        change.save_button.click()
        assert change.saved, _shown(change)
    finally:
        db.dispose()


def test_on_sqlite_there_is_no_password_field_and_roles_are_advisory(
    qtbot, sqlite_db: Database
) -> None:
    dialog = StaffDialog(sqlite_db, None, None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.password.isVisible()
    dialog.username.setText("lokal")
    dialog.full_name.setText("Lo Kal")
    dialog.save_button.click()
    assert dialog.saved
    assert [m.username for m in list_staff(sqlite_db)] == ["lokal"]
