"""The window's widget kit: one date field, one amount field, one table model, one dialog base."""

from .amount_field import AmountField, amount_text
from .conflict import Choice, ask_about_conflict
from .date_field import DateField, from_qdate, to_qdate
from .dialog import Dialog
from .lengths import limit_to_column, limit_to_columns
from .marks import mark_field
from .responsible_field import ResponsibleField

__all__ = [
    "AmountField",
    "Choice",
    "DateField",
    "Dialog",
    "ResponsibleField",
    "amount_text",
    "ask_about_conflict",
    "from_qdate",
    "limit_to_column",
    "limit_to_columns",
    "mark_field",
    "to_qdate",
]
