"""The Statistik page with a fake report: Visa, formatted tables, the rows behind a number,
Ändra… (F2), the exports, and names for every control."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from bobudget.db.engine import Database
from bobudget.model import AuditEntry
from bobudget.statistics import catalogue
from bobudget.statistics.export import ExportFormat
from bobudget.statistics.report import PeriodKind
from tests.statsui_fakes import PERSONNUMMER, FakeReport
from tests.ui.test_accessible_names import unnamed
from ui.pages.statistics import StatisticsPage
from ui.statistics.dialogs import EditTextDialog, ListingDialog

TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def reports(monkeypatch: pytest.MonkeyPatch) -> tuple[FakeReport, FakeReport]:
    yearly = FakeReport()
    weekly = FakeReport(
        key="weekly", title="Veckan", period_kind=PeriodKind.WEEK, offers_identities=False
    )
    monkeypatch.setattr(catalogue, "REPORTS", (yearly, weekly))
    return yearly, weekly


@pytest.fixture
def page(qtbot: QtBot, sqlite_db: Database, reports: object) -> StatisticsPage:
    shown = StatisticsPage(sqlite_db, today=lambda: TODAY)
    qtbot.addWidget(shown)
    shown.resize(1400, 900)
    shown.show()
    return shown


def test_visa_shows_the_tables_formatted(
    page: StatisticsPage, reports: tuple[FakeReport, FakeReport]
) -> None:
    assert not page.csv_button.isEnabled()
    page.picker.compare.setText("2025")
    page.show_button.click()
    assert [p.label for p in reports[0].runs] == ["2025, 2026"]
    first = page.view.blocks[0].model.texts()
    assert first[0] == ["Bostad först", "3", "1", "4", "8", "8\u00a0000,00\u00a0kr", "73,4\u00a0%"]
    second = page.view.blocks[1].model.texts()
    assert second[0][:3] == ["BU-7", "2026-03-05", "120"]
    assert len(page.view.charts) == 1
    assert page.csv_button.isEnabled()


def test_the_period_picker_follows_the_report(page: StatisticsPage) -> None:
    assert page.identities.isEnabled()
    page.reports.setCurrentIndex(1)
    assert page.picker.period().label == "2026-W48"
    assert not page.identities.isEnabled()
    page.picker.week_year.setValue(2027)
    assert page.picker.week.maximum() == 52


def test_double_click_shows_the_rows_behind_and_enter_opens_the_person(
    page: StatisticsPage, reports: tuple[FakeReport, FakeReport], monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[ListingDialog] = []
    monkeypatch.setattr(ListingDialog, "exec", lambda self: opened.append(self) or 0)
    page.show_button.click()
    block = page.view.blocks[0]
    block.view.activated.emit(block.model.index(0, 3))  # a double click or Enter on "4"
    assert reports[0].behind_asked == [("placements", (15, 16, 17, 18))]
    listing = opened[0]
    assert listing.model.texts()[0] == ["BU-15", "2026-01-01"]
    persons: list[int] = []
    page.personRequested.connect(persons.append)
    listing.table.activated.emit(listing.model.index(1, 0))
    assert persons == [16]
    block.view.activated.emit(block.model.index(0, 4))  # "8": nothing behind it
    assert len(opened) == 1


def test_f2_edits_the_editable_column_through_the_report(
    page: StatisticsPage, reports: tuple[FakeReport, FakeReport], monkeypatch: pytest.MonkeyPatch
) -> None:
    def write(dialog: EditTextDialog) -> int:
        assert dialog.text.text() == "Ingen bostad"
        dialog.text.setText("Väntar på bostad")
        dialog.save()
        return 1

    monkeypatch.setattr(EditTextDialog, "exec", write)
    page.show_button.click()
    block = page.view.blocks[1]
    block.view.setCurrentIndex(block.model.index(0, 3))
    block.edit_action.trigger()
    assert reports[0].edits[0][:2] == (7, "Väntar på bostad")
    assert len(reports[0].runs) == 2  # read again after the edit


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_export_writes_the_file_and_its_audit_entry(
    page: StatisticsPage, sqlite_db: Database, tmp_path: Path, fmt: ExportFormat
) -> None:
    proposed: list[str] = []

    def choose(_parent: object, name: str, _fmt: ExportFormat) -> str:
        proposed.append(name)
        return str(tmp_path / name)

    page.choose_path = choose
    page.identities.setChecked(True)
    page.show_button.click()
    assert PERSONNUMMER in str(page.view.blocks[1].model.texts())
    written = page.export(fmt)
    assert proposed == [f"fake-2026-med-identitet.{fmt.value}"]
    assert written is not None and written.stat().st_size > 0
    with sqlite_db.sessions() as session:
        details = [e.detail for e in session.scalars(select(AuditEntry))]
    assert details == [f"fake 2026 {fmt.value} med identitet"]


def test_every_control_has_a_name(page: StatisticsPage) -> None:
    page.show_button.click()
    assert unnamed(page) == []
    page.reports.setCurrentIndex(1)
    assert unnamed(page) == []


def test_without_reports_the_page_says_so(
    qtbot: QtBot, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(catalogue, "REPORTS", ())
    empty = StatisticsPage(sqlite_db)
    qtbot.addWidget(empty)
    assert "Inga rapporter" in empty.status.text()
    assert not empty.show_button.isEnabled()
    assert unnamed(empty) == []
