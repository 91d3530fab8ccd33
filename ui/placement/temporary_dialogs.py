"""The forms of temporary housing: place, renew (with the assessment), end, move."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from bobudget.db.engine import Database
from bobudget.kernel.errors import ValidationError
from bobudget.kernel.periods import last_day, period_text, renewal_period, temporary_period_end
from bobudget.model.vocab import ContractBasis, DecisionKind
from bobudget.placement.decisions import get_decision, waiting_decisions
from bobudget.placement.rules import backdated_start_question, past_end_question
from bobudget.placement.temporary import (
    ClientFee,
    DecisionFacts,
    PlacementInput,
    end_placement,
    move_placement,
    place_person,
    record_renewal_decision,
    renew_placement,
)
from bobudget.placement.temporary_list import PlacementDetail, get_placement
from bobudget.placement.temporary_places import list_places

from ..forms import DateField
from ..kit import ResponsibleField
from .decision_dialogs import DecisionDialog
from .fee_field import ClientFeeField
from .widgets import FormDialog, NoteField, PersonPicker, Today


def _day_after(last: dt.date | None) -> dt.date | None:
    """The stored end of a period whose last day is `last` (kernel.periods.last_day)."""
    return last + dt.timedelta(days=1) if last is not None else None


def _place_combo(db: Database, exclude: int | None = None) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName("Plats")
    combo.setMinimumWidth(380)
    for row in list_places(db, active_only=True):
        if row.id != exclude:
            combo.addItem(f"{row.data.name} ({row.kind_label.lower()}, {row.cost_label})", row.id)
    if not combo.count():
        combo.addItem("Ingen plats finns: lägg till platser under fliken Platser", None)
    return combo


class PlaceDialog(FormDialog):
    """Place a household at a place on a waiting temporary-housing decision."""

    def __init__(
        self,
        db: Database,
        today: Today,
        months: int,
        *,
        person_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Placera i tillfälligt boende", parent, "Placera")
        self.setMinimumWidth(720)
        self._db = db
        self._today = today
        self._months = months
        self.contract_id: int | None = None
        self.picker = PersonPicker(db)
        self.picker.personChanged.connect(self._load_decisions)
        self.add_row("Person", self.picker)
        self.decision = QComboBox()
        self.decision.setAccessibleName("Beslut om tillfälligt boende")
        self.new_decision = QPushButton("Nytt beslut…")
        self.new_decision.setAccessibleName("Registrera nytt beslut om tillfälligt boende")
        self.new_decision.clicked.connect(self._register_decision)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.decision, 1)
        layout.addWidget(self.new_decision)
        self.add_row("Beslut", row)
        self.place = _place_combo(db)
        self.add_row("Plats", self.place)
        self.on_decision = QRadioButton("Beslut om bistånd")
        self.on_decision.setToolTip(
            "Placeringen vilar på biståndsbeslutet: det är inget hyresavtal"
        )
        self.on_lease = QRadioButton("Upplåtelse mot betalning")
        self.on_lease.setToolTip(
            "Kommunen upplåter bostaden mot betalning: ett hyresavtal kan uppstå"
        )
        self.on_decision.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.on_decision)
        group.addButton(self.on_lease)
        basis = QWidget()
        basis_layout = QHBoxLayout(basis)
        basis_layout.setContentsMargins(0, 0, 0, 0)
        basis_layout.addWidget(self.on_decision)
        basis_layout.addWidget(self.on_lease)
        basis_layout.addStretch(1)
        self.add_row("Vilar på", basis)
        self.start = DateField("Startdatum", today())
        self.add_row("Startdatum", self.start)
        # The field holds the last day, as the letters print it; the period is stored by the
        # day after it, when a renewal would start (kernel.periods.last_day).
        self.end = DateField("Periodens sista dag", last_day(temporary_period_end(today(), months)))
        self.end.setToolTip(f"{months} månader enligt regeln; får kortas, aldrig förlängas")
        self.add_row("Periodens sista dag", self.end)
        self.start.textChanged.connect(self._period_by_rule)
        self.fee = ClientFeeField()
        self.add_row("Egenavgift", self.fee)
        self.note = NoteField("Anteckning", "", 50)
        self.add_row("Anteckning", self.note)
        self.responsible = ResponsibleField(db, new_record=True)
        self.add_row("Ansvarig", self.responsible)
        self._fixed_person: int | None = None
        if person_id is not None:
            self._load_decisions(person_id)
            self._fixed_person = person_id

    def _period_by_rule(self) -> None:
        try:
            start = self.start.value()
        except ValidationError:
            return
        if start is not None:
            self.end.set_value(last_day(temporary_period_end(start, self._months)))

    def _person(self) -> int | None:
        return self._fixed_person if self._fixed_person is not None else self.picker.person_id()

    def _load_decisions(self, person_id: object, select: int | None = None) -> None:
        self.decision.clear()
        if not isinstance(person_id, int):
            return
        for line in waiting_decisions(self._db, person_id, (DecisionKind.TEMPORARY,)):
            self.decision.addItem(line.label, line.id)
        if not self.decision.count():
            self.decision.addItem("Inget beslut om tillfälligt boende väntar: registrera det", None)
        if select is not None:
            self.decision.setCurrentIndex(max(0, self.decision.findData(select)))

    def _register_decision(self) -> None:
        person = self._person()
        if person is None:
            self.show_error("Sök fram och välj personen först.")
            return
        dialog = DecisionDialog(
            self._db, self._today, kind=DecisionKind.TEMPORARY, person_id=person, parent=self
        )
        dialog.exec()
        if dialog.saved and dialog.decision_id is not None:
            self._load_decisions(person, select=dialog.decision_id)
            decided = get_decision(self._db, dialog.decision_id).data.decision_date
            try:
                start = self.start.value()
            except ValidationError:
                start = None
            if start is None or start < decided:
                self.start.set_value(decided)

    def perform(self) -> None:
        decision_id = self.decision.currentData()
        place_id = self.place.currentData()
        start = self.start.required_value()
        self.contract_id = place_person(
            self._db,
            PlacementInput(
                decision_id=decision_id if isinstance(decision_id, int) else None,
                place_id=place_id if isinstance(place_id, int) else None,
                start_date=start,
                period_end=_day_after(self.end.value()),
                basis=ContractBasis.LEASE if self.on_lease.isChecked() else ContractBasis.DECISION,
                note=self.note.text(),
                client_fee=self.fee.value(),
                responsible=self.responsible.value(),
            ),
            months=self._months,
        )

    def unusual(self) -> list[str]:
        question = backdated_start_question(self.start.required_value(), self._today())
        return [question] if question else []


class DecisionFields:
    """The decision a renewal or an end communicates: its date, decision-maker, diarienummer."""

    def __init__(self, today: Today) -> None:
        self.date = DateField("Beslutsdatum", today(), required=False)
        self.decided_by = QLineEdit()
        self.decided_by.setAccessibleName("Beslutsfattare")
        self.decided_by.setPlaceholderText("namn och titel, t.ex. Eva Berg, enhetschef")
        self.reference = QLineEdit()
        self.reference.setAccessibleName("Diarienummer")

    def show(self, date: dt.date | None, decided_by: str, reference: str) -> None:
        self.date.set_value(date)
        self.decided_by.setText(decided_by)
        self.reference.setText(reference)

    def add_rows(self, dialog: FormDialog) -> None:
        dialog.add_row("Beslutsdatum", self.date)
        dialog.add_row("Beslutsfattare", self.decided_by)
        dialog.add_row("Diarienummer", self.reference)

    def value(self) -> DecisionFacts:
        return DecisionFacts(self.date.value(), self.decided_by.text(), self.reference.text())


class _PlacementDialog(FormDialog):
    """A form on a running placement: read again as it is saved now when a save is refused."""

    _db: Database
    _today: Today
    _detail: PlacementDetail

    def saved_now(self) -> PlacementDetail:
        return get_placement(self._db, self._detail.contract_id, self._today())

    def load(self, saved: object) -> None:
        assert isinstance(saved, PlacementDetail)
        self._detail = saved
        self.show_placement(saved)

    def edited(self) -> PlacementDetail:
        return self._detail

    def show_placement(self, detail: PlacementDetail) -> None:
        """What the form says about the placement (its current period, its place)."""


class RenewDialog(_PlacementDialog):
    """Renew after a new assessment; the new period follows the rule, or is set shorter."""

    def __init__(
        self,
        db: Database,
        detail: PlacementDetail,
        months: int,
        parent: QWidget | None = None,
        today: Today = dt.date.today,
    ) -> None:
        super().__init__("Förläng placeringen", parent, "Förläng")
        self._db = db
        self._today = today
        self._detail = detail
        self._months = months
        self.new_start = QLabel()
        self.new_start.setAccessibleName("Ny period från och med")
        self.add_row("Ny period från och med", self.new_start)
        self.end = DateField("Ny period till och med")
        self.end.setToolTip(f"{months} månader från förra periodens slut; får kortas")
        self.add_row("Ny period till och med", self.end)
        self.assessment = NoteField("Bedömning", "", 100)
        # The assessment is printed in the renewal letter: it is written to the person.
        self.assessment.setPlaceholderText(
            "Skrivs i förlängningsbrevet, till personen: t.ex. 'Du har sökt … Du behöver "
            "fortfarande …'"
        )
        self.add_row("Bedömning", self.assessment)
        self.fee = ClientFeeField(ClientFee(detail.client_fee_ore, detail.client_fee_unit))
        self.add_row("Egenavgift", self.fee)
        self.decision = DecisionFields(today)
        self.decision.add_rows(self)
        self.period: tuple[str, str] | None = None
        self.show_placement(detail)

    def show_placement(self, detail: PlacementDetail) -> None:
        current = detail.current
        start, end = renewal_period(current.end_date, self._months)
        self.set_intro(
            f"{detail.name}, {detail.place}. Nuvarande period "
            f"{period_text(current.start_date, current.end_date)} (period {current.sequence}). "
            "Behovet ska prövas på nytt inför varje förlängning: skriv bedömningen."
        )
        self.new_start.setText(start.isoformat())
        self.end.set_value(last_day(end))

    def perform(self) -> None:
        start, end = renew_placement(
            self._db,
            self._detail.contract_id,
            self._detail.version,
            self.assessment.text(),
            period_end=_day_after(self.end.required_value()),
            months=self._months,
            client_fee=self.fee.value(),
            decision=self.decision.value(),
        )
        self.period = (start.isoformat(), last_day(end).isoformat())


class RenewalDecisionDialog(_PlacementDialog):
    """The decision behind the latest renewal, when it was not written down at the renewal."""

    def __init__(
        self, db: Database, today: Today, detail: PlacementDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__("Beslut om förlängningen", parent, "Spara")
        self._db = db
        self._today = today
        self._detail = detail
        self.decision = DecisionFields(today)
        self.decision.add_rows(self)
        self.show_placement(detail)

    def show_placement(self, detail: PlacementDetail) -> None:
        current = detail.current
        self.set_intro(
            f"{detail.name}, {detail.place}. Period {current.sequence}, "
            f"{period_text(current.start_date, current.end_date)}. Förlängningsbrevet anger "
            "beslutet: dag, beslutsfattare och diarienummer."
        )
        self.decision.show(
            current.decision_date or self._today(), current.decided_by, current.decision_reference
        )

    def perform(self) -> None:
        record_renewal_decision(
            self._db, self._detail.contract_id, self._detail.version, self.decision.value()
        )


class EndPlacementDialog(_PlacementDialog):
    def __init__(
        self, db: Database, today: Today, detail: PlacementDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__("Avsluta placeringen", parent, "Avsluta")
        self._db = db
        self._today = today
        self._detail = detail
        self.show_placement(detail)
        self.date = DateField("Slutdatum", min(today(), detail.current.end_date))
        self.add_row("Slutdatum", self.date)
        self.reason = NoteField("Skäl")
        self.reason.setPlaceholderText("t.ex. fått egen bostad, flyttat till annan kommun")
        self.add_row("Skäl", self.reason)
        self.require(self.reason)
        self.decision = DecisionFields(today)
        self.decision.add_rows(self)

    def perform(self) -> None:
        end_placement(
            self._db,
            self._detail.contract_id,
            self._detail.version,
            self.date.required_value(),
            self.reason.text(),
            decision=self.decision.value(),
        )

    def unusual(self) -> list[str]:
        question = past_end_question(self.date.required_value(), self._today())
        return [question] if question else []

    def show_placement(self, detail: PlacementDetail) -> None:
        self.set_intro(
            f"{detail.name}, {detail.place}. Perioden löper till och med "
            f"{last_day(detail.current.end_date).isoformat()}; slutdatumet är dagen personen "
            "lämnar platsen (senast dagen efter periodens sista dag)."
        )


class MoveDialog(_PlacementDialog):
    """Move to another place: the period and the decision go along."""

    def __init__(
        self, db: Database, today: Today, detail: PlacementDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__("Flytta till annan plats", parent, "Flytta")
        self._db = db
        self._today = today
        self._detail = detail
        self.contract_id: int | None = None
        self.show_placement(detail)
        self.place = _place_combo(db, exclude=detail.place_id)
        self.add_row("Ny plats", self.place)
        self.date = DateField("Flyttdatum", today())
        self.add_row("Flyttdatum", self.date)
        self.note = NoteField("Anteckning", "", 50)
        self.add_row("Anteckning", self.note)

    def perform(self) -> None:
        place_id = self.place.currentData()
        if not isinstance(place_id, int):
            raise ValidationError("Välj platsen personen flyttar till.")
        self.contract_id = move_placement(
            self._db,
            self._detail.contract_id,
            self._detail.version,
            place_id,
            self.date.required_value(),
            self.note.text(),
        )

    def show_placement(self, detail: PlacementDetail) -> None:
        self.set_intro(
            f"{detail.name} bor nu på {detail.place}. Perioden (till och med "
            f"{last_day(detail.current.end_date).isoformat()}) och beslutet följer med."
        )
