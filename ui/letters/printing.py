"""Printing a PDF exactly as rendered: each page drawn as an image at the printer's resolution.

`print_pdf` touches no widget, so a worker thread can run it: painting on a QPrinter and
reading a QPdfDocument created in the same thread are both allowed off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from bobudget.kernel.errors import DomainError
from bobudget.letters.render import RenderCancelled

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

# Sharper than any office printer shows text, and an A4 page stays some 35 MB as an image.
MAX_IMAGE_DPI = 300
POINTS_PER_INCH = 72.0


def load_pdf(pdf: bytes) -> QPdfDocument:
    """A document read from the bytes in memory (synchronously: a buffer is all there)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    # The document reads from the buffer as it renders: keep it alive as long as the document.
    buffer.setParent(document)
    if document.status() != QPdfDocument.Status.Ready:
        raise DomainError("Brevets PDF-fil kunde inte läsas. Skapa brevet igen.")
    return document


def page_range(printer: QPrinter, page_count: int) -> range:
    """The pages the print dialog asked for (0-based); all of them when no range was chosen."""
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0 and last <= 0:
        return range(page_count)
    first = max(first, 1)
    last = min(last if last > 0 else page_count, page_count)
    return range(first - 1, last)


def print_pdf(
    pdf: bytes,
    printer: QPrinter,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> int:
    """Print the PDF's pages on `printer`; returns how many pages were printed."""
    document = load_pdf(pdf)
    try:
        pages = page_range(printer, document.pageCount())
        # The letter's own margins place the text; the printer's margins must not move it.
        printer.setFullPage(True)
        painter = QPainter()
        if not painter.begin(printer):
            raise DomainError(
                "Skrivaren kunde inte startas. Kontrollera att skrivaren är på och ansluten, "
                "och försök igen."
            )
        try:
            for done, index in enumerate(pages):
                if cancelled is not None and cancelled():
                    raise RenderCancelled()
                if done > 0:
                    printer.newPage()
                _draw_page(document, index, printer, painter)
                if progress is not None:
                    progress(done + 1, len(pages))
        finally:
            painter.end()
        return len(pages)
    finally:
        document.close()


def _draw_page(document: QPdfDocument, index: int, printer: QPrinter, painter: QPainter) -> None:
    points = document.pagePointSize(index)
    paper = printer.paperRect(QPrinter.Unit.DevicePixel)
    resolution = printer.resolution()
    width = points.width() * resolution / POINTS_PER_INCH
    height = points.height() * resolution / POINTS_PER_INCH
    # A page larger than the paper (a letter printed on a smaller sheet) shrinks to fit.
    scale = min(1.0, paper.width() / width, paper.height() / height) if width and height else 1.0
    target = QRectF(0, 0, width * scale, height * scale)

    dpi = min(resolution, MAX_IMAGE_DPI)
    size = QSize(
        max(1, round(points.width() * dpi / POINTS_PER_INCH)),
        max(1, round(points.height() * dpi / POINTS_PER_INCH)),
    )
    rendered = document.render(index, size)
    # The PDF view renders onto transparency; paper is white, and some drivers print alpha grey.
    page = QImage(size, QImage.Format.Format_RGB32)
    page.fill(QColor("white"))
    composer = QPainter(page)
    composer.drawImage(0, 0, rendered)
    composer.end()
    painter.drawImage(target, page)
