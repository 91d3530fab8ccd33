"""Bostadssocialt kontrakt: recording the takeover review, and the takeover itself."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from bobudget.db.engine import Database
from bobudget.model.vocab import TakeoverOutcome
from bobudget.placement.takeover import (
    TakeoverReview,
    get_takeover_review,
    record_takeover_review,
    register_takeover,
)

from ..forms import DateField
from ..style import GREEN, RED
from .widgets import FormDialog, NoteField, Today


def review_facts(review: TakeoverReview) -> list[tuple[str, str]]:
    return [
        ("Kontraktet började", review.start_date.isoformat()),
        ("Prövning (12 månader)", review.review_date.isoformat()),
        ("Beslut senast (24 månader)", review.flag_date.isoformat()),
        ("Läge", review.status_text),
        ("Villkor", review.eligibility.text),
    ]


def _eligibility_label(review: TakeoverReview) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName("Villkor för övertagande")
    _show_eligibility(label, review)
    return label


def _show_eligibility(label: QLabel, review: TakeoverReview) -> None:
    label.setText(review.eligibility.text)
    colour = GREEN if review.eligibility.eligible else RED
    label.setStyleSheet(f"color: {colour}; font-weight: bold;")


class _ReviewDialog(FormDialog):
    """A form on the takeover review of a contract: read again when a save is refused."""

    _db: Database
    _today: Today
    review: TakeoverReview
    eligibility: QLabel

    def saved_now(self) -> TakeoverReview:
        return get_takeover_review(self._db, self.review.contract_id, self._today())

    def load(self, saved: object) -> None:
        assert isinstance(saved, TakeoverReview)
        self.review = saved
        _show_eligibility(self.eligibility, saved)

    def edited(self) -> TakeoverReview:
        return self.review


class TakeoverReviewDialog(_ReviewDialog):
    """Record the review held at 12 months and what it found."""

    def __init__(
        self,
        db: Database,
        today: Today,
        contract_id: int,
        what: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Övertagandeprövning", parent, "Registrera prövningen")
        self._db = db
        self._today = today
        self.review = get_takeover_review(db, contract_id, today())
        self.set_intro(
            f"{what}. Prövningen ska göras {self.review.review_date.isoformat()}: hyran betald "
            "i tid, lägenheten väl skött och inga störningar."
        )
        self.eligibility = _eligibility_label(self.review)
        self.add_row("Under perioden", self.eligibility)
        self.date = DateField("Prövad den", today())
        self.add_row("Prövad den", self.date)
        self.note = NoteField("Vad prövningen kom fram till", self.review.review_note)
        self.note.setPlaceholderText(
            "Skrivs i beslutsbrevet: skriv till hyresgästen, t.ex. 'Du har betalat hyran i tid …'"
        )
        self.add_row("Resultat", self.note)
        # The decision the review led to: the decision letter names it and how to appeal.
        self.outcome = QComboBox()
        self.outcome.setAccessibleName("Beslut efter prövningen")
        self.outcome.addItem("Inte beslutat ännu", "")
        for outcome in TakeoverOutcome:
            self.outcome.addItem(outcome.label, str(outcome))
        self.add_row("Beslut", self.outcome)
        self.decided_by = QLineEdit()
        self.decided_by.setAccessibleName("Beslutsfattare")
        self.decided_by.setPlaceholderText("namn och titel, t.ex. Eva Berg, enhetschef")
        self.add_row("Beslutsfattare", self.decided_by)
        self.reference = QLineEdit()
        self.reference.setAccessibleName("Diarienummer")
        self.add_row("Diarienummer", self.reference)
        self._show_decision()

    def _show_decision(self) -> None:
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(self.review.outcome)))
        self.decided_by.setText(self.review.decided_by)
        self.reference.setText(self.review.decision_reference)

    def load(self, saved: object) -> None:
        super().load(saved)
        self.note.setPlainText(self.review.review_note)
        self._show_decision()

    def perform(self) -> None:
        record_takeover_review(
            self._db,
            self.review.contract_id,
            self.review.version,
            self.date.required_value(),
            self.note.text(),
            today=self._today(),
            outcome=str(self.outcome.currentData() or ""),
            decided_by=self.decided_by.text(),
            reference=self.reference.text(),
        )


class TakeoverDialog(_ReviewDialog):
    """The tenant takes the lease over: the municipality's contract ends that day."""

    def __init__(
        self,
        db: Database,
        today: Today,
        contract_id: int,
        what: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Övertagande", parent, "Registrera övertagandet")
        self._db = db
        self._today = today
        self.review = get_takeover_review(db, contract_id, today())
        self.set_intro(
            f"{what}. Hyresgästen tar över förstahandskontraktet; kommunens kontrakt upphör "
            "samma dag och personen räknas inte längre som hemlös."
        )
        self.eligibility = _eligibility_label(self.review)
        self.add_row("Under perioden", self.eligibility)
        self.date = DateField("Övertaget den", today())
        self.add_row("Övertaget den", self.date)
        self.despite = NoteField("Varför övertagandet ändå görs")
        self.despite.setPlaceholderText("Fylls i bara när villkoren inte är uppfyllda")
        self.despite.setEnabled(not self.review.eligibility.eligible)
        self.add_row("Trots villkoren", self.despite)

    def load(self, saved: object) -> None:
        super().load(saved)
        self.despite.setEnabled(not self.review.eligibility.eligible)

    def perform(self) -> None:
        register_takeover(
            self._db,
            self.review.contract_id,
            self.review.version,
            self.date.required_value(),
            despite_ineligible=self.despite.text(),
        )
