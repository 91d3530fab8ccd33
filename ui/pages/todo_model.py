"""Att göra's model: the groups and their items as a tree, each row one to-do; the marks that
say how soon, in text and colour (never colour alone)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from bobudget.app.todo import (
    GROUP_LABELS,
    TodoGroup,
    TodoItem,
    TodoList,
)
from bobudget.kernel.formatting import format_date
from bobudget.kernel.urgency import Urgency

from ..style import URGENCY_COLOURS

AnyIndex = QModelIndex | QPersistentModelIndex


class TodoModel(QAbstractItemModel):
    """Two levels: the groups (Försenat, I dag, …) and their items.

    An item's index carries its group's row + 1 as internal id; a group's carries 0.
    """

    HEADERS = ("Datum", "Typ", "Namn", "Personnummer", "Gäller", "Ansvarig")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: list[TodoGroup] = []
        self._today = dt.date.today()

    def set_list(self, todo: TodoList) -> None:
        self.beginResetModel()
        self._groups = with_today(list(todo.groups))
        self._today = todo.today
        self.endResetModel()

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
    def _group_data(group: TodoGroup, column: int, role: int) -> Any:
        if column != 0:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if group.unassigned:
                late = sum(1 for i in group.items if i.urgency is Urgency.OVERDUE)
                of_which = f", varav {late} försenade" if late else ""
                return f"{group.label} ({len(group.items)}{of_which})"
            if not group.items and group.urgency is Urgency.TODAY:
                return f"{group.label} (0) – inget infaller i dag"
            return f"{group.label} ({len(group.items)})"
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
        return [g.label for g in self._groups]


def with_today(groups: list[TodoGroup]) -> list[TodoGroup]:
    """The groups with "I dag" always among them, empty when nothing falls on today: the day's
    place in the list does not move from one morning to the next. "Utan ansvarig" stays last."""
    unassigned = [g for g in groups if g.unassigned]
    groups = [g for g in groups if not g.unassigned]
    if any(group.urgency is Urgency.TODAY for group in groups):
        return [*groups, *unassigned]
    order = list(Urgency)
    today = TodoGroup(Urgency.TODAY, GROUP_LABELS[Urgency.TODAY], [])
    before = [g for g in groups if order.index(g.urgency) < order.index(Urgency.TODAY)]
    after = [g for g in groups if order.index(g.urgency) > order.index(Urgency.TODAY)]
    return [*before, today, *after, *unassigned]


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
