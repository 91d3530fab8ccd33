"""The timeline says who recorded each event, by full name when the users list has one, and
marks an event still to come as planned."""

from __future__ import annotations

import datetime as dt

from bobudget.app.person_card import get_person_card
from bobudget.app.timeline import get_timeline
from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork
from bobudget.follow_up.follow_ups import FollowUpRecord, open_follow_up, record_follow_up
from bobudget.model import AuditEntry, Offer, User
from bobudget.placement.decisions import answer_offer, record_offer
from tests.db.follow_up_helpers import add_lease
from tests.db.placement_data import TODAY, USER, decision, dwelling, landlord, person

D = dt.date


def _add_user(db: Database, username: str, full_name: str) -> None:
    with UnitOfWork(db, "admin") as uow:
        uow.session.add(User(username=username, full_name=full_name))
        uow.commit()


def _by_text(db: Database, person_id: int, today: dt.date = TODAY) -> dict[str, str]:
    return {e.text: e.recorded_by for e in get_timeline(db, person_id, today)}


def test_each_event_names_who_recorded_it_by_full_name_else_login(db: Database) -> None:
    _add_user(db, USER, "Tove Testare")
    karin = person(db, "Karin", "Öberg")
    decision_id = decision(db, karin, decided=D(2026, 8, 1), reference="SN 2026/00042")
    home = dwelling(db, landlord(db))
    offer = record_offer(db, decision_id, home, D(2026, 9, 1), user=USER, today=TODAY)
    # Another colleague, not in the users list, records the answer: the audit trail says so,
    # though the offer row itself was created by the first.
    answer_offer(db, offer, 1, "declined", D(2026, 9, 3), "För långt från skolan",
                 user="bertil", today=TODAY)  # fmt: skip

    recorded = _by_text(db, karin)
    assert recorded["Beslut: Hjälp med bostadsanskaffning (SN 2026/00042)"] == "Tove Testare"
    assert recorded["Erbjudande om bostad"] == "Tove Testare"
    assert recorded["Erbjudandet avböjdes: För långt från skolan"] == "bertil"


def test_a_step_without_an_audit_entry_names_the_rows_writer(db: Database) -> None:
    karin = person(db, "Karin", "Öberg")
    decision_id = decision(db, karin, decided=D(2026, 8, 1))
    with UnitOfWork(db, "importör") as uow:
        offer = Offer(
            decision_id=decision_id,
            offered_date=D(2026, 9, 1),
            answer="accepted",
            answer_date=D(2026, 9, 2),
        )
        uow.session.add(offer)
        uow.session.flush()
        uow.session.add(
            AuditEntry(username="lista", action="import", entity="offer", entity_id=offer.id)
        )
        uow.commit()
    recorded = _by_text(db, karin)
    # The importer's audit entry answers for every step of the row it brought in.
    assert recorded["Erbjudande om bostad"] == "lista"
    assert recorded["Erbjudandet accepterades"] == "lista"


def test_an_event_after_today_is_planned_and_says_so_on_the_card(db: Database) -> None:
    karin = person(db, "Karin", "Öberg")
    contract = add_lease(db, karin, D(2026, 9, 1))
    follow_up = open_follow_up(db, contract, user=USER)
    record_follow_up(
        db, follow_up, 1, FollowUpRecord(D(2026, 10, 1), "X", outcome="Fungerar"), USER, TODAY
    )
    events = get_timeline(db, karin, TODAY)
    held = next(e for e in events if e.text == "Uppföljningsmöte: Fungerar")
    assert not held.planned
    # Recording the follow-up booked the next one, which lies ahead.
    [coming] = [e for e in events if e.text == "Uppföljningsmöte"]
    assert coming.date > TODAY
    assert coming.planned
    assert coming.recorded_by == USER

    card = get_person_card(db, karin, TODAY)
    assert [e.planned for e in card.events if e.what == "Uppföljningsmöte"] == [True]
    # On its day a follow-up not yet held is no longer planned but due: Att göra's, not history.
    later = get_timeline(db, karin, coming.date)
    assert "Uppföljningsmöte" not in [e.text for e in later]
