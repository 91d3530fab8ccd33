"""Administration → Säkerhetskopia: take a backup, restore one, and the restore drill.

All three run off the GUI thread behind a progress dialog (bobudget/backup does the work). A
restore replaces everything in the database the window works in: the question names the file
and asks for the word ÅTERSTÄLL typed, and every page reads again afterwards.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bobudget.backup.copies import backup, restore
from bobudget.backup.drill import DrillLine, DrillResult, drill
from bobudget.db import migrate
from bobudget.db.changes import ChangeSet, publish
from bobudget.db.engine import Database
from bobudget.kernel.errors import DomainError
from bobudget.model import Base

from ..changes import run_change
from ..errors import message_box, show_domain_error
from ..follow_up.widgets import Column, RowsModel, make_table
from ..workers import Progress, run_with_progress

log = logging.getLogger(__name__)

CONFIRM_WORD = "ÅTERSTÄLL"


class BackupEditor(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        title = QLabel("Säkerhetskopia")
        title.setObjectName("sectionTitle")
        how = (
            "SQLite-filen kopieras medan andra arbetar i den."
            if db.is_sqlite
            else "Databasen kopieras med pg_dump (PostgreSQL-klienten måste finnas på datorn). "
            "IT tar normalt serverns egna säkerhetskopior; se handboken."
        )
        help_text = QLabel(
            f"{how} Provåterställningen läser tillbaka kopian i en tom, tillfällig databas och "
            "jämför antalet rader i varje tabell, saldot i varje egna medel-konto och "
            "hashkedjan. Gör det regelbundet: en kopia som inte går att läsa tillbaka är ingen "
            "kopia."
        )
        help_text.setWordWrap(True)
        self.backup_button = QPushButton("Säkerhets&kopiera…")
        self.backup_button.clicked.connect(self.take_backup)
        self.drill_button = QPushButton("Provåterställ&ning…")
        self.drill_button.clicked.connect(self.run_drill)
        self.restore_button = QPushButton("Åter&ställ…")
        self.restore_button.clicked.connect(self.restore)
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.drill_button, self.restore_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.model: RowsModel[DrillLine] = RowsModel(
            [
                Column("Jämförelse", lambda line: line.what),
                Column("Databasen", lambda line: line.original),
                Column("Återställd kopia", lambda line: line.restored),
                Column("", lambda line: "lika" if line.same else "OLIKA"),
            ]
        )
        self.table = make_table(self.model, "Provåterställningens jämförelse", 0, fit=(1, 2, 3))
        self.status = QLabel("Ingen provåterställning gjord i den här sessionen.")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Säkerhetskopians status")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(help_text)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

    def _suggested(self) -> str:
        ending = "db" if self._db.is_sqlite else "dump"
        return str(Path.home() / f"bobudget-{dt.date.today().isoformat()}.{ending}")

    def _save_name(self, caption: str) -> Path | None:
        chosen, _filter = QFileDialog.getSaveFileName(self, caption, self._suggested())
        return Path(chosen) if chosen else None

    def take_backup(self) -> None:
        target = self._save_name("Spara säkerhetskopian")
        if target is None:
            return

        def work(progress: Progress) -> None:
            backup(self._db, target, progress)

        try:
            run_with_progress(self, "Säkerhetskopian skrivs…", work)
        except DomainError as error:
            show_domain_error(self, error)
            return
        self.status.setText(f"Säkerhetskopian skrevs till {target}.")

    def run_drill(self) -> None:
        target = self._save_name("Spara säkerhetskopian som provåterställs")
        if target is None:
            return

        def work(progress: Progress) -> DrillResult:
            return drill(self._db, target, take_backup=True, progress=progress)

        try:
            result: DrillResult = run_with_progress(self, "Provåterställning pågår…", work)
        except DomainError as error:
            show_domain_error(self, error)
            return
        self.show_drill(result, target)

    def show_drill(self, result: DrillResult, file: Path) -> None:
        self.model.set_rows(result.lines)
        if result.ok:
            self.status.setText(f"Provåterställningen av {file} gick bra: allt stämmer.")
        else:
            self.status.setText(
                f"Provåterställningen av {file} misslyckades: {result.differences} skillnader "
                "(OLIKA i listan). Ta en ny säkerhetskopia och prova igen."
            )

    def restore(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(self, "Välj säkerhetskopian", "")
        if not chosen:
            return
        source = Path(chosen)
        word, ok = QInputDialog.getText(
            self,
            "Återställ databasen",
            f"Allt som finns i databasen nu ersätts med innehållet i {source.name}. Det som "
            "skrivits efter att kopian togs försvinner. Ta först en säkerhetskopia av det som "
            f"finns nu.\n\nSkriv {CONFIRM_WORD} för att återställa:",
        )
        if not ok:
            return
        if word.strip().upper() != CONFIRM_WORD:
            message_box(
                self,
                QMessageBox.Icon.Information,
                f"Ingenting återställdes: du skrev inte {CONFIRM_WORD}.",
            ).exec()
            return

        def work(progress: Progress) -> None:
            restore(self._db, source, replace=True, progress=progress)
            # An older backup is brought up to this version's schema at once: the window
            # goes on working in the database.
            migrate.upgrade(self._db)
            # Everything changed: every page reads again.
            publish(ChangeSet(frozenset(Base.metadata.tables)))

        try:
            run_change(run_with_progress, self, "Databasen återställs…", work)
        except DomainError as error:
            show_domain_error(self, error)
            return
        log.info("database restored from a backup in the window")
        self.status.setText(f"Databasen återställdes från {source}.")
