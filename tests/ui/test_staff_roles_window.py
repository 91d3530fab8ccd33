"""Administration → Personal gives a user several roles, names them for protected persons and
creates a Kerberos login without a password (issue 13, points 2 and 3): what `bobudget admin
user add --role … --role … --skyddade` does from the command line, the window does too."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLabel
from sqlalchemy.engine import URL

from bobudget.app.users import StaffMember, list_staff
from bobudget.db.engine import Database, connect
from bobudget.model.vocab import UserRole
from tests.db.pgroles_server import Server, make_server
from ui.admin.staff import StaffDialog


def _shown(dialog: StaffDialog) -> str:
    return " ".join(label.text() for label in dialog.findChildren(QLabel) if label.isVisible())


def _member(db: Database, login: str) -> StaffMember:
    return next(m for m in list_staff(db) if m.username == login)


def _fill_new(qtbot, db: Database, login: str) -> StaffDialog:
    dialog = StaffDialog(db, None, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText(login)
    dialog.full_name.setText("Tove Tvåroll")
    dialog.role.setCurrentIndex(dialog.role.findData(str(UserRole.BOSTADSHANDLEDARE)))
    dialog.more_roles[UserRole.HANDLAGGARE_EGNA_MEDEL].setChecked(True)
    dialog.protected.setChecked(True)
    return dialog


def test_on_sqlite_the_window_saves_every_role_and_the_naming(qtbot, sqlite_db: Database) -> None:
    dialog = _fill_new(qtbot, sqlite_db, "tove")
    dialog.save_button.click()
    assert dialog.saved, _shown(dialog)
    member = _member(sqlite_db, "tove")
    assert member.roles == (UserRole.BOSTADSHANDLEDARE, UserRole.HANDLAGGARE_EGNA_MEDEL)
    assert member.protected_access

    change = StaffDialog(sqlite_db, member, None)
    qtbot.addWidget(change)
    change.show()
    # The main role's box is ticked and cannot be unticked: the user holds it anyway.
    main_box = change.more_roles[UserRole.BOSTADSHANDLEDARE]
    assert main_box.isChecked() and not main_box.isEnabled()
    assert change.more_roles[UserRole.HANDLAGGARE_EGNA_MEDEL].isChecked()
    assert change.protected.isChecked()
    change.more_roles[UserRole.HANDLAGGARE_EGNA_MEDEL].setChecked(False)
    change.more_roles[UserRole.ENHETSCHEF].setChecked(True)
    change.protected.setChecked(False)
    change.save_button.click()
    assert change.saved, _shown(change)
    member = _member(sqlite_db, "tove")
    assert member.roles == (UserRole.BOSTADSHANDLEDARE, UserRole.ENHETSCHEF)
    assert not member.protected_access


def test_a_changed_phone_alone_leaves_the_roles_and_the_naming(qtbot, sqlite_db: Database) -> None:
    dialog = _fill_new(qtbot, sqlite_db, "tove")
    dialog.save_button.click()
    change = StaffDialog(sqlite_db, _member(sqlite_db, "tove"), None)
    qtbot.addWidget(change)
    change.show()
    change.phone.setText("0522-69 70 12")
    change.save_button.click()
    assert change.saved, _shown(change)
    member = _member(sqlite_db, "tove")
    assert member.roles == (UserRole.BOSTADSHANDLEDARE, UserRole.HANDLAGGARE_EGNA_MEDEL)
    assert member.protected_access and member.phone


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


def _groups(server: Server, login: str) -> tuple[bool, set[str]] | None:
    with server.admin() as conn:
        found = conn.execute(
            "SELECT rolcanlogin, rolpassword IS NOT NULL FROM pg_authid WHERE rolname = %s",
            (login,),
        ).fetchone()
        if found is None:
            return None
        groups = conn.execute(
            "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
            "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = %s",
            (login,),
        ).fetchall()
    assert not found[1], "a Kerberos login has no password"
    return bool(found[0]), {str(g[0]) for g in groups}


@pytest.mark.postgres
def test_on_the_server_a_kerberos_user_gets_a_login_in_every_group_without_a_password(
    qtbot, server: Server, admin_db: Database
) -> None:
    login = f"{server.prefix}_tove"
    dialog = _fill_new(qtbot, admin_db, login)
    assert dialog.kerberos.isVisible()
    dialog.kerberos.setChecked(True)
    assert not dialog.password.isEnabled()
    dialog.save_button.click()
    assert dialog.saved, _shown(dialog)
    assert _groups(server, login) == (True, {"bobudget_handledare", "bobudget_egna_medel"})
    assert _member(admin_db, login).protected_access

    change = StaffDialog(admin_db, _member(admin_db, login), None)
    qtbot.addWidget(change)
    change.show()
    change.more_roles[UserRole.HANDLAGGARE_EGNA_MEDEL].setChecked(False)
    change.save_button.click()
    assert change.saved, _shown(change)
    assert _groups(server, login) == (True, {"bobudget_handledare"})


@pytest.mark.postgres
def test_on_the_server_without_password_or_kerberos_nothing_is_made(
    qtbot, server: Server, admin_db: Database
) -> None:
    login = f"{server.prefix}_ingen"
    dialog = _fill_new(qtbot, admin_db, login)
    dialog.save_button.click()
    assert not dialog.saved
    assert "Kerberos" in _shown(dialog)
    assert _groups(server, login) is None
