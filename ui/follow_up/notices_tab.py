"""The Underrättelser tab: notices of risk of eviction and the prevention checklist, highlighted
until the notice is closed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from bobudget.db.engine import Database
from bobudget.follow_up.overview import NoticeView
from bobudget.follow_up.trouble import (
    EvictionNoticeInput,
    close_eviction_notice,
    get_eviction_notice,
    register_eviction_notice,
    update_prevention,
)
from bobudget.kernel.formatting import format_date
from bobudget.kernel.urgency import Urgency
from bobudget.model import EvictionNotice
from bobudget.model.vocab import NoticeSender

from ..forms import DateField, FormDialog
from ..kit import limit_to_columns
from ..style import RED
from .base import FollowUpTab
from .widgets import Column, RowsModel, make_table, selected_row


def _yes(value: bool) -> str:
    return "Ja" if value else "Nej"


class NoticeDialog(FormDialog):
    def __init__(
        self,
        db: Database,
        person_id: int,
        contract_id: int | None,
        today: Callable[[], dt.date],
        parent: QWidget,
    ) -> None:
        super().__init__("Ny underrättelse om risk för avhysning", parent)
        self._db, self._person_id, self._contract_id, self._today = (
            db,
            person_id,
            contract_id,
            today,
        )
        self.received = DateField("Mottagen", today())
        self.sent_by = QComboBox()
        self.sent_by.setAccessibleName("Avsändare")
        for key, label in NoticeSender.labels().items():
            self.sent_by.addItem(label, key)
        self.case_number = QLineEdit()
        self.case_number.setAccessibleName("Målnummer eller ärendenummer")
        limit_to_columns({self.case_number: EvictionNotice.case_number})
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("Anteckning")
        self.note.setFixedHeight(70)
        self.add_row("&Mottagen:", self.received)
        self.add_row("&Från:", self.sent_by)
        self.add_row("Mål-/ä&rendenummer:", self.case_number)
        self.add_row("&Anteckning:", self.note)

    def perform(self) -> None:
        data = EvictionNoticeInput(
            self._person_id,
            self.received.required_value(),
            NoticeSender(self.sent_by.currentData()),
            self.case_number.text(),
            self.note.toPlainText(),
            self._contract_id,
        )
        register_eviction_notice(self._db, data, today=self._today())


class CloseDialog(FormDialog):
    def __init__(
        self, db: Database, notice: NoticeView, today: Callable[[], dt.date], parent: QWidget
    ) -> None:
        super().__init__("Avsluta underrättelsen", parent)
        self._db, self._notice, self._today = db, notice, today
        self.closed = DateField("Avslutad", today())
        self.add_row("&Avslutad:", self.closed)

    def perform(self) -> None:
        close_eviction_notice(
            self._db,
            self._notice.id,
            self._notice.version,
            self.closed.required_value(),
            today=self._today(),
        )

    # Closing is done on the notice as saved: its version comes from it, the day is the user's.

    def saved_now(self) -> NoticeView:
        return get_eviction_notice(self._db, self._notice.id)

    def load(self, saved: object) -> None:
        assert isinstance(saved, NoticeView)
        self._notice = saved

    def edited(self) -> NoticeView:
        return self._notice


class NoticesTab(FollowUpTab):
    def __init__(self, db: Database, today: Callable[[], dt.date], parent: QWidget | None = None):
        super().__init__(db, today, parent)
        self.setAccessibleName("Underrättelser om avhysning")
        self.model: RowsModel[NoticeView] = RowsModel(
            [
                Column("Mottagen", lambda n: format_date(n.received_date)),
                Column("Från", lambda n: n.sender_label),
                Column("Målnummer", lambda n: n.case_number),
                Column("Kontakter", lambda n: _yes(n.contacts_made)),
                Column("Egna medel", lambda n: _yes(n.managed_funds_considered)),
                Column("Boendestöd", lambda n: _yes(n.housing_support_considered)),
                Column("Avslutad", lambda n: format_date(n.closed_date) or "Pågår"),
            ],
            state=lambda n: Urgency.OVERDUE if n.open else Urgency.DONE,
            emphasis=lambda n: n.open,
        )
        self.table = make_table(self.model, "Underrättelser", 2, fit=(0, 1, 3, 4, 5, 6))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())

        # The prevention checklist of the selected notice, framed in red while it is open.
        self.panel = QFrame()
        self.panel.setObjectName("preventionPanel")
        self.panel_title = QLabel()
        self.panel_title.setObjectName("sectionTitle")
        self.contacts = QCheckBox("Kontakter &tagna (hyresvärd, Kronofogden, hyresgäst)")
        self.funds = QCheckBox("&Egna medel övervägt")
        self.support = QCheckBox("&Boendestöd övervägt")
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("Anteckningar om det förebyggande arbetet")
        self.note.setFixedHeight(70)
        self.save_button = self.button("&Spara åtgärderna", "Spara åtgärderna", self.save)
        self.close_button = self.button(
            "&Avsluta underrättelsen…", "Avsluta underrättelsen", self.close_notice
        )
        panel_layout = QVBoxLayout(self.panel)
        panel_layout.addWidget(self.panel_title)
        for widget in (self.contacts, self.funds, self.support, self.note):
            panel_layout.addWidget(widget)
        panel_layout.addLayout(self.button_row(self.save_button, self.close_button))

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.panel)
        layout.addLayout(
            self.button_row(self.button("&Ny underrättelse…", "Ny underrättelse", self.new))
        )

    def reload(self) -> None:
        kept = self._selected()
        notices = self.person.notices if self.person else []
        self.model.set_rows(notices)
        if notices:
            open_rows = [n for n in notices if n.open]
            self.table.selectRow(notices.index(open_rows[0] if open_rows else notices[0]))
        if kept is not None:
            self.select_target(kept.id)
        self._show_selected()

    def select_target(self, target_id: int | None) -> None:
        for n, row in enumerate(self.model.rows()):
            if row.id == target_id:
                self.table.selectRow(n)

    def _selected(self) -> NoticeView | None:
        row = selected_row(self.table)
        return self.model.row_at(row) if row is not None else None

    def _show_selected(self) -> None:
        notice = self._selected()
        self.panel.setVisible(notice is not None)
        if notice is None:
            return
        self.contacts.setChecked(notice.contacts_made)
        self.funds.setChecked(notice.managed_funds_considered)
        self.support.setChecked(notice.housing_support_considered)
        self.note.setPlainText(notice.note)
        editable = notice.open
        for widget in (self.contacts, self.funds, self.support, self.note):
            widget.setEnabled(editable)
        self.save_button.setEnabled(editable)
        self.close_button.setEnabled(editable)
        if editable:
            self.panel_title.setText(
                f"Förebyggande arbete – underrättelsen från {format_date(notice.received_date)} "
                "är öppen"
            )
            self.panel.setStyleSheet(
                f"QFrame#preventionPanel {{ border: 2px solid {RED}; border-radius: 4px; }}"
            )
        else:
            self.panel_title.setText(
                f"Förebyggande arbete – avslutat {format_date(notice.closed_date)}"
            )
            self.panel.setStyleSheet("")

    def _contract_id(self) -> int | None:
        return (
            self.lease.id if self.lease is not None and self.lease.running(self.today()) else None
        )

    def new(self) -> None:
        if self.person is not None:
            self.run_dialog(
                NoticeDialog(self.db, self.person.person_id, self._contract_id(), self.today, self)
            )

    def save(self) -> None:
        notice = self._selected()
        if notice is None:
            return
        contacts, funds, support, note = self._ticked()
        self.run(
            lambda: update_prevention(
                self.db,
                notice.id,
                notice.version,
                contacts_made=contacts,
                managed_funds_considered=funds,
                housing_support_considered=support,
                note=note,
            )
        )

    def _ticked(self) -> tuple[bool, bool, bool, str]:
        return (
            self.contacts.isChecked(),
            self.funds.isChecked(),
            self.support.isChecked(),
            self.note.toPlainText().strip(),
        )

    def close_notice(self) -> None:
        notice = self._selected()
        if notice is None:
            return
        shown = (
            notice.contacts_made,
            notice.managed_funds_considered,
            notice.housing_support_considered,
            notice.note.strip(),
        )
        # What is ticked on the screen counts: save it first, then close.
        if self._ticked() != shown:
            self.save()
            notice = self._selected()
            if notice is None or self._ticked()[:3] != (
                notice.contacts_made,
                notice.managed_funds_considered,
                notice.housing_support_considered,
            ):
                return
        self.run_dialog(CloseDialog(self.db, notice, self.today, self))
