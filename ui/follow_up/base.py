"""What every tab of the Uppföljning page shares: the person shown, a button row, and how a
service call is run (through the window's change runner, which announces what it changed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QWidget

from bobudget.app.users import staff_names
from bobudget.db.engine import Database
from bobudget.follow_up.overview import LeaseView, PersonFollowUp
from bobudget.kernel.errors import DomainError, ValidationError

from ..changes import run_change
from ..errors import message_box, show_domain_error
from ..forms import FormDialog


class FollowUpTab(QWidget):
    """A tab shows one person (and, where it matters, one of their leases).

    A service call runs through the change runner: what it changed reaches the page (and
    every other page) on the one change signal. `saved(what)` only says that what is shown
    is old although nothing was saved (changed or removed by someone else): read it again.
    """

    saved = Signal(str)

    def __init__(self, db: Database, today: Callable[[], dt.date], parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.today = today
        self.person: PersonFollowUp | None = None
        self.lease: LeaseView | None = None
        self._names: dict[str, str] | None = None

    def show_person(self, person: PersonFollowUp, lease: LeaseView | None) -> None:
        self.person = person
        self.lease = lease
        self._names = None  # a name changed under Administration shows at the next person
        self.reload()

    def staff_name(self, username: str) -> str:
        """The responsible user's full name for a column ("–" for nobody)."""
        if not username:
            return "–"
        if self._names is None:
            self._names = staff_names(self.db)
        return self._names.get(username, username)

    def reload(self) -> None:
        """Read this tab's rows again for the person shown."""
        raise NotImplementedError

    def select_target(self, target_id: int | None) -> None:
        """Select the row Att göra pointed at (when the tab has rows)."""

    @staticmethod
    def button(text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        return button

    @staticmethod
    def button_row(*buttons: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        for b in buttons:
            row.addWidget(b)
        row.addStretch(1)
        return row

    def run(self, action: Callable[[], object], what: str = "follow_up") -> bool:
        """Run a service call straight from a button; a refusal is shown."""
        try:
            run_change(action)
        except ValidationError as error:
            show_domain_error(self, error)
            return False
        except DomainError as error:
            show_domain_error(self, error)
            # Changed or removed by someone else: what is shown is old, read it again.
            self.saved.emit(what)
            return False
        return True

    def run_dialog(self, dialog: FormDialog, what: str = "follow_up") -> bool:
        dialog.exec()
        if dialog.reload_requested:
            self.saved.emit(what)
        return dialog.saved

    def inform(self, text: str, title: str = "bobudget") -> None:
        box = message_box(self, QMessageBox.Icon.Information, text, title=title)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.exec()

    def confirm(self, text: str, informative: str, yes: str, title: str) -> bool:
        box = message_box(
            self, QMessageBox.Icon.Question, text, informative=informative, title=title
        )
        go = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton("Avbryt", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(go)
        box.setEscapeButton(back)
        box.exec()
        return box.clickedButton() is go
