"""The Statistik page: choose a report and a period, Visa, read the tables and charts, open the
records behind a number, and export to CSV, Excel or the committee's PDF.

The reports come from the catalogue (bobudget/statistics/catalogue.py): a new report appears
here by itself. Reading runs off the GUI thread behind a progress dialog; exporting too.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from bobudget.db.engine import Database
from bobudget.db.unit_settings import unit_settings
from bobudget.db.uow import current_username
from bobudget.kernel.errors import DomainError
from bobudget.statistics import catalogue
from bobudget.statistics.export import ExportFormat, export_to_file, propose_file_name
from bobudget.statistics.housing_first import HousingFirstReport
from bobudget.statistics.report import Report, ReportResult, ReportRow
from bobudget.statistics.service import listing_behind, offers_identities, run_report
from bobudget.statistics.survey import SurveyReport

from ..changes import run_change
from ..errors import show_domain_error
from ..statistics.dialogs import EditTextDialog, ListingDialog
from ..statistics.hand_entries import LettingsDialog, SurveyEntriesDialog
from ..statistics.period_picker import PeriodPicker
from ..statistics.result_view import ResultView
from ..workers import run_with_progress

log = logging.getLogger(__name__)

IDENTITIES_TEXT = "Med perso&nnummer (enhetens egen lista)"
CHOOSE_TEXT = "Välj rapport och period och tryck Visa."
NO_REPORTS = "Inga rapporter finns ännu i den här versionen av programmet."
FILTERS = {
    ExportFormat.CSV: "CSV-fil (*.csv)",
    ExportFormat.XLSX: "Excel-arbetsbok (*.xlsx)",
    ExportFormat.PDF: "PDF (*.pdf)",
}

ChoosePath = Callable[[QWidget, str, ExportFormat], str]


def ask_export_path(parent: QWidget, proposed: str, fmt: ExportFormat) -> str:
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, "Spara rapporten", str(Path.home() / proposed), FILTERS[fmt]
    )
    if chosen and not chosen.lower().endswith(f".{fmt.value}"):
        chosen += f".{fmt.value}"
    return chosen


HAND_SURVEY = "&Uppgifter för hand: personer från andra enheter…"
HAND_LETTINGS = "&Uppgifter för hand: bostadsbolagets uthyrningar…"


class _FirstTables(QObject):
    """Lives in the GUI thread: a report's first tables, handed over from the reading thread,
    arrive here queued and are shown while the rest is counted."""

    arrived = Signal(object)

    def __init__(self, show: Callable[[ReportResult], None]) -> None:
        super().__init__()
        self._show = show
        self.arrived.connect(self._shown)

    @Slot(object)
    def _shown(self, first: object) -> None:
        if isinstance(first, ReportResult):
            self._show(first)


class StatisticsPage(QWidget):
    personRequested = Signal(int)

    def __init__(
        self,
        db: Database,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._today = today
        self.setAccessibleName("Statistik")
        self.choose_path: ChoosePath = ask_export_path  # tests choose without a file dialog
        self.result: ReportResult | None = None
        self.shown_report: Report | None = None

        title = QLabel("Statistik")
        title.setObjectName("pageTitle")
        self.reports = QComboBox()
        self.reports.setAccessibleName("Rapport")
        self.reports.setMinimumContentsLength(36)
        for report in catalogue.REPORTS:
            self.reports.addItem(report.title, report.key)
        report_label = QLabel("&Rapport")
        report_label.setBuddy(self.reports)
        self.picker = PeriodPicker()
        self.identities = QCheckBox(IDENTITIES_TEXT)
        self.identities.setAccessibleName("Med personnummer (enhetens egen lista)")
        self.identities.setToolTip(
            "Listan får personnummer och märks som sekretess (OSL 26 kap.). Bara för enhetens "
            "eget bruk – aldrig till IVO eller nämnden."
        )
        self.show_button = QPushButton("Vi&sa")
        self.show_button.setAccessibleName("Visa rapporten")
        self.show_button.clicked.connect(self.show_report)
        # What a report counts but the program cannot know: the survey's persons from other
        # units, the housing company's lettings. Shown for those reports only.
        self.hand_button = QPushButton()
        self.hand_button.setAccessibleName("Uppgifter för hand")
        self.hand_button.clicked.connect(self.enter_by_hand)

        self.csv_button = QPushButton("Exportera &CSV…")
        self.xlsx_button = QPushButton("Exportera E&xcel…")
        self.pdf_button = QPushButton("&PDF till nämnden…")
        for button, fmt, name in (
            (self.csv_button, ExportFormat.CSV, "Exportera CSV"),
            (self.xlsx_button, ExportFormat.XLSX, "Exportera Excel"),
            (self.pdf_button, ExportFormat.PDF, "PDF till nämnden"),
        ):
            button.setAccessibleName(name)
            button.clicked.connect(lambda _=False, f=fmt: self.export(f))
        self.status = QLabel()
        self.status.setObjectName("muted")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Status")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.view = ResultView()
        self.view.cellOpened.connect(self.open_listing)
        self.view.editRequested.connect(self.edit_row)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.view)
        self.scroll_area.setAccessibleName("Rapportens tabeller och diagram")

        choose = QHBoxLayout()
        choose.addWidget(report_label)
        choose.addWidget(self.reports)
        choose.addStretch(1)
        period_row = QHBoxLayout()
        period_row.addWidget(self.picker)
        period_row.addWidget(self.show_button, 0, Qt.AlignmentFlag.AlignTop)
        period_row.addWidget(self.hand_button, 0, Qt.AlignmentFlag.AlignTop)
        period_row.addStretch(1)
        exports = QHBoxLayout()
        exports.addWidget(self.csv_button)
        exports.addWidget(self.xlsx_button)
        exports.addWidget(self.pdf_button)
        exports.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addLayout(choose)
        layout.addLayout(period_row)
        layout.addWidget(self.identities)
        layout.addLayout(exports)
        layout.addWidget(self.status)
        layout.addWidget(self.scroll_area, 1)

        self.reports.currentIndexChanged.connect(self._report_chosen)
        self._report_chosen()
        self.status.setText(NO_REPORTS if not catalogue.REPORTS else CHOOSE_TEXT)

    # --- choosing -----------------------------------------------------------------------------

    def current_report(self) -> Report | None:
        return catalogue.report_by_key(str(self.reports.currentData() or ""))

    def _report_chosen(self) -> None:
        report = self.current_report()
        for widget in (self.reports, self.picker, self.show_button):
            widget.setEnabled(report is not None)
        self.identities.setEnabled(report is not None and offers_identities(report))
        if not self.identities.isEnabled():
            self.identities.setChecked(False)
        if report is not None:
            self.picker.set_kind(report.period_kind, self._today())
        self._show_hand_button(report)
        self._set_result(None, None)

    def _show_hand_button(self, report: Report | None) -> None:
        if isinstance(report, SurveyReport):
            text, what = HAND_SURVEY, "Personer som räknas för hand i kartläggningen"
        elif isinstance(report, HousingFirstReport):
            text, what = HAND_LETTINGS, "Bostadsbolagets uthyrningar per år"
        else:
            self.hand_button.hide()
            return
        self.hand_button.setText(text)
        self.hand_button.setAccessibleName(what)
        self.hand_button.setToolTip(what)
        self.hand_button.show()

    def enter_by_hand(self) -> None:
        report = self.current_report()
        try:
            period = self.picker.period()
        except DomainError as error:
            show_domain_error(self, error)
            return
        dialog: QDialog
        if isinstance(report, SurveyReport):
            dialog = SurveyEntriesDialog(
                self._db, period.first_day, period.label, self._today(), self
            )
        elif isinstance(report, HousingFirstReport):
            dialog = LettingsDialog(self._db, period.last_day.year, self)
        else:
            return
        dialog.exec()
        if self.shown_report is report and self.result is not None:
            self.show_report()  # the counts include what was just entered

    def _set_result(self, report: Report | None, result: ReportResult | None) -> None:
        self.shown_report = report
        self.result = result
        for button in (self.csv_button, self.xlsx_button, self.pdf_button):
            button.setEnabled(result is not None)
        if result is None:
            self.view.clear()
            self.status.setText(CHOOSE_TEXT)

    # --- reading ------------------------------------------------------------------------------

    def show_report(self) -> None:
        report = self.current_report()
        if report is None:
            return
        first = _FirstTables(lambda early: self._show_first(report, early))
        try:
            period = self.picker.period()
            identities = self.identities.isChecked()
            result = run_with_progress(
                self,
                f"Tar fram {report.title} …",
                lambda _progress: run_report(
                    self._db,
                    report,
                    period,
                    with_identities=identities,
                    shown_first=first.arrived.emit,
                ),
            )
        except DomainError as error:
            self._set_result(None, None)
            show_domain_error(self, error)
            return
        assert isinstance(result, ReportResult)
        self._set_result(report, result)
        self.view.show_result(result, report.editable_column)
        self.status.setText(
            f"{result.title}, {result.period.label} ({result.period.first_day} – "
            f"{result.period.last_day})."
            + (" Innehåller personnummer – sekretess." if result.with_identities else "")
        )

    def _show_first(self, report: Report, first: ReportResult) -> None:
        """The tables read first, shown while the rest is counted; nothing can be exported
        (or opened: the progress dialog is modal) until the whole result is here."""
        self._set_result(None, None)
        # The rows first; the charts (QtCharts, a tenth of a second) come with the rest.
        self.view.show_result(replace(first, charts=()), report.editable_column)
        self.status.setText(f"{first.title}, {first.period.label}: resten räknas …")

    def refresh(self) -> None:
        """F5: read the shown report again for the same period."""
        if self.result is not None:
            self.show_report()

    def open_listing(self, table_key: str, ids: tuple[int, ...]) -> ListingDialog | None:
        report = self.shown_report
        if report is None:
            return None
        try:
            listing = run_with_progress(
                self,
                "Hämtar raderna …",
                lambda _progress: listing_behind(self._db, report, table_key, ids),
            )
        except DomainError as error:
            show_domain_error(self, error)
            return None
        dialog = ListingDialog(listing, self)
        dialog.personRequested.connect(self.personRequested)
        self.last_listing = dialog
        dialog.exec()
        return dialog

    def edit_row(self, table_key: str, row: ReportRow) -> None:
        report, result = self.shown_report, self.result
        if report is None or result is None or row.record_id is None:
            return
        table = next(t for t in result.tables if t.key == table_key)
        index = next(n for n, c in enumerate(table.columns) if c.key == report.editable_column)
        current = row.cells[index] if index < len(row.cells) else ""
        dialog = EditTextDialog(
            self._db,
            report,
            row.record_id,
            result.period,
            table.columns[index].label,
            current if isinstance(current, str) else "",
            self,
        )
        self.last_edit = dialog
        if dialog.exec():
            self.show_report()

    # --- exporting ----------------------------------------------------------------------------

    def export(self, fmt: ExportFormat) -> Path | None:
        report, result = self.shown_report, self.result
        if report is None or result is None:
            return None
        chosen = self.choose_path(self, propose_file_name(result, fmt), fmt)
        if not chosen:
            return None
        path = Path(chosen)
        letterhead = unit_settings(self._db).letterhead
        user = current_username(self._db)
        try:
            run_change(
                run_with_progress,
                self,
                "Sparar rapporten …",
                lambda _progress: export_to_file(
                    self._db, report, result, fmt, path, user, letterhead
                ),
            )
        except DomainError as error:
            show_domain_error(self, error)
            return None
        log.info("report %s exported as %s", report.key, fmt.value)
        self.status.setText(f"Rapporten sparades i {path}.")
        return path
