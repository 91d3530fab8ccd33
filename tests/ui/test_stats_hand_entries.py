"""What the statistics count but the program cannot know, entered in the window: the survey's
persons from other units and the housing company's yearly lettings (issue 12, points 3 and 4)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialog

from bobudget.db.engine import Database
from bobudget.statistics.housing_first import HousingFirstReport
from bobudget.statistics.inputs import lettings_of, list_survey_entries
from bobudget.statistics.periods import parse_week
from bobudget.statistics.survey import SurveyReport
from tests.ui.conftest import MessageBoxes
from ui.pages.statistics import StatisticsPage
from ui.statistics.hand_entries import AddSurveyEntryDialog, LettingsDialog, SurveyEntriesDialog

TODAY = dt.date(2026, 11, 30)
WEEK = parse_week("2026-W45")
# Skatteverket's test number: a valid personnummer that belongs to no one.
OTHER_UNITS_PERSON = "19121212-1212"


def _choose(page: StatisticsPage, report_type: type) -> None:
    for index in range(page.reports.count()):
        page.reports.setCurrentIndex(index)
        if isinstance(page.current_report(), report_type):
            return
    raise AssertionError(f"no {report_type.__name__} in the catalogue")


def test_the_button_is_there_for_the_survey_and_bostad_forst_only(
    qtbot, sqlite_db: Database
) -> None:
    page = StatisticsPage(sqlite_db, today=lambda: TODAY)
    qtbot.addWidget(page)
    _choose(page, SurveyReport)
    assert page.hand_button.isVisibleTo(page)
    assert "andra enheter" in page.hand_button.text()
    _choose(page, HousingFirstReport)
    assert page.hand_button.isVisibleTo(page)
    assert "uthyrningar" in page.hand_button.text()
    page.reports.setCurrentIndex(0)  # förmedlade bostäder: nothing to enter by hand
    assert not page.hand_button.isVisibleTo(page)


def test_a_person_entered_by_hand_is_counted_in_the_week_and_can_be_removed(
    qtbot, sqlite_db: Database, message_boxes: MessageBoxes
) -> None:
    entries = SurveyEntriesDialog(sqlite_db, WEEK.first_day, WEEK.label, TODAY)
    qtbot.addWidget(entries)
    assert entries.model.rowCount() == 0 and not entries.remove_button.isEnabled()

    add = AddSurveyEntryDialog(sqlite_db, WEEK.first_day, TODAY)
    qtbot.addWidget(add)
    add.identity.setText(OTHER_UNITS_PERSON)
    add.situation.setCurrentIndex(add.situation.findData(4))
    add.with_children.setChecked(True)
    add.source.setText("Socialjouren")
    add.save()
    assert add.saved
    entries.reload()
    assert entries.model.rowCount() == 1
    with sqlite_db.sessions() as session:
        result = SurveyReport().run(session, WEEK)
    situations = {row.label: row for row in result.tables[0].rows}
    situation_4 = next(row for label, row in situations.items() if label.startswith("4."))
    assert situation_4.cells[1] == 1  # Totalt

    message_boxes.answer("Avbryt")
    entries.remove_entry()
    assert len(list_survey_entries(sqlite_db, WEEK.first_day)) == 1  # nothing without a yes
    message_boxes.answer("Ta bort")
    entries.remove_entry()
    assert list_survey_entries(sqlite_db, WEEK.first_day) == []
    assert entries.model.rowCount() == 0


def test_a_wrong_personnummer_is_refused_and_nothing_is_saved(qtbot, sqlite_db: Database) -> None:
    add = AddSurveyEntryDialog(sqlite_db, WEEK.first_day, TODAY)
    qtbot.addWidget(add)
    add.identity.setText("19121212-1213")  # the check digit is wrong
    add.save()
    assert not add.saved
    assert add.error_label.text()
    assert list_survey_entries(sqlite_db, WEEK.first_day) == []


def test_the_housing_companys_lettings_are_entered_per_year(
    qtbot, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = StatisticsPage(sqlite_db, today=lambda: TODAY)
    qtbot.addWidget(page)
    _choose(page, HousingFirstReport)
    opened: list[QDialog] = []

    def fill(dialog: LettingsDialog) -> int:
        opened.append(dialog)
        assert dialog.year.value() == page.picker.period().last_day.year
        dialog.total.setValue(412)
        dialog.save()
        return 1

    monkeypatch.setattr(LettingsDialog, "exec", fill)
    page.hand_button.click()
    assert opened and lettings_of(sqlite_db)[page.picker.period().last_day.year] == 412
    again = LettingsDialog(sqlite_db, page.picker.period().last_day.year)
    qtbot.addWidget(again)
    assert again.total.value() == 412  # what is stored is what the dialog shows
