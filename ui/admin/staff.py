"""Administration → Personal: the users, who sign letters and are assigned cases and to-dos.

Add, change (name, phone, e-mail, role, active) and deactivate; a user is never removed, their
name stays on what they did. Every save goes through bobudget.admin.accounts, as `bobudget admin
user` does: on PostgreSQL the user's login and group membership change in the same transaction
(a new user needs a password here); on a local SQLite file the roles are advisory. Every save
goes through the window's change runner: Att göra's
Ansvarig column and every "Ansvarig" picker follow.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bobudget.admin.accounts import add_user, disable_user, update_user
from bobudget.app.users import StaffInput, StaffMember, list_staff
from bobudget.db.engine import Database
from bobudget.kernel.errors import DomainError
from bobudget.model import User
from bobudget.model.vocab import UserRole

from ..changes import run_change
from ..errors import message_box, show_domain_error
from ..follow_up.widgets import Column, RowsModel, make_table, selected_row
from ..kit import Dialog, limit_to_columns

log = logging.getLogger(__name__)


class StaffDialog(Dialog):
    """Ny användare… (with a username) or Ändra användare… (the username stays)."""

    def __init__(self, db: Database, member: StaffMember | None, parent: QWidget | None) -> None:
        super().__init__("Ändra användare" if member else "Ny användare", parent)
        self._db, self._member = db, member
        self.username = QLineEdit(member.username if member else "")
        self.username.setAccessibleName("Användarnamn")
        self.username.setPlaceholderText("inloggningsnamnet, t.ex. anna.berg")
        self.username.setReadOnly(member is not None)
        self.full_name = QLineEdit(member.full_name if member else "")
        self.full_name.setAccessibleName("Namn")
        self.phone = QLineEdit(member.phone if member else "")
        self.phone.setAccessibleName("Telefon")
        self.phone.setPlaceholderText("t.ex. 0522-69 70 00")
        self.email = QLineEdit(member.email if member else "")
        self.email.setAccessibleName("E-post")
        self.role = QComboBox()
        self.role.setAccessibleName("Roll")
        for role in UserRole:
            self.role.addItem(role.label, str(role))
        self.role.setCurrentIndex(max(0, self.role.findData(str(member.role) if member else "")))
        self._shown_main: UserRole | None = None
        self.role.currentIndexChanged.connect(lambda _i: self._follow_main_role())
        # A user may hold several roles (issue 13): the first is the one above, these the rest.
        held = set(member.roles) if member else set()
        self.more_roles: dict[UserRole, QCheckBox] = {}
        more = QWidget(self)
        more_layout = QVBoxLayout(more)
        more_layout.setContentsMargins(0, 0, 0, 0)
        for role in UserRole:
            box = QCheckBox(role.label, more)
            box.setAccessibleName(f"Även {role.label}")
            box.setChecked(role in held)
            more_layout.addWidget(box)
            self.more_roles[role] = box
        self.protected = QCheckBox("Namngiven för personer med skyddade personuppgifter")
        self.protected.setAccessibleName("Ser skyddade")
        self.protected.setToolTip(
            "Bara de som är namngivna ser personer med skyddade personuppgifter och det som hör "
            "till dem; på en databasserver ser servern själv till det."
        )
        self.protected.setChecked(member.protected_access if member else False)
        self.kerberos = QCheckBox("Loggar in med enkel inloggning (Kerberos) – inget lösenord")
        self.kerberos.setAccessibleName("Kerberos")
        self.password = QLineEdit(self)
        self.password.setAccessibleName("Lösenord")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("lösenordet hen loggar in i databasen med")
        self.kerberos.toggled.connect(lambda on: self.password.setEnabled(not on))
        self.active = QCheckBox("Aktiv (kan bli ansvarig och skriva brev)")
        self.active.setAccessibleName("Aktiv")
        self.active.setChecked(member.active if member else True)
        self.active.setVisible(member is not None)
        limit_to_columns(
            {
                self.username: User.username,
                self.full_name: User.full_name,
                self.phone: User.phone,
                self.email: User.email,
            }
        )
        self.add_row("&Användarnamn:", self.username)
        self.add_row("&Namn:", self.full_name)
        self.add_row("&Telefon:", self.phone)
        self.add_row("&E-post:", self.email)
        self.add_row("&Roll:", self.role)
        self.add_row("Fler roller:", more)
        self.add_row("Skyddade:", self.protected)
        # Only a new user on a database server gets a login (and so a password, unless the
        # server knows them through Kerberos).
        if member is None and not db.is_sqlite:
            self.add_row("&Lösenord:", self.password)
            self.add_row("", self.kerberos)
        else:
            self.password.setVisible(False)
            self.kerberos.setVisible(False)
        self._follow_main_role()
        if member is not None:
            self.add_row("", self.active)
        self.require(self.full_name)
        if member is None:
            self.require(self.username)

    def _main_role(self) -> UserRole:
        return UserRole(str(self.role.currentData()))

    def _follow_main_role(self) -> None:
        """The main role is held anyway: its box is ticked and cannot be unticked.

        Choosing another main role replaces the one before it, as the single role did.
        """
        main = self._main_role()
        before = self._shown_main
        if before is not None and before is not main:
            self.more_roles[before].setChecked(False)
        self._shown_main = main
        for role, box in self.more_roles.items():
            box.setEnabled(role is not main)
            if role is main:
                box.setChecked(True)

    def perform(self) -> None:
        main = self._main_role()
        others = tuple(r for r, box in self.more_roles.items() if box.isChecked() and r is not main)
        data = StaffInput(
            self.full_name.text(),
            self.phone.text(),
            self.email.text(),
            main,
            more_roles=others,
            protected_access=self.protected.isChecked(),
        )
        if self._member is None:
            kerberos = self.kerberos.isChecked() and not self._db.is_sqlite
            add_user(
                self._db,
                self.username.text(),
                data.full_name,
                [main, *others],
                protected_access=self.protected.isChecked(),
                password=None if kerberos else (self.password.text() or None),
                phone=data.phone,
                email=data.email,
                password_required=not kerberos,
            )
        else:
            update_user(
                self._db,
                self._member.id,
                self._member.version,
                data,
                active=self.active.isChecked(),
            )


class StaffEditor(QWidget):
    """The staff list with Ny användare…, Ändra användare… and Inaktivera."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.members: list[StaffMember] = []
        title = QLabel("Personal")
        title.setObjectName("sectionTitle")
        help_text = QLabel(
            "Programmets användare. Namn och telefon står under breven de skriver, och ärenden "
            "och uppgifter tilldelas en av dem. Den som slutar inaktiveras: namnet står kvar på "
            "det hen gjort."
        )
        help_text.setWordWrap(True)
        self.model: RowsModel[StaffMember] = RowsModel(
            [
                Column("Namn", lambda m: m.full_name or "–"),
                Column("Användarnamn", lambda m: m.username),
                # Every role the user holds (`bobudget admin user grant` gives more than one).
                Column("Roller", lambda m: ", ".join(r.label for r in m.roles or (m.role,))),
                Column("Telefon", lambda m: m.phone),
                Column("E-post", lambda m: m.email),
                Column("Ser skyddade", lambda m: "ja" if m.protected_access else ""),
                Column("Aktiv", lambda m: "ja" if m.active else "nej – inaktiverad"),
            ]
        )
        self.table: QTableView = make_table(self.model, "Personal", stretch=4, fit=(0, 1, 2, 3))
        self.table.setTabKeyNavigation(False)
        self.table.doubleClicked.connect(lambda _i: self.change())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.add_button = QPushButton("&Ny användare…")
        self.add_button.clicked.connect(self.add)
        self.change_button = QPushButton("Ä&ndra användare…")
        self.change_button.clicked.connect(self.change)
        self.deactivate_button = QPushButton("&Inaktivera")
        self.deactivate_button.setToolTip(
            "Den markerade användaren kan inte längre bli ansvarig; det hen redan ansvarar för "
            "står kvar tills det tilldelas någon annan."
        )
        self.deactivate_button.clicked.connect(self.deactivate)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.change_button, self.deactivate_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(help_text)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        try:
            self.members = list_staff(self._db)
        except DomainError as error:
            show_domain_error(self, error)
            return
        self.model.set_rows(self.members)
        self._enable()

    def selected(self) -> StaffMember | None:
        row = selected_row(self.table)
        return self.members[row] if row is not None and row < len(self.members) else None

    def _enable(self) -> None:
        member = self.selected()
        self.change_button.setEnabled(member is not None)
        self.deactivate_button.setEnabled(member is not None and member.active)

    def select(self, username: str) -> None:
        for row, member in enumerate(self.members):
            if member.username == username:
                self.table.selectRow(row)
                return

    def add(self) -> None:
        dialog = StaffDialog(self._db, None, self)
        dialog.exec()
        if dialog.saved:
            self.reload()
            self.select(dialog.username.text().strip())

    def change(self) -> None:
        member = self.selected()
        if member is None:
            return
        dialog = StaffDialog(self._db, member, self)
        dialog.exec()
        if dialog.saved or dialog.reload_requested:
            self.reload()
            self.select(member.username)

    def deactivate(self) -> None:
        member = self.selected()
        if member is None or not member.active:
            return
        box = message_box(
            self,
            QMessageBox.Icon.Question,
            f"Inaktivera {member.display_name} ({member.username})?",
            informative="Hen kan inte längre bli ansvarig. Det hen redan ansvarar för står kvar "
            "under hens namn tills det tilldelas någon annan.",
            title="Inaktivera användare",
        )
        go = box.addButton("Inaktivera", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Avbryt", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is not go:
            return
        try:
            run_change(disable_user, self._db, member.username)
        except DomainError as error:
            show_domain_error(self, error)
            return
        log.info("user %d deactivated", member.id)
        self.reload()
        self.select(member.username)
