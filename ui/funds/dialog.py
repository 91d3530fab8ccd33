"""The shape every Egna medel dialog shares: why a save was refused on top, the form, buttons."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from bobudget.kernel.errors import DomainError
from ui.changes import run_change
from ui.funds.fields import error_label

log = logging.getLogger(__name__)


class FundsDialog(QDialog):
    """Subclasses fill `form` and implement `commit()`; a refused save keeps what was typed.

    `commit()` runs through the window's change runner: the pages showing what it changed
    (the account, Att göra's egna medel review) read again by themselves.
    """

    def __init__(self, title: str, save_text: str = "Spara", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.saved = False
        self.error_label = error_label()
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(save_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(
            "Avbryt", QDialogButtonBox.ButtonRole.RejectRole
        )
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.error_label)
        self.layout_.addLayout(self.form)

    def finish_layout(self) -> None:
        """Called by the subclass once its own widgets are in: the buttons go last."""
        self.layout_.addWidget(self.buttons)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def commit(self) -> None:
        raise NotImplementedError

    def save(self) -> None:
        try:
            run_change(self.commit)
        except DomainError as error:
            # Nothing was saved; the dialog stays open with everything typed.
            log.info("%s refused: %s", type(self).__name__, type(error).__name__)
            self.show_error(str(error))
            return
        self.saved = True
        self.accept()
