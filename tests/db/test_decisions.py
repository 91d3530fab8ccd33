"""Decisions, the queue and offers, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from bobudget.db.engine import Database
from bobudget.kernel.errors import ConflictError, ValidationError
from bobudget.kernel.identity import demo_identity
from bobudget.kernel.money import format_amount
from bobudget.kernel.urgency import Urgency
from bobudget.model import Decision, Offer
from bobudget.persons.registry import PersonInput, create_person
from bobudget.placement.decisions import (
    answer_offer,
    end_decision,
    get_decision,
    record_offer,
    update_decision,
    waiting_decisions,
)
from bobudget.placement.housing_stock import get_dwelling
from bobudget.placement.queue import QueueFilter, queue_count, queue_rows, queue_units
from tests.db.placement_data import TODAY, USER, decision, dwelling, landlord, person


def _count(db: Database, model: type) -> int:
    with db.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_the_queue_is_oldest_first_with_waiting_days_needs_and_marks(db: Database) -> None:
    young = decision(db, person(db, "Anna", "Andersson"), decided=dt.date(2026, 11, 1))
    old = decision(
        db,
        person(db, "Bo", "Berg"),
        decided=dt.date(2026, 8, 1),
        need_adults=2,
        need_children=1,
        need_rooms=3,
        need_rent_ceiling_ore=950000,
        need_accessibility=True,
    )
    near = decision(db, person(db, "Cilla", "Ceder"), decided=dt.date(2026, 9, 10))
    decision(db, person(db, "Dan", "Dahl"), kind="temporary", decided=dt.date(2026, 7, 1))

    rows = queue_rows(db, QueueFilter(), TODAY)
    assert [r.decision_id for r in rows] == [old, near, young]
    first = rows[0]
    assert first.name == "Berg, Bo"
    assert first.waiting_days == 118
    assert first.three_months == dt.date(2026, 11, 1)
    assert first.mark is Urgency.OVERDUE
    assert first.mark_label == "Över 3 mån – IVO"
    ceiling = format_amount(950000)
    assert first.needs == f"2 vuxna, 1 barn, 3 rum, högst {ceiling}, tillgänglighetsanpassad"
    # Three months from 2026-09-10 run out on 2026-12-10: inside the two-week warning.
    assert rows[1].mark is Urgency.SOON
    assert rows[2].mark is Urgency.LATER
    assert queue_count(db, QueueFilter(), TODAY) == 3


def test_queue_filters(db: Database) -> None:
    karin = person(db, "Karin", "Öberg")
    decision(db, karin, need_rooms=2, need_children=1, unit="Socialjouren")
    decision(db, person(db, "Per", "Persson"), need_rooms=3, need_accessibility=True)
    decision(db, person(db, "Lisa", "Lund"), decided=dt.date(2026, 11, 20), need_rooms=2)

    def names(**filters: object) -> list[str]:
        return [r.name for r in queue_rows(db, QueueFilter(**filters), TODAY)]  # type: ignore[arg-type]

    assert names(rooms=2) == ["Öberg, Karin", "Lund, Lisa"]
    assert names(unit="Socialjouren") == ["Öberg, Karin"]
    assert names(accessibility=True) == ["Persson, Per"]
    assert names(children=True) == ["Öberg, Karin"]
    assert names(text="öberg") == ["Öberg, Karin"]
    assert names(text="ÖBERG karin") == ["Öberg, Karin"]
    assert names(passed_only=True) == ["Öberg, Karin", "Persson, Per"]
    assert names(rooms=2, passed_only=True) == ["Öberg, Karin"]
    assert queue_count(db, QueueFilter(rooms=2), TODAY) == 2
    assert queue_units(db) == ["Socialjouren", "Vuxenavdelningen"]


def test_bad_decisions_are_refused_and_nothing_is_saved(db: Database) -> None:
    karin = person(db)
    decision(db, karin, reference="SN 2026/00001")
    with pytest.raises(ValidationError, match="redan ett beslut om hjälp med bostadsanskaffning"):
        decision(db, karin)
    with pytest.raises(ValidationError, match="diarienummer SN 2026/00001 finns redan"):
        decision(db, person(db, "Per", "Persson"), reference="SN 2026/00001")
    with pytest.raises(ValidationError, match="ligger i framtiden"):
        decision(db, person(db, "Lisa", "Lund"), decided=TODAY + dt.timedelta(days=1))
    child = create_person(
        db, PersonInput(demo_identity(dt.date(2012, 4, 1), 1).display, "Olle", "Ek"), today=TODAY
    )
    with pytest.raises(ValidationError, match="ingen vuxen medlem"):
        decision(db, child)
    assert _count(db, Decision) == 1


def test_changing_a_decision_keeps_others_changes(db: Database) -> None:
    decision_id = decision(db, person(db))
    read = get_decision(db, decision_id)
    read.data.need_rooms = 4
    read.data.delay_reason = "Inga lediga fyror"
    update_decision(db, decision_id, read.version, read.data, user=USER, today=TODAY)
    stale = get_decision(db, decision_id)
    assert stale.data.need_rooms == 4
    with pytest.raises(ConflictError):
        update_decision(db, decision_id, read.version, read.data, user="annan", today=TODAY)


def test_offers_declined_with_reason_then_accepted(db: Database) -> None:
    decision_id = decision(db, person(db))
    owner = landlord(db)
    first = dwelling(db, owner, "Kvarngatan 7")
    second = dwelling(db, owner, "Ågatan 3")

    offer_id = record_offer(db, decision_id, first, dt.date(2026, 9, 1), user=USER, today=TODAY)
    assert get_dwelling(db, first).data.status == "offered"
    with pytest.raises(ValidationError, match="väntar på svar"):
        record_offer(db, decision_id, second, dt.date(2026, 9, 2), user=USER, today=TODAY)

    offer = get_decision(db, decision_id).offers[0]
    with pytest.raises(ValidationError, match="Skriv varför hushållet tackade nej"):
        answer_offer(db, offer_id, offer.version, "declined", dt.date(2026, 9, 3), " ", today=TODAY)
    with pytest.raises(ValidationError, match="före erbjudandet"):
        answer_offer(
            db, offer_id, offer.version, "declined", dt.date(2026, 8, 30), "x", today=TODAY
        )
    answer_offer(
        db, offer_id, offer.version, "declined", dt.date(2026, 9, 3), "För långt från skolan",
        user=USER, today=TODAY,
    )  # fmt: skip
    assert get_dwelling(db, first).data.status == "available"
    with pytest.raises(ConflictError):
        answer_offer(db, offer_id, offer.version, "accepted", dt.date(2026, 9, 3), today=TODAY)

    second_offer = record_offer(
        db, decision_id, second, dt.date(2026, 10, 1), user=USER, today=TODAY
    )
    row = queue_rows(db, QueueFilter(), TODAY)[0]
    assert row.offers == 2
    assert row.last_offer == "2026-10-01 Väntar på svar"
    assert row.last_offer_where == "Ågatan 3"
    version = get_decision(db, decision_id).offers[1].version
    answer_offer(db, second_offer, version, "accepted", dt.date(2026, 10, 2), today=TODAY)

    detail = get_decision(db, decision_id)
    assert [(o.answer_label, o.decline_reason) for o in detail.offers] == [
        ("Tackade nej", "För långt från skolan"),
        ("Tackade ja", ""),
    ]
    # Accepting does not carry the decision out: the contract does. It stays in the queue.
    assert detail.status == "waiting"
    assert get_dwelling(db, second).data.status == "offered"


def test_an_offer_needs_a_free_dwelling_and_a_waiting_housing_decision(db: Database) -> None:
    owner = landlord(db)
    home = dwelling(db, owner)
    taken = decision(db, person(db, "Per", "Persson"))
    record_offer(db, taken, home, dt.date(2026, 9, 1), user=USER, today=TODAY)
    other = decision(db, person(db))
    with pytest.raises(ValidationError, match="inte ledig"):
        record_offer(db, other, home, dt.date(2026, 9, 2), user=USER, today=TODAY)
    temporary = decision(db, person(db, "Lisa", "Lund"), kind="temporary")
    with pytest.raises(ValidationError, match="bara på beslut om hjälp med bostadsanskaffning"):
        record_offer(db, temporary, dwelling(db, owner, "Ågatan 3"), TODAY, today=TODAY)
    with pytest.raises(ValidationError, match="före beslutsdatum"):
        record_offer(db, other, dwelling(db, owner, "Åsvägen 1"), dt.date(2026, 7, 1), today=TODAY)
    assert _count(db, Offer) == 1


def test_protected_persons_offered_address_is_not_listed(db: Database) -> None:
    decision_id = decision(db, person(db, "Elsa", "Lindqvist", protected=True))
    home = dwelling(db, landlord(db))
    record_offer(db, decision_id, home, dt.date(2026, 9, 1), user=USER, today=TODAY)
    row = queue_rows(db, QueueFilter(), TODAY)[0]
    assert row.protected
    assert row.last_offer_where == "Skyddad"
    assert get_decision(db, decision_id).offers[0].dwelling == "Skyddad"


def test_ending_a_decision_takes_it_out_of_the_queue_and_frees_its_dwelling(db: Database) -> None:
    karin = person(db)
    decision_id = decision(db, karin)
    home = dwelling(db, landlord(db))
    record_offer(db, decision_id, home, dt.date(2026, 9, 1), user=USER, today=TODAY)
    version = get_decision(db, decision_id).version
    with pytest.raises(ValidationError, match="Skriv varför"):
        end_decision(db, decision_id, version, TODAY, "")
    end_decision(db, decision_id, version, TODAY, "Flyttat från kommunen", user=USER)
    assert queue_rows(db, QueueFilter(), TODAY) == []
    assert get_decision(db, decision_id).status_label == "Avslutat"
    assert get_dwelling(db, home).data.status == "available"
    assert waiting_decisions(db, karin, ("housing",)) == []
