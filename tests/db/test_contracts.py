"""Contracts of the lease kinds: signing carries the decision out; terms, end, takeover, plan."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork
from bobudget.kernel.errors import ConflictError, ValidationError
from bobudget.kernel.urgency import Urgency
from bobudget.model import Contract, Decision, Disturbance, RentArrear
from bobudget.placement.contract_list import (
    ContractFilter,
    count_contracts,
    get_contract,
    list_contracts,
)
from bobudget.placement.contracts import (
    ContractInput,
    ContractTerms,
    sign_contract,
    update_contract_terms,
)
from bobudget.placement.decisions import answer_offer, get_decision, record_offer
from bobudget.placement.ending import end_contract
from bobudget.placement.housing_plan import HousingPlanData, get_housing_plan, save_housing_plan
from bobudget.placement.housing_stock import dwelling_history, get_dwelling
from bobudget.placement.queue import QueueFilter, queue_rows
from bobudget.placement.takeover import (
    get_takeover_review,
    record_takeover_review,
    register_takeover,
)
from tests.db.placement_data import TODAY, USER, decision, dwelling, landlord, person


def _sign(
    db: Database,
    decision_id: int | None,
    dwelling_id: int | None,
    kind: str = "social",
    start: dt.date = dt.date(2026, 10, 1),
    **terms: object,
) -> int:
    data = ContractTerms(**terms)  # type: ignore[arg-type]
    return sign_contract(
        db, ContractInput(kind, decision_id, dwelling_id, start, data), user=USER, today=TODAY
    )


def _contracts(db: Database) -> int:
    with db.sessions() as s:
        return int(s.scalar(select(func.count(Contract.id))) or 0)


def test_the_whole_path_decision_offers_contract_leaves_the_queue(db: Database) -> None:
    karin = person(db)
    decision_id = decision(db, karin, decided=dt.date(2026, 8, 1))
    owner = landlord(db)
    declined = dwelling(db, owner, "Kvarngatan 7")
    home = dwelling(db, owner, "Ågatan 3")
    first = record_offer(db, decision_id, declined, dt.date(2026, 9, 1), user=USER, today=TODAY)
    version = get_decision(db, decision_id).offers[0].version
    answer_offer(db, first, version, "declined", dt.date(2026, 9, 2), "För dyr", today=TODAY)
    second = record_offer(db, decision_id, home, dt.date(2026, 9, 10), user=USER, today=TODAY)
    version = get_decision(db, decision_id).offers[1].version
    answer_offer(db, second, version, "accepted", dt.date(2026, 9, 12), today=TODAY)

    contract_id = _sign(
        db, decision_id, home, "social", municipality_lease_reference="SB-2026-00001"
    )

    executed = get_decision(db, decision_id)
    assert executed.status == "executed"
    assert executed.executed_date == dt.date(2026, 10, 1)
    assert queue_rows(db, QueueFilter(), TODAY) == []
    assert get_dwelling(db, home).data.status == "let"
    detail = get_contract(db, contract_id, TODAY)
    assert detail.kind_label == "Socialt kontrakt"
    assert detail.basis_label == "Beslut"
    assert detail.decision_reference == executed.data.reference
    assert detail.waited_days == 61
    # The rent comes from the dwelling when none is given.
    assert detail.terms.monthly_rent_ore == 712350
    history = dwelling_history(db, home)
    assert [(h.kind_label, h.start_date) for h in history] == [
        ("Socialt kontrakt", dt.date(2026, 10, 1))
    ]


def test_a_pending_offer_of_the_dwelling_counts_as_accepted_on_signing(db: Database) -> None:
    decision_id = decision(db, person(db))
    home = dwelling(db, landlord(db))
    record_offer(db, decision_id, home, dt.date(2026, 9, 1), user=USER, today=TODAY)
    _sign(db, decision_id, home, "transitional")
    offer = get_decision(db, decision_id).offers[0]
    assert offer.answer == "accepted"
    assert offer.answer_date == dt.date(2026, 10, 1)


def test_bad_contracts_are_refused_and_nothing_is_saved(db: Database) -> None:
    owner = landlord(db)
    home = dwelling(db, owner)
    first = decision(db, person(db, "Per", "Persson"))
    _sign(db, first, home)
    other = decision(db, person(db))

    with pytest.raises(ValidationError, match="måste verkställa ett beslut"):
        _sign(db, None, home)
    with pytest.raises(ValidationError, match="redan ett aktivt kontrakt"):
        _sign(db, other, home, start=dt.date(2026, 11, 1))
    with pytest.raises(ValidationError, match="redan verkställt"):
        _sign(db, first, dwelling(db, owner, "Ågatan 3"))
    with pytest.raises(ValidationError, match="ligger före startdatum"):
        _sign(db, other, dwelling(db, owner, "Åsvägen 1"), end_date=dt.date(2026, 9, 1))
    with pytest.raises(ValidationError, match="före beslutsdatum"):
        _sign(db, other, dwelling(db, owner, "Åsvägen 2"), start=dt.date(2026, 7, 1))
    with pytest.raises(ValidationError, match="hyresgarantins högsta belopp"):
        _sign(db, other, dwelling(db, owner, "Åsvägen 3"), "housing_first")
    with pytest.raises(ValidationError, match="Tillfälligt boende registreras"):
        _sign(db, other, dwelling(db, owner, "Åsvägen 4"), "temporary")
    temporary = decision(db, person(db, "Lisa", "Lund"), kind="temporary")
    with pytest.raises(ValidationError, match="inte hjälp med bostadsanskaffning"):
        _sign(db, temporary, dwelling(db, owner, "Åsvägen 5"))

    assert _contracts(db) == 1
    with db.sessions() as s:
        assert s.get(Decision, other).status == "waiting"  # type: ignore[union-attr]


def test_a_dwelling_is_free_again_once_the_contract_has_ended(db: Database) -> None:
    home = dwelling(db, landlord(db))
    first = _sign(db, decision(db, person(db, "Per", "Persson")), home)
    version = get_contract(db, first, TODAY).version
    with pytest.raises(ValidationError, match="före startdatum"):
        end_contract(db, first, version, dt.date(2026, 9, 30), "Flyttat")
    with pytest.raises(ValidationError, match="Skriv varför"):
        end_contract(db, first, version, dt.date(2026, 11, 15), "  ")
    end_contract(db, first, version, dt.date(2026, 11, 15), "Flyttat", user=USER)
    assert get_dwelling(db, home).data.status == "available"
    with pytest.raises(ValidationError, match="redan avslutat"):
        end_contract(db, first, version + 1, dt.date(2026, 11, 20), "Igen")
    # Days the first contract still covers are refused; the day it ended is free.
    other = decision(db, person(db))
    with pytest.raises(ValidationError, match="redan ett aktivt kontrakt"):
        _sign(db, other, home, start=dt.date(2026, 11, 14))
    second = _sign(db, other, home, start=dt.date(2026, 11, 15))
    assert [h.contract_id for h in dwelling_history(db, home)] == [second, first]
    listed = list_contracts(db, ContractFilter(state="ended"), TODAY)
    assert [(r.id, r.status, r.mark) for r in listed] == [
        (first, "Avslutat 2026-11-15", Urgency.DONE)
    ]


def test_housing_first_with_its_guarantee_and_a_waiver_registered_later(db: Database) -> None:
    owner = landlord(db)
    contract_id = _sign(
        db,
        decision(db, person(db)),
        dwelling(db, owner),
        "housing_first",
        guarantee_ceiling_ore=6 * 712350,
        guarantee_end_date=dt.date(2028, 10, 1),
        guarantee_covers_damages=True,
    )
    terms = get_contract(db, contract_id, TODAY).terms
    assert terms.guarantee_ceiling_ore == 4274100
    assert terms.guarantee_covers_damages

    social = _sign(db, decision(db, person(db, "Per", "Persson")), dwelling(db, owner, "Ågatan 3"))
    read = get_contract(db, social, TODAY)
    read.terms.tenure_waiver_approved = True
    with pytest.raises(ValidationError, match="hyresnämnden godkände"):
        update_contract_terms(db, social, read.version, read.terms)
    read.terms.tenure_waiver_date = dt.date(2026, 10, 20)
    update_contract_terms(db, social, read.version, read.terms, user=USER)
    assert get_contract(db, social, TODAY).terms.tenure_waiver_approved
    with pytest.raises(ConflictError):
        update_contract_terms(db, social, read.version, read.terms, user="annan")


def _debt(db: Database, contract_id: int, person_id: int, month: dt.date) -> None:
    with UnitOfWork(db, USER) as uow:
        uow.session.add(
            RentArrear(
                contract_id=contract_id,
                person_id=person_id,
                month=month,
                amount_ore=712350,
                registered_date=month + dt.timedelta(days=10),
            )
        )
        uow.commit()


def test_takeover_review_eligibility_and_takeover(db: Database) -> None:
    karin = person(db)
    start = dt.date(2025, 11, 10)
    contract_id = _sign(
        db,
        decision(db, karin, decided=dt.date(2025, 10, 1)),
        dwelling(db, landlord(db)),
        "transitional",
        start=start,
    )
    review = get_takeover_review(db, contract_id, TODAY)
    assert review.review_date == dt.date(2026, 11, 10)
    assert review.flag_date == dt.date(2027, 11, 10)
    assert review.eligibility.eligible
    assert review.mark is Urgency.OVERDUE
    assert review.status_text == "Prövningen är försenad (skulle göras 2026-11-10)"

    _debt(db, contract_id, karin, dt.date(2026, 3, 1))
    with UnitOfWork(db, USER) as uow:
        uow.session.add(
            Disturbance(contract_id=contract_id, person_id=karin, reported_date=dt.date(2026, 5, 2))
        )
        uow.commit()
    review = get_takeover_review(db, contract_id, TODAY)
    assert not review.eligibility.eligible
    assert review.eligibility.reasons == [
        "1 hyresskuld under perioden",
        "1 störningsanmälan under perioden",
    ]

    version = record_takeover_review(
        db,
        contract_id,
        review.version,
        dt.date(2026, 11, 20),
        "Skuld i mars",
        user=USER,
        today=TODAY,
    )
    reviewed = get_takeover_review(db, contract_id, TODAY)
    assert reviewed.status_text == "Prövad 2026-11-20"
    assert reviewed.mark is Urgency.LATER

    with pytest.raises(ValidationError, match="Uppfyller inte villkoren"):
        register_takeover(db, contract_id, version, dt.date(2026, 12, 1))
    register_takeover(
        db, contract_id, version, dt.date(2026, 12, 1), despite_ineligible="Hyresvärden godtar"
    )
    done = get_takeover_review(db, contract_id, dt.date(2026, 12, 2))
    assert done.takeover_date == dt.date(2026, 12, 1)
    assert done.mark is Urgency.DONE
    detail = get_contract(db, contract_id, dt.date(2026, 12, 2))
    assert detail.end_date == dt.date(2026, 12, 1)
    assert detail.end_reason.startswith("Övertagande")
    assert list_contracts(db, ContractFilter(), dt.date(2026, 12, 2)) == []
    with pytest.raises(ValidationError, match="redan övertaget"):
        register_takeover(db, contract_id, detail.version, dt.date(2026, 12, 1))


def test_takeover_only_for_transitional_contracts(db: Database) -> None:
    social = _sign(db, decision(db, person(db)), dwelling(db, landlord(db)))
    with pytest.raises(ValidationError, match="bara bostadssociala kontrakt"):
        register_takeover(db, social, 1, TODAY)


def test_housing_plan_is_saved_and_guarded(db: Database) -> None:
    contract_id = _sign(db, decision(db, person(db)), dwelling(db, landlord(db)))
    plan = get_housing_plan(db, contract_id)
    assert plan.version is None
    assert plan.is_empty
    plan.goals = "Behålla bostaden"
    plan.support = "Boendestöd två timmar i veckan"
    plan.adopted_date = dt.date(2026, 10, 1)
    version = save_housing_plan(db, contract_id, plan, user=USER)
    stored = get_housing_plan(db, contract_id)
    assert (stored.goals, stored.support, stored.version) == (
        "Behålla bostaden",
        "Boendestöd två timmar i veckan",
        version,
    )
    stale = HousingPlanData(goals="Något annat", version=None)
    with pytest.raises(ConflictError):
        save_housing_plan(db, contract_id, stale, user="annan")
    stored.activities = "Betala hyran via autogiro"
    save_housing_plan(db, contract_id, stored, user=USER)
    with pytest.raises(ConflictError):
        save_housing_plan(db, contract_id, stored, user="annan")


def test_contract_list_filters_and_protected_addresses(db: Database) -> None:
    owner = landlord(db)
    _sign(db, decision(db, person(db, "Per", "Persson")), dwelling(db, owner, "Kvarngatan 7"))
    _sign(
        db,
        decision(db, person(db, "Elsa", "Lindqvist", protected=True)),
        dwelling(db, owner, "Hemliga vägen 1"),
        "transitional",
        start=dt.date(2026, 11, 1),
    )
    rows = list_contracts(db, ContractFilter(), TODAY)
    assert [(r.name, r.where) for r in rows] == [
        ("Lindqvist, Elsa", "Skyddad"),
        ("Persson, Per", "Kvarngatan 7"),
    ]
    assert [r.name for r in list_contracts(db, ContractFilter(kind="social"), TODAY)] == [
        "Persson, Per"
    ]
    assert [r.name for r in list_contracts(db, ContractFilter(text="lindq"), TODAY)] == [
        "Lindqvist, Elsa"
    ]
    assert count_contracts(db, ContractFilter(state="all"), TODAY) == 2
    assert list_contracts(db, ContractFilter(), TODAY, limit=1, offset=1)[0].name == "Persson, Per"
    protected_home = get_contract(db, rows[0].id, TODAY).dwelling_id
    assert protected_home is not None
    assert dwelling_history(db, protected_home)[0].tenant == "Skyddade personuppgifter"
