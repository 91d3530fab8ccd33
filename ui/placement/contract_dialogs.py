"""The forms of a lease contract: signing it on a decision, its terms, its end and its boplan."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QWidget

from bobudget.db.engine import Database
from bobudget.kernel.errors import DomainError, ValidationError
from bobudget.kernel.money import format_amount
from bobudget.model import Contract
from bobudget.model.vocab import ContractKind, DecisionKind, DwellingStatus
from bobudget.placement.common import LEASE_KINDS
from bobudget.placement.contract_list import ContractDetail, get_contract
from bobudget.placement.contracts import (
    ContractInput,
    ContractTerms,
    sign_contract,
    update_contract_terms,
)
from bobudget.placement.decisions import DecisionDetail, waiting_decisions
from bobudget.placement.dwelling_fit import (
    DwellingNeed,
    Vacancy,
    fits,
    need_of_decision,
    need_text,
    rank_dwellings,
)
from bobudget.placement.ending import end_contract
from bobudget.placement.housing_plan import HousingPlanData, get_housing_plan, save_housing_plan
from bobudget.placement.housing_stock import (
    DwellingFilter,
    DwellingRow,
    get_dwelling,
    list_dwellings,
)
from bobudget.placement.rules import (
    housing_first_guarantee_ceiling,
    housing_first_guarantee_end,
    past_end_question,
)

from ..forms import AmountField, DateField
from ..kit import ResponsibleField, limit_to_columns
from .widgets import FormDialog, NoteField, NumberField, PersonPicker, Today


def _dwelling_text(row: DwellingRow) -> str:
    d = row.data
    rooms = f", {d.rooms} rum" if d.rooms else ""
    rent = f", {format_amount(d.rent_ore)}" if d.rent_ore is not None else ""
    return f"{d.address}{rooms}{rent} – {row.landlord or 'ingen hyresvärd'}"


class TermsFields:
    """The fields of ContractTerms, shown or hidden by the kind of contract."""

    def __init__(
        self, dialog: FormDialog, db: Database, terms: ContractTerms, *, new_record: bool = False
    ) -> None:
        self.rent = AmountField("Månadshyra")
        dialog.add_row("Månadshyra", self.rent)
        self.end = DateField("Slutdatum", required=False)
        self.end.setToolTip("Lämna tomt för ett kontrakt som gäller tills vidare")
        dialog.add_row("Gäller till (tomt: tills vidare)", self.end)
        self.lease = QLineEdit()
        limit_to_columns({self.lease: Contract.municipality_lease_reference})
        self.lease.setAccessibleName("Kommunens kontraktsnummer")
        dialog.add_row("Kommunens förstahandskontrakt", self.lease)
        self.waiver = QCheckBox("Avstående från besittningsskydd är godkänt")
        self.waiver.setToolTip(
            "Hyresnämnden har godkänt att hyresgästen avstår från besittningsskyddet "
            "(12 kap. 45 a § jordabalken); avståendet skrivs ut som en egen handling"
        )
        dialog.add_row("", self.waiver)
        self.waiver_date = DateField("Godkänt den", required=False)
        dialog.add_row("Godkänt den", self.waiver_date)
        self.ceiling = AmountField("Hyresgarantins högsta belopp")
        dialog.add_row("Hyresgaranti, högst", self.ceiling)
        self.guarantee_end = DateField("Garantin gäller till")
        dialog.add_row("Garantin gäller till", self.guarantee_end)
        self.damages = QCheckBox("Garantin omfattar även skador (enligt kommunens beslut)")
        dialog.add_row("", self.damages)
        self.interval = NumberField("Uppföljning var n:e månad", required=True)
        dialog.add_row("Uppföljning var n:e månad", self.interval)
        self.note = NoteField("Anteckning", "", 50)
        dialog.add_row("Anteckning", self.note)
        self.responsible = ResponsibleField(db, terms.responsible or "", new_record=new_record)
        dialog.add_row("Ansvarig", self.responsible)
        self._dialog = dialog
        self.fill(terms)

    def fill(self, terms: ContractTerms) -> None:
        self.rent.set_value(terms.monthly_rent_ore)
        self.end.set_value(terms.end_date)
        self.lease.setText(terms.municipality_lease_reference)
        self.waiver.setChecked(terms.tenure_waiver_approved)
        self.waiver_date.set_value(terms.tenure_waiver_date)
        self.ceiling.set_value(terms.guarantee_ceiling_ore)
        self.guarantee_end.set_value(terms.guarantee_end_date)
        self.damages.setChecked(terms.guarantee_covers_damages)
        self.interval.setText(str(terms.follow_up_interval_months))
        self.note.setPlainText(terms.note)
        if terms.responsible is not None:
            self.responsible.set_value(terms.responsible)

    def show_for(self, kind: str) -> None:
        sublet = kind in (ContractKind.SOCIAL, ContractKind.TRANSITIONAL)
        for widget in (self.lease, self.waiver, self.waiver_date):
            self._set_row_visible(widget, sublet)
        for guarantee in (self.ceiling, self.guarantee_end, self.damages):
            self._set_row_visible(guarantee, kind == ContractKind.HOUSING_FIRST)

    def _set_row_visible(self, widget: QWidget, visible: bool) -> None:
        self._dialog.form.setRowVisible(widget, visible)

    def terms(self, kind: str) -> ContractTerms:
        housing_first = kind == ContractKind.HOUSING_FIRST
        return ContractTerms(
            monthly_rent_ore=self.rent.value_ore(),
            end_date=self.end.value(),
            municipality_lease_reference=self.lease.text() if not housing_first else "",
            tenure_waiver_approved=self.waiver.isChecked() and not housing_first,
            tenure_waiver_date=self.waiver_date.value() if not housing_first else None,
            guarantee_ceiling_ore=self.ceiling.value_ore() if housing_first else None,
            guarantee_end_date=self.guarantee_end.value() if housing_first else None,
            guarantee_covers_damages=self.damages.isChecked() and housing_first,
            follow_up_interval_months=self.interval.value() or 0,
            note=self.note.text(),
            responsible=self.responsible.value(),
        )


class SignContractDialog(FormDialog):
    """Write a lease contract that carries out a waiting help-with-housing decision."""

    def __init__(
        self,
        db: Database,
        today: Today,
        decision: DecisionDetail | None = None,
        dwelling_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Nytt kontrakt", parent, "Skriv kontraktet")
        self.setMinimumWidth(760)
        self._db = db
        self._today = today
        self.contract_id: int | None = None
        self.kind_value = ContractKind.SOCIAL
        self.picker: PersonPicker | None = None
        self.decision = QComboBox()
        self.decision.setAccessibleName("Beslut som verkställs")
        if decision is None:
            self.picker = PersonPicker(db)
            self.picker.personChanged.connect(self._load_decisions)
            self.add_row("Person", self.picker)
        else:
            self.decision.addItem(
                f"{decision.name}: {decision.kind_label.lower()}, beslutat "
                f"{decision.data.decision_date.isoformat()} ({decision.data.reference})",
                decision.id,
            )
        self.add_row("Beslut som verkställs", self.decision)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kontraktstyp")
        for key in (kind for kind in ContractKind if kind in LEASE_KINDS):  # list order
            self.kind.addItem(ContractKind(key).label, key)
        self.add_row("Kontraktstyp", self.kind)
        self.search = QLineEdit()
        self.search.setAccessibleName("Sök ledig bostad")
        self.search.setPlaceholderText("Sök ledig bostad: adress, objektnummer, hyresvärd")
        self.add_row("Sök bostad", self.search)
        self.dwelling = QComboBox()
        self.dwelling.setAccessibleName("Bostad")
        self.dwelling.setMinimumWidth(420)
        self.add_row("Bostad", self.dwelling)
        self.need = QLabel()
        self.need.setObjectName("muted")
        self.need.setAccessibleName("Hushållets behov")
        self.add_row("Hushållets behov", self.need)
        self.start = DateField("Startdatum", today())
        self.add_row("Startdatum", self.start)
        self.fields = TermsFields(self, db, ContractTerms(), new_record=True)
        self._chosen = get_dwelling(db, dwelling_id) if dwelling_id is not None else None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.load_dwellings)
        self.search.textChanged.connect(self._timer.start)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.dwelling.currentIndexChanged.connect(self._dwelling_changed)
        self.start.textChanged.connect(self._defaults)
        self.decision.currentIndexChanged.connect(lambda _i: self._decision_changed())
        self.load_dwellings()
        self._kind_changed()

    def _load_decisions(self, person_id: object) -> None:
        self.decision.clear()
        if not isinstance(person_id, int):
            return
        for line in waiting_decisions(self._db, person_id, (DecisionKind.HOUSING,)):
            self.decision.addItem(line.label, line.id)
        if not self.decision.count():
            self.decision.addItem("Inget beslut om bostad väntar för personen", None)

    def _need(self) -> DwellingNeed | None:
        decision_id = self.decision.currentData()
        if not isinstance(decision_id, int):
            return None
        try:
            return need_of_decision(self._db, decision_id, self._today())
        except DomainError:
            return None

    def _decision_changed(self) -> None:
        # Another household: the dwelling that fits it, not the one picked for the last.
        self.dwelling.setCurrentIndex(-1)
        self.load_dwellings()

    def load_dwellings(self) -> None:
        self._timer.stop()
        keep = self.dwelling.currentData()
        self.dwelling.blockSignals(True)
        self.dwelling.clear()
        if self._chosen is not None:
            self.dwelling.addItem(f"{_dwelling_text(self._chosen)} (erbjuden)", self._chosen.id)
        rows = list_dwellings(
            self._db,
            DwellingFilter(text=self.search.text(), status=DwellingStatus.AVAILABLE),
            limit=100,
        )
        need = self._need()
        by_id = {row.id: row for row in rows}
        vacancies = [Vacancy(r.id, r.data.rooms, r.data.rent_ore, r.data.accessible) for r in rows]
        ranked = rank_dwellings(vacancies, need) if need is not None else vacancies
        for v in ranked:
            suffix = " – passar behovet" if need is not None and fits(v, need) else ""
            self.dwelling.addItem(_dwelling_text(by_id[v.id]) + suffix, v.id)
        if need is None:
            self.need.setText("inget beslut valt")
        else:
            self.need.setText(need_text(need) or "inga krav på bostaden")
        if not self.dwelling.count():
            self.dwelling.addItem("Ingen ledig bostad matchar", None)
        # What the user picked stays; else the offered dwelling, else the best fit (first).
        index = self.dwelling.findData(keep) if keep is not None else -1
        self.dwelling.setCurrentIndex(max(0, index))
        self.dwelling.blockSignals(False)
        self._dwelling_changed()

    def _kind_changed(self) -> None:
        self.kind_value = ContractKind(self.kind.currentData())
        self.fields.show_for(self.kind_value)
        self._defaults()

    def _dwelling_changed(self, _index: int = 0) -> None:
        dwelling_id = self.dwelling.currentData()
        if isinstance(dwelling_id, int):
            rent = get_dwelling(self._db, dwelling_id).data.rent_ore
            self.fields.rent.set_value(rent)
        self._defaults()

    def _defaults(self) -> None:
        # Bostad först: six months' rent for two years, unless the user already wrote other.
        if self.kind_value != ContractKind.HOUSING_FIRST:
            return
        try:
            rent = self.fields.rent.value_ore()
            start = self.start.value()
        except ValidationError:
            return
        if rent and not self.fields.ceiling.text().strip():
            self.fields.ceiling.set_value(housing_first_guarantee_ceiling(rent))
        if start and not self.fields.guarantee_end.text().strip():
            self.fields.guarantee_end.set_value(housing_first_guarantee_end(start))

    def perform(self) -> None:
        decision_id = self.decision.currentData()
        dwelling_id = self.dwelling.currentData()
        data = ContractInput(
            kind=self.kind_value,
            decision_id=decision_id if isinstance(decision_id, int) else None,
            dwelling_id=dwelling_id if isinstance(dwelling_id, int) else None,
            start_date=self.start.required_value(),
            terms=self.fields.terms(self.kind_value),
        )
        self.contract_id = sign_contract(self._db, data, today=self._today())


class TermsDialog(FormDialog):
    def __init__(
        self,
        db: Database,
        detail: ContractDetail,
        parent: QWidget | None = None,
        today: Today = dt.date.today,
    ) -> None:
        super().__init__(f"Ändra villkor – {detail.kind_label.lower()}", parent)
        self._db = db
        self._detail = detail
        self._today = today
        self.set_intro(f"{detail.name}, från {detail.start_date.isoformat()}.")
        self.fields = TermsFields(self, db, detail.terms)
        self.fields.show_for(detail.kind)

    def perform(self) -> None:
        update_contract_terms(
            self._db, self._detail.id, self._detail.version, self.fields.terms(self._detail.kind)
        )

    def saved_now(self) -> ContractDetail:
        return get_contract(self._db, self._detail.id, self._today())

    def load(self, saved: object) -> None:
        assert isinstance(saved, ContractDetail)
        self._detail = saved
        self.fields.fill(saved.terms)

    def edited(self) -> ContractDetail:
        return self._detail


class EndContractDialog(FormDialog):
    def __init__(
        self,
        db: Database,
        today: Today,
        contract_id: int,
        version: int,
        what: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Avsluta", parent, "Avsluta")
        self._db = db
        self._today = today
        self._id = contract_id
        self._version = version
        self.set_intro(what)
        self.date = DateField("Slutdatum", today())
        self.add_row("Slutdatum", self.date)
        self.reason = NoteField("Skäl")
        self.add_row("Skäl", self.reason)
        self.require(self.reason)

    def perform(self) -> None:
        end_contract(
            self._db, self._id, self._version, self.date.required_value(), self.reason.text()
        )

    def unusual(self) -> list[str]:
        question = past_end_question(self.date.required_value(), self._today())
        return [question] if question else []

    # Ending changes no field the form shows: what is saved that counts here is the version.

    def saved_now(self) -> int:
        return get_contract(self._db, self._id, self._today()).version

    def load(self, saved: object) -> None:
        assert isinstance(saved, int)
        self._version = saved

    def edited(self) -> int:
        return self._version


class HousingPlanDialog(FormDialog):
    """Boplan: Socialstyrelsen's headings, as the contract letter prints them."""

    FIELDS = (
        ("goals", "Mål (från beslutet)"),
        ("activities", "Aktiviteter"),
        ("responsibilities", "Vem ansvarar"),
        ("support", "Stöd"),
        ("participation", "Hur personen har deltagit"),
        ("follow_up_plan", "När och hur planen följs upp"),
    )

    def __init__(self, db: Database, contract_id: int, what: str, parent: QWidget | None = None):
        super().__init__("Boplan", parent)
        self._db = db
        self._id = contract_id
        self._plan: HousingPlanData = get_housing_plan(db, contract_id)
        self.set_intro(f"{what}. Boplanen skrivs ut tillsammans med kontraktet.")
        self.texts: dict[str, NoteField] = {}
        for name, label in self.FIELDS:
            field = NoteField(label, getattr(self._plan, name), 56)
            self.texts[name] = field
            self.add_row(label, field)
        self.adopted = DateField("Antagen den", self._plan.adopted_date, required=False)
        self.add_row("Antagen den", self.adopted)

    def perform(self) -> None:
        plan = HousingPlanData(adopted_date=self.adopted.value(), version=self._plan.version)
        for name, field in self.texts.items():
            setattr(plan, name, field.text())
        save_housing_plan(self._db, self._id, plan)

    def saved_now(self) -> HousingPlanData:
        return get_housing_plan(self._db, self._id)

    def load(self, saved: object) -> None:
        assert isinstance(saved, HousingPlanData)
        self._plan = saved
        for name, field in self.texts.items():
            field.setPlainText(getattr(saved, name))
        self.adopted.set_value(saved.adopted_date)

    def edited(self) -> HousingPlanData:
        return self._plan
