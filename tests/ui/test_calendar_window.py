"""Exportera till kalender… from the Uppföljning page and the person card: the file is read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtWidgets import QDialog

from bobudget.db.engine import Database
from tests.db.calendar_helpers import booked_for_calendar
from tests.db.follow_up_helpers import USER
from tests.ui.conftest import MessageBoxes
from ui.follow_up import calendar_export
from ui.follow_up.calendar_export import MeetingsExportDialog, WeekExportDialog
from ui.pages.follow_up import FollowUpPage
from ui.persons.card import PersonCardView

TODAY = dt.date(2026, 11, 27)


def _summaries(path: Path) -> list[str]:
    return sorted(str(e["SUMMARY"]) for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QDialog]:
    """The export dialogs shown, not run: the test ticks and saves them itself."""
    shown: list[QDialog] = []

    def fake_exec(dialog: QDialog) -> int:
        shown.append(dialog)
        return 0

    monkeypatch.setattr(MeetingsExportDialog, "exec", fake_exec)
    monkeypatch.setattr(WeekExportDialog, "exec", fake_exec)
    return shown


def test_the_persons_meetings_one_or_many(
    qtbot, sqlite_db: Database, tmp_path: Path, opened: list[QDialog], message_boxes: MessageBoxes
) -> None:
    person_id, _meeting = booked_for_calendar(sqlite_db)
    page = FollowUpPage(sqlite_db, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.show_person(person_id)
    assert page.calendar_button.isEnabled()
    page.calendar_button.click()
    dialog = opened[-1]
    assert isinstance(dialog, MeetingsExportDialog)
    assert dialog.list.count() == 3
    lines = [dialog.list.item(n).text() for n in range(3)]
    assert lines[0].startswith(f"2026-12-01 09:30  Uppstartsmöte BU-{person_id}")
    assert not any("Öberg" in line or "Karin" in line for line in lines)
    # The start-up meeting shown in its tab is ticked alone; tick the flerpartssamtal instead.
    assert [m.kind for m in dialog.chosen_meetings()] == ["startup"]
    dialog.set_ticked({m.key for m in dialog.meetings if m.kind == "multiparty"})
    out = tmp_path / "ett.ics"
    dialog.choose_path = lambda _parent, _stem: str(out)
    dialog.save()
    assert _summaries(out) == [f"Flerpartssamtal BU-{person_id}"]
    assert "1 möte sparades" in message_boxes.texts
    # None ticked: says so, writes nothing.
    dialog.set_ticked(set())
    dialog.choose_path = lambda _parent, _stem: str(tmp_path / "inget.ics")
    dialog.save()
    assert "Välj minst ett möte" in message_boxes.texts
    assert not (tmp_path / "inget.ics").exists()


def test_a_users_week_from_the_page(
    qtbot, sqlite_db: Database, tmp_path: Path, opened: list[QDialog], message_boxes: MessageBoxes
) -> None:
    person_id, _meeting = booked_for_calendar(sqlite_db)
    page = FollowUpPage(sqlite_db, today=lambda: dt.date(2026, 12, 2))
    qtbot.addWidget(page)
    page.week_button.click()
    dialog = opened[-1]
    assert isinstance(dialog, WeekExportDialog)
    dialog.user.setCurrentIndex(dialog.user.findData(USER))
    assert "Vecka 49 (2026-11-30–2026-12-06): 1 bokat möte" in dialog.summary.text()
    out = tmp_path / "vecka.ics"
    dialog.choose_path = lambda _parent, _stem: str(out)
    dialog.save()
    assert _summaries(out) == [f"Uppstartsmöte BU-{person_id}"]
    # Everyone's next week: a colleague's flerpartssamtal.
    dialog.user.setCurrentIndex(0)
    dialog.day.setText("2026-12-09")
    assert "Vecka 50 (2026-12-07–2026-12-13): 1 bokat möte" in dialog.summary.text()
    dialog.day.setText("2026-12-32")
    assert "finns inte" in dialog.summary.text()


def test_from_the_person_card(
    qtbot,
    sqlite_db: Database,
    opened: list[QDialog],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    person_id, _meeting = booked_for_calendar(sqlite_db)
    card = PersonCardView(sqlite_db)
    qtbot.addWidget(card)
    card.show_person(person_id)
    monkeypatch.setattr(calendar_export, "booked_meetings", _fixed_today(sqlite_db))
    card.calendar_button.click()
    dialog = opened[-1]
    assert isinstance(dialog, MeetingsExportDialog)
    assert dialog.list.count() == 3


def _fixed_today(db: Database):  # type: ignore[no-untyped-def]
    """The card asks from the real today; the test's meetings lie in 2026."""
    from bobudget.app.calendar_export import MeetingFilter, booked_meetings

    def meetings(db_: Database, f: MeetingFilter) -> object:
        return booked_meetings(db_, MeetingFilter(first=TODAY, person_id=f.person_id))

    return meetings


def test_the_meeting_selected_in_its_list_is_ticked_alone(
    qtbot, sqlite_db: Database, opened: list[QDialog]
) -> None:
    person_id, meeting_id = booked_for_calendar(sqlite_db)
    page = FollowUpPage(sqlite_db, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.show_person(person_id)
    page.tabs.setCurrentIndex(5)  # Flerpartssamtal
    page.tab_pages[5].table.selectRow(0)  # type: ignore[attr-defined]
    page.calendar_button.click()
    dialog = opened[-1]
    assert isinstance(dialog, MeetingsExportDialog)
    assert [m.kind for m in dialog.chosen_meetings()] == ["multiparty"]
    page.tabs.setCurrentIndex(0)  # Uppstartsmöte: its meeting
    page.calendar_button.click()
    dialog = opened[-1]
    assert isinstance(dialog, MeetingsExportDialog)
    assert [m.key for m in dialog.chosen_meetings()] == [f"startup-{meeting_id}"]
