"""The period picker of the Statistik page: the fields change with the report's period kind.

Year (and years to compare with), quarter, ISO week, or a range of months; the period is read
through bobudget.statistics.periods, so the window refuses what the command line refuses, in
the same words. Under the fields a line says which days the period covers.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from bobudget.kernel.errors import ValidationError
from bobudget.statistics.periods import (
    FIRST_YEAR,
    LAST_YEAR,
    default_period,
    iso_weeks_in_year,
    parse_month_range,
    parse_year,
    quarter_period,
    week_period,
    year_period,
)
from bobudget.statistics.report import PeriodKind, ReportPeriod

QUARTERS = ("1 (jan–mar)", "2 (apr–jun)", "3 (jul–sep)", "4 (okt–dec)")


def _year_spin(name: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(FIRST_YEAR, LAST_YEAR)
    spin.setAccessibleName(name)
    return spin


def _labelled(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label


class PeriodPicker(QWidget):
    """`period()` is the chosen period or a ValidationError; `changed` on every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Period")
        self.kind = PeriodKind.YEAR
        self.stack = QStackedWidget()

        self.year = _year_spin("År")
        self.compare = QLineEdit()
        self.compare.setAccessibleName("Jämför med år")
        self.compare.setPlaceholderText("t.ex. 2024, 2025")
        self.compare.setMaximumWidth(160)
        self.quarter_year = _year_spin("Kvartalets år")
        self.quarter = QComboBox()
        self.quarter.addItems(QUARTERS)
        self.quarter.setAccessibleName("Kvartal")
        self.week_year = _year_spin("Veckans år")
        self.week = QSpinBox()
        self.week.setRange(1, 53)
        self.week.setAccessibleName("ISO-vecka")
        self.first_month = QLineEdit()
        self.first_month.setAccessibleName("Från månad")
        self.last_month = QLineEdit()
        self.last_month.setAccessibleName("Till månad")
        for month in (self.first_month, self.last_month):
            month.setPlaceholderText("ÅÅÅÅ-MM")
            month.setMaximumWidth(90)

        pages: dict[PeriodKind, list[QWidget]] = {
            PeriodKind.YEAR: [
                _labelled("&År", self.year),
                self.year,
                _labelled("&Jämför med", self.compare),
                self.compare,
            ],
            PeriodKind.QUARTER: [
                _labelled("&År", self.quarter_year),
                self.quarter_year,
                _labelled("&Kvartal", self.quarter),
                self.quarter,
            ],
            PeriodKind.WEEK: [
                _labelled("&År", self.week_year),
                self.week_year,
                _labelled("V&ecka", self.week),
                self.week,
            ],
            PeriodKind.MONTH_RANGE: [
                _labelled("&Från", self.first_month),
                self.first_month,
                _labelled("&Till", self.last_month),
                self.last_month,
            ],
        }
        self._pages: dict[PeriodKind, QWidget] = {}
        for kind, widgets in pages.items():
            page = QWidget()
            row = QHBoxLayout(page)
            row.setContentsMargins(0, 0, 0, 0)
            for widget in widgets:
                row.addWidget(widget)
            self._pages[kind] = page
            self.stack.addWidget(page)

        self.days = QLabel()
        self.days.setObjectName("muted")
        self.days.setAccessibleName("Periodens dagar")
        # A long message about a wrong field wraps rather than widening the window.
        self.days.setWordWrap(True)
        # The days go under the fields: beside them they would widen the page past what a
        # 720-pixel window leaves it.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.stack)
        layout.addWidget(self.days)

        for spin in (self.year, self.quarter_year, self.week_year, self.week):
            spin.valueChanged.connect(self._edited)
        self.week_year.valueChanged.connect(self._week_limit)
        self.quarter.currentIndexChanged.connect(self._edited)
        for line in (self.compare, self.first_month, self.last_month):
            line.textChanged.connect(self._edited)

    def set_kind(self, kind: PeriodKind, today: dt.date) -> None:
        """Show the fields of `kind`, filled with its default period."""
        self.kind = kind
        self.stack.setCurrentWidget(self._pages[kind])
        self.set_period(default_period(kind, today))

    def set_period(self, period: ReportPeriod) -> None:
        first = period.first_day
        if period.kind is PeriodKind.YEAR:
            years = period.years or (first.year,)
            self.year.setValue(years[-1])
            self.compare.setText(", ".join(str(y) for y in years[:-1]))
        elif period.kind is PeriodKind.QUARTER:
            self.quarter_year.setValue(first.year)
            self.quarter.setCurrentIndex((first.month - 1) // 3)
        elif period.kind is PeriodKind.WEEK:
            iso = first.isocalendar()
            self.week_year.setValue(iso.year)
            self.week.setValue(iso.week)
        else:
            self.first_month.setText(f"{first:%Y-%m}")
            self.last_month.setText(f"{period.last_day:%Y-%m}")
        self._edited()

    def period(self) -> ReportPeriod:
        """The chosen period; a ValidationError in Swedish when a field is wrong."""
        if self.kind is PeriodKind.YEAR:
            others = [parse_year(p) for p in self.compare.text().replace(",", " ").split() if p]
            return year_period(self.year.value(), compare=others)
        if self.kind is PeriodKind.QUARTER:
            return quarter_period(self.quarter_year.value(), self.quarter.currentIndex() + 1)
        if self.kind is PeriodKind.WEEK:
            return week_period(self.week_year.value(), self.week.value())
        return parse_month_range(self.first_month.text(), self.last_month.text())

    def first_field(self) -> QWidget:
        return {
            PeriodKind.YEAR: self.year,
            PeriodKind.QUARTER: self.quarter_year,
            PeriodKind.WEEK: self.week_year,
            PeriodKind.MONTH_RANGE: self.first_month,
        }[self.kind]

    def _week_limit(self, year: int) -> None:
        self.week.setMaximum(iso_weeks_in_year(year))

    def _edited(self) -> None:
        try:
            period = self.period()
        except ValidationError as error:
            self.days.setText(str(error))
        else:
            self.days.setText(f"{period.first_day} – {period.last_day}")
        self.changed.emit()
