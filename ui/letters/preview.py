"""The preview of a rendered PDF, with Skriv ut… and Spara som PDF…, as the letter will look."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QStandardPaths, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bobudget.kernel.errors import DomainError
from bobudget.letters.output import write_pdf

from ..changes import run_change
from ..workers import run_with_progress
from .feedback import PROTECTED_WARNING, show_error
from .printing import print_pdf

log = logging.getLogger(__name__)

# Called with the dialog (as parent for any progress) once the PDF was printed or saved.
Record = Callable[[QWidget], object]

NOT_YET_USED = "Brevet är inte utskrivet eller sparat ännu."
NOT_YET_USED_MANY = "Breven är inte utskrivna eller sparade ännu."
ALREADY_LOGGED = "Brevet visas så som det skickades. Det finns redan i brevloggen."


def file_name_for(title: str) -> str:
    """A file name from the letter's title: no characters Windows refuses in a name."""
    name = re.sub(r'[\\/:*?"<>|\s]+', " ", title).strip(" .") or "brev"
    return f"{name[:80]}.pdf"


def pdf_printer() -> QPrinter:
    """A printer for the system print dialog: A4, full resolution."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName("bobudget brev")
    return printer


# Previews are not modal (the user may look things up meanwhile); one without a parent would be
# garbage-collected at once, so the open ones are kept here until closed.
_open: list[PdfPreviewDialog] = []


def open_previews() -> list[PdfPreviewDialog]:
    """The previews open now, oldest first."""
    # A preview deleted with its parent (a page closed) never said it finished: forgotten here.
    _open[:] = [dialog for dialog in _open if shiboken6.isValid(dialog)]
    return list(_open)


def keep_open(dialog: PdfPreviewDialog) -> None:
    """Show the preview in front and keep it alive until it is closed."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _open.append(dialog)
    dialog.finished.connect(lambda _result: _forget(dialog))
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()


def _forget(dialog: PdfPreviewDialog) -> None:
    if dialog in _open:
        _open.remove(dialog)


class PdfPreviewDialog(QDialog):
    """Shows the PDF as rendered; Skriv ut…/Spara som PDF… call `record` once, not on preview.

    `record` is None when the PDF is already in the letter log (shown again as sent).
    """

    def __init__(
        self,
        pdf: bytes,
        title: str,
        *,
        record: Record | None,
        protected: bool = False,
        note: str = "",
        letters: int = 1,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.pdf = pdf
        self.title = title
        self._record = record
        self.recorded = False
        self.saved_path: Path | None = None
        self.setWindowTitle(f"Förhandsgranskning – {title}")
        self.setAccessibleName("Förhandsgranskning av brev")

        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setAccessibleName("Brevet som det skrivs ut")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)

        heading = QLabel(title)
        heading.setObjectName("sectionTitle")
        heading.setWordWrap(True)
        pages = self.document.pageCount()
        self.pages_label = QLabel(f"{pages} sida" if pages == 1 else f"{pages} sidor")
        self.pages_label.setObjectName("muted")
        self.protected_label = QLabel(PROTECTED_WARNING)
        self.protected_label.setObjectName("formError")
        self.protected_label.setWordWrap(True)
        self.protected_label.setVisible(protected)
        self.note_label = QLabel(note)
        self.note_label.setWordWrap(True)
        self.note_label.setVisible(bool(note))
        self._many = letters > 1
        unused = NOT_YET_USED_MANY if self._many else NOT_YET_USED
        self.status_label = QLabel(ALREADY_LOGGED if record is None else unused)
        self.status_label.setObjectName("muted")
        self.status_label.setWordWrap(True)

        self.print_button = QPushButton("Skriv ut…")
        self.print_button.setAccessibleName("Skriv ut brevet")
        self.print_button.clicked.connect(self.print_letter)
        self.save_button = QPushButton("Spara som PDF…")
        self.save_button.setAccessibleName("Spara brevet som PDF-fil")
        self.save_button.clicked.connect(self.save_as)
        self.close_button = QPushButton("Stäng")
        self.close_button.clicked.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.pages_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.protected_label)
        layout.addWidget(self.note_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.print_button.setDefault(True)
        self.resize(820, 900)

    # --- printing --------------------------------------------------------------------------

    def print_letter(self) -> None:
        """The system print dialog, then the pages to the chosen printer."""
        printer = pdf_printer()
        printer.setFromTo(0, 0)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Skriv ut brev")
        dialog.setMinMax(1, max(1, self.document.pageCount()))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> bool:
        """Print on `printer` off the GUI thread, then log the letter; True when it went well."""
        pdf = self.pdf

        def work(progress: Callable[[int, int], None]) -> int:
            return print_pdf(pdf, printer, progress=progress)

        try:
            printed = run_with_progress(self, "Brevet skickas till skrivaren…", work)
        except Exception as error:
            log.info("printing failed: %s", type(error).__name__)
            show_error(self, error)
            return False
        log.info("letter printed: %d pages", printed)
        return self._record_use("Utskrivet")

    # --- saving ----------------------------------------------------------------------------

    def save_as(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder) / file_name_for(self.title)) if folder else ""
        path, _ = QFileDialog.getSaveFileName(
            self, "Spara brevet som PDF", suggested, "PDF-filer (*.pdf)"
        )
        if not path:
            return
        self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            write_pdf(path, self.pdf)
        except DomainError as error:
            show_error(self, error)
            return False
        self.saved_path = path
        log.info("letter saved as PDF")
        return self._record_use(f"Sparat som {path}")

    # --- the letter log --------------------------------------------------------------------

    def _record_use(self, what: str) -> bool:
        """Log the letter the first time it is printed or saved; later uses add no entry."""
        if self._record is None or self.recorded:
            self.status_label.setText(f"{what}.")
            return True
        try:
            run_change(self._record, self)
        except Exception as error:
            which = "breven" if self._many else "brevet"
            self.status_label.setText(
                f"{what}, men {which} kunde inte sparas i brevloggen. Försök igen."
            )
            show_error(self, error)
            return False
        self.recorded = True
        which = "Breven är sparade" if self._many else "Brevet är sparat"
        self.status_label.setText(f"{what}. {which} i brevloggen.")
        return True
