"""The Brev page: the week's renewal letters as one batch, the letter kinds, and the templates.

Single letters are printed where they belong (the person card's "Skriv brev…", the Print
actions on the other pages); this page is for what goes out many at a time.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bobudget.db.changes import ChangeKind, ChangeSet
from bobudget.db.engine import Database
from bobudget.db.settings_in_use import effective_settings
from bobudget.kernel.config import Settings
from bobudget.kernel.errors import DomainError
from bobudget.kernel.formatting import format_date
from bobudget.kernel.periods import last_day
from bobudget.letters.facts import LetterRequest
from bobudget.letters.kinds import KINDS, Recipient
from bobudget.letters.templates import default_template_folder, load_templates
from bobudget.placement.renewal_letters import RenewalLetters, renewal_letters_due
from bobudget.placement.renewal_rows import RenewalRow, renewal_rows

from ..changes import ChangeListener
from ..errors import message_box
from ..kit.table_model import Column, TableModel
from ..letters.feedback import show_error
from ..workers import BackgroundTask

if TYPE_CHECKING:
    # The batch brings ReportLab (≈ 0.3 s to import): imported when letters are printed, not
    # when the page is first shown.
    from ..letters.batch import BatchDialog

log = logging.getLogger(__name__)

DEFAULT_DAYS = 7  # this week
PROTECTED_NAME_NOTE = "skyddade personuppgifter"
RECIPIENT_NAMES = {
    Recipient.PERSON: "Personen",
    Recipient.LANDLORD: "Hyresvärden",
    Recipient.PAYER: "Utbetalaren",
}

# What each letter is for, in a sentence (the page's overview; the templates hold the text).
DESCRIPTIONS = {
    "social_contract": "Andrahandskontrakt där kommunen hyr i första hand och hyr ut i andra.",
    "transitional_contract": "Bostadssocialt kontrakt med villkoren för att ta över kontraktet "
    "och datum för prövningen.",
    "housing_first_rent_guarantee": "Kommunens hyresgaranti till hyresvärden i Bostad först.",
    "temporary_placement": "Placering i tillfälligt boende med periodens första och sista dag.",
    "temporary_renewal": "Beslut om förlängning av tillfälligt boende: den nya perioden, "
    "bedömningen och hur man överklagar.",
    "temporary_end": "Beslut om att placeringen i tillfälligt boende upphör, med socialjouren "
    "och hur man överklagar.",
    "startup_meeting": "Kallelse till uppstartsmöte: tid, plats och vad som ska tas upp.",
    "multiparty_meeting_tenant": "Kallelse till flerpartssamtal, till hyresgästen.",
    "multiparty_meeting_landlord": "Kallelse till flerpartssamtal, till hyresvärden. Säger "
    "något om hyresgästens situation bara om hyresgästen har samtyckt.",
    "tenure_waiver": "Avstående från besittningsskydd som egen handling, när hyresnämnden har "
    "godkänt det.",
    "decision_not_executed": "Besked till hushållet att beslutet om bostad inte har verkställts "
    "inom tre månader, och hur ärendet står.",
    "managed_funds_statement": "Månadens kontoutdrag för egna medel.",
    "managed_funds_budget": "Budgeten för egna medel.",
    "housing_plan": "Boplanen som egen handling, undertecknad för sig (aldrig i kontraktet).",
    "temporary_refusal": "Beslut om att inte förlänga tillfälligt boende, med skälen och hur "
    "man överklagar.",
    "takeover_decision": "Beslut efter övertagandeprövningen: tar över, prövotiden förlängs "
    "eller tar inte över, och hur man överklagar.",
    "takeover_24_months": "Beslut när två år har gått utan övertagande, och hur man överklagar.",
    "offer": "Erbjudande om en bostad: sista dag att svara och vad ett nej innebär.",
    "temporary_reminder": "Påminnelse före periodens slut i tillfälligt boende: samtalet om "
    "fortsatt boende och vad personen ska ta med.",
    "follow_up_meeting": "Inbjudan till uppföljningsmöte.",
    "sublet_notice": "Underrättelse till hyresvärden om att lägenheten är upplåten i andra hand "
    "(12 kap. 39 §), med mottagningsbevis.",
    "lease_termination": "Uppsägning av andrahandskontraktet med skäl och sista dag, med "
    "delgivningskvitto.",
    "rent_arrears_notice": "Uppsägning för obetald hyra med rätten att betala inom tre veckor "
    "(12 kap. 44 §), med delgivningskvitto.",
    "tenure_waiver_agreement": "Avtal om avstående från besittningsskydd att skriva under före "
    "hyresnämndens prövning, med ansökan.",
    "managed_funds_agreement": "Överenskommelse och fullmakt för egna medel, och hur den "
    "återkallas.",
    "managed_funds_payer": "Begäran till en utbetalare (t.ex. Försäkringskassan) att betala till "
    "kontot för egna medel.",
    "housing_first_welcome": "Välkomstbrev i Bostad först: vem man ringer, vad teamet gör och "
    "inte gör.",
}


# The renewals list shows at most this many rows at once and scrolls within itself beyond
# them: the rest of the letters are read as it is scrolled, never all to show a screenful.
RENEWAL_ROWS_SHOWN = 15
RENEWALS_PAGE = 200  # rows read at a time as the list is scrolled
LOADING_TEXT = "Läser listan …"
READ_FAILED_TEXT = "Listan gick inte att läsa. Tryck F5 för att försöka igen."
# Background reads still running, kept here until they finish: a QThread deleted while it runs
# (its page closed meanwhile) would take the program down with it.
_running: set[BackgroundTask] = set()


@dataclass(frozen=True)
class _DueRead:
    """What one background read found: the letters due and the first page of their rows."""

    generation: int
    days: int
    due: RenewalLetters
    first_rows: list[RenewalRow]
    page: int  # how many rows the first page asked for


class _ReadFailed(Exception):
    """A background read that failed, and which read it was (an overtaken one says nothing)."""

    def __init__(self, generation: int, error: Exception) -> None:
        super().__init__(generation, error)
        self.generation = generation
        self.error = error


def _letters(count: int) -> str:
    """As ui.letters.batch.count_text says it, without importing the batch (ReportLab)."""
    return "1 brev" if count == 1 else f"{count} brev"


def _renewal_name(row: RenewalRow) -> str:
    return f"{row.name} ({PROTECTED_NAME_NOTE})" if row.protected else row.name


RENEWAL_COLUMNS: list[Column[RenewalRow]] = [
    Column("Namn", _renewal_name),
    Column("Personnummer", lambda r: r.identity),
    Column(
        "Ny period t.o.m.", lambda r: format_date(last_day(r.period_end)) if r.period_end else ""
    ),
]


def _table(headers: tuple[str, ...], name: str, stretch: int) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    _style_table(table, name, stretch)
    return table


def _style_table(table: QTableView, name: str, stretch: int) -> None:
    table.setAccessibleName(name)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    # Measured over the first page of rows, not Qt's default thousand, at every relayout: the
    # renewals run to thousands at a large unit, and the rows further down are no wider.
    header.setResizeContentsPrecision(RENEWALS_PAGE)


def _set_rows(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            table.setItem(r, c, item)
    # Rows as tall as the person card's; a description that wraps gets the room it needs.
    table.resizeRowsToContents()
    least = table.fontMetrics().height() + 12
    for r in range(len(rows)):
        table.setRowHeight(r, max(least, table.rowHeight(r) + 8))
    height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
    table.setFixedHeight(height + sum(table.rowHeight(r) for r in range(len(rows))))


def _section(title: str) -> QLabel:
    label = QLabel(title)
    label.setObjectName("sectionTitle")
    label.setIndent(0)
    return label


def _muted(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("muted")
    label.setWordWrap(True)
    return label


class LettersPage(QWidget):
    def __init__(
        self, db: Database, parent: QWidget | None = None, *, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._today = today
        self.requests: list[LetterRequest] = []
        self.batch_dialog: BatchDialog | None = None
        self.setAccessibleName("Brev")

        title = QLabel("Brev")
        title.setObjectName("pageTitle")
        intro = QLabel(
            "Enstaka brev skriver du ut där de hör hemma: på personkortet med Skriv brev… "
            "(Ctrl+P), och med Skriv ut på sidorna för kontrakt, tillfälligt boende, "
            "uppföljning och egna medel. Här skriver du ut många brev på en gång. Varje brev "
            "som skrivs ut eller sparas hamnar i personens brevlogg."
        )
        intro.setWordWrap(True)
        intro.setMaximumWidth(900)

        self.days = QSpinBox()
        self.days.setRange(0, 90)
        self.days.setValue(DEFAULT_DAYS)
        self.days.setSuffix(" dagar")
        self.days.setAccessibleName("Förlängningar som börjar inom så många dagar")
        self.days.valueChanged.connect(self.refresh_renewals)
        self.renewals_label = QLabel()
        self.renewals_label.setWordWrap(True)
        self.print_renewals_button = QPushButton("Skriv ut förlängningsbreven…")
        self.print_renewals_button.setAccessibleName(
            "Skriv ut alla förlängningsbrev som ska skickas"
        )
        self.print_renewals_button.clicked.connect(self.print_renewals)
        self.renewals_model: TableModel[RenewalRow] = TableModel(
            RENEWAL_COLUMNS, page_size=RENEWALS_PAGE, parent=self
        )
        self.renewals_table = QTableView()
        self.renewals_table.setModel(self.renewals_model)
        _style_table(self.renewals_table, "Förlängningsbrev som ska skickas", 0)
        # Rows as tall as the person card's, like the other tables on the page.
        self.renewals_table.verticalHeader().setDefaultSectionSize(
            self.renewals_table.fontMetrics().height() + 14
        )

        self.kinds_table = _table(("Brev", "Till", "Vad brevet är", "Mall"), "Brevtyper", 2)
        self.kinds_table.setWordWrap(True)
        self.template_label = QLabel()
        self.template_label.setWordWrap(True)
        self.template_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.check_button = QPushButton("Kontrollera mallarna")
        self.check_button.setAccessibleName("Kontrollera att alla brevmallar går att använda")
        self.check_button.clicked.connect(self.check_templates)

        within = QHBoxLayout()
        within.addWidget(QLabel("Förlängningar som börjar inom"))
        within.addWidget(self.days)
        within.addSpacing(16)
        within.addWidget(self.print_renewals_button)
        within.addStretch(1)
        templates = QHBoxLayout()
        templates.addWidget(self.template_label, 1)
        templates.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignTop)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(_section("Förlängningsbrev som ska skickas"))
        layout.addLayout(within)
        layout.addWidget(self.renewals_label)
        layout.addWidget(self.renewals_table)
        layout.addWidget(_section("Brevmallar"))
        layout.addLayout(templates)
        layout.addWidget(_section("Brevtyper"))
        layout.addWidget(self.kinds_table)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        # Nothing is read until the page is first shown; the letters due are then read in the
        # background (`loading` meanwhile) and a read overtaken by a newer one is not shown.
        self.loading = False
        self._generation = 0
        self.changes = ChangeListener(self, self.concerns, self.refresh)
        self.changes.stale = True

    # --- reading ---------------------------------------------------------------------------

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    @staticmethod
    def concerns(changes: ChangeSet) -> bool:
        # Renewals recorded, persons renamed, letters sent elsewhere.
        return changes.touches(ChangeKind.PLACEMENT, ChangeKind.PERSONS, ChangeKind.LETTERS)

    def refresh(self) -> None:
        """F5: the renewals due, the kinds and the templates, read again."""
        self.changes.stale = False
        self.refresh_renewals()
        self.refresh_templates()

    def refresh_renewals(self) -> None:
        """Read the letters due in a worker thread (a few hundred ms at 100 000 households):
        the page says it is reading meanwhile, and the print button waits for the list."""
        self._generation += 1
        generation, db, today, days = self._generation, self._db, self.today(), self.days.value()
        page = RENEWALS_PAGE

        def work(_progress: object) -> _DueRead:
            try:
                # Logged a page at a time as shown (renewal_rows), not all due at once.
                due = renewal_letters_due(db, on=today, within_days=days, record_shown=False)
                ids = [r.subject_id for r in due.requests if r.subject_id is not None]
                return _DueRead(generation, days, due, renewal_rows(db, ids[:page]), page)
            except Exception as error:
                raise _ReadFailed(generation, error) from error

        task = BackgroundTask(work, announce=False)
        task.succeeded.connect(self._read_in_background)
        task.failed.connect(self._failed_in_background)
        task.finished.connect(lambda: _running.discard(task))
        _running.add(task)
        # The rows already listed stay until the new ones arrive; until then nothing prints.
        self.loading = True
        self.renewals_label.setText(LOADING_TEXT)
        self.print_renewals_button.setEnabled(False)
        task.start()

    @Slot(object)
    def _read_in_background(self, result: object) -> None:
        assert isinstance(result, _DueRead)
        if result.generation != self._generation:
            return  # read again since: that read is shown instead
        self.loading = False
        self.requests = result.due.requests
        when = "i dag" if result.days == 0 else f"inom {result.days} dagar"
        if self.requests:
            text = (
                f"{_letters(len(self.requests))} om förlängning ska skickas för perioder "
                f"som börjar {when}."
            )
        else:
            text = f"Inga förlängningsbrev att skicka för perioder som börjar {when}."
        if result.due.skipped:
            text = f"{text} {result.due.skipped_text}"
        self.renewals_label.setText(text)
        self._show_renewals(result.first_rows, result.page)

    @Slot(object)
    def _failed_in_background(self, error: object) -> None:
        assert isinstance(error, _ReadFailed)
        if error.generation != self._generation:
            return  # read again since: an overtaken read's failure says nothing
        self.loading = False
        error = error.error
        self.requests = []
        if isinstance(error, DomainError):
            self.renewals_label.setText(str(error))
        else:
            log.error("the renewal letters due could not be read: %r", error)
            self.renewals_label.setText(READ_FAILED_TEXT)
        self._show_renewals([], RENEWALS_PAGE)

    def _show_renewals(self, first_rows: list[RenewalRow], page: int) -> None:
        """The first page as read in the background; the rest a page at a time, as the list
        is scrolled."""
        contract_ids = [r.subject_id for r in self.requests if r.subject_id is not None]
        db = self._db

        def load_page(offset: int, limit: int) -> list[RenewalRow]:
            if offset == 0 and limit == page:
                return first_rows
            return renewal_rows(db, contract_ids[offset : offset + limit], offset)

        self.renewals_model.reload(load_page, len(contract_ids))
        self._fit_renewals_table(len(contract_ids))
        self.renewals_table.setVisible(bool(contract_ids))
        self.print_renewals_button.setEnabled(bool(self.requests) and not self.batch_running)

    def _fit_renewals_table(self, total: int) -> None:
        """As tall as its rows, up to RENEWAL_ROWS_SHOWN; beyond that it scrolls within."""
        table = self.renewals_table
        shown = min(total, RENEWAL_ROWS_SHOWN)
        table.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded
            if total > shown
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
        table.setFixedHeight(height + shown * table.verticalHeader().defaultSectionSize())

    def refresh_templates(self) -> None:
        problem = ""
        try:
            settings = effective_settings(self._db)
        except DomainError as error:
            problem, settings = str(error), Settings()
        rows = []
        for kind in KINDS.values():
            unit_text = settings.template_overrides.get(kind.id)
            origin = "standard" if unit_text is None else f"enhetens v{unit_text.version}"
            to = RECIPIENT_NAMES[kind.recipient]
            rows.append([kind.name, to, DESCRIPTIONS.get(kind.id, ""), origin])
        _set_rows(self.kinds_table, rows)
        self.template_label.setObjectName("formError" if problem else "")
        self.template_label.setText(problem or self._template_text())
        self.template_label.style().polish(self.template_label)

    @staticmethod
    def _template_text() -> str:
        return (
            f"Standardmallarna används ({default_template_folder()}) där enheten inte har en "
            "egen mall. En administratör ändrar breven under Administration → Brevmallar; "
            "kolumnen Mall visar vilken som används."
        )

    # --- actions ---------------------------------------------------------------------------

    @property
    def batch_running(self) -> bool:
        return self.batch_dialog is not None and self.batch_dialog.outcome == ""

    def print_renewals(self) -> None:
        """Render every renewal letter due into one PDF, in the background, then preview it."""
        if not self.requests or self.loading or self.batch_running:
            return
        try:
            settings = effective_settings(self._db)
        except DomainError as error:
            show_error(self, error)
            return
        self.print_renewals_button.setEnabled(False)
        from ..letters.batch import start_batch

        dialog = start_batch(
            self, self._db, settings, self.requests, title="Förlängningsbrev", today=self._today
        )
        dialog.finished.connect(lambda _result: self._batch_finished())
        self.batch_dialog = dialog

    def _batch_finished(self) -> None:
        self.batch_dialog = None
        self.refresh_renewals()

    def print_current(self) -> None:
        """Ctrl+P on this page: the renewal letters due."""
        self.print_renewals()

    def check_templates(self) -> None:
        try:
            load_templates(KINDS, effective_settings(self._db))
        except DomainError as error:
            show_error(self, error)
            return
        box = message_box(
            self,
            QMessageBox.Icon.Information,
            f"Alla {len(KINDS)} brevmallar går att använda.",
        )
        box.exec()
        self.refresh_templates()
