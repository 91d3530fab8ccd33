"""What leaves the program: an account's entries to a spreadsheet, the month's statement."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QLabel, QRadioButton, QVBoxLayout, QWidget

from bobudget.db.engine import Database
from bobudget.funds.export import export_entries
from bobudget.funds.queries import AccountCard
from bobudget.funds.rules import default_statement_month
from bobudget.kernel.errors import ValidationError
from bobudget.kernel.months import first_of_month, last_of_month

from .dialog import FundsDialog
from .fields import DateField

log = logging.getLogger(__name__)


# Kept under its old name for callers; the rule lives in rules.funds.
previous_month = default_statement_month


def safe_file_stem(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in text).strip("_")


class ExportDialog(FundsDialog):
    """A period and a format; the file is chosen, written whole, and the count shown."""

    def __init__(
        self,
        db: Database,
        account: AccountCard,
        *,
        today: dt.date,
        folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Exportera transaktioner", "Välj fil och exportera…", parent)
        self._db = db
        self._account = account
        self._folder = folder or Path.home()
        self.path: Path | None = None
        self.count = 0
        month = previous_month(today)
        self.first = DateField("Från och med", month)
        self.last = DateField("Till och med", last_of_month(month))
        self.xlsx = QRadioButton("Excel (.xlsx)")
        self.xlsx.setAccessibleName("Excel")
        self.csv = QRadioButton("CSV, semikolonavgränsad (.csv)")
        self.csv.setAccessibleName("CSV")
        self.xlsx.setChecked(True)
        formats = QWidget()
        column = QVBoxLayout(formats)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.xlsx)
        column.addWidget(self.csv)
        self.form.addRow("Konto:", QLabel(f"{account.name}, {account.identity}"))
        self.form.addRow("&Från och med:", self.first)
        self.form.addRow("&Till och med:", self.last)
        self.form.addRow("Format:", formats)
        self.finish_layout()

    def suffix(self) -> str:
        return ".xlsx" if self.xlsx.isChecked() else ".csv"

    def commit(self) -> None:
        first, last = self.first.required_value(), self.last.required_value()
        if last < first:
            raise ValidationError("Perioden slutar före den börjar. Rätta datumen.")
        name = safe_file_stem(f"egna_medel_{self._account.name}_{first}_{last}") + self.suffix()
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            "Spara exporten",
            str(self._folder / name),
            "Excel (*.xlsx)" if self.suffix() == ".xlsx" else "CSV (*.csv)",
        )
        if not chosen:
            raise ValidationError("Ingen fil valdes: ingenting exporterades.")
        path = Path(chosen)
        if path.suffix.lower() != self.suffix():
            path = path.with_name(path.name + self.suffix())
        self.count = export_entries(self._db, self._account.id, first, last, path)
        self.path = path
        log.info("funds account %d exported: %d entries", self._account.id, self.count)


class StatementDialog(FundsDialog):
    """Which month's statement to print; by default the month that just ended."""

    def __init__(self, *, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__("Skriv ut kontoutdrag", "Fortsätt…", parent)
        self.month = DateField("Månad", previous_month(today), month_only=True)
        self.form.addRow("&Månad:", self.month)
        hint = QLabel(
            "Kontoutdraget visar ingående saldo, varje transaktion i månaden, utgående saldo "
            "och vad som planeras nästa månad."
        )
        hint.setWordWrap(True)
        hint.setObjectName("muted")
        self.form.addRow(hint)
        self.finish_layout()

    def chosen_month(self) -> dt.date:
        return first_of_month(self.month.required_value())

    def commit(self) -> None:
        """Nothing to save here: the page prints the month chosen."""
