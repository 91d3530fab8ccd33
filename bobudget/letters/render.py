"""Drawing letters to PDF with ReportLab platypus: letterhead, body, footer, "Sida 1 av 2".

Several letters can go into one PDF (a batch): each starts on a new page with its own
letterhead, and its pages are numbered on their own ("Sida 1 av 2" of that letter).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import Image as ImageFlowable
from reportlab.platypus import PageBreak as PageBreakFlowable

from bobudget.kernel.config import Letterhead
from bobudget.kernel.errors import DomainError, ValidationError
from bobudget.letters.body import TEXT_WIDTH, BodyBuilder, Styles, escape_value, make_styles
from bobudget.letters.facts import LetterData
from bobudget.letters.flow import Paragraph
from bobudget.letters.fonts import BOLD, REGULAR, register_fonts
from bobudget.letters.syntax import Heading
from bobudget.letters.templates import Template

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 18 * mm
MARGIN_BOTTOM = 24 * mm
LOGO_BOX = (40 * mm, 16 * mm)
GREY = colors.HexColor("#555555")


@dataclass(frozen=True)
class Field:
    """A rectangle on the first page, measured from the sheet's left and top edges."""

    left: float
    top: float
    width: float
    height: float


# Where the window of a Swedish window envelope with the window on the right (the "H2"
# position) shows an A4 sheet folded in three (C65) or folded once then in two (C5): 105 mm
# from the left edge (20 mm from the right), 48 mm from the top, 85 × 36 mm. It lies inside
# the windows of both sizes with a few millimetres to spare for the sheet moving in the
# envelope. Only the recipient's postal address is printed here (README: "Fönsterkuvert").
ADDRESS_FIELD = Field(
    left=MARGIN_X + TEXT_WIDTH - 85 * mm, top=48 * mm, width=85 * mm, height=36 * mm
)

# How far left of the address field the inner-envelope marking ends: well outside any window.
NOTE_CLEARANCE = 20 * mm

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class RenderCancelled(DomainError):
    """The user cancelled a batch; nothing was written or logged."""

    def __init__(self) -> None:
        super().__init__("Utskriften avbröts. Ingen fil skrevs och inget brev loggades.")


@dataclass(frozen=True)
class PreparedLetter:
    template: Template
    data: LetterData


@dataclass(frozen=True)
class Logo:
    path: str
    width: float
    height: float


def check_logo(letterhead: Letterhead) -> Logo | None:
    """The logo from the settings, or a Swedish error naming the file when it cannot be used."""
    if not letterhead.logo_path.strip():
        return None
    path = Path(letterhead.logo_path.strip())
    if not path.is_file():
        raise ValidationError(
            f"Logotypen {path} i inställningarna finns inte. Välj en bildfil (PNG eller JPEG) "
            "under Administration → Enhetens inställningar, eller töm fältet."
        )
    try:
        width, height = ImageReader(str(path)).getSize()
    except Exception:
        raise ValidationError(
            f"Logotypen {path} är ingen bildfil som kan läsas. Välj en PNG- eller JPEG-bild "
            "under Administration → Enhetens inställningar."
        ) from None
    return Logo(str(path), width, height)


def letter_title(letter: PreparedLetter) -> str:
    """The letter's first heading as plain text, or the kind's name."""
    for block in letter.template.blocks:
        if isinstance(block, Heading):
            return BodyBuilder.plain(block.text, letter.data.values)
    return letter.data.kind.name


def render_pdf(
    letters: Sequence[PreparedLetter],
    letterhead: Letterhead,
    *,
    title: str,
    subject: str,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> tuple[bytes, list[int]]:
    """One PDF holding `letters`, and the number of pages of each.

    `progress(done, total)` is called as letters are laid out, `cancelled()` checked between
    letters (it raises RenderCancelled). Both come from the caller's thread of choice: this
    function touches no GUI.
    """
    register_fonts()
    logo = check_logo(letterhead)
    styles = make_styles()
    story: list[Flowable] = []
    for index, letter in enumerate(letters):
        if index:
            story.append(PageBreakFlowable())
        story.append(_LetterMark(index))
        story.extend(_first_page_head(letter.data, letterhead, logo, styles))
        body = BodyBuilder(styles, letter.data.values, letter.data.kind.placeholders)
        story.extend(body.blocks(letter.template.blocks))
    book = _PageBook(letters, letterhead)
    buffer = io.BytesIO()
    doc = _LetterDoc(
        buffer,
        total=len(letters),
        progress=progress,
        cancelled=cancelled,
        title=title,
        author=letterhead.unit,
        subject=subject,
        creator="bobudget",
        lang="sv-SE",
        displayDocTitle=True,
    )
    doc.build(story, canvasmaker=partial(_NumberedCanvas, book=book))
    if progress is not None:
        progress(len(letters), len(letters))
    return buffer.getvalue(), book.page_counts()


class _LetterDoc(BaseDocTemplate):  # type: ignore[misc]
    def __init__(
        self,
        buffer: io.BytesIO,
        *,
        total: int,
        progress: Progress | None,
        cancelled: Cancelled | None,
        **info: Any,
    ) -> None:
        super().__init__(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            # Without this every page names the unembedded Helvetica as its starting font.
            initialFontName=REGULAR,
            initialFontSize=10,
            **info,
        )
        frame = Frame(
            MARGIN_X, MARGIN_BOTTOM, TEXT_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM, id="body"
        )
        self.addPageTemplates([PageTemplate(id="letter", frames=[frame])])
        self._total = total
        self._progress = progress
        self._cancelled = cancelled

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, _LetterMark):
            if self._cancelled is not None and self._cancelled():
                raise RenderCancelled()
            if self._progress is not None:
                self._progress(flowable.index, self._total)


