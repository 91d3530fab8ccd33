"""The forms of the housing stock: a landlord, a dwelling, a place for temporary housing."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget
from sqlalchemy.orm import InstrumentedAttribute

from bobudget.db.engine import Database
from bobudget.kernel.errors import ValidationError
from bobudget.model import Dwelling, Landlord, TemporaryPlace
from bobudget.model.vocab import CostUnit, DwellingStatus, LandlordKind, PlaceKind
from bobudget.placement.housing_stock import (
    DwellingInput,
    DwellingRow,
    LandlordInput,
    LandlordRow,
    get_dwelling,
    list_landlords,
    save_dwelling,
    save_landlord,
)
from bobudget.placement.temporary_places import PlaceInput, PlaceRow, list_places, save_place

from ..forms import AmountField
from ..kit import limit_to_column
from .widgets import FormDialog, NoteField, NumberField


def _line(
    dialog: FormDialog, label: str, value: str, column: InstrumentedAttribute[Any] | None = None
) -> QLineEdit:
    field = QLineEdit(value)
    field.setAccessibleName(label)
    if column is not None:
        limit_to_column(field, column)
    dialog.add_row(label, field)
    return field


# A vocabulary member (a str) or a plain word: the combo keeps it as the item's data.
LabelKey = TypeVar("LabelKey", bound=str)


def _choice(
    dialog: FormDialog, label: str, labels: Mapping[LabelKey, str], value: str
) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(label)
    for key, text in labels.items():
        combo.addItem(text, key)
    combo.setCurrentIndex(max(0, combo.findData(value)))
    dialog.add_row(label, combo)
    return combo


def _select(combo: QComboBox, value: object) -> None:
    combo.setCurrentIndex(max(0, combo.findData(value)))


class LandlordDialog(FormDialog):
    def __init__(self, db: Database, row: LandlordRow | None, parent: QWidget | None = None):
        super().__init__("Ändra hyresvärd" if row else "Ny hyresvärd", parent)
        self._db = db
        self._row = row
        d = row.data if row else LandlordInput(name="")
        self.name = _line(self, "Namn", d.name, Landlord.name)
        self.require(self.name)
        self.kind = _choice(self, "Slag", LandlordKind.labels(), d.kind)
        self.agreement = QCheckBox("Samverkansavtal med kommunen")
        self.agreement.setChecked(d.cooperation_agreement)
        self.add_row("", self.agreement)
        self.rents_three = QCheckBox("Kommunen hyr minst tre lägenheter av hyresvärden")
        self.rents_three.setToolTip(
            "Kommunen hyr minst tre lägenheter av hyresvärden för att hyra ut dem i andra hand: "
            "hyresgästerna har då besittningsskydd från första dagen (12 kap. 45 § andra "
            "stycket jordabalken), och kontrakten säger det."
        )
        self.rents_three.setChecked(d.municipality_rents_three)
        self.add_row("", self.rents_three)
        self.contact = _line(self, "Kontaktperson", d.contact_name, Landlord.contact_name)
        self.phone = _line(self, "Telefon", d.phone, Landlord.phone)
        self.email = _line(self, "E-post", d.email, Landlord.email)
        self.address = _line(self, "Adress", d.address, Landlord.address)

    def perform(self) -> None:
        data = LandlordInput(
            name=self.name.text(),
            kind=LandlordKind(self.kind.currentData()),
            cooperation_agreement=self.agreement.isChecked(),
            municipality_rents_three=self.rents_three.isChecked(),
            contact_name=self.contact.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            address=self.address.text(),
        )
        save_landlord(
            self._db,
            data,
            self._row.id if self._row else None,
            self._row.version if self._row else None,
        )

    def saved_now(self) -> LandlordRow | None:
        if self._row is None:
            return None
        row_id = self._row.id
        return next((r for r in list_landlords(self._db) if r.id == row_id), None)

    def load(self, saved: object) -> None:
        assert isinstance(saved, LandlordRow)
        self._row = saved
        d = saved.data
        self.name.setText(d.name)
        _select(self.kind, d.kind)
        self.agreement.setChecked(d.cooperation_agreement)
        self.rents_three.setChecked(d.municipality_rents_three)
        self.contact.setText(d.contact_name)
        self.phone.setText(d.phone)
        self.email.setText(d.email)
        self.address.setText(d.address)

    def edited(self) -> LandlordRow | None:
        return self._row


def _area(text: str) -> Decimal | None:
    text = text.strip().replace(",", ".").replace(" ", "")
    if not text:
        return None
    try:
        return Decimal(text).quantize(Decimal("0.1"))
    except InvalidOperation:
        raise ValidationError(f"Ytan '{text}' går inte att läsa. Skriv t.ex. 54,5.") from None


class DwellingDialog(FormDialog):
    def __init__(self, db: Database, row: DwellingRow | None, parent: QWidget | None = None):
        super().__init__("Ändra bostad" if row else "Ny bostad", parent)
        self._db = db
        self._row = row
        d = row.data if row else DwellingInput(address="")
        self.landlord = QComboBox()
        self.landlord.setAccessibleName("Hyresvärd")
        self.landlord.addItem("Ingen hyresvärd vald", None)
        for landlord in list_landlords(db):
            self.landlord.addItem(landlord.data.name, landlord.id)
        self.landlord.setCurrentIndex(max(0, self.landlord.findData(d.landlord_id)))
        self.add_row("Hyresvärd", self.landlord)
        self.address = _line(self, "Adress", d.address, Dwelling.address)
        self.require(self.address)
        self.postal_code = _line(self, "Postnummer", d.postal_code, Dwelling.postal_code)
        self.city = _line(self, "Ort", d.city, Dwelling.city)
        self.object_number = _line(self, "Objektnummer", d.object_number, Dwelling.object_number)
        self.rooms = NumberField("Antal rum", d.rooms)
        self.add_row("Antal rum", self.rooms)
        area = str(d.area_m2).replace(".", ",") if d.area_m2 is not None else ""
        self.area = _line(self, "Yta (m²)", area)
        self.rent = AmountField("Månadshyra", d.rent_ore)
        self.add_row("Månadshyra", self.rent)
        self.floor = NumberField("Våning", d.floor)
        self.add_row("Våning", self.floor)
        self.accessible = QCheckBox("Tillgänglighetsanpassad")
        self.accessible.setChecked(d.accessible)
        self.add_row("", self.accessible)
        # Offered and let follow from offers and contracts; by hand: free or blocked.
        hand: dict[DwellingStatus, str] = {
            k: v
            for k, v in DwellingStatus.labels().items()
            if k in (DwellingStatus.AVAILABLE, DwellingStatus.BLOCKED)
        }
        if d.status not in hand:
            hand = {DwellingStatus(d.status): DwellingStatus(d.status).label, **hand}
        self.status = _choice(self, "Status", hand, d.status)

    def perform(self) -> None:
        landlord = self.landlord.currentData()
        data = DwellingInput(
            address=self.address.text(),
            landlord_id=landlord if isinstance(landlord, int) else None,
            postal_code=self.postal_code.text(),
            city=self.city.text(),
            object_number=self.object_number.text(),
            rooms=self.rooms.value(),
            area_m2=_area(self.area.text()),
            rent_ore=self.rent.value_ore(),
            floor=self.floor.value(),
            accessible=self.accessible.isChecked(),
            status=DwellingStatus(self.status.currentData()),
        )
        save_dwelling(
            self._db,
            data,
            self._row.id if self._row else None,
            self._row.version if self._row else None,
        )

    def saved_now(self) -> DwellingRow | None:
        return get_dwelling(self._db, self._row.id) if self._row is not None else None

    def load(self, saved: object) -> None:
        assert isinstance(saved, DwellingRow)
        self._row = saved
        d = saved.data
        _select(self.landlord, d.landlord_id)
        self.address.setText(d.address)
        self.postal_code.setText(d.postal_code)
        self.city.setText(d.city)
        self.object_number.setText(d.object_number)
        self.rooms.setText("" if d.rooms is None else str(d.rooms))
        self.area.setText(str(d.area_m2).replace(".", ",") if d.area_m2 is not None else "")
        self.rent.set_value(d.rent_ore)
        self.floor.setText("" if d.floor is None else str(d.floor))
        self.accessible.setChecked(d.accessible)
        if self.status.findData(d.status) < 0:
            # Offered or let since the form opened: shown as it is saved.
            self.status.insertItem(0, DwellingStatus(d.status).label, d.status)
        _select(self.status, d.status)

    def edited(self) -> DwellingRow | None:
        return self._row


class TemporaryPlaceDialog(FormDialog):
    def __init__(self, db: Database, row: PlaceRow | None, parent: QWidget | None = None):
        super().__init__("Ändra plats" if row else "Ny plats", parent)
        self._db = db
        self._row = row
        d = row.data if row else PlaceInput(name="")
        self.name = _line(self, "Namn", d.name, TemporaryPlace.name)
        self.require(self.name)
        self.kind = _choice(self, "Slag", PlaceKind.labels(), d.kind)
        self.address = _line(self, "Adress", d.address, TemporaryPlace.address)
        self.postal_code = _line(self, "Postnummer", d.postal_code, TemporaryPlace.postal_code)
        self.city = _line(self, "Ort", d.city, TemporaryPlace.city)
        self.cost = AmountField("Kostnad", d.cost_ore)
        self.add_row("Kostnad", self.cost)
        self.unit = _choice(self, "Kostnaden gäller", CostUnit.labels(), d.cost_unit)
        self.rules = NoteField("Platsens regler", d.rules)
        self.add_row("Platsens regler", self.rules)
        self.active = QCheckBox("Används för nya placeringar")
        self.active.setChecked(d.active)
        self.add_row("", self.active)
        if row is not None:
            self.set_intro(
                "Ett nytt pris gäller placeringar som görs från och med nu; de som redan är "
                "gjorda behåller sitt pris."
            )

    def perform(self) -> None:
        data = PlaceInput(
            name=self.name.text(),
            kind=PlaceKind(self.kind.currentData()),
            address=self.address.text(),
            postal_code=self.postal_code.text(),
            city=self.city.text(),
            cost_ore=self.cost.value_ore(),
            cost_unit=CostUnit(self.unit.currentData()),
            rules=self.rules.text(),
            active=self.active.isChecked(),
        )
        save_place(
            self._db,
            data,
            self._row.id if self._row else None,
            self._row.version if self._row else None,
        )

    def saved_now(self) -> PlaceRow | None:
        if self._row is None:
            return None
        row_id = self._row.id
        return next((r for r in list_places(self._db) if r.id == row_id), None)

    def load(self, saved: object) -> None:
        assert isinstance(saved, PlaceRow)
        self._row = saved
        d = saved.data
        self.name.setText(d.name)
        _select(self.kind, d.kind)
        self.address.setText(d.address)
        self.postal_code.setText(d.postal_code)
        self.city.setText(d.city)
        self.cost.set_value(d.cost_ore)
        _select(self.unit, d.cost_unit)
        self.rules.setPlainText(d.rules)
        self.active.setChecked(d.active)

    def edited(self) -> PlaceRow | None:
        return self._row
