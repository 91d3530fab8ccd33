"""A report's chart on screen with QtCharts, drawn from the same ChartSpec as the PDF's.

PySide6.QtCharts is imported here, inside `chart_view`, only when a chart is shown: the window
starts without loading it, and a user who never opens Statistik never pays for it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from bobudget.statistics.report import ChartKind, ChartSpec, ColumnKind, ReportTable

# The PDF's series colours (statistics/pdf.py), so the screen and the paper match.
SERIES = ("#1F5A96", "#E08A2C", "#5B9B4A", "#A23B72", "#6C6C6C", "#C9B03A", "#3AA7C9")


def chart_series(
    spec: ChartSpec, table: ReportTable
) -> tuple[list[str], list[tuple[str, list[float]]]]:
    """Category labels (the chosen columns) and one (row label, values) per chosen row;
    money in kronor, a per cent as a per cent."""
    index = {c.key: n for n, c in enumerate(table.columns)}
    chosen = [k for k in spec.column_keys if k in index]
    series = []
    for row in table.rows:
        if spec.row_labels and row.label not in spec.row_labels:
            continue
        values = []
        for key in chosen:
            value = row.cells[index[key]] if index[key] < len(row.cells) else None
            number = float(value) if isinstance(value, int) else 0.0
            kind = table.columns[index[key]].kind
            if kind is ColumnKind.MONEY:
                number /= 100
            elif kind is ColumnKind.PERCENT:
                number /= 10
            values.append(number)
        series.append((row.label, values))
    return [table.columns[index[k]].label for k in chosen], series


def chart_view(spec: ChartSpec, table: ReportTable, parent: QWidget | None = None) -> QWidget:
    from PySide6.QtCharts import (
        QBarCategoryAxis,
        QBarSeries,
        QBarSet,
        QChart,
        QChartView,
        QLineSeries,
        QValueAxis,
    )

    categories, rows = chart_series(spec, table)
    chart = QChart()
    chart.setTitle(spec.title or table.title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    axis_x = QBarCategoryAxis()
    axis_x.append(categories)
    axis_y = QValueAxis()
    axis_y.setLabelFormat("%.0f")
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    highest = max((v for _label, values in rows for v in values), default=0.0)
    axis_y.setRange(0, max(highest * 1.1, 4))
    axis_y.applyNiceNumbers()  # ticks at 0, 2, 4 … rather than 0, 3,5, 7 …
    added: list[Any] = []
    if spec.kind is ChartKind.BAR:
        bars = QBarSeries()
        for number, (label, values) in enumerate(rows):
            bar_set = QBarSet(label)
            bar_set.append(values)
            bar_set.setColor(QColor(SERIES[number % len(SERIES)]))
            bars.append(bar_set)
        added.append(bars)
    else:
        for number, (label, values) in enumerate(rows):
            line = QLineSeries()
            line.setName(label)
            line.setColor(QColor(SERIES[number % len(SERIES)]))
            line.setPointsVisible(True)
            # A category axis places category n at x = n: the line's points sit on the months.
            for position, value in enumerate(values):
                line.append(position, value)
            added.append(line)
    for series in added:
        chart.addSeries(series)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
    view = QChartView(chart, parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(280)
    view.setAccessibleName(f"Diagram: {spec.title or table.title}")
    view.setAccessibleDescription(_describe(categories, rows))
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return view


def _describe(categories: list[str], rows: list[tuple[str, list[float]]]) -> str:
    """What the chart shows, in words, for a screen reader (the table holds the same numbers)."""
    parts = []
    for label, values in rows:
        pairs = ", ".join(f"{c} {v:g}" for c, v in zip(categories, values, strict=False))
        parts.append(f"{label}: {pairs}")
    return "; ".join(parts)
