"""Administration → Gallring: who the law says to purge on a day, and the purge itself.

The list comes from the core (bobudget/retention): persons grouped as the rules judge them,
with the reason and the last entry. Gallra… names the count in its question; the purge runs off
the GUI thread and refuses (nothing deleted) if the list changed since it was shown.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from bobudget.db.engine import Database
from bobudget.kernel.errors import DomainError
from bobudget.kernel.formatting import format_date
from bobudget.retention.purge import Candidate, Preview, PurgeResult, preview, purge

from ..changes import run_change
from ..errors import message_box, show_domain_error
from ..follow_up.widgets import Column, RowsModel, make_table
from ..kit import DateField
from ..workers import Progress, run_with_progress

log = logging.getLogger(__name__)


class RetentionEditor(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.found: Preview | None = None
        title = QLabel("Gallring")
        title.setObjectName("sectionTitle")
        help_text = QLabel(
            "En akt gallras fem år efter senaste anteckningen och senast vid utgången av året "
            "efter. Personer födda den 5:e, 15:e eller 25:e sparas för forskning, och egna "
            "medel-bokföring sparas i sju år efter bokföringsåret. Personer som delar hushåll "
            "eller uppgifter gallras tillsammans. Gallringen går inte att ångra: ta en "
            "säkerhetskopia först."
        )
        help_text.setWordWrap(True)
        self.as_of = DateField("Gallra per dag", dt.date.today())
        self.show_button = QPushButton("Ta &fram listan")
        self.show_button.clicked.connect(self.reload)
        self.purge_button = QPushButton("Gall&ra…")
        self.purge_button.clicked.connect(self.purge)
        self.model: RowsModel[Candidate] = RowsModel(
            [
                Column("Personer", lambda c: ", ".join(c.names)),
                Column("Id", lambda c: ", ".join(map(str, c.person_ids))),
                Column("Senaste anteckning", lambda c: format_date(c.last_entry)),
                Column("Gallras senast", lambda c: format_date(c.verdict.deadline)),
                Column("Rader", lambda c: str(c.rows)),
                Column("Skäl", lambda c: c.verdict.reason),
            ]
        )
        self.table = make_table(self.model, "Personer som ska gallras", stretch=5, fit=(1, 2, 3, 4))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Sammanfattning av gallringen")
        day_label = QLabel("Gallra per &dag:")
        day_label.setBuddy(self.as_of)
        controls = QHBoxLayout()
        controls.addWidget(day_label)
        controls.addWidget(self.as_of)
        controls.addWidget(self.show_button)
        controls.addStretch(1)
        controls.addWidget(self.purge_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(help_text)
        layout.addLayout(controls)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        self._show(None)

    def _day(self) -> dt.date | None:
        try:
            return self.as_of.required_value()
        except DomainError as error:
            show_domain_error(self, error)
            return None

    def reload(self) -> None:
        day = self._day()
        if day is None:
            return

        def work(progress: Progress) -> Preview:
            return preview(self._db, day, with_names=True, progress=progress)

        try:
            found: Preview = run_with_progress(self, "Gallringslistan tas fram…", work)
        except DomainError as error:
            show_domain_error(self, error)
            return
        self._show(found)

    def _show(self, found: Preview | None) -> None:
        self.found = found
        self.model.set_rows(found.due if found else [])
        self.purge_button.setEnabled(bool(found and found.due))
        if found is None:
            self.summary.setText("Välj dag och tryck Ta fram listan.")
            return
        kept = "; ".join(f"{ground}: {n}" for ground, n in sorted(found.kept.items()))
        self.summary.setText(
            f"{len(found.person_ids)} personer ska gallras per {format_date(found.as_of)}. "
            f"Sparas (grupper): {kept or 'inga'}."
        )

    def purge(self) -> None:
        found = self.found
        if found is None or not found.due:
            return
        count = len(found.person_ids)
        box = message_box(
            self,
            QMessageBox.Icon.Warning,
            f"Gallra {count} personer och alla deras uppgifter?",
            informative="Akterna, kontrakten, breven och allt annat som hör till dem raderas "
            "för gott. Det går inte att ångra.",
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        yes = box.button(QMessageBox.StandardButton.Yes)
        yes.setText(f"Gallra {count} personer")
        box.button(QMessageBox.StandardButton.No).setText("Avbryt")
        box.setEscapeButton(QMessageBox.StandardButton.No)
        box.exec()
        if box.clickedButton() is not yes:
            return

        def work(progress: Progress) -> PurgeResult:
            return purge(self._db, found.as_of, expected_person_ids=found.person_ids)

        try:
            result: PurgeResult = run_change(
                run_with_progress, self, f"{count} personer gallras…", work
            )
        except DomainError as error:
            show_domain_error(self, error)
            self.reload()
            return
        log.info("purge done from the window: %d persons", result.persons)
        done = message_box(
            self,
            QMessageBox.Icon.Information,
            f"Gallrade {result.persons} personer ({result.rows} rader).",
        )
        done.exec()
        self.reload()
