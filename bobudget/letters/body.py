"""A template's blocks filled with a letter's values, as platypus flowables (the letter's body)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import PageBreak as PageBreakFlowable

from bobudget.letters.facts import Value
from bobudget.letters.flow import Paragraph
from bobudget.letters.fonts import BOLD, REGULAR, printable
from bobudget.letters.placeholders import Placeholder
from bobudget.letters.syntax import (
    Block,
    Bullets,
    Conditional,
    DataTable,
    Heading,
    Inline,
    ListFrom,
    PageBreak,
    Para,
    Ref,
    Signatures,
    Terms,
)

TEXT_WIDTH = 170 * mm  # A4 less 20 mm margins on either side
LINE = colors.HexColor("#999999")
SHADE = colors.HexColor("#EEEEEE")
_TAGS = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    bullet: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_right: ParagraphStyle
    small: ParagraphStyle
    note: ParagraphStyle
    address: ParagraphStyle
    sender_name: ParagraphStyle
    caption: ParagraphStyle


@cache
def make_styles() -> Styles:
    body = ParagraphStyle(
        "body", fontName=REGULAR, bulletFontName=REGULAR, fontSize=10, leading=14, spaceAfter=6
    )
    cell = ParagraphStyle("cell", parent=body, fontSize=9.5, leading=12.5, spaceAfter=0)
    return Styles(
        body=body,
        h1=ParagraphStyle("h1", parent=body, fontName=BOLD, fontSize=15, leading=19, spaceAfter=8),
        h2=ParagraphStyle(
            "h2",
            parent=body,
            fontName=BOLD,
            fontSize=11,
            leading=14,
            spaceBefore=8,
            spaceAfter=4,
        ),
        bullet=ParagraphStyle("bullet", parent=body, leftIndent=14, bulletIndent=3, spaceAfter=2),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=BOLD),
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        small=ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, spaceAfter=0),
        note=ParagraphStyle(
            "note",
            parent=body,
            fontSize=7.5,
            leading=9.5,
            spaceAfter=0,
            textColor=colors.HexColor("#555555"),
        ),
        address=ParagraphStyle("address", parent=body, fontSize=10.5, leading=14, spaceAfter=0),
        sender_name=ParagraphStyle(
            "sender_name", parent=body, fontName=BOLD, fontSize=12, leading=15, spaceAfter=1
        ),
        caption=ParagraphStyle("caption", parent=body, fontSize=8.5, leading=11, spaceAfter=0),
    )


# A heading keeps its table's column headings and this many first rows on its page.
KEPT_ROWS = 2


class _DataTable(Table):  # type: ignore[misc]
    """A table of rows from data, knowing how tall its column headings and first rows are."""

    lead_height: float = 0.0


def _height(flowable: Flowable) -> float:
    _, height = flowable.wrap(TEXT_WIDTH, 10_000)
    return float(height + flowable.getSpaceBefore() + flowable.getSpaceAfter())


def _keep_headings_with_tables(out: list[Flowable]) -> None:
    """A subheading over a table (with a line or two of text between) never ends a page with
    the table starting on the next: its conditional page break asks for room for the heading,
    the text and the table's first rows, so that they move to the next page together."""
    for i, flowable in enumerate(out):
        if not isinstance(flowable, CondPageBreak):
            continue
        texts: list[Paragraph] = []
        for following in out[i + 1 : i + 5]:
            if isinstance(following, _DataTable):
                # Measured only here: laying out text for a break that no table follows cost
                # a batch of letters a tenth of its time.
                needed = sum(_height(text) for text in texts)
                out[i] = CondPageBreak(max(float(flowable.height), needed + following.lead_height))
                break
            if not isinstance(following, Paragraph):
                break
            texts.append(following)


def _is_heading(flowable: Flowable) -> bool:
    """A heading, or the conditional page break that goes before a subheading."""
    if isinstance(flowable, CondPageBreak):
        return True
    return isinstance(flowable, Paragraph) and flowable.style.name in ("h1", "h2")


