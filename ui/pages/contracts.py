"""The Kontrakt page: every contract with its card and flows (terms, boplan, takeover, end,
letters), and the housing stock: dwellings with their history, and the landlords.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QTabWidget, QVBoxLayout, QWidget

from bobudget.app.todo import TodoItem
from bobudget.db.engine import Database
from bobudget.kernel.money import format_amount
from bobudget.model.vocab import ContractKind
from bobudget.placement.contract_list import (
    CONTRACT_STATES,
    ContractDetail,
    ContractFilter,
    ContractRow,
    ContractState,
    count_contracts,
    get_contract,
    list_contracts,
)
from bobudget.placement.housing_plan import get_housing_plan
from bobudget.placement.takeover import get_takeover_review

from ..kit.table_model import Column
from ..placement.contract_dialogs import (
    EndContractDialog,
    HousingPlanDialog,
    SignContractDialog,
    TermsDialog,
)
from ..placement.letters import LEASE_LETTERS, print_letter
from ..placement.panel_base import ListPanel
from ..placement.panels import ActionBar, FactsView
from ..placement.stock_panels import DwellingsPanel, LandlordsPanel
from ..placement.takeover_dialogs import TakeoverDialog, TakeoverReviewDialog, review_facts
from ..placement.widgets import FormDialog

COLUMNS: list[Column[ContractRow]] = [
    Column("Typ", lambda r: r.kind_label),
    Column("Personnummer", lambda r: r.personnummer),
    Column("Namn", lambda r: r.name),
    Column("Från", lambda r: r.start_date.isoformat()),
    Column("Till", lambda r: r.end_date.isoformat() if r.end_date else ""),
    Column("Läge", lambda r: r.status, coloured=True, min_chars=22),
    Column("Bostad eller plats", lambda r: r.where),
    Column("Hyresvärd", lambda r: r.landlord),
    Column(
        "Hyra/mån",
        lambda r: format_amount(r.monthly_rent_ore) if r.monthly_rent_ore is not None else "",
        right=True,
    ),
    Column("Ansvarig", lambda r: r.responsible_name or "–"),
]


class ContractsPanel(ListPanel[ContractRow]):
    STATE_KEY = "contracts"
    LIST_WIDTH = 860

    def __init__(
        self, db: Database, today: Callable[[], dt.date], parent: QWidget | None = None
    ) -> None:
        super().__init__("Kontrakt", COLUMNS, lambda r: r.mark, today, parent)
        self._db = db
        self.detail: ContractDetail | None = None
        self.kind = QComboBox()
        self.kind.setAccessibleName("Filtrera på kontraktstyp")
        self.kind.addItem("Alla typer", "")
        for key, label in ContractKind.labels().items():
            self.kind.addItem(label, key)
        self.state = QComboBox()
        self.state.setAccessibleName("Pågående eller avslutade")
        for state, label in CONTRACT_STATES.items():
            self.state.addItem(label, state)
        self.filter_row.addWidget(self.kind)
        self.filter_row.addWidget(self.state)
        self.kind.currentIndexChanged.connect(self.filters_changed)
        self.state.currentIndexChanged.connect(self.filters_changed)
        self.title = self.card_title("")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("cardIdentity")
        self.facts = FactsView("Kontraktet")
        self.action_bar = ActionBar(2)
        add = self.action_bar.add
        add("new", "Nytt kontrakt…", self.new_contract, shortcut="Ctrl+N")
        add("terms", "Ändra villkor…", self.edit_terms, shortcut="Ctrl+E")
        add("plan", "Boplan…", self.edit_plan, shortcut="Ctrl+L")
        add("print_plan", "Skriv ut boplan…", self.print_plan)
        add("print", "Skriv ut kontrakt…", self.print_contract, shortcut="Ctrl+P")
        add("review", "Övertagandeprövning…", self.review_takeover)
        add("takeover", "Övertagande…", self.takeover)
        add("waiver", "Avstående (hyresnämnden)…", self.print_waiver)
        add("end", "Avsluta kontrakt…", self.end_contract)
        for widget in (self.title, self.subtitle, self.action_bar, self.facts):
            self.card_layout.addWidget(widget)
        self.card_layout.addStretch(1)
        self.restore_state()
        self.clear_card()

    def contract_filter(self) -> ContractFilter:
        return ContractFilter(
            text=self.filter_field.text(),
            kind=str(self.kind.currentData() or ""),
            state=ContractState(self.state.currentData() or ContractState.ACTIVE),
        )

    def fetch(self, offset: int, limit: int) -> Sequence[ContractRow]:
        return list_contracts(
            self._db, self.contract_filter(), self.today(), limit=limit, offset=offset
        )

    def count(self) -> int:
        return count_contracts(self._db, self.contract_filter(), self.today())

    def count_text(self, total: int) -> str:
        return f"{total} kontrakt"

    def key(self, row: ContractRow) -> int:
        return row.id

    def clear_card(self) -> None:
        self.detail = None
        for widget in (self.title, self.subtitle, self.facts):
            widget.hide()
        self.action_bar.enable(
            new=True, terms=False, plan=False, print=False, review=False, takeover=False,
            waiver=False, end=False, print_plan=False,
        )  # fmt: skip

    def show_row(self, row: ContractRow) -> None:
        d = get_contract(self._db, row.id, self.today())
        self.detail = d
        for widget in (self.title, self.subtitle, self.facts):
            widget.show()
        self.title.setText(f"{d.kind_label}: {d.name}")
        protected = " · Skyddade personuppgifter" if d.protected else ""
        self.subtitle.setText(f"{d.personnummer}{protected}")
        t = d.terms
        waited = ""
        if d.waited_days is not None and d.kind != ContractKind.TEMPORARY:
            waited = f"{d.waited_days} dagar"
        facts = [
            ("Bostad", d.dwelling or d.place),
            ("Objektnummer", d.object_number),
            ("Hyresvärd", d.landlord),
            ("Grund", d.basis_label),
            ("Verkställer beslut", f"{d.decision_reference} ({_date(d.decision_date)})"
             if d.decision_id else "Inget (importerat)"),
            ("Väntade i kön", waited),
            ("Från", d.start_date.isoformat()),
            ("Till", _date(d.end_date) or "tills vidare"),
            ("Hyra/mån", format_amount(t.monthly_rent_ore) if t.monthly_rent_ore else ""),
            ("Ansvarig", row.responsible_name or "–"),
        ]  # fmt: skip
        if d.kind in (ContractKind.SOCIAL, ContractKind.TRANSITIONAL):
            waiver = f"Godkänt {_date(t.tenure_waiver_date)}" if t.tenure_waiver_approved else "Nej"
            facts += [
                ("Kommunens kontrakt", t.municipality_lease_reference),
                ("Avstående från besittningsskydd", waiver),
            ]
        if d.kind == ContractKind.HOUSING_FIRST:
            ceiling = format_amount(t.guarantee_ceiling_ore) if t.guarantee_ceiling_ore else ""
            facts += [
                ("Hyresgaranti, högst", ceiling),
                ("Garantin gäller till", _date(t.guarantee_end_date)),
                ("Omfattar skador", "Ja" if t.guarantee_covers_damages else "Nej"),
            ]
        if d.kind == ContractKind.TRANSITIONAL:
            facts += review_facts(get_takeover_review(self._db, d.id, self.today()))
        has_plan = False
        if d.kind != ContractKind.TEMPORARY:
            plan = get_housing_plan(self._db, d.id)
            has_plan = not plan.is_empty
            facts.append(("Boplan", "Ifylld" if has_plan else "Inte ifylld"))
        if d.end_reason:
            facts.append(("Avslutat", f"{_date(d.end_date)}: {d.end_reason}"))
        if t.note:
            facts.append(("Anteckning", t.note))
        self.facts.set_facts(facts)
        lease = d.kind != ContractKind.TEMPORARY
        self.action_bar.enable(
            new=True,
            terms=lease and d.is_open,
            plan=lease,
            print=d.is_open or d.kind == ContractKind.TEMPORARY,
            review=d.kind == ContractKind.TRANSITIONAL and d.is_open,
            takeover=d.kind == ContractKind.TRANSITIONAL and d.is_open,
            waiver=d.kind in (ContractKind.SOCIAL, ContractKind.TRANSITIONAL)
            and t.tenure_waiver_approved
            and d.is_open,
            end=d.is_open,
            # The boplan is a document of its own, never printed inside the contract.
            print_plan=has_plan and d.is_open,
        )

    # --- actions --------------------------------------------------------------------------

    def _run(self, dialog: FormDialog) -> None:
        dialog.exec()
        # A save is read again through the change signal; a conflict saved nothing.
        if dialog.reload_requested:
            self.reload()

    def _what(self) -> str:
        d = self.detail
        return f"{d.kind_label}: {d.name}, från {d.start_date.isoformat()}" if d else ""

    def new_contract(self) -> None:
        dialog = SignContractDialog(self._db, self.today, parent=self)
        dialog.exec()
        if dialog.saved and dialog.contract_id is not None:
            # The list was read again through the change signal: show the new contract.
            self.select_key(dialog.contract_id)

    def edit_terms(self) -> None:
        if self.detail is not None:
            self._run(TermsDialog(self._db, self.detail, self, self.today))

    def edit_plan(self) -> None:
        if self.detail is not None:
            self._run(HousingPlanDialog(self._db, self.detail.id, self._what(), self))

    def review_takeover(self) -> None:
        if self.detail is not None:
            self._run(
                TakeoverReviewDialog(self._db, self.today, self.detail.id, self._what(), self)
            )

    def takeover(self) -> None:
        if self.detail is not None:
            self._run(TakeoverDialog(self._db, self.today, self.detail.id, self._what(), self))

    def end_contract(self) -> None:
        d = self.detail
        if d is not None:
            what = f"{self._what()}. Bostaden blir ledig."
            self._run(EndContractDialog(self._db, self.today, d.id, d.version, what, self))

    def print_contract(self) -> None:
        d = self.detail
        if d is None:
            return
        if d.kind == ContractKind.TEMPORARY:
            # A placement prints its placement letter while it runs, its end letter after.
            kind = "temporary_end" if d.end_date else "temporary_placement"
            print_letter(self, self._db, kind, d.person_id, d.id, today=self.today())
        elif d.kind in LEASE_LETTERS:
            kind = LEASE_LETTERS[d.kind]
            print_letter(self, self._db, kind, d.person_id, d.id, today=self.today())

    def print_plan(self) -> None:
        d = self.detail
        if d is not None:
            print_letter(self, self._db, "housing_plan", d.person_id, d.id, today=self.today())

    def print_waiver(self) -> None:
        d = self.detail
        if d is not None:
            print_letter(self, self._db, "tenure_waiver", d.person_id, d.id, today=self.today())


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


class ContractsPage(QWidget):
    """Three tabs: Kontrakt, Bostäder, Hyresvärdar."""

    def __init__(
        self,
        db: Database,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Kontrakt")
        self.contracts = ContractsPanel(db, today)
        self.dwellings = DwellingsPanel(db, today)
        self.landlords = LandlordsPanel(db, today)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Kontrakt, bostäder och hyresvärdar")
        self.tabs.addTab(self.contracts, "&Kontrakt")
        self.tabs.addTab(self.dwellings, "&Bostäder")
        self.tabs.addTab(self.landlords, "&Hyresvärdar")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        # Each tab reads its list when it is first shown, not when the window is built.
        for panel in (self.contracts, self.dwellings, self.landlords):
            panel.changes.stale = True

    def _current_panel(self) -> ListPanel[Any]:
        panel = self.tabs.currentWidget()
        assert isinstance(panel, ListPanel)  # every tab is one of the three list panels
        return panel

    def refresh(self) -> None:
        self._current_panel().reload()

    def focus_search(self) -> None:
        self._current_panel().focus_filter()

    def open_todo_item(self, item: TodoItem) -> None:
        """A takeover review or flag from Att göra: the contract, selected, its card shown."""
        self.tabs.setCurrentWidget(self.contracts)
        panel = self.contracts
        panel.kind.setCurrentIndex(0)
        panel.state.setCurrentIndex(panel.state.findData(ContractState.ALL))
        panel.filter_field.setText(item.personnummer)
        panel.reload(keep=item.contract_id)
        panel.table.setFocus(Qt.FocusReason.OtherFocusReason)
