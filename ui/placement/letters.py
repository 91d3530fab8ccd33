"""Printing a placement letter (contract, placement, renewal, end, delay) from the window,
through the letter preview: it renders, warns for protected persons, shows, prints and logs.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QWidget

from bobudget.db.engine import Database
from bobudget.model.vocab import ContractKind

# The letter each kind of lease prints when its contract is signed.
LEASE_LETTERS = {
    ContractKind.SOCIAL: "social_contract",
    ContractKind.TRANSITIONAL: "transitional_contract",
    ContractKind.HOUSING_FIRST: "housing_first_rent_guarantee",
}


def print_letter(
    parent: QWidget,
    db: Database,
    kind: str,
    person_id: int,
    contract_id: int | None,
    *,
    subject_id: int | None = None,
    today: dt.date | None = None,
) -> None:
    """Open the preview of the letter of `kind` about the contract (or `subject_id`)."""
    options: dict[str, object] = {}
    if subject_id is not None:
        options["subject_id"] = subject_id
    if today is not None:
        options["today"] = today
    # A printed letter shows in the person's history: the preview logs it, through the change
    # runner, when it is printed or saved.
    # Imported when a letter is asked for: it brings the PDF viewer (QtPdf) and ReportLab,
    # which the page itself does not need to show its list.
    from ..letters.print_action import open_letter_preview

    open_letter_preview(parent, db, kind, person_id, contract_id, **options)
