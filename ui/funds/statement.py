"""Printing an account's monthly statement (kontoutdrag) through the letters engine.

With the window's letter preview (ui.letters.print_action) the statement opens there, to print or
save; without it, it is rendered and saved as a PDF file the user chooses, and logged.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from bobudget.db.engine import Database
from bobudget.db.settings_in_use import effective_settings
from bobudget.funds.queries import AccountCard
from bobudget.kernel.errors import DomainError

from ..changes import run_change
from ..errors import message_box, show_domain_error
from .output_dialogs import safe_file_stem

log = logging.getLogger(__name__)

STATEMENT_KIND = "managed_funds_statement"
PROTECTED_WARNING = (
    "Personen har skyddade personuppgifter: kontoutdraget är adresserat till Skatteverkets "
    "förmedling. Lägg det i ett innerkuvert märkt med namn och personnummer."
)


def print_statement(
    parent: QWidget, db: Database, card: AccountCard, month: dt.date, today: dt.date
) -> None:
    """The statement of `month` for the account, in the preview (or saved as PDF)."""
    try:
        preview = importlib.import_module("..letters.print_action", __package__)
    except ModuleNotFoundError:
        save_statement_pdf(parent, db, card, month, today)
        return
    preview.open_letter_preview(
        parent,
        db,
        STATEMENT_KIND,
        card.person_id,
        subject_id=card.id,
        month=month,
        today=today,
    )


def save_statement_pdf(
    parent: QWidget, db: Database, card: AccountCard, month: dt.date, today: dt.date
) -> None:
    """Without the letter preview: render the statement and save it where the user says."""
    from bobudget.app.letters import LetterRequest, record_letter, render_letter, write_pdf

    request = LetterRequest(STATEMENT_KIND, card.person_id, card.id, month)
    try:
        letter = render_letter(db, effective_settings(db), request, today=today)
    except DomainError as error:
        show_domain_error(parent, error)
        return
    name = safe_file_stem(f"kontoutdrag_{card.name}_{month:%Y-%m}") + ".pdf"
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, "Spara kontoutdraget", str(Path.home() / name), "PDF (*.pdf)"
    )
    if not chosen:
        return
    path = Path(chosen)
    try:
        write_pdf(path, letter.pdf)
        run_change(record_letter, db, letter)
    except DomainError as error:
        show_domain_error(parent, error)
        return
    log.info("statement saved for funds account %d", card.id)
    box = message_box(
        parent,
        QMessageBox.Icon.Information,
        f"Kontoutdraget för {month:%Y-%m} sparades i {path}.",
        informative=PROTECTED_WARNING if letter.protected else "",
    )
    box.exec()
