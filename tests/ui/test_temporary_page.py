"""Tillfälligt boende in the window, driven through its real widgets: a placement renewed twice
through month ends, moved and ended; the marks and the reminder filter; the costs; two windows
renewing one placement.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from bobudget.db.engine import Database
from bobudget.placement.decisions import DecisionInput, register_decision
from bobudget.placement.temporary import PlacementInput, place_person
from bobudget.placement.temporary_list import get_placement
from bobudget.placement.temporary_places import PlaceInput, save_place
from tests.ui.conftest import TODAY, MessageBoxes, make_person
from tests.ui.placement_helpers import (
    Dialogs,
    choose,
    click,
    close_previews,
    colour,
    dialogs,
    pnr,
    ready_to_write_letters,
    show,
    texts,
    today,
)
from ui.letters.print_action import open_previews
from ui.pages.temporary import TemporaryPage
from ui.style import AMBER, GREY, RED

# The fixtures, used by name.
__all__ = ["close_previews", "dialogs"]


def test_placement_renewed_twice_through_month_ends(
    qtbot, sqlite_db: Database, dialogs: Dialogs, message_boxes: MessageBoxes
) -> None:
    ready_to_write_letters(sqlite_db)
    make_person(sqlite_db, "Karin", "Öberg", serial=1)
    hostel = save_place(sqlite_db, PlaceInput("Vandrarhemmet Sjöviken", cost_ore=45000))
    save_place(sqlite_db, PlaceInput("Hotell Stationen", kind="hotel", cost_ore=79000))
    page = show(qtbot, TemporaryPage(sqlite_db, today))
    panel = page.placements

    def new_decision(d: Any) -> None:
        assert d.kind.currentData() == "temporary"
        d.date.setText("2026-11-27")
        d.decided_by.setText("Socialjouren")
        d.reference.setText("SN 2026/00999")

    def place(d: Any) -> None:
        d.picker.field.setText("öberg")
        d.picker.search()
        dialogs.expect(new_decision)
        d.new_decision.click()
        assert "Tillfälligt boende" in d.decision.currentText()
        choose(d.place, "Vandrarhemmet Sjöviken")
        d.start.setText("2026-11-30")
        # The field holds the period's last day: the renewal starts the day after.
        assert d.end.text() == "2027-02-27"

    dialogs.expect(place)
    message_boxes.answer("Inte nu")
    click(panel, "place")
    assert texts(panel)[0][:6] == [
        pnr(1), "Öberg, Karin", "2027-02-27", "93", "", "0"
    ]  # fmt: skip

    def renew(note: str) -> Callable[[Any], None]:
        def fill(d: Any) -> None:
            d.assessment.setPlainText(note)
            d.decision.decided_by.setText("Eva Berg, enhetschef")
            d.decision.reference.setText("SN 2026/01000")

        return fill

    dialogs.expect(lambda d: None, retry=renew("Söker aktivt, i kö hos bolaget"))
    message_boxes.answer("Inte nu")
    click(panel, "renew")
    assert "Skriv bedömningen" in dialogs.errors[0]
    dialogs.expect(renew("Behovet kvarstår"))
    message_boxes.answer("Skriv ut brevet…")
    click(panel, "renew")
    assert "ny period 2027-05-28 – 2027-08-27" in message_boxes.texts
    previews = open_previews()
    assert len(previews) == 1 and "förlängning" in previews[0].title.lower()

    assert panel.periods.texts() == [
        ["1", "2026-11-30", "2027-02-27", "Förlängd", ""],
        ["2", "2027-02-28", "2027-05-27", "Förlängd", "Söker aktivt, i kö hos bolaget"],
        ["3", "2027-05-28", "2027-08-27", "Ej beslutad", "Behovet kvarstår"],
    ]
    assert texts(panel)[0][2:6] == ["2027-08-27", "274", "", "2"]

    def move(d: Any) -> None:
        choose(d.place, "Hotell Stationen")
        d.date.setText("2026-12-10")

    dialogs.expect(move)
    message_boxes.answer("Inte nu")
    click(panel, "move")
    # Until the move day both show: the old place ending, the new one carrying the periods on.
    assert [(r[2], r[4], r[5], r[6]) for r in texts(panel)] == [
        ("2026-12-09", "Avslutas 2026-12-10", "0", "Vandrarhemmet Sjöviken"),
        ("2027-08-27", "", "2", "Hotell Stationen"),
    ]
    moved = panel.selected_key()
    assert moved is not None and panel.selected().place == "Hotell Stationen"

    def end(d: Any) -> None:
        d.date.setText("2026-12-20")
        d.reason.setPlainText("Fått egen bostad")

    dialogs.expect(end)
    message_boxes.answer("Inte nu")
    click(panel, "end")
    # The renewals decided in advance are void once the placement ends before them.
    assert [(r[2], r[4], r[5]) for r in texts(panel)] == [
        ("2026-12-09", "Avslutas 2026-12-10", "0"),
        ("2026-12-19", "Avslutas 2026-12-20", "0"),
    ]
    assert colour(panel, 1, 4) == GREY
    assert not panel.action_bar.button("renew").isEnabled()
    assert get_placement(sqlite_db, moved, TODAY).end_reason == "Fått egen bostad"
    assert hostel


def test_placement_list_marks_and_the_reminder_filter(qtbot, sqlite_db: Database) -> None:
    place = save_place(sqlite_db, PlaceInput("Vandrarhemmet Sjöviken", cost_ore=45000))

    def placed(first: str, serial: int, start: dt.date) -> None:
        person = make_person(sqlite_db, first, "Lund", serial=serial)
        decision = register_decision(
            sqlite_db,
            DecisionInput(person, "temporary", min(start, TODAY), "Eva", f"SN T{serial}"),
            today=TODAY,
        )
        place_person(sqlite_db, PlacementInput(decision, place, start))

    placed("Sen", 1, dt.date(2026, 8, 20))  # ended 2026-11-20 undecided: overdue
    placed("Snart", 2, dt.date(2026, 9, 13))  # ends Sunday 2026-12-13: by Friday the 11th
    placed("Senare", 3, dt.date(2026, 11, 1))
    page = show(qtbot, TemporaryPage(sqlite_db, today))
    panel = page.placements
    assert [(r[1], r[3], r[4]) for r in texts(panel)] == [
        ("Lund, Sen", "7 dagar sedan", "Försenad: förläng eller avsluta"),
        ("Lund, Snart", "16", "Beslut senast 2026-12-11"),
        ("Lund, Senare", "66", ""),
    ]
    assert [colour(panel, r, 3) for r in range(3)] == [RED, AMBER, None]
    panel.marked.setChecked(True)
    qtbot.waitUntil(lambda: len(texts(panel)) == 2)
    assert (
        panel.count_label.text() == "2 pågående placeringar · 2 ska förlängas eller avslutas snart"
    )


def test_costs_tab(qtbot, sqlite_db: Database) -> None:
    place = save_place(sqlite_db, PlaceInput("Vandrarhemmet Sjöviken", cost_ore=45000))
    person = make_person(sqlite_db, "Karin", "Öberg", serial=1)
    decision = register_decision(
        sqlite_db,
        DecisionInput(person, "temporary", dt.date(2026, 10, 1), "Eva", "SN 1"),
        today=TODAY,
    )
    place_person(sqlite_db, PlacementInput(decision, place, dt.date(2026, 10, 20)))
    page = show(qtbot, TemporaryPage(sqlite_db, today))
    page.tabs.setCurrentWidget(page.costs)
    qtbot.waitUntil(lambda: page.costs.table.rowCount() == 13)
    rows = page.costs.texts()
    assert rows[9][:4] == ["Oktober", "1", "12", "5\u00a0400,00\u00a0kr"]
    assert rows[12][0] == "Hela 2026"


def test_two_windows_renewing_one_placement(
    qtbot, sqlite_db: Database, dialogs: Dialogs, message_boxes: MessageBoxes
) -> None:
    place = save_place(sqlite_db, PlaceInput("Vandrarhemmet Sjöviken", cost_ore=45000))
    person = make_person(sqlite_db, "Karin", "Öberg", serial=1)
    decision = register_decision(
        sqlite_db, DecisionInput(person, "temporary", TODAY, "Eva", "SN 1"), today=TODAY
    )
    place_person(sqlite_db, PlacementInput(decision, place, TODAY))
    pages = [show(qtbot, TemporaryPage(sqlite_db, today)) for _ in range(2)]
    first, second = (page.placements for page in pages)
    first.table.selectRow(0)
    second.table.selectRow(0)
    # The second window is on another computer: it does not hear this one's changes.
    second.changes.stop()

    dialogs.expect(lambda d: d.assessment.setPlainText("Bedömt i fönster ett"))
    message_boxes.answer("Inte nu")
    click(first, "renew")
    dialogs.expect(lambda d: d.assessment.setPlainText("Bedömt i fönster två"))
    click(second, "renew")
    assert "medan du arbetade med den" in message_boxes.texts
    assert len(get_placement(sqlite_db, first.selected_key() or 0, TODAY).periods) == 2