def escape_value(text: str) -> str:
    """Data as Paragraph markup: printable by the font, escaped, line breaks kept."""
    return escape(printable(text)).replace("\n", "<br/>")


def _truthy(value: Value) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return bool(value)


class BodyBuilder:
    """Walks a template's blocks with one letter's values and makes the flowables."""

    def __init__(
        self,
        styles: Styles,
        values: Mapping[str, Value],
        placeholders: Mapping[str, Placeholder],
    ) -> None:
        self.styles = styles
        self.values = values
        self.placeholders = placeholders
        self._escaped: dict[str, str] = {}

    @staticmethod
    def plain(text: Inline, values: Mapping[str, Value]) -> str:
        """Inline text filled in, without markup (for the PDF's title)."""
        parts = [p if isinstance(p, str) else str(values[p.name]) for p in text]
        return _TAGS.sub("", "".join(parts)).replace("&amp;", "&").replace("&lt;", "<")

    def markup(self, text: Inline) -> str:
        out = []
        for part in text:
            if isinstance(part, Ref):
                escaped = self._escaped.get(part.name)
                if escaped is None:
                    value = self.values[part.name]
                    escaped = self._escaped[part.name] = escape_value(str(value))
                out.append(escaped)
            else:
                out.append(part)
        return "".join(out)

    def decided(self, blocks: Sequence[Block]) -> Iterator[Block]:
        """The blocks this letter shows, every @om decided by its value."""
        for block in blocks:
            if isinstance(block, Conditional):
                taken = _truthy(self.values[block.name]) != block.negate
                yield from self.decided(block.then if taken else block.otherwise)
            else:
                yield block

    def chosen(self, blocks: Sequence[Block]) -> list[Block]:
        """The blocks shown, with table rows that an @om split from their table joined to it
        again (one table, not two with a gap between)."""
        out: list[Block] = []
        for block in self.decided(blocks):
            last = out[-1] if out else None
            if (
                isinstance(block, Terms)
                and isinstance(last, Terms)
                and len(last.rows[0]) == len(block.rows[0])
            ):
                out[-1] = Terms(last.rows + block.rows)
            else:
                out.append(block)
        return out

    def blocks(self, blocks: Sequence[Block]) -> list[Flowable]:
        out: list[Flowable] = []
        for block in self.chosen(blocks):
            made = self.block(block)
            # Signatures never stand alone on a page, nor does a sign-off ("Med vänliga
            # hälsningar" with the name under it, lines kept by \): the last text above goes
            # with them, and a sign-off is never split over two pages.
            if isinstance(block, Signatures) or (
                isinstance(block, Para) and made and "<br/>" in self.markup(block.text)
            ):
                # ... and so does the heading above that text, if any.
                take = 1
                while take < len(out) and _is_heading(out[-take - 1]):
                    take += 1
                # A hair of a spacer first: ReportLab measures a KeepTogether without the space
                # above its first visible flowable, yet lays that space out mid-page, so a
                # heading's 8 pt once pushed a sign-off's last line onto the next page.
                made = [KeepTogether([Spacer(1, 0.01), *out[-take:], *made])]
                del out[-take:]
            out.extend(made)
        _keep_headings_with_tables(out)
        return out

    def block(self, block: Block) -> list[Flowable]:
        s = self.styles
        if isinstance(block, Para):
            text = self.markup(block.text)
            return [Paragraph(text, s.body)] if _TAGS.sub("", text).strip() else []
        if isinstance(block, Heading):
            style = s.h1 if block.level == 1 else s.h2
            # A subheading never ends a page alone: it keeps at least a few lines under it.
            lead = [CondPageBreak(20 * mm)] if block.level == 2 else []
            return [*lead, Paragraph(self.markup(block.text), style)]
        if isinstance(block, Bullets):
            return self.bullets([self.markup(item) for item in block.items])
        if isinstance(block, ListFrom):
            items = self.values[block.name]
            assert isinstance(items, tuple)
            return self.bullets([escape_value(str(item)) for item in items])
        if isinstance(block, Terms):
            rows = [[self.markup(cell) for cell in row] for row in block.rows]
            return [self.terms(rows)]
        if isinstance(block, DataTable):
            return [self.data_table(block)]
        if isinstance(block, Signatures):
            return [Spacer(1, 4 * mm), self.signatures([self.markup(c) for c in block.captions])]
        if isinstance(block, PageBreak):
            return [PageBreakFlowable()]
        raise TypeError(f"unknown block {block!r}")

    def bullets(self, items: list[str]) -> list[Flowable]:
        if not items:
            return []
        return [
            *(Paragraph(markup, self.styles.bullet, bulletText="•") for markup in items),
            Spacer(1, 4),
        ]

    def terms(self, rows: list[list[str]]) -> Table:
        s = self.styles
        columns = len(rows[0])
        label_width = 55 * mm
        rest = (TEXT_WIDTH - label_width) / max(columns - 1, 1)
        table = Table(
            [
                [Paragraph(cell, s.cell_bold if i == 0 else s.cell) for i, cell in enumerate(row)]
                for row in rows
            ],
            colWidths=[label_width] + [rest] * (columns - 1),
            hAlign="LEFT",
            spaceAfter=8,
            style=TableStyle(
                [
                    # Tables set their own font even around paragraphs: ours, never Helvetica.
                    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, LINE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 2),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            ),
        )
        return table

    def data_table(self, block: DataTable) -> Flowable:
        s = self.styles
        rows = self.values[block.name]
        assert isinstance(rows, tuple)
        spec = self.placeholders[block.name]
        right = set(spec.amount_columns)
        header = [
            Paragraph(self.markup(h), s.cell_bold if i not in right else s.cell_right)
            for i, h in enumerate(block.headers)
        ]
        body = [
            [
                Paragraph(escape_value(str(cell)), s.cell_right if i in right else s.cell)
                for i, cell in enumerate(row)
            ]
            for row in rows
        ]
        if not body:
            return Paragraph("Inga poster.", s.body)
        widths = _column_widths(spec.columns, right)
        style = TableStyle(
            [
                # Tables set their own font even around paragraphs: ours, never Helvetica.
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, LINE),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
        table = _DataTable(
            [header, *body],
            colWidths=widths,
            repeatRows=1,
            hAlign="LEFT",
            spaceAfter=8,
            style=style,
        )
        # Measured on a copy: the heading above keeps room for this much (see blocks()).
        lead = Table(
            [[Paragraph(p.text, p.style) for p in row] for row in [header, *body[:KEPT_ROWS]]],
            colWidths=widths,
            style=style,
        )
        table.lead_height = _height(lead)
        return table

    def signatures(self, captions: list[str]) -> Table:
        """For each signer: a line for place and date, a line to sign on, the caption below."""
        s = self.styles
        gap = 10 * mm
        count = len(captions)
        width = (TEXT_WIDTH - gap * (count - 1)) / count

        def row(texts: list[str]) -> list[object]:
            cells: list[object] = []
            for i, text in enumerate(texts):
                if i:
                    cells.append("")
                cells.append(Paragraph(text, s.caption) if text else "")
            return cells

        lines = [
            ("LINEBELOW", (2 * i, r), (2 * i, r), 0.6, colors.black)
            for i in range(count)
            for r in (0, 2)
        ]
        table = Table(
            [row([""] * count), row(["Ort och datum"] * count), row([""] * count), row(captions)],
            colWidths=[w for i in range(count) for w in ((gap, width) if i else (width,))],
            rowHeights=[8 * mm, None, 11 * mm, None],
            hAlign="LEFT",
            style=TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    *lines,
                ]
            ),
        )
        return table


def _column_widths(columns: int, right: set[int]) -> list[float]:
    total = TEXT_WIDTH
    amount = 32 * mm
    if columns == 3:
        first = 26 * mm
        return [first, total - first - amount, amount] if 2 in right else [first, 60 * mm, 84 * mm]
    return [total - amount, amount] if columns == 2 else [total / columns] * columns
