"""The person card: who the person is, their household, decisions, contracts and events."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bobudget.app.person_card import (
    ContractLine,
    PersonCard,
    get_person_card,
    open_person_card,
)
from bobudget.app.timeline import PLANNED_TEXT, Event
from bobudget.db.changes import ChangeSet
from bobudget.db.engine import Database
from bobudget.kernel.errors import NotFoundError
from bobudget.kernel.formatting import format_date, format_timestamp
from bobudget.kernel.money import format_amount
from bobudget.kernel.periods import last_day
from bobudget.model.vocab import ContractKind

from ..admin.history import PersonHistoryDialog
from ..changes import ChangeListener
from ..follow_up.calendar_export import EXPORT_TEXT, export_person_meetings
from ..letters.person_letters import PersonLettersSection
from .form import PersonFormDialog
from .household import HEADERS as HOUSEHOLD_HEADERS
from .household import HouseholdSection

log = logging.getLogger(__name__)

EMPTY_TEXT = "Välj en person i listan för att se kortet."
PROTECTED_BADGE_TEXT = "Skyddade personuppgifter"


PROTECTED_PLACE_TEXT = "Skyddad"

EVENT_HEADERS = ("Datum", "Händelse", "Registrerad av")
# Who recorded an event nobody is known for (rows from before the audit trail named anyone).
UNKNOWN_RECORDER = "–"


def event_row(event: Event) -> list[str]:
    """Datum, händelse (a planned one says so in words: colour alone is not a sign), and who
    recorded it."""
    what = f"{PLANNED_TEXT}: {event.what}" if event.planned else event.what
    return [format_date(event.date), what, event.recorded_by or UNKNOWN_RECORDER]


def contract_row(line: ContractLine, protected: bool = False) -> list[str]:
    """Typ, var, från, till, hyra, for temporary housing the end of the current period, ansvarig.

    For a person with skyddade personuppgifter the dwelling's address (or the hostel's name)
    is where they live, so it is not shown either.
    """
    rent = format_amount(line.monthly_rent_ore) if line.monthly_rent_ore is not None else ""
    period = ""
    if line.kind == ContractKind.TEMPORARY and line.current_period_end is not None:
        period = format_date(last_day(line.current_period_end))
    where = PROTECTED_PLACE_TEXT if protected and line.where else line.where
    return [
        line.kind_label,
        where,
        format_date(line.start_date),
        format_date(line.end_date),
        rent,
        period,
        line.responsible_name or "–",
    ]


class CardTable(QTableWidget):
    """A read-only table that is as tall as its rows: the card scrolls, not each table."""

    def __init__(self, headers: Sequence[str], accessible_name: str, stretch: int) -> None:
        super().__init__(0, len(headers))
        self.setHorizontalHeaderLabels(list(headers))
        self.setAccessibleName(accessible_name)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # One text column takes the room left and elides; the others fit their contents.
        # No horizontal scroll bar, so the table's height is exactly its rows.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_rows(self, rows: Sequence[Sequence[str]]) -> None:
        self.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.setItem(r, c, item)
        height = self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth()
        height += sum(self.rowHeight(r) for r in range(len(rows)))
        self.setFixedHeight(height)

    def cell_texts(self) -> list[list[str]]:
        return [
            [item.text() if (item := self.item(r, c)) else "" for c in range(self.columnCount())]
            for r in range(self.rowCount())
        ]


class PersonCardView(QWidget):
    """Shows one person's card; `Ändra…` opens the edit form. The card reads again whenever a
    change anywhere in the window concerns its person (their letters included)."""

    personChanged = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.card: PersonCard | None = None
        self.setAccessibleName("Personkort")

        self.empty_label = QLabel(EMPTY_TEXT)
        self.empty_label.setObjectName("muted")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.name_label = QLabel()
        self.name_label.setObjectName("cardName")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.identity_label = QLabel()
        self.identity_label.setObjectName("cardIdentity")
        self.identity_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.identity_label.setAccessibleName("Personnummer")
        self.protected_badge = QLabel(PROTECTED_BADGE_TEXT)
        self.protected_badge.setObjectName("protectedBadge")
        self.protected_badge.setAccessibleName(PROTECTED_BADGE_TEXT)
        self.edit_button = QPushButton("Ändra…")
        self.edit_button.setAccessibleName("Ändra personens uppgifter")
        self.edit_button.clicked.connect(self.edit)
        self.history_button = QPushButton("Historik…")
        self.history_button.setAccessibleName("Visa personens ändringshistorik")
        self.history_button.clicked.connect(self.show_history)
        self.calendar_button = QPushButton(EXPORT_TEXT)
        self.calendar_button.setAccessibleName("Exportera personens möten till kalender")
        self.calendar_button.clicked.connect(self.export_calendar)

        self.contact_label = QLabel()
        self.contact_label.setWordWrap(True)
        self.contact_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.contact_label.setAccessibleName("Kontaktuppgifter")
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note_label.setAccessibleName("Anteckning")
        self.household_table = CardTable(HOUSEHOLD_HEADERS, "Hushåll", 1)
        self.household = HouseholdSection(db, self.household_table)
        self.decisions_table = CardTable(
            ("Beslut", "Datum", "Diarienummer", "Status", "Ansvarig"), "Beslut", 0
        )
        self.contracts_table = CardTable(
            ("Typ", "Var", "Från", "Till", "Hyra/mån", "Period t.o.m.", "Ansvarig"), "Kontrakt", 1
        )
        self.events_table = CardTable(EVENT_HEADERS, "Händelser", 1)
        self.updated_label = QLabel()
        self.updated_label.setObjectName("muted")
        self.letters_section = PersonLettersSection(db)

        self._section_empty: dict[str, QLabel] = {}
        self.content = self._build_content()
        scroll = QScrollArea()
        scroll.setWidget(self.content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty_label)
        layout.addWidget(scroll, 1)
        self._scroll = scroll
        self.clear()
        self.changes = ChangeListener(self, self.concerns, self._reload_for_change)

    def _build_content(self) -> QWidget:
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        header = QHBoxLayout()
        names = QVBoxLayout()
        names.addWidget(self.name_label)
        identity_row = QHBoxLayout()
        identity_row.addWidget(self.identity_label)
        identity_row.addWidget(self.protected_badge)
        identity_row.addStretch(1)
        names.addLayout(identity_row)
        header.addLayout(names, 1)
        header.addWidget(self.history_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.calendar_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)
        layout.addWidget(self._section("Kontaktuppgifter"))
        layout.addWidget(self.contact_label)
        layout.addWidget(self.note_label)
        layout.addWidget(self._section("Hushåll"))
        layout.addWidget(self.household)
        for title, table in (
            ("Beslut", self.decisions_table),
            ("Kontrakt", self.contracts_table),
            ("Händelser", self.events_table),
        ):
            layout.addWidget(self._section(title))
            empty = QLabel(f"Inga uppgifter om {title.lower()}.")
            empty.setObjectName("muted")
            self._section_empty[title] = empty
            layout.addWidget(empty)
            layout.addWidget(table)
        layout.addWidget(self.letters_section)
        layout.addSpacing(8)
        layout.addWidget(self.updated_label)
        layout.addStretch(1)
        return content

    @staticmethod
    def _section(title: str) -> QLabel:
        label = QLabel(title)
        label.setObjectName("sectionTitle")
        label.setIndent(0)
        return label

    def clear(self) -> None:
        self.card = None
        self.empty_label.show()
        self._scroll.hide()

    def show_person(self, person_id: int, *, opened: bool = True) -> None:
        """Show the person; `opened` when the user opened the card (logged), not a reload."""
        try:
            # The same person chosen again (selected, then Enter) is one opening, not two.
            opened = opened and (self.card is None or self.card.id != person_id)
            card = (open_person_card if opened else get_person_card)(self._db, person_id)
        except NotFoundError as error:
            self.clear()
            self.empty_label.setText(str(error))
            return
        log.info("person card shown: person %d", person_id)
        self.show_card(card)

    def show_history(self) -> None:
        if self.card is None:
            return
        dialog = PersonHistoryDialog(self._db, self.card.id, self.card.name, self)
        dialog.exec()

    def reload(self) -> None:
        if self.card is not None:
            self.show_person(self.card.id, opened=False)

    def concerns(self, changes: ChangeSet) -> bool:
        return self.card is not None and changes.affects_person(self.card.id)

    def _reload_for_change(self) -> None:
        self.reload()

    def show_card(self, card: PersonCard) -> None:
        self.card = card
        self.empty_label.setText(EMPTY_TEXT)
        self.empty_label.hide()
        self._scroll.show()
        self.name_label.setText(card.name)
        self.identity_label.setText(card.identity)
        self.protected_badge.setVisible(card.protected)
        contact = list(card.address_lines)
        if card.phone:
            contact.append(f"Telefon: {card.phone}")
        if card.email:
            contact.append(f"E-post: {card.email}")
        self.contact_label.setText("\n".join(contact) or "Inga kontaktuppgifter.")
        self.note_label.setText(f"Anteckning: {card.note}" if card.note else "")
        self.note_label.setVisible(bool(card.note))
        self.household_table.set_rows(self.household.show_person(card.id))
        self._fill(
            "Beslut",
            self.decisions_table,
            [
                [
                    d.kind_label,
                    format_date(d.decision_date),
                    d.reference,
                    d.status_label,
                    d.responsible_name or "–",
                ]
                for d in card.decisions
            ],
        )
        contracts = [contract_row(c, card.protected) for c in card.contracts]
        self._fill("Kontrakt", self.contracts_table, contracts)
        events = list(reversed(card.events))
        self._fill("Händelser", self.events_table, [event_row(e) for e in events])
        self._mark_planned(events)
        self.letters_section.show_person(card.id)
        self.updated_label.setText(
            f"Senast ändrad {format_timestamp(card.updated_at)} av {card.updated_by or 'okänd'}"
        )

    def _mark_planned(self, events: list[Event]) -> None:
        # Besides the word, planned rows are set in italics: they have not happened yet.
        for r, event in enumerate(events):
            if not event.planned:
                continue
            for c in range(self.events_table.columnCount()):
                item = self.events_table.item(r, c)
                if item is not None:
                    font = item.font()
                    font.setItalic(True)
                    item.setFont(font)

    def _fill(self, title: str, table: CardTable, rows: list[list[str]]) -> None:
        table.set_rows(rows)
        table.setVisible(bool(rows))
        self._section_empty[title].setVisible(not rows)

    def visible_text(self) -> str:
        """Everything the card shows, as one text (for screen readers' summaries and tests)."""
        if self.card is None:
            return self.empty_label.text()
        parts = [self.name_label.text(), self.identity_label.text()]
        if self.protected_badge.isVisibleTo(self):
            parts.append(self.protected_badge.text())
        parts += [self.contact_label.text(), self.note_label.text()]
        for table in (
            self.household_table,
            self.decisions_table,
            self.contracts_table,
            self.events_table,
        ):
            parts += [" | ".join(row) for row in table.cell_texts()]
        parts += [" | ".join(row) for row in self.letters_section.rows()]
        return "\n".join(p for p in parts if p)

    def export_calendar(self) -> None:
        if self.card is not None:
            export_person_meetings(self._db, self.card.id, dt.date.today(), self)

    def edit(self) -> None:
        if self.card is None:
            return
        person_id = self.card.id
        dialog = PersonFormDialog.for_edit(self._db, self.card, self)
        dialog.exec()
        if dialog.reload_requested:
            # Nothing was saved, so nothing was announced: what is shown is old, read it again.
            self.show_person(person_id)
            self.personChanged.emit(person_id)
