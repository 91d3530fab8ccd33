"""The Kö page: households waiting with a help-with-housing decision, oldest first, marked at
three months; the selected decision's card with its offers and every action on it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QMessageBox, QWidget

from bobudget.app.todo import TodoItem
from bobudget.db.engine import Database
from bobudget.kernel.money import format_amount
from bobudget.kernel.urgency import Urgency
from bobudget.model.vocab import DecisionStatus, OfferAnswer
from bobudget.placement.decisions import DecisionDetail, OfferRow, get_decision
from bobudget.placement.queue import QueueFilter, QueueRow, queue_count, queue_rows, queue_units

from ..errors import message_box
from ..kit.table_model import Column
from ..placement.contract_dialogs import SignContractDialog
from ..placement.decision_dialogs import (
    AnswerDialog,
    DecisionDialog,
    EndDecisionDialog,
    OfferDialog,
)
from ..placement.letters import LEASE_LETTERS, print_letter
from ..placement.lists import section
from ..placement.panel_base import ListPanel
from ..placement.panels import ActionBar, FactsView, SmallTable, wrapped_tooltip
from ..placement.widgets import FormDialog, NumberField

log = logging.getLogger(__name__)

COLUMNS: list[Column[QueueRow]] = [
    Column("Personnummer", lambda r: r.personnummer),
    Column("Namn", lambda r: r.name),
    Column("Beslutsdatum", lambda r: r.decision_date.isoformat()),
    Column("Dagar", lambda r: str(r.waiting_days), right=True, coloured=True),
    Column("Markering", lambda r: r.mark_label, coloured=True),
    Column("Behov", lambda r: r.needs),
    # A decline's reason is cut from the list but read whole on hover.
    Column(
        "Senaste erbjudande",
        lambda r: r.last_offer,
        tooltip=lambda r: wrapped_tooltip(r.last_offer_in_full) or None,
    ),
    Column("Tre månader", lambda r: r.three_months.isoformat()),
    Column("Enhet", lambda r: r.unit),
    Column("Ansvarig", lambda r: r.responsible_name or "–"),
]


def _answer(offer: OfferRow) -> str:
    """ "Tackade nej 2026-09-03: För långt från skolan"."""
    text = offer.answer_label
    if offer.answer_date:
        text += f" {offer.answer_date.isoformat()}"
    return f"{text}: {offer.decline_reason}" if offer.decline_reason else text


def queue_mark(row: QueueRow) -> Urgency:
    """How the row is coloured: its urgency, but red and bold already on the last day of the
    three months. Tomorrow the decision is reported to IVO; amber would say there is time."""
    return Urgency.OVERDUE if row.mark is Urgency.TODAY else row.mark


class QueuePage(ListPanel[QueueRow]):
    STATE_KEY = "queue"
    LIST_WIDTH = 820

    def __init__(
        self,
        db: Database,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Kö", COLUMNS, queue_mark, today, parent)
        self._db = db
        self.detail: DecisionDetail | None = None
        self.unit = QComboBox()
        self.unit.setAccessibleName("Filtrera på enhet")
        self.rooms = NumberField("Antal rum")
        self.rooms.setPlaceholderText("Rum")
        self.rooms.setToolTip("Bara hushåll som behöver så många rum")
        self.accessible = QCheckBox("Tillgänglighet")
        self.accessible.setToolTip("Bara hushåll som behöver tillgänglighetsanpassad bostad")
        self.with_children = QCheckBox("Barn")
        self.with_children.setToolTip("Bara hushåll med barn")
        self.passed = QCheckBox("Över 3 mån")
        self.passed.setToolTip("Bara beslut som inte verkställts inom tre månader (IVO)")
        self.filter_row.addWidget(self.unit)
        self.filter_row.addWidget(self.rooms)
        for box in (self.accessible, self.with_children, self.passed):
            self.options_row.addWidget(box)
        self.options_row.addStretch(1)
        self.unit.currentIndexChanged.connect(self.filters_changed)
        self.rooms.textChanged.connect(self.filters_changed)
        for box in (self.accessible, self.with_children, self.passed):
            box.toggled.connect(self.filters_changed)
        self._build_card()
        self.restore_state()
        # Nothing is read until the page is first shown (then the units and the list).
        self.changes.stale = True

    # --- the list -------------------------------------------------------------------------

    def load_units(self) -> None:
        keep = self.unit.currentData()
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem("Alla enheter", "")
        for unit in queue_units(self._db):
            self.unit.addItem(unit, unit)
        self.unit.setCurrentIndex(max(0, self.unit.findData(keep)))
        self.unit.blockSignals(False)

    def queue_filter(self) -> QueueFilter:
        text = self.rooms.text().strip()
        return QueueFilter(
            text=self.filter_field.text(),
            unit=str(self.unit.currentData() or ""),
            rooms=int(text) if text.isdigit() else None,
            accessibility=self.accessible.isChecked(),
            children=self.with_children.isChecked(),
            passed_only=self.passed.isChecked(),
        )

    def fetch(self, offset: int, limit: int) -> Sequence[QueueRow]:
        return queue_rows(self._db, self.queue_filter(), self.today(), limit=limit, offset=offset)

    def count(self) -> int:
        return queue_count(self._db, self.queue_filter(), self.today())

    def count_text(self, total: int) -> str:
        passed = queue_count(self._db, QueueFilter(passed_only=True), self.today())
        return f"{total} hushåll väntar · {passed} i hela kön har väntat mer än tre månader"

    def key(self, row: QueueRow) -> int:
        return row.decision_id

    def _reload_for_change(self) -> None:
        # A new decision may bring a new unit to filter on.
        self.load_units()
        self.reload()

    # --- the card -------------------------------------------------------------------------

    def _build_card(self) -> None:
        self.title = self.card_title("")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("cardIdentity")
        self.facts = FactsView("Beslutet")
        self.offers = SmallTable(("Erbjuden", "Bostad", "Svar"), "Erbjudanden", (1, 2))
        self.action_bar = ActionBar(2)
        self.action_bar.add("new", "Nytt beslut…", self.new_decision, shortcut="Ctrl+N")
        self.action_bar.add("edit", "Ändra beslut…", self.edit_decision, shortcut="Ctrl+E")
        self.action_bar.add("offer", "Erbjud bostad…", self.offer, shortcut="Ctrl+B")
        self.action_bar.add("answer", "Registrera svar…", self.answer, shortcut="Ctrl+R")
        self.action_bar.add(
            "contract",
            "Skriv kontrakt…",
            self.sign,
            shortcut="Ctrl+K",
            description="Verkställ beslutet: skriv kontraktet, beslutet lämnar kön",
        )
        self.action_bar.add("end", "Avsluta beslut…", self.end_decision)
        self.action_bar.add(
            "letter",
            "Brev om dröjsmål…",
            self.delay_letter,
            description="Brev till hushållet när beslutet väntat mer än tre månader",
        )
        for widget in (self.title, self.subtitle, self.action_bar, self.facts):
            self.card_layout.addWidget(widget)
        self.offers_title = section("Erbjudanden")
        self.card_layout.addWidget(self.offers_title)
        self.card_layout.addWidget(self.offers)
        # The table cuts a long reason short; here every "nej" is read whole.
        self.declines_title = section("Skäl till nej")
        self.declines = FactsView("Skäl till nej")
        self.card_layout.addWidget(self.declines_title)
        self.card_layout.addWidget(self.declines)
        self.card_layout.addStretch(1)
        self.clear_card()

    def clear_card(self) -> None:
        self.detail = None
        for widget in (
            self.title,
            self.subtitle,
            self.facts,
            self.offers,
            self.offers_title,
            self.declines_title,
            self.declines,
        ):
            widget.hide()
        self.action_bar.explain("offer", "")
        self.action_bar.enable(
            new=True, edit=False, offer=False, answer=False, contract=False, end=False, letter=False
        )

    def show_row(self, row: QueueRow) -> None:
        detail = get_decision(self._db, row.decision_id)
        self.detail = detail
        for widget in (self.title, self.subtitle, self.facts, self.offers, self.offers_title):
            widget.show()
        self.title.setText(detail.name)
        protected = " · Skyddade personuppgifter" if detail.protected else ""
        self.subtitle.setText(f"{detail.personnummer}{protected}")
        d = detail.data
        ceiling = format_amount(d.need_rent_ceiling_ore) if d.need_rent_ceiling_ore else ""
        self.facts.set_facts(
            [
                ("Beslut", f"{detail.kind_label} ({detail.status_label.lower()})"),
                ("Beslutsdatum", d.decision_date.isoformat()),
                ("Beslutsfattare", d.decided_by),
                ("Enhet", d.unit),
                ("Diarienummer", d.reference),
                ("Ansvarig", row.responsible_name or "–"),
                ("Väntat", f"{row.waiting_days} dagar"),
                ("Tre månader", f"{row.three_months.isoformat()} {row.mark_label}".strip()),
                ("Behov", detail.needs),
                ("Hyrestak", ceiling),
                ("Önskade områden", d.need_areas_wished),
                ("Undvik", d.need_areas_avoided),
                ("Skäl till dröjsmål", d.delay_reason),
                ("Anteckning", d.note),
            ]
        )
        self.offers.set_rows(
            [[o.offered_date.isoformat(), o.dwelling, _answer(o)] for o in detail.offers]
        )
        declines = [
            # Labelled by the offer's date, as in the table above: the reason gets the room.
            (o.offered_date.isoformat(), _answer(o))
            for o in detail.offers
            if o.answer == OfferAnswer.DECLINED
        ]
        self.declines.set_facts(declines)
        self.declines.setVisible(bool(declines))
        self.declines_title.setVisible(bool(declines))
        pending = any(o.answer == OfferAnswer.PENDING for o in detail.offers)
        waiting = detail.status == DecisionStatus.WAITING
        self.action_bar.explain("offer", detail.offer_refusal)
        self.action_bar.enable(
            new=True,
            edit=True,
            answer=pending,
            contract=waiting,
            end=waiting,
            letter=waiting and row.mark is Urgency.OVERDUE,
        )

    # --- actions --------------------------------------------------------------------------

    def new_decision(self) -> None:
        dialog = DecisionDialog(self._db, self.today, parent=self)
        dialog.exec()
        if dialog.saved and dialog.decision_id is not None:
            # The list was read again through the change signal: show the new decision.
            self.select_key(dialog.decision_id)

    def edit_decision(self) -> None:
        if self.detail is None:
            return
        dialog = DecisionDialog(self._db, self.today, self.detail, parent=self)
        dialog.exec()
        self._after(dialog)

    def offer(self) -> None:
        if self.detail is None:
            return
        dialog = OfferDialog(self._db, self.today, self.detail, parent=self)
        dialog.exec()
        self._after(dialog)

    def answer(self) -> None:
        if self.detail is None:
            return
        pending = [o for o in self.detail.offers if o.answer == OfferAnswer.PENDING]
        if not pending:
            return
        dialog = AnswerDialog(self._db, self.today, self.detail, pending[-1], parent=self)
        dialog.exec()
        self._after(dialog)

    def end_decision(self) -> None:
        if self.detail is None:
            return
        dialog = EndDecisionDialog(self._db, self.today, self.detail, parent=self)
        dialog.exec()
        self._after(dialog)

    def sign(self) -> None:
        if self.detail is None:
            return
        accepted = [
            o for o in self.detail.offers if o.answer in (OfferAnswer.ACCEPTED, OfferAnswer.PENDING)
        ]
        dwelling = accepted[-1].dwelling_id if accepted else None
        # Kept now: once signed, the list is read again and the decision has left the queue.
        person = self.detail.person_id
        dialog = SignContractDialog(self._db, self.today, self.detail, dwelling, parent=self)
        dialog.exec()
        if not (dialog.saved and dialog.contract_id is not None):
            self._after(dialog)
            return
        box = message_box(
            self,
            QMessageBox.Icon.Question,
            "Kontraktet är skrivet och beslutet är verkställt; hushållet har lämnat kön.",
            informative="Vill du skriva ut kontraktet nu?",
            title="Kontraktet är skrivet",
        )
        yes = box.addButton("Skriv ut kontraktet…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Inte nu", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is yes:
            kind = LEASE_LETTERS[dialog.kind_value]
            print_letter(self, self._db, kind, person, dialog.contract_id, today=self.today())

    def delay_letter(self) -> None:
        if self.detail is not None:
            detail = self.detail
            print_letter(
                self, self._db, "decision_not_executed", detail.person_id, None,
                subject_id=detail.id, today=self.today(),
            )  # fmt: skip

    def _after(self, dialog: FormDialog) -> None:
        # A save is read again through the change signal, once; a conflict saved nothing, so
        # what is shown is read again here.
        if dialog.reload_requested and not dialog.saved:
            self.reload()

    # --- from Att göra --------------------------------------------------------------------

    def open_todo_item(self, item: TodoItem) -> None:
        for box in (self.accessible, self.with_children, self.passed):
            box.setChecked(False)
        self.unit.setCurrentIndex(0)
        self.rooms.clear()
        self.filter_field.setText(item.personnummer)
        self.reload(keep=item.decision_id)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_search(self) -> None:
        self.focus_filter()
