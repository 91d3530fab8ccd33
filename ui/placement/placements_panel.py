"""The active placements in temporary housing: soonest end first, days left, the reminder
window marked; the selected placement's periods, costs, and Placera/Förläng/Avsluta/Flytta.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QMessageBox, QWidget

from bobudget.db.engine import Database
from bobudget.db.settings_in_use import effective_settings
from bobudget.kernel.money import format_amount
from bobudget.kernel.periods import last_day, period_text
from bobudget.placement.temporary_list import (
    PlacementDetail,
    PlacementFilter,
    PlacementRow,
    active_placements,
    count_active_placements,
    get_placement,
)
from bobudget.placement.temporary_places import cost_label, place_choices

from ..errors import message_box
from ..kit.table_model import Column
from .letters import print_letter
from .lists import section
from .panel_base import ListPanel
from .panels import ActionBar, FactsView, SmallTable
from .temporary_dialogs import (
    EndPlacementDialog,
    MoveDialog,
    PlaceDialog,
    RenewalDecisionDialog,
    RenewDialog,
)
from .widgets import FormDialog


def _days(row: PlacementRow) -> str:
    if row.days_left < 0:
        return f"{-row.days_left} dagar sedan"
    return "i dag" if row.days_left == 0 else str(row.days_left)


def _money(ore: int | None) -> str:
    return format_amount(ore) if ore is not None else ""


COLUMNS: list[Column[PlacementRow]] = [
    Column("Personnummer", lambda r: r.personnummer),
    Column("Namn", lambda r: r.name),
    Column("Till och med", lambda r: last_day(r.period_end).isoformat(), coloured=True),
    Column("Dagar kvar", _days, right=True, coloured=True),
    Column("Läge", lambda r: r.status, coloured=True, min_chars=24),
    Column("Förlängningar", lambda r: str(r.renewals), right=True),
    Column("Plats", lambda r: r.place),
    Column("Periodstart", lambda r: r.period_start.isoformat()),
    Column("Kostnad hittills", lambda r: _money(r.cost_to_date), right=True),
    Column("Ansvarig", lambda r: r.responsible_name or "–"),
]


class PlacementsPanel(ListPanel[PlacementRow]):
    STATE_KEY = "placements"
    LIST_WIDTH = 860

    def __init__(
        self, db: Database, today: Callable[[], dt.date], parent: QWidget | None = None
    ) -> None:
        super().__init__("Placeringar", COLUMNS, lambda r: r.mark, today, parent)
        self._db = db
        self.detail: PlacementDetail | None = None
        settings = effective_settings(db)
        self.reminder_days = settings.renewal_reminder_days
        self.months = settings.temporary_period_months
        self.place = QComboBox()
        self.place.setAccessibleName("Filtrera på plats")
        self.place.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.place.setMinimumContentsLength(18)
        self.marked = QCheckBox(f"Bara de som ska beslutas inom {self.reminder_days} dagar")
        self.marked.setToolTip("Perioden slutar inom påminnelsefönstret, eller har redan slutat")
        self.filter_row.addWidget(self.place)
        self.options_row.addWidget(self.marked)
        self.options_row.addStretch(1)
        self.place.currentIndexChanged.connect(self.filters_changed)
        self.marked.toggled.connect(self.filters_changed)
        self.title = self.card_title("")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("cardIdentity")
        self.facts = FactsView("Placeringen")
        self.periods = SmallTable(
            ("Period", "Från och med", "Till och med", "Beslut", "Bedömning"), "Perioder", 4
        )
        self.action_bar = ActionBar(2)
        add = self.action_bar.add
        add("place", "Placera…", self.place_person, shortcut="Ctrl+N")
        add("renew", "Förläng…", self.renew, shortcut="Ctrl+R")
        add("end", "Avsluta…", self.end)
        add("move", "Flytta…", self.move_placement, shortcut="Ctrl+M")
        add("decision", "Beslut om förlängningen…", self.renewal_decision)
        add("letter_place", "Placeringsbrev…", lambda: self._letter("temporary_placement"))
        add("letter_renew", "Förlängningsbrev…", lambda: self._letter("temporary_renewal"))
        self.periods_title = section("Perioder")
        for widget in (self.title, self.subtitle, self.action_bar, self.facts):
            self.card_layout.addWidget(widget)
        self.card_layout.addWidget(self.periods_title)
        self.card_layout.addWidget(self.periods)
        self.card_layout.addStretch(1)
        self.load_places()
        self.restore_state()
        self.clear_card()

    def load_places(self) -> None:
        keep = self.place.currentData()
        self.place.blockSignals(True)
        self.place.clear()
        self.place.addItem("Alla platser", None)
        for place_id, name in place_choices(self._db):
            self.place.addItem(name, place_id)
        self.place.setCurrentIndex(max(0, self.place.findData(keep)))
        self.place.blockSignals(False)

    def placement_filter(self) -> PlacementFilter:
        place = self.place.currentData()
        return PlacementFilter(
            text=self.filter_field.text(),
            place_id=place if isinstance(place, int) else None,
            marked_only=self.marked.isChecked(),
        )

    def fetch(self, offset: int, limit: int) -> Sequence[PlacementRow]:
        today = self.today()
        return active_placements(
            self._db, today, today, self.placement_filter(),
            reminder_days=self.reminder_days, limit=limit, offset=offset,
        )  # fmt: skip

    def count(self) -> int:
        today = self.today()
        return count_active_placements(
            self._db, today, today, self.placement_filter(), reminder_days=self.reminder_days
        )

    def count_text(self, total: int) -> str:
        today = self.today()
        due = count_active_placements(
            self._db, today, today, PlacementFilter(marked_only=True),
            reminder_days=self.reminder_days,
        )  # fmt: skip
        return f"{total} pågående placeringar · {due} ska förlängas eller avslutas snart"

    def key(self, row: PlacementRow) -> int:
        return row.contract_id

    def clear_card(self) -> None:
        self.detail = None
        for widget in (self.title, self.subtitle, self.facts, self.periods, self.periods_title):
            widget.hide()
        self.action_bar.enable(
            place=True, renew=False, end=False, move=False, letter_place=False, letter_renew=False,
            decision=False,
        )  # fmt: skip

    def show_row(self, row: PlacementRow) -> None:
        d = get_placement(self._db, row.contract_id, self.today())
        self.detail = d
        for widget in (self.title, self.subtitle, self.facts, self.periods, self.periods_title):
            widget.show()
        self.title.setText(d.name)
        protected = (
            " · Skyddade personuppgifter: platsen visas inte i listor" if d.protected else ""
        )
        self.subtitle.setText(f"{d.personnummer}{protected}")
        current = d.current
        facts = [
            ("Plats", f"{d.place} ({d.place_kind.lower()})" if d.place_kind else d.place),
            ("Platsens adress", d.place_address),
            ("Beslut", f"{d.decision_reference} ({_date(d.decision_date)})"
             if d.decision_id else "Inget (importerat)"),
            ("Vilar på", d.basis_label),
            ("Ansvarig", row.responsible_name or "–"),
            ("Placerad sedan", d.start_date.isoformat()),
            ("Nuvarande period", f"{period_text(current.start_date, current.end_date)} "
             f"(period {current.sequence})"),
            ("Dagar kvar", _days(row)),
            ("Läge", row.status or "Perioden löper"),
            ("Pris", cost_label(d.cost_ore, d.cost_unit)),
            ("Egenavgift", cost_label(d.client_fee_ore, d.client_fee_unit)
             if d.client_fee_ore is not None else "Ingen"),
            ("Kostnad hittills", _money(d.cost_to_date)),
            ("Kostnad till periodens slut", _money(d.cost_committed)),
        ]  # fmt: skip
        if d.moved_from_id:
            facts.append(("Flyttad hit", d.start_date.isoformat()))
        if d.end_date:
            facts.append(("Avslutas", f"{d.end_date.isoformat()}: {d.end_reason}"))
        if d.note:
            facts.append(("Anteckning", d.note))
        self.facts.set_facts(facts)
        self.periods.set_rows(
            [
                [str(p.sequence), p.start_date.isoformat(),
                 max(p.start_date, last_day(p.end_date)).isoformat(),
                 p.outcome_label, p.assessment]
                for p in d.periods
            ]
        )  # fmt: skip
        open_ = d.is_open
        self.action_bar.enable(
            place=True,
            renew=open_,
            end=open_,
            move=open_ and d.decision_id is not None,
            letter_place=open_,
            letter_renew=open_ and current.sequence > 1,
            decision=open_ and current.sequence > 1,
        )

    # --- actions --------------------------------------------------------------------------

    def _offer_letter(self, done: str, kind: str, person_id: int, contract_id: int) -> None:
        box = message_box(
            self, QMessageBox.Icon.Question, done, informative="Vill du skriva ut brevet nu?"
        )
        yes = box.addButton("Skriv ut brevet…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Inte nu", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is yes:
            print_letter(self, self._db, kind, person_id, contract_id, today=self.today())

    def _letter(self, kind: str) -> None:
        if self.detail is not None:
            d = self.detail
            print_letter(self, self._db, kind, d.person_id, d.contract_id, today=self.today())

    def place_person(self) -> None:
        dialog = PlaceDialog(self._db, self.today, self.months, parent=self)
        dialog.exec()
        if dialog.saved and dialog.contract_id is not None:
            # The list was read again through the change signal: show the new placement.
            self.select_key(dialog.contract_id)
            if self.detail is not None:
                self._offer_letter(
                    "Placeringen är registrerad.", "temporary_placement",
                    self.detail.person_id, dialog.contract_id,
                )  # fmt: skip

    def renew(self) -> None:
        d = self.detail
        if d is None:
            return
        dialog = RenewDialog(self._db, d, self.months, self, self.today)
        dialog.exec()
        if not self._done(dialog) or dialog.period is None:
            return
        start, end = dialog.period
        self._offer_letter(
            f"Placeringen är förlängd: ny period {start} – {end}.",
            "temporary_renewal", d.person_id, d.contract_id,
        )  # fmt: skip

    def end(self) -> None:
        d = self.detail
        if d is None:
            return
        dialog = EndPlacementDialog(self._db, self.today, d, self)
        dialog.exec()
        if self._done(dialog):
            self._offer_letter(
                "Placeringen är avslutad.", "temporary_end", d.person_id, d.contract_id
            )

    def renewal_decision(self) -> None:
        d = self.detail
        if d is not None:
            dialog = RenewalDecisionDialog(self._db, self.today, d, self)
            dialog.exec()
            self._done(dialog)

    def move_placement(self) -> None:
        d = self.detail
        if d is None:
            return
        dialog = MoveDialog(self._db, self.today, d, self)
        dialog.exec()
        if dialog.saved and dialog.contract_id is not None:
            self.select_key(dialog.contract_id)
            self._offer_letter(
                "Flytten är registrerad.", "temporary_placement", d.person_id, dialog.contract_id
            )
        elif dialog.reload_requested:
            self.reload()

    def _done(self, dialog: FormDialog) -> bool:
        # A save is read again through the change signal; a conflict saved nothing.
        if dialog.reload_requested:
            self.reload()
        return dialog.saved


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""
