"""Administration → Loggranskning: the unit manager's follow-up of the access log.

Filter by user, person and period; only protected persons; a random sample to review; the
view exported as a report (itself logged). Only the unit manager and administrators may open
it (bobudget.app.audit_log.may_review); anyone else reads why, in Swedish.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bobudget.app.audit_log import (
    REFUSED,
    AccessFilter,
    AccessLine,
    access_entries,
    access_sample,
    count_accesses,
    export_accesses,
    may_review,
)
from bobudget.db.engine import Database
from bobudget.kernel.errors import DomainError
from bobudget.kernel.formatting import format_timestamp

from ..kit.date_field import DateField
from ..kit.table_model import Column, TableModel

COLUMNS: list[Column[AccessLine]] = [
    Column("När", lambda line: format_timestamp(line.at), sort_key=lambda line: line.at),
    Column("Vem", lambda line: line.full_name, tooltip=lambda line: line.username),
    Column("Person", lambda line: f"BU-{line.person_id}" if line.person_id else ""),
    Column("Skyddad", lambda line: "Skyddad" if line.protected else ""),
    Column("Vad", lambda line: line.what.label),
    Column("Detalj", lambda line: line.detail),
]


class LogReview(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.refused = QLabel(REFUSED)
        self.refused.setWordWrap(True)
        self.refused.setAccessibleName("Loggranskning: ingen behörighet")
        self.content = QWidget()
        self.user_field = QLineEdit()
        self.user_field.setAccessibleName("Användarnamn att granska")
        self.user_field.setPlaceholderText("alla användare")
        self.person_field = QLineEdit()
        self.person_field.setAccessibleName("Personens id (BU-nummer)")
        self.person_field.setPlaceholderText("alla personer")
        self.first_field = DateField("Från och med", required=False)
        self.last_field = DateField("Till och med", required=False)
        self.protected_box = QCheckBox("Bara &skyddade personer")
        self.protected_box.setAccessibleName("Bara åtkomster till skyddade personer")
        self.show_button = QPushButton("Visa åt&komster")
        self.show_button.setAccessibleName("Visa åtkomsterna som filtret håller")
        self.show_button.clicked.connect(self.show_filtered)
        self.sample_size = QSpinBox()
        self.sample_size.setRange(1, 1000)
        self.sample_size.setValue(20)
        self.sample_size.setAccessibleName("Antal åtkomster i urvalet")
        self.sample_button = QPushButton("Slumpvis &urval")
        self.sample_button.setAccessibleName("Visa ett slumpvis urval av åtkomster att granska")
        self.sample_button.clicked.connect(self.show_sample)
        self.export_button = QPushButton("&Exportera…")
        self.export_button.setAccessibleName("Exportera det som visas som rapport")
        self.export_button.clicked.connect(self.choose_and_export)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Loggranskningens status")
        self.model: TableModel[AccessLine] = TableModel(COLUMNS, parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Åtkomstloggen")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        for field in (self.user_field, self.person_field, self.first_field, self.last_field):
            field.returnPressed.connect(self.show_filtered)
        self._build()
        self.reload()

    def _build(self) -> None:
        form = QFormLayout()
        form.addRow("A&nvändare:", self.user_field)
        form.addRow("&Person (id):", self.person_field)
        period = QHBoxLayout()
        period.addWidget(self.first_field)
        period.addWidget(QLabel("–"))
        period.addWidget(self.last_field)
        period.addStretch(1)
        period_label = QLabel("Perio&d:")
        period_label.setBuddy(self.first_field)
        form.addRow(period_label, period)
        form.addRow("", self.protected_box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_button)
        buttons.addSpacing(16)
        buttons.addWidget(self.sample_size)
        buttons.addWidget(self.sample_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.refused)
        outer.addWidget(self.content, 1)

    def reload(self) -> None:
        """Shown only to those who may read the log; the list itself waits for "Visa"."""
        allowed = may_review(self._db)
        self.refused.setVisible(not allowed)
        self.content.setVisible(allowed)

    def _filter(self) -> AccessFilter | None:
        person_text = self.person_field.text().strip().upper().removeprefix("BU-")
        person_id: int | None = None
        if person_text:
            if not person_text.isdigit():
                self.message.setText(
                    "Personens id är ett tal (t.ex. 123 eller BU-123). Rätta fältet."
                )
                return None
            person_id = int(person_text)
        for field in (self.first_field, self.last_field):
            problem = field.problem()
            if problem:
                self.message.setText(problem)
                return None
        return AccessFilter(
            user=self.user_field.text().strip() or None,
            person_id=person_id,
            first=self.first_field.value(),
            last=self.last_field.value(),
            protected_only=self.protected_box.isChecked(),
        )

    def show_filtered(self) -> None:
        f = self._filter()
        if f is None:
            return
        try:
            total = count_accesses(self._db, f)
            self.model.reload(
                lambda offset, limit: access_entries(self._db, f, limit=limit, offset=offset),
                total,
            )
        except DomainError as error:
            self.message.setText(str(error))
            return
        self.message.setText("1 åtkomst" if total == 1 else f"{total} åtkomster")
        self.table.resizeColumnsToContents()

    def show_sample(self) -> None:
        f = self._filter()
        if f is None:
            return
        try:
            lines = access_sample(self._db, f, self.sample_size.value())
        except DomainError as error:
            self.message.setText(str(error))
            return
        self.model.set_rows(lines)
        self.message.setText(f"Slumpvis urval: {len(lines)} åtkomster att granska")
        self.table.resizeColumnsToContents()

    def choose_and_export(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            "Exportera loggranskningen",
            f"loggranskning-{dt.date.today().isoformat()}.xlsx",
            "Excel (*.xlsx);;CSV (*.csv)",
        )
        if chosen:
            self.export(Path(chosen))

    def export(self, path: Path) -> None:
        """What is shown (every page of it) written to `path`; the export is logged."""
        self.model.fetch_all()
        try:
            count = export_accesses(self._db, self.model.rows(), path)
        except DomainError as error:
            self.message.setText(str(error))
            return
        self.message.setText(f"Sparade {count} åtkomster i {path.name}.")
