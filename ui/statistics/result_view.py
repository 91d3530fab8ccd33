"""A report's result on screen: each table under its title, its note, and its charts.

Every table is the kit's TableModel over the report's rows, formatted as the PDF formats them
("8 000,00 kr", "73,4 %", ISO dates). A cell with records behind it says so in its tooltip;
Enter or a double click asks for those records (`cellOpened`), F2 or the context menu's
"Ändra…" asks to write the editable column (`editRequested`).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bobudget.statistics.cells import cell_text, is_number_column
from bobudget.statistics.report import ChartSpec, ReportResult, ReportRow, ReportTable

from ..kit.table_model import Column, TableModel
from ..style import RED

MAX_TABLE_HEIGHT = 420


def ids_behind(row: ReportRow, column: int) -> tuple[int, ...]:
    return row.behind[column] if column < len(row.behind) else ()


def report_columns(table: ReportTable) -> list[Column[ReportRow]]:
    columns = []
    for number, column in enumerate(table.columns):

        def text(row: ReportRow, n: int = number, kind: object = column.kind) -> str:
            return cell_text(row.cells[n] if n < len(row.cells) else None, kind)  # type: ignore[arg-type]

        def tip(row: ReportRow, n: int = number) -> str | None:
            ids = ids_behind(row, n)
            shown = text(row, n)
            if ids:
                return f"{shown} – Enter eller dubbelklick visar de {len(ids)} raderna bakom"
            return shown or None

        def key(row: ReportRow, n: int = number) -> object:
            value = row.cells[n] if n < len(row.cells) else None
            return (value is None, value if isinstance(value, int) else str(value or ""))

        columns.append(
            Column[ReportRow](
                column.label, text, right=is_number_column(column.kind), sort_key=key, tooltip=tip
            )
        )
    return columns


def _editable_index(table: ReportTable, editable: str | None) -> int | None:
    return next((n for n, c in enumerate(table.columns) if c.key == editable), None)


class TableBlock(QWidget):
    """One report table: title, table view, note."""

    cellOpened = Signal(str, object)  # table key, ReportRow's ids behind the cell
    editRequested = Signal(str, object)  # table key, the ReportRow

    def __init__(self, table: ReportTable, editable: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.table = table
        self.editable_index = _editable_index(table, editable)
        title = QLabel(table.title)
        title.setObjectName("sectionTitle")
        self.model = TableModel[ReportRow](report_columns(table), parent=self)
        self.model.set_rows(table.rows)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(table.title)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        # Columns as wide as their numbers (months stay side by side, readable at a glance);
        # the table ends where its last column does instead of stretching that one.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(56)
        header.setStretchLastSection(False)
        self.view.activated.connect(self._activated)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        self.edit_action = QAction("Ä&ndra…", self.view)
        self.edit_action.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.edit_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.edit_action.triggered.connect(self.edit_current)
        self.view.addAction(self.edit_action)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.view)
        if table.note:
            note = QLabel(table.note)
            note.setWordWrap(True)
            note.setObjectName("muted")
            layout.addWidget(note)
        self._fit_height()
        self.view.horizontalScrollBar().rangeChanged.connect(lambda _lo, _hi: self._fit_height())
        if table.rows:
            self.view.setCurrentIndex(self.model.index(0, min(1, len(table.columns) - 1)))

    def _fit_height(self) -> None:
        """Short tables take only their rows' room: the page scrolls, not each table."""
        self.view.resizeRowsToContents()
        rows = sum(self.view.rowHeight(r) for r in range(self.model.rowCount()))
        height = (
            rows + self.view.horizontalHeader().sizeHint().height() + 2 * self.view.frameWidth()
        )
        # In a narrow window the columns scroll sideways: the scroll bar must not hide a row.
        bar = self.view.horizontalScrollBar()
        if bar.maximum() > 0:
            height += bar.sizeHint().height()
        self.view.setFixedHeight(min(height + 4, MAX_TABLE_HEIGHT))

    def open_cell(self, row: int, column: int) -> bool:
        """Ask for the records behind a cell; False when it has none."""
        ids = ids_behind(self.model.row_at(row), column)
        if not ids:
            return False
        self.cellOpened.emit(self.table.key, ids)
        return True

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_cell(index.row(), index.column())

    def can_edit(self, row: int) -> bool:
        return self.editable_index is not None and self.model.row_at(row).record_id is not None

    def edit_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid() and self.can_edit(index.row()):
            self.editRequested.emit(self.table.key, self.model.row_at(index.row()))

    def _menu(self, position: QPoint) -> None:
        index = self.view.indexAt(position)
        if not index.isValid():
            return
        self.view.setCurrentIndex(index)
        menu = QMenu(self)
        show = menu.addAction("&Visa raderna bakom talet…")
        show.setEnabled(bool(ids_behind(self.model.row_at(index.row()), index.column())))
        show.triggered.connect(lambda: self.open_cell(index.row(), index.column()))
        if self.editable_index is not None:
            menu.addAction(self.edit_action)
            self.edit_action.setEnabled(self.can_edit(index.row()))
        menu.exec(self.view.viewport().mapToGlobal(position))


