"""The Uppföljning page, driven as a bostadshandledare would: a start-up checklist completed from
the window, a follow-up recorded, rent debts that call for a flerpartssamtal, an eviction
notice highlighted until closed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from bobudget.db.engine import Database
from bobudget.db.uow import current_username
from bobudget.follow_up.startup_meetings import (
    get_startup_meeting,
    open_startup_meeting,
    save_checklist_template,
    tick_checklist_item,
)
from bobudget.follow_up.trouble import (
    EvictionNoticeInput,
    RentArrearInput,
    register_eviction_notice,
    register_rent_arrear,
)
from bobudget.model import FollowUp, StartupChecklistItem, StartupMeeting
from tests.db.follow_up_helpers import add_lease
from tests.ui.conftest import TODAY, MessageBoxes, make_person
from ui.forms import FormDialog
from ui.pages.follow_up import FollowUpPage
from ui.style import RED

Filler = Callable[[QDialog], None]


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> list[Filler]:
    """Form dialogs filled in by the test's fillers, then saved, instead of waiting for a user."""
    fillers: list[Filler] = []

    def fake_exec(dialog: FormDialog) -> int:
        fillers.pop(0)(dialog)
        dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(FormDialog, "exec", fake_exec)
    return fillers


@pytest.fixture
def tenant(sqlite_db: Database) -> tuple[int, int]:
    person = make_person(sqlite_db, "Karin", "Öberg", serial=1)
    return person, add_lease(sqlite_db, person, dt.date(2026, 11, 16))


