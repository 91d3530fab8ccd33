"""One list with its card beside it: filters on top, a lazily fetched table, the selected row's
card and actions to the right. The queue, contracts, dwellings and placements all build on it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QEvent, QItemSelection, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QHideEvent, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from bobudget.db.changes import ChangeKind, ChangeSet
from bobudget.kernel.config import config_dir
from bobudget.kernel.errors import DomainError, ValidationError
from bobudget.kernel.urgency import Urgency

from ..changes import ChangeListener, run_change
from ..errors import show_domain_error
from ..kit.table_model import Column
from .lists import PagedModel, fit_columns, make_table, restore_columns, selected_number

log = logging.getLogger(__name__)

T = TypeVar("T")
DEBOUNCE_MS = 150


def panel_settings() -> QSettings:
    # The same file as the main window's state: one folder holds all of a user's settings.
    return QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)


class ListPanel(QWidget, Generic[T]):
    """Subclasses give the columns, `fetch`/`count` (service calls with the filters), `key` of a
    row, and fill the card in `show_row`; `clear_card` when nothing is selected.
    """

    STATE_KEY = "panel"
    LIST_WIDTH = 760
    # The areas whose changes the list shows: names and numbers, and the placement itself.
    REFRESH_ON: tuple[ChangeKind, ...] = (ChangeKind.PERSONS, ChangeKind.PLACEMENT)

    def __init__(
        self,
        title: str,
        columns: Sequence[Column[T]],
        mark: Callable[[T], Urgency | None] | None,
        today: Callable[[], dt.date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.today = today
        self._sized = False
        self._restored_columns = False
        self.setAccessibleName(title)
        self.filter_field = QLineEdit()
        self.filter_field.setClearButtonEnabled(True)
        self.filter_field.setPlaceholderText("Filtrera på namn eller personnummer (Ctrl+F)")
        self.filter_field.setAccessibleName(f"Filtrera {title.lower()}")
        self.filter_row = QHBoxLayout()
        self.filter_row.addWidget(self.filter_field, 1)
        # A second row for check boxes, so that the page fits a narrow window.
        self.options_row = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setObjectName("muted")
        self.count_label.setAccessibleName("Antal")
        self.model: PagedModel[T] = PagedModel(columns, mark)
        self.table = make_table(self.model, title)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        left_layout.addLayout(self.filter_row)
        left_layout.addLayout(self.options_row)
        left_layout.addWidget(self.count_label)
        left_layout.addWidget(self.table, 1)

        self.card = QWidget()
        self.card.setAccessibleName(f"{title}: vald rad")
        self.card_layout = QVBoxLayout(self.card)
        self.card_layout.setContentsMargins(12, 8, 12, 8)
        self.empty_label = QLabel("Välj en rad i listan.")
        self.empty_label.setObjectName("muted")
        self.card_layout.addWidget(self.empty_label)
        scroll = QScrollArea()
        scroll.setWidget(self.card)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName(f"{self.STATE_KEY}Splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setChildrenCollapsible(False)
        # The card keeps what its two columns of buttons need; the rest goes to the list, so
        # that at 1280 pixels the key columns show whole (tests/ui/test_small_and_large.py).
        self.splitter.setSizes([self.LIST_WIDTH, 340])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.reload)
        self.filter_field.textChanged.connect(self._timer.start)
        self.filter_field.installEventFilter(self)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.changes = ChangeListener(self, self.concerns, self._reload_for_change)

    # --- what subclasses give -------------------------------------------------------------

    def fetch(self, offset: int, limit: int) -> Sequence[T]:
        raise NotImplementedError

    def count(self) -> int:
        raise NotImplementedError

    def key(self, row: T) -> int:
        raise NotImplementedError

    def show_row(self, row: T) -> None:
        raise NotImplementedError

    def clear_card(self) -> None:
        """Nothing selected: the card says so."""

    def count_text(self, total: int) -> str:
        return f"{total} rader"

    # --- the list -------------------------------------------------------------------------

    def filters_changed(self) -> None:
        """A filter widget changed: read the list again after the typing pauses."""
        self._timer.start()

    def reload(self, keep: int | None = None) -> None:
        """Read the list again with the current filters; keep the selected row when it is there."""
        self._timer.stop()
        self.changes.stale = False
        keep = keep if keep is not None else self.selected_key()
        try:
            total = self.count()
            self.model.reload(self.fetch, total)
        except ValidationError as error:
            # A filter refused (a control character, a search too long): said where the count
            # is, not in a box popping up while typing.
            self.model.reload(self.fetch, 0)
            self.count_label.setText(str(error))
            return
        except DomainError as error:
            show_domain_error(self, error)
            return
        self.count_label.setText(self.count_text(total))
        if not self._sized and total:
            # Fitted once, to the first rows; after that the user's own widths are kept.
            self._sized = True
            if not self._restored_columns:
                fit_columns(self.table, self.model.columns)
        if keep is not None and self.select_key(keep):
            return
        self._show_selected()

    refresh = reload

    def selected(self) -> T | None:
        number = selected_number(self.table)
        return self.model.row(number) if number is not None else None

    def selected_key(self) -> int | None:
        row = self.selected()
        return self.key(row) if row is not None else None

    def select_key(self, key: int) -> bool:
        """Select the row with this key, fetching further pages until it is found."""
        while True:
            number = self.model.find(lambda r: self.key(r) == key)
            if number is not None:
                self.table.selectRow(number)
                self.table.scrollTo(self.model.index(number, 0))
                self._show_selected()
                return True
            if not self.model.canFetchMore():
                return False
            self.model.fetchMore()

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        row = self.selected()
        if row is None:
            self.empty_label.show()
            self.clear_card()
            return
        self.empty_label.hide()
        try:
            self.show_row(row)
        except DomainError as error:
            # Gone or changed since the list was read: say so and read the list again.
            self.empty_label.setText(str(error))
            self.empty_label.show()
            self.clear_card()

    def reload_card(self) -> None:
        self._show_selected()

    def focus_filter(self) -> None:
        self.filter_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_field.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Arrow down from the filter goes into the list, Enter opens the first row.
        if (
            watched is self.filter_field
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            if self._timer.isActive():
                self.reload()
            if self.model.rowCount():
                if self.selected() is None:
                    self.table.selectRow(0)
                self.table.setFocus()
                return True
        return super().eventFilter(watched, event)

    # --- kept fresh, and remembered -------------------------------------------------------

    def concerns(self, changes: ChangeSet) -> bool:
        return changes.touches(*self.REFRESH_ON)

    def _reload_for_change(self) -> None:
        # Looked up at call time: a subclass (or a test counting reads) may replace `reload`.
        self.reload()

    def hideEvent(self, event: QHideEvent) -> None:
        self.save_state()
        super().hideEvent(event)

    def save_state(self) -> None:
        stored = panel_settings()
        stored.setValue(f"{self.STATE_KEY}/splitter", self.splitter.saveState())
        stored.setValue(f"{self.STATE_KEY}/columns", self.table.horizontalHeader().saveState())

    def restore_state(self) -> None:
        stored = panel_settings()
        splitter = stored.value(f"{self.STATE_KEY}/splitter")
        if splitter:
            self.splitter.restoreState(splitter)
        columns = stored.value(f"{self.STATE_KEY}/columns")
        if columns:
            restore_columns(self.table, columns)
            self._restored_columns = True

    def card_title(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("cardName")
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label


def run_action(parent: QWidget, action: Callable[[], Any]) -> Any:
    """A direct service call from a button, through the change runner: a refusal is shown,
    never raised to the top."""
    try:
        return run_change(action)
    except DomainError as error:
        show_domain_error(parent, error)
        return None