class ResultView(QWidget):
    """Every table of a result, each followed by its charts."""

    cellOpened = Signal(str, object)
    editRequested = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.blocks: list[TableBlock] = []
        self.charts: list[QWidget] = []
        # The chart drawn for (its spec, the table object it was drawn from), to keep.
        self._chart_of: dict[tuple[ChartSpec, int], QWidget] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(14)
        self._layout.addStretch(1)

    def show_result(self, result: ReportResult, editable: str | None) -> None:
        """Show `result`; a table (or chart) already shown from the same table object, as the
        first tables of a report are before the rest arrives, is kept rather than built again."""
        from .charts import chart_view

        kept_blocks = {id(block.table): block for block in self.blocks}
        kept_charts = dict(self._chart_of)
        old_blocks, old_charts = self.blocks, self.charts
        self.blocks, self.charts, self._chart_of = [], [], {}
        widgets: list[QWidget] = []
        specs: dict[str, list[ChartSpec]] = {}
        for spec in result.charts:
            specs.setdefault(spec.table_key, []).append(spec)
        if result.hidden_warning is not None:
            # Shown above the figures, where the maker looks before exporting them.
            warning = QLabel(result.hidden_warning)
            warning.setObjectName("hiddenHouseholds")
            warning.setWordWrap(True)
            warning.setStyleSheet(f"color: {RED}; font-weight: bold;")
            warning.setAccessibleName("Varning: skyddade hushåll saknas")
            widgets.append(warning)
            self.charts.append(warning)
        for table in result.tables:
            block = kept_blocks.pop(id(table), None)
            if block is None or block.editable_index != _editable_index(table, editable):
                block = TableBlock(table, editable)
                block.cellOpened.connect(self.cellOpened)
                block.editRequested.connect(self.editRequested)
            widgets.append(block)
            self.blocks.append(block)
            for spec in specs.get(table.key, []):
                chart = kept_charts.pop((spec, id(table)), None) or chart_view(spec, table)
                widgets.append(chart)
                self.charts.append(chart)
                self._chart_of[(spec, id(table))] = chart
        if not result.tables:
            empty = QLabel("Rapporten har inga uppgifter för perioden.")
            widgets.append(empty)
            self.charts.append(empty)
        kept = set(map(id, widgets))
        for widget in [*old_blocks, *old_charts]:
            self._layout.removeWidget(widget)
            if id(widget) not in kept:
                widget.deleteLater()
        for position, widget in enumerate(widgets):
            self._layout.insertWidget(position, widget)

    def clear(self) -> None:
        for widget in [*self.blocks, *self.charts]:
            self._layout.removeWidget(widget)
            widget.deleteLater()
        self.blocks = []
        self.charts = []
        self._chart_of = {}
