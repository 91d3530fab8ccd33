"""A text field takes at most what its column holds: the length is read from the model."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit
from sqlalchemy.orm import InstrumentedAttribute

from bobudget.model.lengths import max_length


def limit_to_column(field: QLineEdit | QComboBox, column: InstrumentedAttribute[Any]) -> None:
    """Typing stops at the column's length (pasting too); a text without a limit is left."""
    limit = max_length(column)
    edit = field.lineEdit() if isinstance(field, QComboBox) else field
    if limit is not None and edit is not None:
        edit.setMaxLength(limit)


def limit_to_columns(pairs: dict[QLineEdit | QComboBox, InstrumentedAttribute[Any]]) -> None:
    for field, column in pairs.items():
        limit_to_column(field, column)
