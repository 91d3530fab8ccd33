"""Ansvarig on decisions, contracts, temporary placements and egna medel accounts: the services
take a user (checked: an unknown or deactivated one is refused on the field, nothing saved),
a new record is its creator's when nothing is said, and the lists show the full name."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from bobudget.app.calendar_export import MeetingFilter, MeetingKind, booked_meetings
from bobudget.app.todo import SCOPE_MINE, todo_list
from bobudget.app.users import deactivate_staff
from bobudget.db.engine import Database
from bobudget.funds.accounts import open_account, update_account
from bobudget.funds.queries import AccountInput, get_account, search_accounts
from bobudget.kernel.errors import ValidationError
from bobudget.model import Contract, Decision, ManagedFundsAccount
from bobudget.placement.contract_list import ContractFilter, get_contract, list_contracts
from bobudget.placement.contracts import (
    ContractInput,
    ContractTerms,
    sign_contract,
    update_contract_terms,
)
from bobudget.placement.decisions import get_decision, update_decision
from bobudget.placement.queue import QueueFilter, queue_rows
from bobudget.placement.temporary import (
    PlacementInput,
    move_placement,
    place_person,
    renew_placement,
)
from bobudget.placement.temporary_list import active_placements, get_placement
from tests.db.follow_up_helpers import staff
from tests.db.placement_data import TODAY, USER, decision, dwelling, landlord, person, place


def _count(db: Database, model: type) -> int:
    with db.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _refused_on_ansvarig(error: ValidationError) -> str:
    [field] = error.field_errors
    assert field.field == "Ansvarig"
    return field.message


@pytest.fixture
def kim(db: Database) -> str:
    staff(db, "kim.konsulent", "gone.away", USER)
    deactivate_staff(db, "gone.away", user=USER)
    return "kim.konsulent"


def test_a_decision_is_its_registrars_unless_someone_else_is_named(db: Database, kim: str) -> None:
    mine = decision(db, person(db))
    assert get_decision(db, mine).data.responsible == USER  # nothing said: the registrar's
    detail = get_decision(db, mine)
    detail.data.responsible = kim
    update_decision(db, mine, detail.version, detail.data, user=USER, today=TODAY)
    assert get_decision(db, mine).data.responsible == kim
    [row] = queue_rows(db, QueueFilter(), TODAY)
    assert row.responsible_name == "Kim Konsulent"
    for who, word in (("nobody.here", "Det finns ingen användare"), ("gone.away", "inaktiverad")):
        detail = get_decision(db, mine)
        detail.data.responsible = who
        with pytest.raises(ValidationError) as refused:
            update_decision(db, mine, detail.version, detail.data, user=USER, today=TODAY)
        assert word in _refused_on_ansvarig(refused.value)
        assert get_decision(db, mine).data.responsible == kim  # unchanged
    before = _count(db, Decision)
    with pytest.raises(ValidationError):
        decision(db, person(db, "Bo", "Berg"), responsible="nobody.here")
    assert _count(db, Decision) == before
    detail = get_decision(db, mine)
    detail.data.responsible = ""  # Ingen
    update_decision(db, mine, detail.version, detail.data, user=USER, today=TODAY)
    assert get_decision(db, mine).data.responsible == ""
    assert queue_rows(db, QueueFilter(), TODAY)[0].responsible_name == ""


def test_a_contract_names_its_responsible_when_signed_and_when_its_terms_change(
    db: Database, kim: str
) -> None:
    decision_id = decision(db, person(db))
    home = dwelling(db, landlord(db))
    with pytest.raises(ValidationError) as refused:
        sign_contract(
            db,
            ContractInput(
                "social", decision_id, home, dt.date(2026, 10, 1), ContractTerms(responsible="x")
            ),
            user=USER,
            today=TODAY,
        )
    _refused_on_ansvarig(refused.value)
    assert _count(db, Contract) == 0
    contract_id = sign_contract(
        db,
        ContractInput(
            "social", decision_id, home, dt.date(2026, 10, 1), ContractTerms(responsible=kim)
        ),
        user=USER,
        today=TODAY,
    )
    detail = get_contract(db, contract_id, TODAY)
    assert detail.terms.responsible == kim
    [row] = list_contracts(db, ContractFilter(), TODAY)
    assert row.responsible_name == "Kim Konsulent"
    terms = detail.terms
    terms.responsible = "gone.away"
    with pytest.raises(ValidationError):
        update_contract_terms(db, contract_id, detail.version, terms, user=USER)
    terms.responsible = USER
    update_contract_terms(db, contract_id, detail.version, terms, user=USER)
    assert get_contract(db, contract_id, TODAY).terms.responsible == USER


def test_a_temporary_placement_keeps_its_responsible_through_renewal_and_move(
    db: Database, kim: str
) -> None:
    who = person(db)
    decision_id = decision(db, who, kind="temporary", decided=TODAY)
    hostel, hotel = place(db), place(db)
    with pytest.raises(ValidationError):
        place_person(db, PlacementInput(decision_id, hostel, TODAY, responsible="x"), user=USER)
    assert _count(db, Contract) == 0
    contract_id = place_person(
        db, PlacementInput(decision_id, hostel, TODAY, responsible=kim), user=USER
    )
    [row] = active_placements(db, TODAY, TODAY)
    assert row.responsible_name == "Kim Konsulent"
    version = get_placement(db, contract_id, TODAY).version
    renew_placement(db, contract_id, version, "Söker aktivt", user=USER)  # nothing said: kept
    version = get_placement(db, contract_id, TODAY).version
    moved = move_placement(db, contract_id, version, hotel, TODAY + dt.timedelta(days=5))
    with db.sessions() as s:
        assert s.get(Contract, moved).responsible == kim  # a move is the same case  # type: ignore[union-attr]
    version = get_placement(db, moved, TODAY).version
    renew_placement(db, moved, version, "Söker fortfarande", responsible=USER, user=USER)
    with db.sessions() as s:
        assert s.get(Contract, moved).responsible == USER  # type: ignore[union-attr]


def test_an_egna_medel_account_names_its_handlaggare(db: Database, kim: str) -> None:
    who = person(db)
    with pytest.raises(ValidationError):
        open_account(db, who, AccountInput(dt.date(2026, 1, 1), responsible="x"), user=USER)
    assert _count(db, ManagedFundsAccount) == 0
    account_id = open_account(db, who, AccountInput(dt.date(2026, 1, 1)), user=USER)
    card = get_account(db, account_id, TODAY)
    assert card.responsible == USER
    update_account(
        db, account_id, card.version, AccountInput(dt.date(2026, 1, 1), responsible=kim), user=USER
    )
    assert get_account(db, account_id, TODAY).responsible == kim
    [row] = search_accounts(db, today=TODAY)
    assert row.responsible_name == "Kim Konsulent"


def test_mina_uppgifter_follows_the_responsible_named_when_placing_and_registering(
    db: Database, kim: str
) -> None:
    """A renewal due and a decision passing three months are Kim's when Kim was named."""
    who = person(db)
    waiting = decision(db, who, kind="temporary", decided=TODAY - dt.timedelta(days=85))
    place_person(
        db,
        PlacementInput(waiting, place(db), TODAY - dt.timedelta(days=80), responsible=kim),
        user=USER,
    )
    late = decision(db, person(db, "Bo", "Berg"), decided=dt.date(2026, 7, 1), responsible=kim)
    mine = todo_list(db, today=TODAY, user=kim, scope=SCOPE_MINE)
    own = [i for g in mine.groups if not g.unassigned for i in g.items]
    assert {i.typ for i in own} == {"forlangning", "beslut_tre_manader"}
    assert {i.decision_id for i in own if i.typ == "beslut_tre_manader"} == {late}
    assert all(i.responsible_name == "Kim Konsulent" for i in own)
    assert not [
        i for i in todo_list(db, today=TODAY, user=USER, scope=SCOPE_MINE).items if i.responsible
    ]


def test_a_renewal_is_in_the_calendar_of_the_placements_responsible(db: Database, kim: str) -> None:
    waiting = decision(db, person(db), kind="temporary", decided=TODAY - dt.timedelta(days=20))
    place_person(
        db,
        PlacementInput(waiting, place(db), TODAY - dt.timedelta(days=10), responsible=kim),
        user=USER,
    )
    kims = booked_meetings(db, MeetingFilter(first=TODAY, user=kim))
    assert [(m.kind, m.responsible) for m in kims] == [(MeetingKind.RENEWAL, kim)]
    assert booked_meetings(db, MeetingFilter(first=TODAY, user=USER)) == []
