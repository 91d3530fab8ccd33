"""Att göra's model: the groups and their items as a tree, each row one to-do; the marks that
say how soon, in text and colour (never colour alone).

A group's heading has its count from the start (app/todo_query.py counts them); its items come a
page at a time: `canFetchMore` says a group has more, `fetchMore` asks the page to read them
(off the GUI thread), and `append` adds what was read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from bobudget.app.todo import GROUP_LABELS, TodoItem
from bobudget.app.todo_query import TodoGroupCount, TodoOverview, TodoSlice
from bobudget.kernel.formatting import format_date
from bobudget.kernel.urgency import Urgency

from ..style import URGENCY_COLOURS

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass
class ShownGroup:
    """A group as shown: its heading's count, the items read so far, and where to read on."""

    group: TodoGroupCount
    items: list[TodoItem] = field(default_factory=list)
    next: dt.date | None = None
    read: bool = False  # its first page has been read

    @property
    def more(self) -> bool:
        if not self.read:
            return self.group.count > 0
        return self.next is not None and len(self.items) < self.group.count


class TodoModel(QAbstractItemModel):
    """Two levels: the groups (Försenat, I dag, …) and their items.

    An item's index carries its group's row + 1 as internal id; a group's carries 0.
    """

    HEADERS = ("Datum", "Typ", "Namn", "Personnummer", "Gäller", "Ansvarig")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: list[ShownGroup] = []
        self._today = dt.date.today()
        # Called with a group's row when the view wants more of it (set by the page).
        self.wants_more: Callable[[int], None] = lambda _row: None

    def set_overview(self, todo: TodoOverview) -> None:
        """The groups with their counts, no items yet."""
        self.beginResetModel()
        self._groups = [ShownGroup(g) for g in with_today(list(todo.groups), todo.today)]
        self._today = todo.today
        self.endResetModel()

    def shown_groups(self) -> list[ShownGroup]:
        return list(self._groups)

    def append(self, row: int, page: TodoSlice) -> None:
        """A page read for the group on `row`: its items after those shown."""
        shown = self._groups[row]
        parent = self.index(row, 0)
        if page.items:
            first = len(shown.items)
            self.beginInsertRows(parent, first, first + len(page.items) - 1)
            shown.items.extend(page.items)
            shown.read, shown.next = True, page.next
            self.endInsertRows()
        else:
            shown.read, shown.next = True, page.next
        self.dataChanged.emit(parent, parent)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        if not parent.isValid() or parent.internalId() != 0:
            return False
        return self._groups[parent.row()].more

    def fetchMore(self, parent: AnyIndex) -> None:
        if self.canFetchMore(parent):
            self.wants_more(parent.row())

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if parent.isValid():
            return self.createIndex(row, column, parent.row() + 1)
        return self.createIndex(row, column, 0)

    # Qt's virtual parent(index); the stubs also list QObject.parent() under the same name, which
    # no one-signature override can match, so mypy sees an incompatible override.
    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._groups[parent.row()].items)
        return 0

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        # A group not yet read still has its items: the view expands it and asks for them.
        if not parent.isValid():
            return bool(self._groups)
        if parent.internalId() == 0 and parent.column() == 0:
            shown = self._groups[parent.row()]
            return bool(shown.items) or shown.group.count > 0
        return False

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == 0:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._group_data(self._groups[index.row()], index.column(), role)
        item = self._groups[index.internalId() - 1].items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column, self._today)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{item.label}: {item.what}\nDubbelklicka eller tryck Enter för att öppna."
        return None

    @staticmethod
    def _group_data(shown: ShownGroup, column: int, role: int) -> Any:
        if column != 0:
            return None
        group = shown.group
        if role == Qt.ItemDataRole.DisplayRole:
            if group.unassigned:
                of_which = f", varav {group.late} försenade" if group.late else ""
                return f"{group.label} ({group.count}{of_which})"
            if not group.count and group.urgency is Urgency.TODAY:
                return f"{group.label} (0) – inget infaller i dag"
            return f"{group.label} ({group.count})"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole:
            return None if group.unassigned else mark_icon(group.urgency)
        return None

    @staticmethod
    def _text(item: TodoItem, column: int, today: dt.date) -> str:
        if column == 0:
            if item.urgency is Urgency.OVERDUE:
                days = (today - item.datum).days
                late = f"försenad {days} d" if days > 0 else "försenad"
                return f"{format_date(item.datum)} · {late}"
            if item.urgency is Urgency.TODAY:
                return f"{format_date(item.datum)} · i dag"
            return format_date(item.datum)
        if column == 1:
            return item.label
        if column == 2:
            return item.name
        if column == 3:
            return item.personnummer
        if column == 4:
            return item.what
        return item.responsible_name or "–"

    def item_at(self, index: AnyIndex) -> TodoItem | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._groups[index.internalId() - 1].items[index.row()]

    def items(self) -> list[TodoItem]:
        return [item for group in self._groups for item in group.items]

    def group_labels(self) -> list[str]:
        return [g.group.label for g in self._groups]


def with_today(groups: list[TodoGroupCount], today: dt.date) -> list[TodoGroupCount]:
    """The groups with "I dag" always among them, empty when nothing falls on today: the day's
    place in the list does not move from one morning to the next. "Utan ansvarig" stays last."""
    unassigned = [g for g in groups if g.unassigned]
    groups = [g for g in groups if not g.unassigned]
    if any(group.urgency is Urgency.TODAY for group in groups):
        return [*groups, *unassigned]
    order = list(Urgency)
    empty = TodoGroupCount(Urgency.TODAY, GROUP_LABELS[Urgency.TODAY], 0, "", today, today)
    before = [g for g in groups if order.index(g.urgency) < order.index(Urgency.TODAY)]
    after = [g for g in groups if order.index(g.urgency) > order.index(Urgency.TODAY)]
    return [*before, empty, *after, *unassigned]


_ICONS: dict[Urgency, QIcon] = {}


def mark_icon(urgency: Urgency) -> QIcon | None:
    """A small filled dot in the urgency's colour beside the overdue group's heading, nowhere
    else: a list where every row shouts shouts nothing. The count in the heading and the words
    "försenad 12 d" in each row say the rest."""
    if urgency is not Urgency.OVERDUE:
        return None
    if urgency not in _ICONS:
        pixmap = QPixmap(12, 12)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(URGENCY_COLOURS[urgency]))
        painter.drawEllipse(2, 2, 8, 8)
        painter.end()
        _ICONS[urgency] = QIcon(pixmap)
    return _ICONS[urgency]