class _LetterMark(Flowable):  # type: ignore[misc]
    """Takes no room; tells the canvas that a new letter begins on this page."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bobudget_letter = self.index


def _first_page_head(
    data: LetterData, letterhead: Letterhead, logo: Logo | None, styles: Styles
) -> list[Flowable]:
    sender: list[Flowable] = []
    if logo is not None:
        scale = min(LOGO_BOX[0] / logo.width, LOGO_BOX[1] / logo.height)
        sender.append(
            ImageFlowable(logo.path, logo.width * scale, logo.height * scale, hAlign="LEFT")
        )
        sender.append(Spacer(1, 2 * mm))
    if letterhead.municipality:
        sender.append(Paragraph(escape_value(letterhead.municipality), styles.sender_name))
    for line in (letterhead.administration, letterhead.unit):
        if line.strip():
            sender.append(Paragraph(escape_value(line), styles.small))
    facts = [
        ("Datum", data.date.isoformat()),
        ("Diarienummer", data.reference),
        ("Handläggare", data.officer),
        ("Telefon", data.officer_phone),
        ("E-post", data.officer_email),
    ]
    meta = Table(
        [
            [Paragraph(label, styles.small), Paragraph(escape_value(value), styles.small)]
            for label, value in facts
            if value
        ],
        colWidths=[24 * mm, 56 * mm],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TEXTCOLOR", (0, 0), (0, -1), GREY),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        ),
        hAlign="LEFT",
    )
    # The address field holds the postal address and nothing else: it is what the envelope's
    # window shows. Fixed heights put it exactly on ADDRESS_FIELD.
    address = [Paragraph(escape_value(line), styles.address) for line in data.recipient]
    head = Table(
        [[sender, meta], [_envelope_note(data, styles), address]],
        colWidths=[TEXT_WIDTH - ADDRESS_FIELD.width, ADDRESS_FIELD.width],
        rowHeights=[ADDRESS_FIELD.top - MARGIN_TOP, ADDRESS_FIELD.height],
        style=TableStyle(
            [
                # An empty cell is drawn as text too: in our font, not the unembedded default.
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )
    return [head, Spacer(1, 4 * mm)]


def _envelope_note(data: LetterData, styles: Styles) -> Flowable | str:
    """For protected personal data, the inner envelope's marking (name and personnummer).

    It stands left of the address field, at least NOTE_CLEARANCE from it: the window is a
    little larger than the field, so a line just under the field (where it once stood) could
    show through it as the sheet moves in the envelope.
    """
    if not data.envelope_note:
        return ""
    return Table(
        [[Paragraph(escape_value(data.envelope_note), styles.note)]],
        colWidths=[TEXT_WIDTH - ADDRESS_FIELD.width - NOTE_CLEARANCE],
        hAlign="LEFT",
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )


@dataclass(frozen=True)
class _PageText:
    running_head_left: str
    running_head_right: str


class _PageBook:
    """What the canvas needs to finish each page once the page count of every letter is known."""

    def __init__(self, letters: Sequence[PreparedLetter], letterhead: Letterhead) -> None:
        self.heads = [
            _PageText(
                " · ".join(x for x in (letterhead.municipality, letterhead.unit) if x),
                " · ".join(
                    x
                    for x in (
                        letter.data.date.isoformat(),
                        f"Dnr {letter.data.reference}" if letter.data.reference else "",
                    )
                    if x
                ),
            )
            for letter in letters
        ]
        self.footer = "   ·   ".join(
            x
            for x in (
                letterhead.address_line,
                f"Telefon {letterhead.phone}" if letterhead.phone else "",
                letterhead.email,
            )
            if x
        )
        self.letter_of_page: list[int] = []

    def page_counts(self) -> list[int]:
        counts = [0] * len(self.heads)
        for index in self.letter_of_page:
            counts[index] += 1
        return counts


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """Holds every page back until the end, so each can say "Sida n av N" of its own letter."""

    def __init__(self, *args: Any, book: _PageBook, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._book = book
        self._pages: list[dict[str, Any]] = []
        self.bobudget_letter = 0

    def showPage(self) -> None:
        self._book.letter_of_page.append(self.bobudget_letter)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        counts = self._book.page_counts()
        seen = [0] * len(counts)
        for state in self._pages:
            self.__dict__.update(state)
            index = self.bobudget_letter
            seen[index] += 1
            self._finish_page(index, seen[index], counts[index])
            super().showPage()
        super().save()

    def _finish_page(self, index: int, page: int, pages: int) -> None:
        text = self._book.heads[index]
        self.saveState()
        self.setFillColor(GREY)
        self.setStrokeColor(colors.HexColor("#999999"))
        self.setLineWidth(0.4)
        self.setFont(REGULAR, 8)
        if page > 1:
            top = PAGE_HEIGHT - 11 * mm
            self.drawString(MARGIN_X, top, text.running_head_left)
            self.drawRightString(PAGE_WIDTH - MARGIN_X, top, text.running_head_right)
        self.line(MARGIN_X, 17 * mm, PAGE_WIDTH - MARGIN_X, 17 * mm)
        self.drawString(MARGIN_X, 12 * mm, self._book.footer)
        self.setFont(BOLD, 8)
        self.drawRightString(PAGE_WIDTH - MARGIN_X, 12 * mm, f"Sida {page} av {pages}")
        self.restoreState()
