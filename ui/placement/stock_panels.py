"""The Bostäder and Hyresvärdar tabs: dwellings with status and contract history, landlords."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QComboBox, QWidget

from bobudget.db.engine import Database
from bobudget.kernel.money import format_amount
from bobudget.kernel.urgency import Urgency
from bobudget.model.vocab import DwellingStatus
from bobudget.placement.housing_stock import (
    DwellingFilter,
    DwellingRow,
    LandlordRow,
    count_dwellings,
    dwelling_history,
    list_dwellings,
    list_landlords,
)

from ..kit.table_model import Column
from .lists import section
from .panel_base import ListPanel
from .panels import ActionBar, FactsView, SmallTable
from .stock_dialogs import DwellingDialog, LandlordDialog
from .widgets import NumberField

# A blocked dwelling is shown grey, like everything there is nothing to do about.
DWELLING_MARKS: dict[DwellingStatus, Urgency] = {DwellingStatus.BLOCKED: Urgency.DONE}

DWELLING_COLUMNS: list[Column[DwellingRow]] = [
    Column("Adress", lambda r: r.data.address),
    Column("Ort", lambda r: r.data.city),
    Column("Objektnummer", lambda r: r.data.object_number),
    Column("Rum", lambda r: str(r.data.rooms or ""), right=True),
    Column("Yta", lambda r: f"{r.data.area_m2} m²".replace(".", ",") if r.data.area_m2 else ""),
    Column(
        "Hyra",
        lambda r: format_amount(r.data.rent_ore) if r.data.rent_ore is not None else "",
        right=True,
    ),
    Column("Hyresvärd", lambda r: r.landlord),
    Column("Status", lambda r: r.status_label, coloured=True),
]


class DwellingsPanel(ListPanel[DwellingRow]):
    STATE_KEY = "dwellings"

    def __init__(
        self, db: Database, today: Callable[[], dt.date], parent: QWidget | None = None
    ) -> None:
        super().__init__(
            "Bostäder", DWELLING_COLUMNS, lambda r: DWELLING_MARKS.get(r.data.status),
            today, parent,
        )  # fmt: skip
        self._db = db
        self.filter_field.setPlaceholderText("Filtrera på adress, objektnummer eller hyresvärd")
        self.status = QComboBox()
        self.status.setAccessibleName("Filtrera på status")
        self.status.addItem("Alla", "")
        for key, label in DwellingStatus.labels().items():
            self.status.addItem(label, key)
        self.rooms = NumberField("Antal rum")
        self.rooms.setPlaceholderText("Rum")
        self.filter_row.addWidget(self.status)
        self.filter_row.addWidget(self.rooms)
        self.status.currentIndexChanged.connect(self.filters_changed)
        self.rooms.textChanged.connect(self.filters_changed)
        self.title = self.card_title("")
        self.facts = FactsView("Bostaden")
        self.history = SmallTable(("Kontrakt", "Hyresgäst", "Från", "Till", "Skäl"), "Historik", 1)
        self.action_bar = ActionBar(2)
        self.action_bar.add("new", "Ny bostad…", self.new_dwelling, shortcut="Ctrl+N")
        self.action_bar.add("edit", "Ändra bostad…", self.edit_dwelling, shortcut="Ctrl+E")
        self.history_title = section("Kontrakt i bostaden")
        for widget in (self.title, self.action_bar, self.facts, self.history_title, self.history):
            self.card_layout.addWidget(widget)
        self.card_layout.addStretch(1)
        self.restore_state()
        self.clear_card()

    def dwelling_filter(self) -> DwellingFilter:
        rooms = self.rooms.text().strip()
        return DwellingFilter(
            text=self.filter_field.text(),
            status=str(self.status.currentData() or ""),
            rooms=int(rooms) if rooms.isdigit() else None,
        )

    def fetch(self, offset: int, limit: int) -> Sequence[DwellingRow]:
        return list_dwellings(self._db, self.dwelling_filter(), limit=limit, offset=offset)

    def count(self) -> int:
        return count_dwellings(self._db, self.dwelling_filter())

    def count_text(self, total: int) -> str:
        return f"{total} bostäder"

    def key(self, row: DwellingRow) -> int:
        return row.id

    def clear_card(self) -> None:
        for widget in (self.title, self.facts, self.history, self.history_title):
            widget.hide()
        self.action_bar.enable(new=True, edit=False)

    def show_row(self, row: DwellingRow) -> None:
        for widget in (self.title, self.facts, self.history, self.history_title):
            widget.show()
        d = row.data
        self.title.setText(d.address)
        self.facts.set_facts(
            [
                ("Status", row.status_label),
                ("Hyresvärd", row.landlord),
                ("Postadress", f"{d.postal_code} {d.city}".strip()),
                ("Objektnummer", d.object_number),
                ("Rum", str(d.rooms or "")),
                ("Yta", f"{d.area_m2} m²".replace(".", ",") if d.area_m2 else ""),
                ("Hyra", format_amount(d.rent_ore) if d.rent_ore is not None else ""),
                ("Våning", "" if d.floor is None else str(d.floor)),
                ("Tillgänglighetsanpassad", "Ja" if d.accessible else "Nej"),
            ]
        )
        self.history.set_rows(
            [
                [
                    h.kind_label,
                    h.tenant,
                    h.start_date.isoformat(),
                    h.end_date.isoformat() if h.end_date else "",
                    h.end_reason,
                ]
                for h in dwelling_history(self._db, row.id)
            ]
        )
        self.action_bar.enable(new=True, edit=True)

    def new_dwelling(self) -> None:
        dialog = DwellingDialog(self._db, None, self)
        dialog.exec()

    def edit_dwelling(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = DwellingDialog(self._db, row, self)
        dialog.exec()
        # A save is read again through the change signal; a conflict saved nothing.
        if dialog.reload_requested:
            self.reload()


LANDLORD_COLUMNS: list[Column[LandlordRow]] = [
    Column("Namn", lambda r: r.data.name),
    Column("Slag", lambda r: r.kind_label),
    Column("Samverkansavtal", lambda r: "Ja" if r.data.cooperation_agreement else "Nej"),
    Column("Kontaktperson", lambda r: r.data.contact_name),
    Column("Telefon", lambda r: r.data.phone),
    Column("Bostäder", lambda r: str(r.dwellings), right=True),
]


class LandlordsPanel(ListPanel[LandlordRow]):
    STATE_KEY = "landlords"

    def __init__(
        self, db: Database, today: Callable[[], dt.date], parent: QWidget | None = None
    ) -> None:
        super().__init__("Hyresvärdar", LANDLORD_COLUMNS, None, today, parent)
        self._db = db
        self.filter_field.setPlaceholderText("Filtrera på namn")
        self.title = self.card_title("")
        self.facts = FactsView("Hyresvärden")
        self.action_bar = ActionBar(2)
        self.action_bar.add("new", "Ny hyresvärd…", self.new_landlord, shortcut="Ctrl+N")
        self.action_bar.add("edit", "Ändra hyresvärd…", self.edit_landlord, shortcut="Ctrl+E")
        for widget in (self.title, self.action_bar, self.facts):
            self.card_layout.addWidget(widget)
        self.card_layout.addStretch(1)
        self.restore_state()
        self.clear_card()

    def _rows(self) -> list[LandlordRow]:
        wanted = self.filter_field.text().strip().casefold()
        return [r for r in list_landlords(self._db) if wanted in r.data.name.casefold()]

    def fetch(self, offset: int, limit: int) -> Sequence[LandlordRow]:
        return self._rows()[offset : offset + limit]

    def count(self) -> int:
        return len(self._rows())

    def count_text(self, total: int) -> str:
        return f"{total} hyresvärdar"

    def key(self, row: LandlordRow) -> int:
        return row.id

    def clear_card(self) -> None:
        self.title.hide()
        self.facts.hide()
        self.action_bar.enable(new=True, edit=False)

    def show_row(self, row: LandlordRow) -> None:
        self.title.show()
        self.facts.show()
        d = row.data
        self.title.setText(d.name)
        self.facts.set_facts(
            [
                ("Slag", row.kind_label),
                ("Samverkansavtal", "Ja" if d.cooperation_agreement else "Nej"),
                (
                    "Besittningsskydd från första dagen",
                    "Ja (kommunen hyr minst tre lägenheter)"
                    if d.municipality_rents_three
                    else "Nej",
                ),
                ("Kontaktperson", d.contact_name),
                ("Telefon", d.phone),
                ("E-post", d.email),
                ("Adress", d.address),
                ("Bostäder i registret", str(row.dwellings)),
            ]
        )
        self.action_bar.enable(new=True, edit=True)

    def new_landlord(self) -> None:
        dialog = LandlordDialog(self._db, None, self)
        dialog.exec()

    def edit_landlord(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = LandlordDialog(self._db, row, self)
        dialog.exec()
        # A save is read again through the change signal; a conflict saved nothing.
        if dialog.reload_requested:
            self.reload()
