"""The committee PDF's tables: a figure never runs into its neighbour (seen on a page: twelve
months of costs in kronor and öre overlapped when the table was narrowed to fit)."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from bobudget.letters.fonts import REGULAR, register_fonts
from bobudget.statistics.cells import cell_text
from bobudget.statistics.pdf import SMALLEST_SIZE, _fitted
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
