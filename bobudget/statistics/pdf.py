"""The committee's PDF of a report: the letters' letterhead and font, the tables, the charts.

Drawn with ReportLab only (platypus for the page, reportlab.graphics for the charts), so the
core makes the same PDF with or without a screen. A table wider than eight columns (a year by
month) turns the page to landscape, where twelve months and a total stay readable.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import Image as ImageFlowable

from bobudget.kernel.config import Letterhead
from bobudget.kernel.formatting import format_timestamp
from bobudget.letters.body import escape_value
from bobudget.letters.fonts import BOLD, REGULAR, printable, register_fonts
from bobudget.letters.render import LOGO_BOX, check_logo
from bobudget.statistics.cells import IDENTITY_MARKER, cell_text, is_number_column
from bobudget.statistics.report import ChartKind, ChartSpec, ColumnKind, ReportResult, ReportTable

__all__ = ["committee_pdf"]

GREY = colors.HexColor("#555555")
RULE = colors.HexColor("#999999")
SHADE = colors.HexColor("#EEEEEE")
# Series colours told apart also in grey print (light, dark, middle …), and by marker in lines.
SERIES = ("#1F5A96", "#E08A2C", "#5B9B4A", "#A23B72", "#6C6C6C", "#C9B03A", "#3AA7C9")
MARKERS = ("FilledSquare", "FilledCircle", "FilledTriangle", "FilledDiamond", "Cross", "Square")
WIDE_TABLE = 8


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=REGULAR, fontSize=9.5, leading=12)
    return {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor=GREY),
        "sender": ParagraphStyle("sender", parent=base, fontName=BOLD, fontSize=11, leading=14),
        "title": ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=15, leading=19),
        "heading": ParagraphStyle("heading", parent=base, fontName=BOLD, fontSize=11.5, leading=15),
        "secret": ParagraphStyle(
            "secret",
            parent=base,
            fontName=BOLD,
            fontSize=10.5,
            textColor=colors.HexColor("#9B1C1C"),
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "head": ParagraphStyle("head", parent=base, fontName=BOLD, fontSize=8.5, leading=10.5),
    }


def _text(value: str) -> str:
    return escape_value(printable(value))


def committee_pdf(result: ReportResult, letterhead: Letterhead) -> bytes:
    """The report as a PDF for the committee (nämnden)."""
    register_fonts()
    logo = check_logo(letterhead)
    styles = _styles()
    wide = any(len(t.columns) > WIDE_TABLE for t in result.tables)
    pagesize = landscape(A4) if wide else A4
    margin = 18 * mm
    width = pagesize[0] - 2 * margin - 12  # the frame keeps 6 pt padding on each side
    story: list[Flowable] = []
    if result.with_identities:
        story.append(Paragraph(_text(IDENTITY_MARKER), styles["secret"]))
        story.append(Spacer(1, 2 * mm))
    story.extend(_head(result, letterhead, logo, styles, width))
    charts: dict[str, list[ChartSpec]] = {}
    for spec in result.charts:
        charts.setdefault(spec.table_key, []).append(spec)
    for table in result.tables:
        drawn = _table(table, styles, width)
        # A short table stays with its heading on one page; a tall one (wrapped reasons and
        # offers) starts right under its heading and flows on, its header row repeated.
        short = drawn.wrap(width, pagesize[1])[1] < pagesize[1] / 3
        heading = Paragraph(_text(table.title), styles["heading"])
        heading.keepWithNext = True
        block: list[Flowable] = [heading, Spacer(1, 2 * mm), drawn]
        if table.note:
            block += [Spacer(1, 1.5 * mm), Paragraph(_text(table.note), styles["small"])]
        if short:
            story.append(KeepTogether(block))
        else:
            story.extend(block)
        for spec in charts.get(table.key, []):
            story += [Spacer(1, 4 * mm), _chart(spec, table, width)]
        story.append(Spacer(1, 7 * mm))
    if not result.tables:
        story.append(Paragraph("Rapporten har inga uppgifter för perioden.", styles["base"]))
    footer = " · ".join(x for x in (letterhead.municipality, letterhead.unit, result.title) if x)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=22 * mm,
        title=f"{result.title} {result.period.label}",
        author=letterhead.unit,
        subject=result.title,
        creator="bobudget",
        lang="sv-SE",
        initialFontName=REGULAR,
        initialFontSize=9,
    )
    doc.build(story, canvasmaker=lambda *a, **k: _NumberedCanvas(*a, footer=footer, **k))
    return buffer.getvalue()


def _head(
    result: ReportResult,
    letterhead: Letterhead,
    logo: Any,
    styles: dict[str, ParagraphStyle],
    width: float,
) -> list[Flowable]:
    sender: list[Flowable] = []
    if logo is not None:
        scale = min(LOGO_BOX[0] / logo.width, LOGO_BOX[1] / logo.height)
        sender += [
            ImageFlowable(logo.path, logo.width * scale, logo.height * scale, hAlign="LEFT"),
            Spacer(1, 2 * mm),
        ]
    if letterhead.municipality:
        sender.append(Paragraph(_text(letterhead.municipality), styles["sender"]))
    for line in (letterhead.administration, letterhead.unit):
        if line.strip():
            sender.append(Paragraph(_text(line), styles["small"]))
    facts = [
        ("Period", f"{result.period.label} ({result.period.first_day} – {result.period.last_day})"),
        ("Framtagen", format_timestamp(result.made_at)),
    ]
    meta = [[Paragraph(k, styles["small"]), Paragraph(_text(v), styles["small"])] for k, v in facts]
    head = Table(
        [[sender, Table(meta, colWidths=[22 * mm, 62 * mm])]],
        colWidths=[width - 84 * mm, 84 * mm],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )
    return [
        head,
        Spacer(1, 8 * mm),
        Paragraph(_text(result.title), styles["title"]),
        Spacer(1, 5 * mm),
    ]


def _table(table: ReportTable, styles: dict[str, ParagraphStyle], width: float) -> Table:
    kinds = [c.kind for c in table.columns]
    size, widths = _fitted(table, width)
    head = ParagraphStyle("fitted-head", parent=styles["head"], fontSize=size, leading=size + 2)
    cell = ParagraphStyle("fitted-cell", parent=styles["cell"], fontSize=size, leading=size + 2)
    header = [Paragraph(_text(c.label), head) for c in table.columns]
    rows: list[list[Any]] = [header]
    for row in table.rows:
        rows.append(
            [
                Paragraph(_text(cell_text(v, k)), cell) if k is ColumnKind.TEXT else cell_text(v, k)
                for v, k in zip(row.cells, kinds, strict=False)
            ]
        )
    style = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 1), (-1, -1), size),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, SHADE]),
    ]
    if size < BODY_SIZE:
        style.append(("LEFTPADDING", (0, 0), (-1, -1), 3))
        style.append(("RIGHTPADDING", (0, 0), (-1, -1), 3))
    for index, kind in enumerate(kinds):
        if is_number_column(kind):
            style.append(("ALIGN", (index, 1), (index, -1), "RIGHT"))
            header[index].style = ParagraphStyle("r", parent=head, alignment=2)
    return Table(rows, colWidths=widths, repeatRows=1, style=TableStyle(style))


# The table's type size, and the smallest it may shrink to so that a wide table (twelve months
# of amounts in kronor and öre) fits the page without one figure running into the next.
BODY_SIZE = 8.5
SMALLEST_SIZE = 6.0


def _fitted(table: ReportTable, width: float) -> tuple[float, list[float]]:
    """The type size and column widths at which the table fits `width`.

    In order: its own size where it fits; else the text columns wrap (never inside a word), the
    widest narrowed first; else the type shrinks, down to SMALLEST_SIZE (twelve months of
    amounts have no text to wrap); only below that are all columns narrowed alike.
    """
    for size, padding in ((BODY_SIZE, 12.0), *_smaller_sizes(table, width)):
        natural, least = _column_widths(table, size, padding)
        if sum(natural) <= width:
            natural[0] += width - sum(natural)
            return size, natural
        if sum(least) <= width:
            return size, _wrapped(natural, least, width)
    return SMALLEST_SIZE, [w * width / sum(natural) for w in natural]


def _smaller_sizes(table: ReportTable, width: float) -> list[tuple[float, float]]:
    natural, _least = _column_widths(table, BODY_SIZE, 12.0)
    return [(max(SMALLEST_SIZE, BODY_SIZE * width / sum(natural)), 6.0)]


def _wrapped(natural: list[float], least: list[float], width: float) -> list[float]:
    """Every column narrowed to at most one common level, none below its least width: the
    widest (the text that wraps) give way first, dates and numbers keep theirs."""
    low, high = 0.0, max(natural)
    for _ in range(40):
        level = (low + high) / 2
        if sum(max(m, min(n, level)) for n, m in zip(natural, least, strict=True)) > width:
            high = level
        else:
            low = level
    return [max(m, min(n, low)) for n, m in zip(natural, least, strict=True)]


def _column_widths(
    table: ReportTable, size: float, padding: float
) -> tuple[list[float], list[float]]:
    """Each column's natural width (its widest value or header word at `size`, so
    "186 839,35 kr" never wraps) and its least: a text column may wrap down to its longest
    word, any other keeps its natural width."""
    natural, least = [], []
    for number, column in enumerate(table.columns):
        values = [
            printable(cell_text(r.cells[number], column.kind))
            for r in table.rows
            if number < len(r.cells)
        ]
        words = [stringWidth(w, BOLD, size) for w in column.label.split()] or [0.0]
        cells = [stringWidth(v, REGULAR, size) for v in values]
        widest = max([*words, *cells])
        if column.kind is ColumnKind.TEXT:
            widest = min(widest, 60 * mm)
            longest_word = max(
                [*words, *(stringWidth(w, REGULAR, size) for v in values for w in v.split())]
            )
            least.append(min(widest, longest_word) + padding)
        else:
            least.append(widest + padding)
        natural.append(widest + padding)
    return natural, least


def _series(spec: ChartSpec, table: ReportTable) -> tuple[list[str], list[str], list[list[int]]]:
    """Category names (the chosen columns' labels), series names (rows) and their values."""
    index = {c.key: n for n, c in enumerate(table.columns)}
    chosen = [k for k in spec.column_keys if k in index]
    rows = [r for r in table.rows if not spec.row_labels or r.label in spec.row_labels]
    money = {k: table.columns[index[k]].kind is ColumnKind.MONEY for k in chosen}
    values = []
    for row in rows:
        line = []
        for key in chosen:
            value = row.cells[index[key]] if index[key] < len(row.cells) else None
            number = value if isinstance(value, int) else 0
            # A chart of amounts is drawn in whole kronor: öre cannot be seen on a bar.
            line.append(number // 100 if money[key] else number)
        values.append(line)
    return [table.columns[index[k]].label for k in chosen], [r.label for r in rows], values


def _chart(spec: ChartSpec, table: ReportTable, width: float) -> Drawing:
    categories, names, values = _series(spec, table)
    height = 72 * mm
    drawing = Drawing(width, height)
    plot_width = width - 60 * mm
    chart: Any = VerticalBarChart() if spec.kind is ChartKind.BAR else HorizontalLineChart()
    chart.x, chart.y = 12 * mm, 14 * mm
    chart.width, chart.height = plot_width, height - 26 * mm
    chart.data = values or [[0.0] * len(categories)]
    chart.categoryAxis.categoryNames = categories
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 7.5
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = lambda v: f"{v:,.0f}".replace(",", " ")
    if len(categories) > 12:
        chart.categoryAxis.labels.angle = 30
        chart.categoryAxis.labels.boxAnchor = "ne"
    for number in range(len(values)):
        colour = colors.HexColor(SERIES[number % len(SERIES)])
        if spec.kind is ChartKind.BAR:
            chart.bars[number].fillColor = colour
            chart.bars[number].strokeColor = colour
        else:
            chart.lines[number].strokeColor = colour
            chart.lines[number].strokeWidth = 1.6
            chart.lines[number].symbol = makeMarker(MARKERS[number % len(MARKERS)])
            chart.lines[number].symbol.fillColor = colour
            chart.lines[number].symbol.strokeColor = colour
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 12 * mm + plot_width + 8 * mm, height - 14 * mm
    legend.fontName = REGULAR
    legend.fontSize = 8
    legend.alignment = "right"
    legend.columnMaximum = max(len(names), 1)  # one column beside the plot, never off the page
    legend.colorNamePairs = [
        (colors.HexColor(SERIES[n % len(SERIES)]), printable(name)[:28])
        for n, name in enumerate(names)
    ]
    drawing.add(legend)
    title = spec.title or table.title
    drawing.add(String(0, height - 6 * mm, printable(title), fontName=BOLD, fontSize=10))
    return drawing


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """Holds every page until the end, then writes "Sida 1 av 3" and the footer on each."""

    def __init__(self, *args: Any, footer: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = printable(footer)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        page_width = self._pagesize[0]
        self.setFont(REGULAR, 8)
        self.setFillColor(GREY)
        self.drawString(18 * mm, 12 * mm, self._footer)
        self.drawRightString(page_width - 18 * mm, 12 * mm, f"Sida {number} av {total}")
