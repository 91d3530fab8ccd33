"""Form parts the follow-up and placement pages share: the kit's fields and dialog base."""

from __future__ import annotations

import datetime as dt

from bobudget.kernel.formatting import parse_date_input

from .kit import AmountField, DateField, Dialog, mark_field

__all__ = ["AmountField", "DateField", "FormDialog", "mark_field", "parse_date_text"]


def parse_date_text(text: str, today: dt.date | None = None) -> dt.date | None:
    """What a date field reads (2026-11-27, 20261127, 27/11); None for an empty field."""
    return parse_date_input(text, today or dt.date.today())


class FormDialog(Dialog):
    """A form whose `perform` runs a service call (the kit's dialog base; kept by this name)."""
