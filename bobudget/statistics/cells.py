"""One report cell as people read it (window, text table, PDF) and as files hold it (CSV, XLSX).

A cell stays typed in the result (report.py); here it becomes "8 000,00 kr", "73,4 %" or
"2026-03-05" for reading, and a Decimal of kronor or per cent for the spreadsheet writers, which
write numbers as numbers and neutralise text that could run as a formula.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from bobudget.kernel.money import format_amount
from bobudget.kernel.spreadsheet import CellValue as FileCell
from bobudget.statistics.report import CellValue, ColumnKind

__all__ = ["IDENTITY_MARKER", "cell_text", "file_value", "is_number_column", "percent_text"]

# The first line of every export of a result that names persons (export.py says where).
IDENTITY_MARKER = "Innehåller personuppgifter – sekretess enligt OSL 26 kap."

_NBSP = "\u00a0"
_NUMBER_KINDS = (ColumnKind.COUNT, ColumnKind.MONEY, ColumnKind.DAYS, ColumnKind.PERCENT)


def is_number_column(kind: ColumnKind) -> bool:
    """Numbers line up on the right."""
    return kind in _NUMBER_KINDS


def percent_text(tenths: int) -> str:
    """734 → "73,4"."""
    sign = "-" if tenths < 0 else ""
    whole, tenth = divmod(abs(tenths), 10)
    return f"{sign}{whole},{tenth}"


def cell_text(value: CellValue, kind: ColumnKind) -> str:
    """What the window and the PDF show: "8 000,00 kr", "73,4 %", "12", "2026-03-05", ""."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    if kind is ColumnKind.MONEY:
        return format_amount(value)
    if kind is ColumnKind.PERCENT:
        return f"{percent_text(value)}{_NBSP}%"
    if kind in (ColumnKind.COUNT, ColumnKind.DAYS):
        return f"{value:,}".replace(",", _NBSP)
    return str(value)


def file_value(value: CellValue, kind: ColumnKind) -> FileCell:
    """The typed value a CSV or XLSX cell gets: ints stay ints, money becomes kronor and a
    per cent a number with one decimal (both Decimal: CSV writes "8000,00" and "73,4", Excel
    reads a number), a date stays a date, None an empty cell, text stays text."""
    if value is None or isinstance(value, str | dt.date):
        return value
    if kind is ColumnKind.MONEY:
        return Decimal(value).scaleb(-2).quantize(Decimal("0.01"))
    if kind is ColumnKind.PERCENT:
        return Decimal(value).scaleb(-1).quantize(Decimal("0.1"))
    return value
