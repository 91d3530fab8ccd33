"""The forms of the queue: a decision handed over, its end, an offer of a dwelling, the answer."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from bobudget.db.engine import Database
from bobudget.kernel.errors import ValidationError
from bobudget.kernel.money import format_amount
from bobudget.model import Decision
from bobudget.model.vocab import DecisionKind, DwellingStatus, OfferAnswer
from bobudget.placement.decisions import (
    DecisionDetail,
    DecisionInput,
    OfferRow,
    answer_offer,
    end_decision,
    get_decision,
    household_summary,
    record_offer,
    register_decision,
    update_decision,
)
from bobudget.placement.housing_stock import DwellingFilter, list_dwellings
from bobudget.placement.rules import offer_reply_by

from ..forms import AmountField, DateField
from ..kit import ResponsibleField, limit_to_columns
from .widgets import FormDialog, NoteField, NumberField, PersonPicker, Today

KNOWN_UNITS = ("Ekonomiskt bistånd", "Vuxenavdelningen", "Socialjouren")


class DecisionDialog(FormDialog):
    """Register a favourable decision with the household's needs, or change one."""

    def __init__(
        self,
        db: Database,
        today: Today,
        detail: DecisionDetail | None = None,
        *,
        kind: DecisionKind = DecisionKind.HOUSING,
        person_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Ändra beslut" if detail else "Nytt beslut", parent)
        self.setMinimumWidth(680)
        self._db = db
        self._today = today
        self._detail = detail
        self.decision_id: int | None = detail.id if detail else None
        data = detail.data if detail else None
        self._fixed_person = detail.person_id if detail else person_id
        self.picker: PersonPicker | None = None
        if self._fixed_person is None:
            self.picker = PersonPicker(db)
            self.add_row("Person", self.picker)
        else:
            who = QLabel(f"{detail.name} ({detail.personnummer})" if detail else "")
            if detail is None:
                who.setText("Personen som valdes")
            self.add_row("Person", who)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Beslutstyp")
        for key, label in DecisionKind.labels().items():
            self.kind.addItem(label, key)
        self.kind.setCurrentIndex(max(0, self.kind.findData(data.kind if data else kind)))
        self.kind.setEnabled(detail is None)
        self.add_row("Beslutstyp", self.kind)
        self.date = DateField("Beslutsdatum", data.decision_date if data else today())
        self.add_row("Beslutsdatum", self.date)
        self.decided_by = QLineEdit(data.decided_by if data else "")
        self.decided_by.setAccessibleName("Beslutsfattare")
        self.add_row("Beslutsfattare", self.decided_by)
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.setAccessibleName("Beslutande enhet")
        self.unit.addItems(KNOWN_UNITS)
        self.unit.setCurrentText(data.unit if data else "")
        self.add_row("Enhet", self.unit)
        self.reference = QLineEdit(data.reference if data else "")
        self.reference.setAccessibleName("Diarienummer")
        self.reference.setPlaceholderText("t.ex. SN 2026/00412")
        self.add_row("Diarienummer", self.reference)
        # The household's size comes from its members, registered on the person card.
        self.household = QLabel()
        self.household.setWordWrap(True)
        self.household.setAccessibleName("Hushållet")
        self.household.setToolTip("Räknas från hushållets medlemmar; ändra dem på personkortet")
        self.add_row("Hushållet", self.household)
        if self.picker is not None:
            self.picker.personChanged.connect(lambda _p: self._show_household())
        self._show_household()
        self.rooms = NumberField("Antal rum", data.need_rooms if data else None)
        counts = QWidget()
        row = QHBoxLayout(counts)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Rum"))
        row.addWidget(self.rooms)
        row.addStretch(1)
        self.add_row("Hushållet behöver", counts)
        self.ceiling = AmountField("Hyrestak", data.need_rent_ceiling_ore if data else None)
        self.add_row("Hyrestak per månad", self.ceiling)
        self.wished = QLineEdit(data.need_areas_wished if data else "")
        self.wished.setAccessibleName("Önskade områden")
        self.add_row("Önskade områden", self.wished)
        self.avoided = QLineEdit(data.need_areas_avoided if data else "")
        self.avoided.setAccessibleName("Områden att undvika")
        self.add_row("Områden att undvika", self.avoided)
        self.accessible = QCheckBox("Behöver tillgänglighetsanpassad bostad")
        self.accessible.setChecked(bool(data and data.need_accessibility))
        self.add_row("", self.accessible)
        self.delay = NoteField("Skäl till dröjsmål", data.delay_reason if data else "")
        self.delay.setToolTip(
            "IVO frågar efter skälet när beslutet inte verkställts inom tre månader"
        )
        self.add_row("Skäl till dröjsmål", self.delay)
        self.note = NoteField("Anteckning", data.note if data else "", 50)
        self.add_row("Anteckning", self.note)
        self.responsible = ResponsibleField(
            db, (data.responsible or "") if data else "", new_record=detail is None
        )
        self.add_row("Ansvarig", self.responsible)
        self.require(self.decided_by, self.reference)
        limit_to_columns(
            {
                self.decided_by: Decision.decided_by,
                self.unit: Decision.unit,
                self.reference: Decision.reference,
                self.wished: Decision.need_areas_wished,
                self.avoided: Decision.need_areas_avoided,
            }
        )

    def _person_id(self) -> int | None:
        if self._fixed_person is not None:
            return self._fixed_person
        chosen = self.picker.person_id() if self.picker is not None else None
        return chosen if isinstance(chosen, int) else None

    def _show_household(self) -> None:
        person_id = self._person_id()
        summary = household_summary(self._db, person_id, self._today()) if person_id else ""
        self.household.setText(
            f"{summary} (ändras på personkortet)" if summary else "Välj personen först."
        )

    def _input(self) -> DecisionInput:
        person = self._fixed_person
        if person is None:
            assert self.picker is not None
            person = self.picker.required_person()
        return DecisionInput(
            person_id=person,
            kind=DecisionKind(self.kind.currentData()),
            decision_date=self.date.required_value(),
            decided_by=self.decided_by.text(),
            reference=self.reference.text(),
            unit=self.unit.currentText(),
            need_rooms=self.rooms.value(),
            need_rent_ceiling_ore=self.ceiling.value_ore(),
            need_areas_wished=self.wished.text(),
            need_areas_avoided=self.avoided.text(),
            need_accessibility=self.accessible.isChecked(),
            delay_reason=self.delay.text(),
            note=self.note.text(),
            responsible=self.responsible.value(),
        )

    def perform(self) -> None:
        data = self._input()
        if self._detail is None:
            self.decision_id = register_decision(self._db, data, today=self._today())
        else:
            update_decision(
                self._db, self._detail.id, self._detail.version, data, today=self._today()
            )

    def saved_now(self) -> DecisionDetail | None:
        return get_decision(self._db, self._detail.id) if self._detail is not None else None

    def load(self, saved: object) -> None:
        assert isinstance(saved, DecisionDetail)
        self._detail = saved
        data = saved.data
        self.date.set_value(data.decision_date)
        self.decided_by.setText(data.decided_by)
        self.unit.setCurrentText(data.unit)
        self.reference.setText(data.reference)
        self._show_household()
        self.rooms.setText("" if data.need_rooms is None else str(data.need_rooms))
        self.ceiling.set_value(data.need_rent_ceiling_ore)
        self.wished.setText(data.need_areas_wished)
        self.avoided.setText(data.need_areas_avoided)
        self.accessible.setChecked(data.need_accessibility)
        self.delay.setPlainText(data.delay_reason)
        self.note.setPlainText(data.note)
        self.responsible.set_value(data.responsible or "")

    def edited(self) -> DecisionDetail | None:
        return self._detail


class EndDecisionDialog(FormDialog):
    def __init__(
        self, db: Database, today: Today, detail: DecisionDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__("Avsluta beslut utan verkställighet", parent, "Avsluta beslutet")
        self._db = db
        self._detail = detail
        self._show(detail)
        self.date = DateField("Slutdatum", today())
        self.add_row("Avslutat den", self.date)
        self.reason = NoteField("Skäl")
        self.add_row("Skäl", self.reason)
        self.require(self.reason)

    def perform(self) -> None:
        end_decision(
            self._db,
            self._detail.id,
            self._detail.version,
            self.date.required_value(),
            self.reason.text(),
        )

    def _show(self, detail: DecisionDetail) -> None:
        self.set_intro(
            f"{detail.name}: {detail.kind_label.lower()}, beslutat "
            f"{detail.data.decision_date.isoformat()} ({detail.data.reference}). Beslutet lämnar "
            "kön; skälet redovisas till IVO om det väntat mer än tre månader."
        )

    # Ending is done on the decision as saved: its version comes from it, the rest is typed.

    def saved_now(self) -> DecisionDetail:
        return get_decision(self._db, self._detail.id)

    def load(self, saved: object) -> None:
        assert isinstance(saved, DecisionDetail)
        self._detail = saved
        self._show(saved)

    def edited(self) -> DecisionDetail:
        return self._detail


class OfferDialog(FormDialog):
    """Offer a free dwelling to the household: filter by address and rooms, pick, date."""

    def __init__(
        self, db: Database, today: Today, detail: DecisionDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__("Erbjud bostad", parent, "Registrera erbjudandet")
        self._db = db
        self._today = today
        self._detail = detail
        self.offer_id: int | None = None
        self.set_intro(f"{detail.name} behöver: {detail.needs}.")
        self.search = QLineEdit()
        self.search.setAccessibleName("Sök ledig bostad")
        self.search.setPlaceholderText("Adress, objektnummer eller hyresvärd")
        self.rooms = NumberField("Antal rum", detail.data.need_rooms)
        filters = QWidget()
        row = QHBoxLayout(filters)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search, 1)
        row.addWidget(QLabel("Rum"))
        row.addWidget(self.rooms)
        self.add_row("Sök", filters)
        self.dwelling = QComboBox()
        self.dwelling.setAccessibleName("Ledig bostad")
        self.dwelling.setMinimumWidth(420)
        self.add_row("Ledig bostad", self.dwelling)
        self.date = DateField("Erbjudet den", today())
        self.add_row("Erbjudet den", self.date)
        # The last day to answer, as the offer letter states it: a week on unless changed.
        self.reply_by = DateField("Svar senast", offer_reply_by(today()))
        self.add_row("Svar senast", self.reply_by)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.load_dwellings)
        self.search.textChanged.connect(self._timer.start)
        self.rooms.textChanged.connect(self._timer.start)
        self.load_dwellings()

    def load_dwellings(self) -> None:
        self._timer.stop()
        try:
            rooms = self.rooms.value()
        except ValidationError:
            return
        rows = list_dwellings(
            self._db,
            DwellingFilter(text=self.search.text(), status=DwellingStatus.AVAILABLE, rooms=rooms),
            limit=100,
        )
        self.dwelling.clear()
        for r in rows:
            d = r.data
            rent = f", {format_amount(d.rent_ore)}" if d.rent_ore is not None else ""
            rooms_text = f", {d.rooms} rum" if d.rooms else ""
            self.dwelling.addItem(f"{d.address}{rooms_text}{rent} – {r.landlord}", r.id)
        if not rows:
            self.dwelling.addItem("Ingen ledig bostad matchar", None)

    def perform(self) -> None:
        dwelling_id = self.dwelling.currentData()
        if not isinstance(dwelling_id, int):
            raise ValidationError("Välj en ledig bostad att erbjuda.")
        self.offer_id = record_offer(
            self._db,
            self._detail.id,
            dwelling_id,
            self.date.required_value(),
            today=self._today(),
            reply_by=self.reply_by.required_value(),
        )


class AnswerDialog(FormDialog):
    """The household's answer to an offer; declined needs the reason."""

    def __init__(
        self,
        db: Database,
        today: Today,
        detail: DecisionDetail,
        offer: OfferRow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Svar på erbjudande", parent, "Registrera svaret")
        self._db = db
        self._today = today
        self._decision_id = detail.id
        self._offer = offer
        self.set_intro(
            f"{detail.name}: {offer.dwelling}, erbjuden {offer.offered_date.isoformat()}."
        )
        self.accepted_offer = QRadioButton("Tackade ja")
        self.declined_offer = QRadioButton("Tackade nej")
        group = QButtonGroup(self)
        group.addButton(self.accepted_offer)
        group.addButton(self.declined_offer)
        answers = QWidget()
        row = QHBoxLayout(answers)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.accepted_offer)
        row.addWidget(self.declined_offer)
        row.addStretch(1)
        self.add_row("Svar", answers)
        self.date = DateField("Svarsdatum", today())
        self.add_row("Svarsdatum", self.date)
        self.reason = NoteField("Skäl till nej")
        self.reason.setPlaceholderText("Varför hushållet tackade nej (redovisas till IVO)")
        self.add_row("Skäl till nej", self.reason)
        self.declined_offer.toggled.connect(self.reason.setEnabled)
        self.reason.setEnabled(False)

    def perform(self) -> None:
        if not (self.accepted_offer.isChecked() or self.declined_offer.isChecked()):
            raise ValidationError("Välj om hushållet tackade ja eller nej.")
        answer = OfferAnswer.ACCEPTED if self.accepted_offer.isChecked() else OfferAnswer.DECLINED
        answer_offer(
            self._db,
            self._offer.id,
            self._offer.version,
            answer,
            self.date.required_value(),
            self.reason.text() if answer == OfferAnswer.DECLINED else "",
            today=self._today(),
        )

    # The answer is recorded on the offer as saved: its version comes from it.

    def saved_now(self) -> OfferRow | None:
        offers = get_decision(self._db, self._decision_id).offers
        return next((o for o in offers if o.id == self._offer.id), None)

    def load(self, saved: object) -> None:
        assert isinstance(saved, OfferRow)
        self._offer = saved

    def edited(self) -> OfferRow:
        return self._offer
