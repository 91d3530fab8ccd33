"""The Statistik page's result says, above the figures, how many protected households the server
hid from the reader, and says nothing when none were hidden."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel

from bobudget.statistics.periods import default_period
from bobudget.statistics.report import PeriodKind, ReportResult
from ui.statistics.result_view import ResultView


def _warnings(view: ResultView) -> list[str]:
    return [
        label.text()
        for label in view.findChildren(QLabel)
        if label.objectName() == "hiddenHouseholds"
    ]


def test_the_warning_names_the_number_and_who_should_make_the_report(qtbot) -> None:
    view = ResultView()
    qtbot.addWidget(view)
    period = default_period(PeriodKind.WEEK, dt.date(2026, 11, 30))
    view.show_result(ReportResult("survey", "Kartläggning", period, (), hidden_households=2), None)
    [text] = _warnings(view)
    assert text.startswith("2 hushåll med skyddade personuppgifter syns inte för dig")
    assert "namngiven för skyddade personer" in text
    view.show_result(ReportResult("survey", "Kartläggning", period, ()), None)
    qtbot.waitUntil(lambda: _warnings(view) == [])
