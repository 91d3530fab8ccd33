"""The Platser and Kostnader tabs: the places for temporary housing with their price, and what
temporary housing costs per month in total (what the committee asks).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bobudget.db.engine import Database
from bobudget.kernel.errors import DomainError
from bobudget.kernel.formatting import SWEDISH_MONTHS
from bobudget.kernel.money import format_amount
from bobudget.kernel.urgency import Urgency
from bobudget.placement.temporary_costs import MonthCost, monthly_costs
from bobudget.placement.temporary_places import PlaceRow, count_places, places_page

from ..errors import show_domain_error
from ..kit.table_model import Column
from ..workers import run_with_progress
from .panel_base import ListPanel
from .panels import ActionBar, FactsView
from .stock_dialogs import TemporaryPlaceDialog

PLACE_COLUMNS: list[Column[PlaceRow]] = [
    Column("Namn", lambda r: r.data.name),
    Column("Slag", lambda r: r.kind_label),
    Column("Ort", lambda r: r.data.city),
    Column("Kostnad", lambda r: r.cost_label, right=True),
    Column("Används", lambda r: "Ja" if r.data.active else "Nej", coloured=True),
]


class PlacesPanel(ListPanel[PlaceRow]):
    STATE_KEY = "places"

    def __init__(
        self, db: Database, today: Callable[[], dt.date], parent: QWidget | None = None
    ) -> None:
        super().__init__(
            "Platser", PLACE_COLUMNS, lambda r: None if r.data.active else Urgency.DONE,
            today, parent,
        )  # fmt: skip
        self._db = db
        self.filter_field.setPlaceholderText("Filtrera på namn eller ort")
        self.title = self.card_title("")
        self.facts = FactsView("Platsen")
        self.action_bar = ActionBar(2)
        self.action_bar.add("new", "Ny plats…", self.new_place, shortcut="Ctrl+N")
        self.action_bar.add("edit", "Ändra plats…", self.edit_place, shortcut="Ctrl+E")
        for widget in (self.title, self.action_bar, self.facts):
            self.card_layout.addWidget(widget)
        self.card_layout.addStretch(1)
        self.restore_state()
        self.clear_card()

    def fetch(self, offset: int, limit: int) -> Sequence[PlaceRow]:
        # A page at a time, and counted apart: not every place read twice to show 30.
        return places_page(self._db, text=self.filter_field.text(), offset=offset, limit=limit)

    def count(self) -> int:
        return count_places(self._db, text=self.filter_field.text())

    def count_text(self, total: int) -> str:
        return f"{total} platser"

    def key(self, row: PlaceRow) -> int:
        return row.id

    def clear_card(self) -> None:
        self.title.hide()
        self.facts.hide()
        self.action_bar.enable(new=True, edit=False)

    def show_row(self, row: PlaceRow) -> None:
        self.title.show()
        self.facts.show()
        d = row.data
        self.title.setText(d.name)
        where = ", ".join(x for x in (d.address, f"{d.postal_code} {d.city}".strip()) if x)
        self.facts.set_facts(
            [
                ("Slag", row.kind_label),
                ("Adress", where),
                ("Kostnad", row.cost_label),
                ("Regler", d.rules),
                ("Används för nya placeringar", "Ja" if d.active else "Nej"),
            ]
        )  # fmt: skip
        self.action_bar.enable(new=True, edit=True)

    def new_place(self) -> None:
        dialog = TemporaryPlaceDialog(self._db, None, self)
        dialog.exec()

    def edit_place(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = TemporaryPlaceDialog(self._db, row, self)
        dialog.exec()
        # A save is read again through the change signal; a conflict saved nothing.
        if dialog.reload_requested:
            self.reload()


def _count(number: int) -> str:
    """12 345: thousands grouped with a space, as Swedish writes them."""
    return f"{number:,}".replace(",", "\u00a0")


class CostsView(QWidget):
    """Per month of a year: placements, nights and cost, and the year's total."""

    HEADERS = ("Månad", "Placeringar", "Nätter", "Kostnad", "Utan pris")

    def __init__(
        self, db: Database, today: Callable[[], dt.date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self.setAccessibleName("Kostnader för tillfälligt boende")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today().year)
        self.year.setAccessibleName("År")
        self.show_button = QPushButton("Visa")
        self.show_button.setAccessibleName("Visa kostnaderna för året")
        self.show_button.clicked.connect(self.reload)
        self.note = QLabel(
            "Varje placerings nätter i månaden till det pris placeringen gjordes till. En "
            "pågående placering räknas till slutet av sin nuvarande period."
        )
        self.note.setWordWrap(True)
        self.note.setObjectName("muted")
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setHorizontalHeaderLabels(list(self.HEADERS))
        self.table.setAccessibleName("Kostnad per månad")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        top = QHBoxLayout()
        top.addWidget(QLabel("År"))
        top.addWidget(self.year)
        top.addWidget(self.show_button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        self.months: list[MonthCost] = []
        self._loaded = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.reload()

    def reload(self) -> None:
        year = self.year.value()
        try:
            months = run_with_progress(
                self,
                "Räknar kostnaderna …",
                lambda _progress: monthly_costs(
                    self._db, dt.date(year, 1, 1), dt.date(year, 12, 1)
                ),
            )
        except DomainError as error:
            show_domain_error(self, error)
            return
        self._loaded = True
        self.months = list(months)
        rows = [
            [SWEDISH_MONTHS[m.month.month - 1].capitalize(), _count(m.placements),
             _count(m.nights), format_amount(m.cost_ore),
             _count(m.without_price) if m.without_price else ""]
            for m in self.months
        ]  # fmt: skip
        total = sum(m.cost_ore for m in self.months)
        nights = sum(m.nights for m in self.months)
        rows.append([f"Hela {year}", "", _count(nights), format_amount(total), ""])
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, item)
        last = len(rows) - 1
        for c in range(len(self.HEADERS)):
            cell = self.table.item(last, c)
            assert cell is not None  # every cell of the row was set just above
            font = cell.font()
            font.setBold(True)
            cell.setFont(font)

    def texts(self) -> list[list[str]]:
        return [
            [
                item.text() if (item := self.table.item(r, c)) else ""
                for c in range(self.table.columnCount())
            ]
            for r in range(self.table.rowCount())
        ]

    refresh = reload
