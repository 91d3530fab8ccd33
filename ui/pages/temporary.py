"""The Tillfälligt boende page: the active placements (soonest end first, the reminder window
marked) with Placera, Förläng, Avsluta and Flytta; the places; and the costs per month.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from bobudget.app.todo import TodoItem
from bobudget.db.engine import Database

from ..placement.panel_base import ListPanel
from ..placement.placements_panel import PlacementsPanel
from ..placement.places_panel import CostsView, PlacesPanel


class TemporaryPage(QWidget):
    """Three tabs: Placeringar, Platser, Kostnader."""

    def __init__(
        self,
        db: Database,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Tillfälligt boende")
        self.placements = PlacementsPanel(db, today)
        self.places = PlacesPanel(db, today)
        self.costs = CostsView(db, today)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Placeringar, platser och kostnader")
        self.tabs.addTab(self.placements, "&Placeringar")
        self.tabs.addTab(self.places, "P&latser")
        self.tabs.addTab(self.costs, "K&ostnader")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        # Each tab reads its list when it is first shown, not when the window is built.
        self.placements.changes.stale = True
        self.places.changes.stale = True

    def refresh(self) -> None:
        current = self.tabs.currentWidget()
        assert isinstance(current, ListPanel | CostsView)  # the three tabs
        if current is self.placements:
            self.placements.load_places()
        current.refresh()

    def focus_search(self) -> None:
        if self.tabs.currentWidget() is self.costs:
            self.tabs.setCurrentWidget(self.placements)
        panel = self.tabs.currentWidget()
        assert isinstance(panel, ListPanel)  # Platser or Placeringar: Kostnader has no filter
        panel.focus_filter()

    def open_todo_item(self, item: TodoItem) -> None:
        """A renewal from Att göra: the placement, selected, with Förläng and Avsluta at hand."""
        self.tabs.setCurrentWidget(self.placements)
        panel = self.placements
        panel.place.setCurrentIndex(0)
        panel.marked.setChecked(False)
        panel.filter_field.setText(item.personnummer)
        panel.reload(keep=item.contract_id)
        panel.table.setFocus(Qt.FocusReason.OtherFocusReason)
