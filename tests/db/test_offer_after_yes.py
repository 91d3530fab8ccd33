"""An offer accepted ends the offering: the service refuses another, in Swedish, and says why;
the queue keeps a declined offer's reason whole."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from bobudget.db.engine import Database
from bobudget.kernel.errors import ValidationError
from bobudget.model import Offer
from bobudget.model.vocab import DecisionKind, DecisionStatus, OfferAnswer
from bobudget.placement.decisions import answer_offer, get_decision, record_offer
from bobudget.placement.queue import QueueFilter, queue_rows
from bobudget.placement.rules import new_offer_refusal
from tests.db.placement_data import TODAY, USER, decision, dwelling, landlord, person

D = dt.date
REASON = (
    "För långt från barnens skola: två bussbyten varje morgon, och den äldsta dottern har "
    "just börjat på gymnasiet i centrum, så familjen vill bo kvar på norra sidan av ån."
)


def test_the_rule_says_why_no_new_offer_can_be_made() -> None:
    housing, waiting = DecisionKind.HOUSING, DecisionStatus.WAITING
    assert new_offer_refusal(housing, waiting, []) is None
    assert new_offer_refusal(housing, waiting, [OfferAnswer.DECLINED]) is None
    accepted = new_offer_refusal(housing, waiting, [OfferAnswer.DECLINED, OfferAnswer.ACCEPTED])
    assert accepted is not None and "redan tackat ja" in accepted
    assert "Skriv kontrakt" in accepted
    pending = new_offer_refusal(housing, waiting, [OfferAnswer.PENDING])
    assert pending is not None and "väntar på svar" in pending
    executed = new_offer_refusal(housing, DecisionStatus.EXECUTED, [])
    assert executed is not None and "verkställt" in executed


def test_no_new_offer_once_one_is_accepted(db: Database) -> None:
    karin = person(db, "Karin", "Öberg")
    decision_id = decision(db, karin, decided=D(2026, 8, 1))
    owner = landlord(db)
    first = dwelling(db, owner, "Kvarngatan 7")
    second = dwelling(db, owner, "Ågatan 3")
    offer = record_offer(db, decision_id, first, D(2026, 9, 1), user=USER, today=TODAY)
    assert get_decision(db, decision_id).offer_refusal.startswith("Hushållet har redan ett")
    answer_offer(db, offer, 1, OfferAnswer.ACCEPTED, D(2026, 9, 2), user=USER, today=TODAY)

    detail = get_decision(db, decision_id)
    assert "redan tackat ja" in detail.offer_refusal
    with pytest.raises(ValidationError) as refused:
        record_offer(db, decision_id, second, D(2026, 9, 10), user=USER, today=TODAY)
    assert str(refused.value) == detail.offer_refusal
    with db.sessions() as s:
        assert s.scalar(select(func.count(Offer.id))) == 1  # nothing was written


def test_a_decline_leaves_room_for_the_next_offer_and_its_reason_whole_in_the_queue(
    db: Database,
) -> None:
    karin = person(db, "Karin", "Öberg")
    decision_id = decision(db, karin, decided=D(2026, 8, 1))
    home = dwelling(db, landlord(db), "Kvarngatan 7")
    offer = record_offer(db, decision_id, home, D(2026, 9, 1), user=USER, today=TODAY)
    answer_offer(db, offer, 1, OfferAnswer.DECLINED, D(2026, 9, 3), REASON, user=USER, today=TODAY)
    assert get_decision(db, decision_id).offer_refusal == ""

    [row] = queue_rows(db, QueueFilter(), TODAY)
    assert row.last_offer == "2026-09-01 Tackade nej"
    assert row.last_offer_decline_reason == REASON
    assert row.last_offer_in_full == f"2026-09-01 (Kvarngatan 7) Tackade nej: {REASON}"