def make_page(qtbot, db: Database) -> FollowUpPage:
    page = FollowUpPage(db, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    # Shown, the page reads its list in the background.
    qtbot.waitUntil(lambda: not page.loading)
    return page


def select_in_list(page: FollowUpPage, person_id: int) -> None:
    rows = page.list_model.rows()
    page.list.selectRow(next(n for n, r in enumerate(rows) if r.person_id == person_id))


def test_a_start_up_checklist_completed_from_the_window(
    qtbot, sqlite_db: Database, tenant: tuple[int, int], dialogs, message_boxes: MessageBoxes
) -> None:
    save_checklist_template(sqlite_db, "Hemförsäkring\nElavtal\nNycklar kvitterade", None)
    person, contract = tenant
    page = make_page(qtbot, sqlite_db)
    select_in_list(page, person)
    assert page.person is not None and page.person.person_id == person
    tab = page.tab_pages[0]
    assert page.tabs.currentWidget() is tab
    assert "Inget uppstartsmöte har planerats" in tab.status.text()

    qtbot.mouseClick(tab.plan_button, Qt.MouseButton.LeftButton)
    assert tab.model.rowCount() == 3

    def book(dialog: QDialog) -> None:
        dialog.date.setText("2026-11-16")  # type: ignore[attr-defined]
        dialog.time.setText("10.00")  # type: ignore[attr-defined]
        dialog.place.setText("Kontoret, rum Tallen")  # type: ignore[attr-defined]
        dialog.participants.setPlainText("Socialsekreteraren, handledaren")  # type: ignore[attr-defined]

    dialogs.append(book)
    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    assert "2026-11-16 kl. 10:00, Kontoret, rum Tallen" in tab.details.text()

    # The first item by its button, the second with Space, the third by its tick box.
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.tick_button, Qt.MouseButton.LeftButton)
    tab.table.setFocus()
    tab.table.selectRow(1)
    qtbot.keyClick(tab.table, Qt.Key.Key_Space)
    box = tab.model.index(2, 0)
    assert tab.model.flags(box) & Qt.ItemFlag.ItemIsUserCheckable
    tab.model.setData(box, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert [i.done for i in tab.model.items] == [True, True, True]
    assert tab.model.data(tab.model.index(0, 2)) == current_username()

    # A note on the keys, through its dialog.
    dialogs.append(lambda d: d.note.setPlainText("Två nycklar och en tagg"))  # type: ignore[attr-defined]
    tab.table.selectRow(2)
    qtbot.mouseClick(tab.note_button, Qt.MouseButton.LeftButton)
    assert tab.model.items[2].note == "Två nycklar och en tagg"

    qtbot.mouseClick(tab.close_button, Qt.MouseButton.LeftButton)
    assert "Första uppföljningsmötet är bokat" in message_boxes.texts
    assert tab.status.text().startswith("Avslutat")
    assert not tab.tick_button.isEnabled()
    assert not tab.model.flags(tab.model.index(0, 0)) & Qt.ItemFlag.ItemIsUserCheckable

    with sqlite_db.sessions() as s:
        meeting = s.query(StartupMeeting).filter_by(contract_id=contract).one()
        assert meeting.closed
        assert meeting.meeting_time == "10:00"
        items = s.query(StartupChecklistItem).filter_by(meeting_id=meeting.id).all()
        assert {i.done_by for i in items} == {current_username()}
        assert all(i.done_at is not None for i in items)
        first = s.query(FollowUp).filter_by(contract_id=contract).one()
        assert first.due_date == dt.date(2026, 12, 16)
    # The booked follow-up is on the next tab.
    page.tabs.setCurrentIndex(1)
    assert page.tab_pages[1].model.texts()[0][0] == "2026-12-16"


def test_an_unfinished_checklist_cannot_be_closed_from_the_window(
    qtbot, sqlite_db: Database, tenant: tuple[int, int], dialogs, message_boxes: MessageBoxes
) -> None:
    person, _contract = tenant
    page = make_page(qtbot, sqlite_db)
    page.show_person(person)
    tab = page.tab_pages[0]
    qtbot.mouseClick(tab.plan_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.close_button, Qt.MouseButton.LeftButton)
    assert "Fyll i dagen då uppstartsmötet hölls" in message_boxes.texts
    # A day before the contract is refused in the form, which stays open with the reason.
    shown: list[str] = []

    def too_early(dialog: QDialog) -> None:
        dialog.date.setText("2026-11-10")  # type: ignore[attr-defined]
        dialog.save()  # type: ignore[attr-defined]
        shown.append(dialog.error_label.text())  # type: ignore[attr-defined]

    dialogs.append(too_early)
    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    assert "före kontraktets start 2026-11-16" in shown[0]
    assert tab.meeting is not None and tab.meeting.meeting_date is None
    assert "Mötesdag: inte bokat" in tab.details.text()


def test_recording_a_follow_up_books_the_next(
    qtbot, sqlite_db: Database, tenant: tuple[int, int], dialogs, message_boxes: MessageBoxes
) -> None:
    person, _contract = tenant
    page = make_page(qtbot, sqlite_db)
    page.show_person(person)
    page.tabs.setCurrentIndex(1)
    tab = page.tab_pages[1]
    assert "Inget uppföljningsmöte är bokat" in tab.info.text()
    qtbot.mouseClick(tab.book_button, Qt.MouseButton.LeftButton)
    assert tab.model.texts()[0][:2] == ["2026-12-16", "–"]

    def held(dialog: QDialog) -> None:
        dialog.held.setText("2026-11-26")  # type: ignore[attr-defined]
        dialog.participants.setText("Hyresgästen, handledaren")  # type: ignore[attr-defined]
        dialog.outcome.setPlainText("Fungerar")  # type: ignore[attr-defined]

    dialogs.append(held)
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    assert "Nästa uppföljningsmöte är bokat till 2027-02-26" in message_boxes.texts
    assert [row[:2] for row in tab.model.texts()] == [
        ["2027-02-26", "–"],
        ["2026-12-16", "2026-11-26"],
    ]


def test_two_rent_debts_make_a_flerpartssamtal_and_consent_comes_before_the_landlords_letter(
    qtbot,
    sqlite_db: Database,
    tenant: tuple[int, int],
    dialogs,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    previews: list[tuple[object, ...]] = []

    def preview(_parent, _db, kind, person_id, contract_id=None, **options):  # type: ignore[no-untyped-def]
        previews.append((kind, person_id, contract_id, options.get("subject_id")))

    monkeypatch.setattr("ui.letters.print_action.open_letter_preview", preview)
    person, contract = tenant
    register_rent_arrear(
        sqlite_db, RentArrearInput(person, dt.date(2026, 11, 1), 350_000, TODAY), today=TODAY
    )
    page = make_page(qtbot, sqlite_db)
    page.show_person(person)
    page.tabs.setCurrentIndex(3)
    trouble = page.tab_pages[3]

    def december(dialog: QDialog) -> None:
        dialog.month.setText("2026-12-01")  # type: ignore[attr-defined]
        dialog.amount.setText("-100")  # type: ignore[attr-defined]

    def fixed(dialog: QDialog) -> None:
        dialog.month.setText("2026-12-01")  # type: ignore[attr-defined]
        dialog.amount.setText("1 200,50")  # type: ignore[attr-defined]

    # A negative amount is refused and the form stays open with the reason; then corrected.
    def negative_then_fixed(dialog: QDialog) -> None:
        december(dialog)
        dialog.save()  # type: ignore[attr-defined]
        assert "större än noll" in dialog.error_label.text()  # type: ignore[attr-defined]
        fixed(dialog)

    dialogs.append(negative_then_fixed)
    trouble.new_arrear()
    assert "ett flerpartssamtal ska erbjudas senast 2026-12-11" in message_boxes.texts
    assert len(trouble.arrears.rows()) == 2

    page.tabs.setCurrentIndex(5)
    meetings = page.tab_pages[5]
    assert len(meetings.model.rows()) == 1
    assert "Inget samtycke är registrerat" in meetings.consent.text()
    assert not meetings.landlord_letter.isEnabled(), "no consent, no letter to the landlord"

    def consent(d: Any) -> None:
        d.consent.setPlainText("Att en avbetalningsplan diskuteras")
        d.participants.setPlainText("Ylva Åberg (bostadshandledare)")
        # How it was given is asked, never assumed: refused until chosen.
        d.save()
        assert "skriftligt eller muntligt" in d.rows.lines[d.rows.row_of(d.how)].text()
        d.how.setCurrentIndex(d.how.findData("oral"))
        d.valid_until.setText("2027-02-26")

    dialogs.append(consent)
    qtbot.mouseClick(meetings.consent_button, Qt.MouseButton.LeftButton)
    assert "Muntligt 2026-11-27, gäller till 2027-02-26." in meetings.consent.text()
    assert "Att en avbetalningsplan diskuteras" in meetings.consent.text()
    assert "får veta om: Ylva Åberg (bostadshandledare)" in meetings.consent.text()
    assert meetings.landlord_letter.isEnabled()
    # Before the landlord's letter: the consent, and a way back.
    message_boxes.answer("Avbryt")
    qtbot.mouseClick(meetings.landlord_letter, Qt.MouseButton.LeftButton)
    last = message_boxes.shown[-1]
    assert "Att en avbetalningsplan diskuteras" in last.informative
    assert "Fortsätt till brevet" in last.buttons
    assert previews == []
    message_boxes.answer("Fortsätt till brevet")
    qtbot.mouseClick(meetings.landlord_letter, Qt.MouseButton.LeftButton)
    meeting_id = meetings.model.rows()[0].id
    assert previews == [("multiparty_meeting_landlord", person, contract, meeting_id)]
    qtbot.mouseClick(meetings.tenant_letter, Qt.MouseButton.LeftButton)
    assert previews[-1] == ("multiparty_meeting_tenant", person, contract, meeting_id)


def test_an_open_eviction_notice_is_highlighted_until_closed(
    qtbot, sqlite_db: Database, tenant: tuple[int, int], dialogs, message_boxes: MessageBoxes
) -> None:
    person, _contract = tenant
    register_eviction_notice(
        sqlite_db,
        EvictionNoticeInput(person, dt.date(2026, 11, 20), "kronofogden", "Mål nr 12-1"),
        today=TODAY,
    )
    page = make_page(qtbot, sqlite_db)
    select_in_list(page, person)
    assert page.banner.isVisible()
    assert "sedan 2026-11-20" in page.banner.text()
    assert page.tabs.tabText(4) == "Underrättelser (1)"
    row = page.list_model.rows()[0]
    assert row.eviction_open and "Underrättelse" in row.flags
    page.tabs.setCurrentIndex(4)
    notices = page.tab_pages[4]
    assert RED in notices.panel.styleSheet()
    assert notices.model.data(notices.model.index(0, 6)) == "Pågår"
    # Closing with the checklist not done is refused; ticking it on screen and closing works.
    refused: list[str] = []

    def close_too_soon(dialog: QDialog) -> None:
        dialog.save()  # type: ignore[attr-defined]
        refused.append(dialog.error_label.text())  # type: ignore[attr-defined]

    dialogs.append(close_too_soon)
    qtbot.mouseClick(notices.close_button, Qt.MouseButton.LeftButton)
    assert "Det förebyggande arbetet är inte klart" in refused[0]
    assert page.banner.isVisible()
    for box in (notices.contacts, notices.funds, notices.support):
        box.setChecked(True)
    dialogs.append(lambda d: d.closed.setText("2026-11-27"))  # type: ignore[attr-defined]
    qtbot.mouseClick(notices.close_button, Qt.MouseButton.LeftButton)
    assert not page.banner.isVisible()
    assert page.tabs.tabText(4) == "Underrättelser"
    assert notices.model.data(notices.model.index(0, 6)) == "2026-11-27"
    assert notices.panel.styleSheet() == ""


def test_a_withdrawn_consent_stops_the_landlords_letter_and_says_why(
    qtbot, sqlite_db: Database, tenant: tuple[int, int], dialogs
) -> None:
    person, _contract = tenant
    for month in (dt.date(2026, 11, 1), dt.date(2026, 12, 1)):
        register_rent_arrear(sqlite_db, RentArrearInput(person, month, 350_000, TODAY), today=TODAY)
    page = make_page(qtbot, sqlite_db)
    page.show_person(person)
    page.tabs.setCurrentIndex(5)
    meetings = page.tab_pages[5]
    assert not meetings.withdraw_button.isEnabled()

    def consent(d: Any) -> None:
        d.consent.setPlainText("Att en avbetalningsplan diskuteras")
        d.how.setCurrentIndex(d.how.findData("written"))

    dialogs.append(consent)
    meetings.consent_button.click()
    assert meetings.landlord_letter.isEnabled()

    def withdraw(d: Any) -> None:
        d.how.setCurrentIndex(d.how.findData("oral"))

    dialogs.append(withdraw)
    meetings.withdraw_button.click()
    text = meetings.consent.text()
    assert "Återkallat muntligt 2026-11-27." in text
    assert "Samtycket återkallades 2026-11-27" in text
    assert "avbetalningsplan" not in text.split("Återkallat")[1]
    assert meetings.model.texts()[0][4] == "Återkallat 2026-11-27"
    assert not meetings.landlord_letter.isEnabled()
    assert "återkallade samtycket 2026-11-27" in meetings.landlord_letter.toolTip()
    assert not meetings.withdraw_button.isEnabled()


def test_unticking_a_colleagues_tick_asks_first_and_the_history_shows_both(
    qtbot, sqlite_db: Database, tenant: tuple[int, int], message_boxes: MessageBoxes
) -> None:
    save_checklist_template(sqlite_db, "Hemförsäkring\nElavtal", None)
    person, contract = tenant
    meeting_id = open_startup_meeting(sqlite_db, contract, user="kollega")
    item = get_startup_meeting(sqlite_db, meeting_id).items[0]
    tick_checklist_item(
        sqlite_db, item.id, item.version, user="kollega",
        now=dt.datetime(2026, 11, 26, 8, 15, tzinfo=dt.UTC),
    )  # fmt: skip
    page = make_page(qtbot, sqlite_db)
    select_in_list(page, person)
    tab = page.tab_pages[0]
    tab.table.selectRow(0)
    assert "Bockade av: kollega 2026-11-26 09:15" in tab.history.text()
    assert "Bockade av: kollega 2026-11-26 09:15" in tab.model.data(
        tab.model.index(0, 2), Qt.ItemDataRole.ToolTipRole
    )

    message_boxes.answer("Avbryt")
    tab.tick_button.click()
    asked = message_boxes.shown[-1]
    assert asked.text == "Bocken sattes av kollega den 2026-11-26 09:15, ta bort den?"
    assert tab.model.items[0].done, "going back leaves the tick"

    message_boxes.answer("Ta bort bocken")
    tab.table.selectRow(0)
    tab.tick_button.click()
    assert not tab.model.items[0].done
    tab.table.selectRow(0)
    history = tab.history.text()
    assert "Bockade av: kollega 2026-11-26 09:15" in history
    assert f"Tog bort bocken: {current_username()}" in history
    # One's own tick is taken away without a question.
    asked_before = len(message_boxes.shown)
    tab.tick_button.click()
    tab.table.selectRow(0)
    tab.tick_button.click()
    assert len(message_boxes.shown) == asked_before
    assert len(tab.model.items[0].history) == 4
