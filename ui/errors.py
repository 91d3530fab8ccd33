"""Calm error dialogs: a domain error in its own words, the unexpected ones logged for IT."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from bobudget.kernel.config import log_dir
from bobudget.kernel.errors import DomainError
from bobudget.kernel.logsetup import log_unexpected

log = logging.getLogger(__name__)

TITLE = "bobudget"


def log_file_path() -> Path:
    return log_dir() / "bobudget.log"


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    text: str,
    *,
    informative: str = "",
    detail: str = "",
    title: str = TITLE,
) -> QMessageBox:
    """A message box built as an object, so that it is shown with `exec()` (tests replace it)."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    if detail:
        box.setDetailedText(detail)
    return box


def show_domain_error(parent: QWidget | None, error: DomainError) -> None:
    """A user-caused or environmental problem: its own message says what to do."""
    box = message_box(parent, QMessageBox.Icon.Warning, str(error))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def ask_database_unavailable(parent: QWidget | None, error: DomainError) -> bool:
    """Tell why the database cannot be opened; True when the user wants to open the settings."""
    box = message_box(
        parent,
        QMessageBox.Icon.Warning,
        str(error),
        informative="Du kan ändra databasen i inställningarna och försöka igen, eller avsluta.",
        title="bobudget – databasen kan inte öppnas",
    )
    settings = box.addButton("Inställningar…", QMessageBox.ButtonRole.AcceptRole)
    quit_button = box.addButton("Avsluta", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(settings)
    box.setEscapeButton(quit_button)
    box.exec()
    return box.clickedButton() is settings


def unexpected_error_text() -> str:
    return (
        "Ett oväntat fel inträffade. Det som redan var sparat finns kvar, men det du höll på "
        "med kan ha avbrutits. Berätta för IT vad du gjorde; detaljerna finns i loggfilen "
        f"{log_file_path()}."
    )


_showing = False


def handle_uncaught(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """sys.excepthook: whatever escaped a handler ends here, as a calm dialog."""
    global _showing
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if isinstance(exc, DomainError):
        log.info("domain error reached the top: %s", exc_type.__name__)
        text, icon = str(exc), QMessageBox.Icon.Warning
    else:
        log_unexpected(exc_type, exc, tb)
        text, icon = unexpected_error_text(), QMessageBox.Icon.Warning
    if QApplication.instance() is None or _showing:
        # No window to show it in, or an error inside the error dialog: the log has it.
        print(f"bobudget: {text}", file=sys.stderr)
        return
    _showing = True
    try:
        box = message_box(QApplication.activeWindow(), icon, text)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.exec()
    finally:
        _showing = False


def install_excepthook() -> None:
    sys.excepthook = handle_uncaught
