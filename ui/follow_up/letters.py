"""Printing an invitation from the Uppföljning page, through the window's letter preview."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from bobudget.db.engine import Database


def print_invitation(
    parent: QWidget,
    db: Database,
    kind: str,
    person_id: int,
    contract_id: int | None,
    subject_id: int | None,
) -> None:
    """Preview the invitation of `kind` about meeting `subject_id`; printing it logs it (and the
    preview announces the new letter on the change signal)."""
    # Imported when a letter is asked for: it brings the PDF viewer (QtPdf) and ReportLab,
    # which the page itself does not need to show its list.
    from ..letters.print_action import open_letter_preview

    open_letter_preview(parent, db, kind, person_id, contract_id, subject_id=subject_id)
