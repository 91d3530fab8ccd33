"""The person card's Händelser: who recorded each event, and planned ones marked in words."""

from __future__ import annotations

import datetime as dt

from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork
from bobudget.follow_up.follow_ups import FollowUpRecord, open_follow_up, record_follow_up
from bobudget.follow_up.trouble import DisturbanceInput, register_disturbance
from bobudget.model import User
from tests.db.follow_up_helpers import add_lease
from ui.persons.card import EVENT_HEADERS, PersonCardView


def test_the_events_say_who_recorded_them_and_which_are_planned(
    qtbot, sqlite_db: Database, person_factory
) -> None:
    today = dt.date.today()
    with UnitOfWork(sqlite_db, "admin") as uow:
        uow.session.add(User(username="handledare1", full_name="Hanna Handledare"))
        uow.commit()
    karin = person_factory("Karin", "Öberg")
    contract = add_lease(sqlite_db, karin, today - dt.timedelta(days=40))
    follow_up = open_follow_up(sqlite_db, contract, user="handledare1")
    record = FollowUpRecord(today, "Karin, Hanna", outcome="Fungerar")
    record_follow_up(sqlite_db, follow_up, 1, record, "handledare1", today)
    register_disturbance(
        sqlite_db, DisturbanceInput(karin, today, "Hög musik"), "okändkollega", today
    )

    view = PersonCardView(sqlite_db)
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    view.show_person(karin)

    header = view.events_table.horizontalHeaderItem(2)
    assert header is not None and header.text() == EVENT_HEADERS[2] == "Registrerad av"
    rows = view.events_table.cell_texts()
    # Newest first: the next follow-up, still to come, says so in its text.
    planned = rows[0]
    assert planned[1] == "Planerat: Uppföljningsmöte"
    assert planned[2] == "Hanna Handledare"  # who booked it: the users list's full name
    held = next(row for row in rows if row[1] == "Uppföljningsmöte: Fungerar")
    assert held[0] == today.isoformat()
    assert held[2] == "Hanna Handledare"
    reported = next(row for row in rows if row[1] == "Störningsanmälan: Hög musik")
    assert reported[2] == "okändkollega"  # not in the users list: the login
    assert all(row[2] for row in rows)
    # Besides the word, the planned row is set apart in italics; past rows are not.
    planned_item = view.events_table.item(0, 1)
    assert planned_item is not None and planned_item.font().italic()
    held_item = view.events_table.item(rows.index(held), 1)
    assert held_item is not None and not held_item.font().italic()
    assert "Planerat: Uppföljningsmöte | Hanna Handledare" in view.visible_text()
