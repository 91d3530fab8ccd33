"""What the statistics count but the program cannot know by itself, entered by hand on the
Statistik page: the survey's persons from other units (situations 2 and 4, usually) and the
municipal housing company's yearly lettings. The same services as `bobudget survey` and
`bobudget lettings`."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bobudget.db.engine import Database
from bobudget.db.uow import current_username
from bobudget.kernel.errors import DomainError
from bobudget.statistics.inputs import (
    SITUATIONS,
    SurveyEntryRow,
    add_survey_entry,
    lettings_of,
    list_survey_entries,
    remove_survey_entry,
    set_lettings,
)

from ..changes import run_change
from ..errors import message_box, show_domain_error
from ..kit import Dialog
from ..kit.table_model import Column, TableModel

# The most lettings a housing company reports in a year: a higher figure is a typing slip.
MAX_LETTINGS = 1_000_000


def _entry_columns() -> list[Column[SurveyEntryRow]]:
    return [
        Column[SurveyEntryRow]("Personnummer", lambda e: e.identity),
        Column[SurveyEntryRow]("Situation", lambda e: f"{e.situation}. {SITUATIONS[e.situation]}"),
        Column[SurveyEntryRow]("Barn under 18", lambda e: "ja" if e.with_children else "nej"),
        Column[SurveyEntryRow]("Källa", lambda e: e.source),
        Column[SurveyEntryRow]("Anteckning", lambda e: e.note),
    ]


class AddSurveyEntryDialog(Dialog):
    """One person counted by hand in the survey's week."""

    def __init__(
        self, db: Database, week_start: dt.date, today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__("Lägg till person i kartläggningen", parent, "Lägg till")
        self._db, self._week, self._today = db, week_start, today
        self.identity = QLineEdit()
        self.identity.setAccessibleName("Personnummer")
        self.identity.setPlaceholderText("ÅÅÅÅMMDD-NNNN eller samordningsnummer")
        self.situation = QComboBox()
        self.situation.setAccessibleName("Situation")
        for number, label in SITUATIONS.items():
            self.situation.addItem(f"{number}. {label}", number)
        self.situation.setCurrentIndex(1)  # situation 2 is what other units report most
        self.with_children = QCheckBox("Har barn under 18 år i hushållet")
        self.with_children.setAccessibleName("Har barn under 18 år i hushållet")
        self.source = QLineEdit()
        self.source.setAccessibleName("Källa")
        self.source.setPlaceholderText("t.ex. Beroendeenheten")
        self.note = QLineEdit()
        self.note.setAccessibleName("Anteckning")
        self.add_row("Personnummer:", self.identity)
        self.add_row("Situation:", self.situation)
        self.add_row("", self.with_children)
        self.add_row("Källa:", self.source)
        self.add_row("Anteckning:", self.note)

    def perform(self) -> None:
        add_survey_entry(
            self._db,
            self._week,
            self.identity.text().strip(),
            int(self.situation.currentData()),
            with_children=self.with_children.isChecked(),
            source=self.source.text(),
            note=self.note.text(),
            today=self._today,
            user=current_username(self._db),
        )


class SurveyEntriesDialog(QDialog):
    """The persons counted by hand in one measurement week: add, remove, see."""

    def __init__(
        self,
        db: Database,
        week_start: dt.date,
        week_label: str,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db, self._week, self._today = db, week_start, today
        title = f"Personer som räknas för hand – vecka {week_label}"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        intro = QLabel(
            "Personer som andra enheter rapporterar (oftast situation 2 och 4). Varje person "
            "räknas en gång efter personnummer, i den mest akuta situationen."
        )
        intro.setWordWrap(True)
        self.model = TableModel[SurveyEntryRow](_entry_columns(), parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Personer som räknas för hand")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton("&Lägg till…")
        self.add_button.setAccessibleName("Lägg till person")
        self.add_button.clicked.connect(self.add_entry)
        self.remove_button = QPushButton("&Ta bort")
        self.remove_button.setAccessibleName("Ta bort vald person")
        self.remove_button.clicked.connect(self.remove_entry)
        close = QPushButton("Stäng")
        close.setAccessibleName("Stäng")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(760, 420)
        self.reload()
        self.add_button.setFocus()

    def reload(self) -> None:
        self.model.set_rows(list_survey_entries(self._db, self._week))
        self.remove_button.setEnabled(self.model.rowCount() > 0)
        if self.model.rowCount():
            self.table.selectRow(0)

    def add_entry(self) -> None:
        dialog = AddSurveyEntryDialog(self._db, self._week, self._today, self)
        if dialog.exec() and dialog.saved:
            self.reload()

    def remove_entry(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        entry = self.model.row_at(rows[0].row())
        box = message_box(
            self,
            QMessageBox.Icon.Question,
            f"Ta bort {entry.identity} ur veckans kartläggning?",
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        yes = box.button(QMessageBox.StandardButton.Yes)
        yes.setText("Ta bort")
        box.button(QMessageBox.StandardButton.No).setText("Avbryt")
        box.setEscapeButton(QMessageBox.StandardButton.No)
        box.exec()
        if box.clickedButton() is not yes:
            return
        try:
            run_change(remove_survey_entry, self._db, entry.id, current_username(self._db))
        except DomainError as error:
            show_domain_error(self, error)
        self.reload()


class LettingsDialog(Dialog):
    """The housing company's total lettings in a year, as the company reported it."""

    def __init__(self, db: Database, year: int, parent: QWidget | None = None) -> None:
        super().__init__("Bostadsbolagets uthyrningar", parent)
        self._db = db
        self._known = lettings_of(db)
        self.intro.setText(
            "Bostadsbolagets totala antal uthyrda lägenheter under året, som bolaget uppger "
            "det. Statistiken visar hur stor andel som gick till sociala behov."
        )
        self.intro.show()
        self.year = QSpinBox()
        self.year.setAccessibleName("År")
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.total = QSpinBox()
        self.total.setAccessibleName("Uthyrningar under året")
        self.total.setRange(0, MAX_LETTINGS)
        self.total.setGroupSeparatorShown(True)
        self.add_row("År:", self.year)
        self.add_row("Uthyrningar under året:", self.total)
        self.year.valueChanged.connect(self._show_known)
        self._show_known()

    def _show_known(self) -> None:
        self.total.setValue(self._known.get(self.year.value(), 0))

    def perform(self) -> None:
        set_lettings(self._db, self.year.value(), self.total.value(), current_username(self._db))
