"""The committee PDF's tables: a figure never runs into its neighbour (seen on a page: twelve
months of costs in kronor and öre overlapped when the table was narrowed to fit)."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from bobudget.letters.fonts import BOLD, REGULAR, register_fonts
from bobudget.statistics.cells import cell_text
from bobudget.statistics.pdf import BODY_SIZE, SMALLEST_SIZE, _fitted
from bobudget.statistics.report import ColumnKind, ReportColumn, ReportRow, ReportTable

MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def _cost_table(amount_ore: int) -> ReportTable:
    columns = (
        ReportColumn("typ", "Typ", ColumnKind.TEXT),
        *(ReportColumn(m, m.capitalize(), ColumnKind.MONEY) for m in MONTHS),
        ReportColumn("totalt", "Totalt", ColumnKind.MONEY),
    )
    cells = ("Kostnad", *([amount_ore] * 12), amount_ore * 12)
    return ReportTable("cost", "Kostnad", columns, (ReportRow("Kostnad", cells),))


def test_twelve_months_of_costs_fit_the_landscape_page_without_overlap() -> None:
    register_fonts()
    width = landscape(A4)[0] - 2 * 18 * mm - 12
    for amount in (9_300_00, 186_839_35):  # a small unit's month, and a city's
        table = _cost_table(amount)
        size, widths = _fitted(table, width)
        assert size >= SMALLEST_SIZE
        assert sum(widths) <= width + 0.01
        for column, column_width in zip(table.columns, widths, strict=True):
            text = cell_text(table.rows[0].cells[table.columns.index(column)], column.kind)
            assert stringWidth(text, REGULAR, size) < column_width, (text, size, column_width)


def test_a_list_with_long_texts_wraps_the_texts_and_keeps_dates_and_numbers_whole() -> None:
    """The IVO list on a page: "Beslutsdatum", "Kvinna" and the days were broken mid-word when
    every column was narrowed alike to make room for the offers and the reasons."""
    register_fonts()
    width = landscape(A4)[0] - 2 * 18 * mm - 12
    columns = (
        ReportColumn("referens", "Referens", ColumnKind.TEXT),
        ReportColumn("beslutsdatum", "Beslutsdatum", ColumnKind.DATE),
        ReportColumn("kon", "Kön", ColumnKind.TEXT),
        ReportColumn("vantedagar", "Väntedagar", ColumnKind.DAYS),
        ReportColumn("erbjudanden", "Erbjudanden", ColumnKind.TEXT),
        ReportColumn("orsak", "Orsak till dröjsmål", ColumnKind.TEXT),
    )
    long_text = "2026-03-24 Tackade nej 2026-03-30: Fel område: för långt från barnens skola. " * 3
    row = ReportRow(
        "SN 2026/00176",
        ("SN 2026/00176", dt.date(2026, 1, 4), "Kvinna", 216, long_text, long_text),
    )
    table = ReportTable("ivo", "Ej verkställda beslut", columns, (row,))
    size, widths = _fitted(table, width)
    assert size == BODY_SIZE  # the texts wrap; nothing needs smaller type
    assert sum(widths) <= width + 0.01
    for index in (1, 2, 3):  # a date, a one-word text, a number: never broken
        column = columns[index]
        whole = max(
            stringWidth(cell_text(row.cells[index], column.kind), REGULAR, size),
            stringWidth(column.label, BOLD, size),
        )
        assert whole < widths[index], column.key
