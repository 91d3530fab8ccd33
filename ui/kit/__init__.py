"""The window's widget kit: one date field, one amount field, one table model, one dialog base."""

from ui.kit.amount_field import AmountField, amount_text
from ui.kit.conflict import Choice, ask_about_conflict
from ui.kit.date_field import DateField, from_qdate, to_qdate
from ui.kit.dialog import Dialog
from ui.kit.lengths import limit_to_column, limit_to_columns
from ui.kit.marks import mark_field
from ui.kit.responsible_field import ResponsibleField

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
