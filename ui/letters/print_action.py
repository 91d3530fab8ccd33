"""The Print action of every screen: warn, render off the GUI thread, preview the actual PDF.

A person with protected personal data gets the warning before anything is rendered, and so does
a letter about something already past (a meeting held, a period ended): Skriv ut ändå / Avbryt.

Every screen with a Print action calls `open_letter_preview`; its signature stays as it is.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from bobudget.app.letters import (
    LetterRequest,
    RenderedLetter,
    logged_pdf,
    record_letter,
    render_letter,
    stale_warning,
)
from bobudget.app.person_card import get_person_card
from bobudget.db.engine import Database
from bobudget.db.settings_in_use import effective_settings
from bobudget.letters.kinds import Recipient, get_kind

from ..workers import run_with_progress
from .feedback import confirm_protected, confirm_stale, show_error
from .preview import PdfPreviewDialog, keep_open, open_previews

log = logging.getLogger(__name__)

__all__ = ["open_letter_preview", "open_previews", "show_logged_letter"]


def open_letter_preview(
    parent: QWidget | None,
    db: Database,
    kind: str,
    person_id: int,
    contract_id: int | None = None,
    **options: object,
) -> None:
    """Render the letter `kind` for the person and show it; printing or saving logs it.

    `contract_id` (or `subject_id` in options: the meeting, decision or funds account the
    letter is about) picks what the letter is about; `month` (a date) picks the month of a
    funds statement; `today` (a date) the letter's date. A person with protected personal
    data gets a warning first, and nothing is rendered unless the user goes on.
    """
    # Given, subject_id decides even when None (a meeting letter must not take the contract id
    # for a meeting id); otherwise the letter is about the contract.
    subject = options.get("subject_id", contract_id)
    subject_id = subject if isinstance(subject, int) else None
    month = options.get("month")
    today = options.get("today")
    request = LetterRequest(
        kind,
        person_id,
        subject_id,
        month if isinstance(month, dt.date) else None,
    )
    try:
        settings = effective_settings(db)
        # Only a letter to the person goes through Skatteverket; one about them to a landlord
        # or a payer goes to that recipient's address and needs no inner envelope.
        protected = (
            get_person_card(db, person_id).protected
            and get_kind(kind).recipient is Recipient.PERSON
        )
    except Exception as error:
        show_error(parent, error)
        return
    if protected and not confirm_protected(parent):
        log.info("letter preview cancelled at the protected-person warning")
        return
    letter_day = today if isinstance(today, dt.date) else None
    try:
        stale = stale_warning(db, settings, request, today=letter_day)
    except Exception as error:
        log.info("letter %s could not be checked: %s", kind, type(error).__name__)
        show_error(parent, error)
        return
    if stale and not confirm_stale(parent, stale):
        log.info("letter preview cancelled at the past-event warning")
        return

    def work(progress: Callable[[int, int], None]) -> RenderedLetter:
        return render_letter(db, settings, request, today=letter_day)

    try:
        letter: RenderedLetter = run_with_progress(parent, "Brevet skapas…", work)
    except Exception as error:
        log.info("letter %s could not be rendered: %s", kind, type(error).__name__)
        show_error(parent, error)
        return

    def record(_: QWidget) -> object:
        return record_letter(db, letter)

    keep_open(
        PdfPreviewDialog(
            letter.pdf,
            letter.title,
            record=record,
            protected=letter.protected or protected,
            parent=parent,
        )
    )


def show_logged_letter(parent: QWidget | None, db: Database, letter_id: int, title: str) -> None:
    """Show a letter from the log exactly as it was sent; printing it again logs nothing."""
    try:
        pdf = logged_pdf(db, letter_id)
    except Exception as error:
        show_error(parent, error)
        return
    dialog = PdfPreviewDialog(pdf, title, record=None, parent=parent)
    keep_open(dialog)
