"""Responsibility: staff are users; every case and to-do is assigned to one of them or nobody;
Mina uppgifter shows what is mine and, in a group of its own, what has nobody."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text

from bobudget.app.assignment import assign, responsible_of
from bobudget.app.todo import SCOPE_MINE, SCOPE_UNIT, UNASSIGNED_LABEL, todo_list
from bobudget.app.users import (
    StaffInput,
    add_staff,
    deactivate_staff,
    list_staff,
    update_staff,
)
from bobudget.db import migrate
from bobudget.db.engine import Database
from bobudget.follow_up.follow_ups import follow_ups_of_contract, open_follow_up
from bobudget.kernel.due import Holder
from bobudget.kernel.errors import ConflictError, ValidationError
from bobudget.kernel.urgency import Urgency
from bobudget.model import Contract, Decision, FollowUp
from bobudget.model.vocab import UserRole
from tests.db.follow_up_helpers import USER, staff, tenant
from tests.db.placement_data import decision, person

TODAY = dt.date(2026, 11, 27)


def _contract_responsible(db: Database, contract_id: int) -> str | None:
    with db.sessions() as s:
        return s.scalar(select(Contract.responsible).where(Contract.id == contract_id))


def test_the_staff_list_adds_changes_and_deactivates(db: Database) -> None:
    user_id = add_staff(
        db,
        "anna.berg",
        StaffInput("Anna Berg", "0522 697033", "Anna@Kommun.se", UserRole.BOSTADSHANDLEDARE),
        user=USER,
    )
    [anna] = [m for m in list_staff(db) if m.username == "anna.berg"]
    # The phone and e-mail are written the one way everywhere.
    assert (anna.full_name, anna.phone, anna.email) == (
        "Anna Berg",
        "0522-69 70 33",
        "Anna@kommun.se",
    )
    with pytest.raises(ValidationError, match=r"finns redan en användare 'anna\.berg'"):
        add_staff(db, "anna.berg", StaffInput("Anna Annan"), user=USER)
    with pytest.raises(ValidationError) as refused:
        add_staff(db, "ny användare", StaffInput("", "12"), user=USER)
    fields = {e.field for e in refused.value.field_errors}
    assert fields == {"Användarnamn", "Namn", "Telefon"}  # every problem at once
    update_staff(
        db, user_id, anna.version, StaffInput("Anna Berg-Ek", role=UserRole.ENHETSCHEF), user=USER
    )
    with pytest.raises(ConflictError):
        update_staff(db, user_id, anna.version, StaffInput("Anna B"), user=USER)
    deactivate_staff(db, "anna.berg", user=USER)
    [anna] = list_staff(db)
    assert (anna.full_name, anna.role, anna.active) == ("Anna Berg-Ek", UserRole.ENHETSCHEF, False)
    assert list_staff(db, active_only=True) == []


def test_a_case_is_assigned_to_a_user_and_never_to_someone_unknown(db: Database) -> None:
    staff(db, "kim.konsulent", "lo.ledare")
    t = tenant(db, TODAY - dt.timedelta(days=3))
    case = Holder("contracts", t.contract_id)
    assert responsible_of(db, case)[0] == ""
    assign(db, case, "kim.konsulent", user=USER)
    assert _contract_responsible(db, t.contract_id) == "kim.konsulent"
    # Free text is what "Ansvarig" used to take: an unknown user is refused, in Swedish, on
    # the field, and nothing changes.
    with pytest.raises(ValidationError) as refused:
        assign(db, case, "Kim K", user=USER)
    [error] = refused.value.field_errors
    assert error.field == "Ansvarig"
    assert "Det finns ingen användare 'Kim K'" in error.message
    assert _contract_responsible(db, t.contract_id) == "kim.konsulent"
    # A deactivated user keeps what they have, and cannot be given more.
    deactivate_staff(db, "kim.konsulent", user=USER)
    version = responsible_of(db, case)[1]
    assign(db, case, "kim.konsulent", expected_version=version, user=USER)
    other = tenant(db, TODAY, serial=2, first="Lisa")
    with pytest.raises(ValidationError, match="inaktiverad"):
        assign(db, Holder("contracts", other.contract_id), "kim.konsulent", user=USER)
    # Someone else's save in between is never overwritten.
    assign(db, case, "lo.ledare", expected_version=version, user=USER)
    with pytest.raises(ConflictError):
        assign(db, case, "kim.konsulent", expected_version=version, user=USER)
    assign(db, case, "", user=USER)  # Ingen
    assert _contract_responsible(db, t.contract_id) is None


def test_the_follow_up_service_refuses_an_unknown_responsible(db: Database) -> None:
    from bobudget.follow_up.follow_ups import plan_follow_up

    t = tenant(db, dt.date(2026, 3, 1))
    follow_up_id = open_follow_up(db, t.contract_id, user=USER)
    [row] = follow_ups_of_contract(db, t.contract_id)
    # The one who booked it is not on the staff list: nobody is named, not a stray word.
    assert row.responsible == ""
    with pytest.raises(ValidationError, match="ingen användare 'nisse'"):
        plan_follow_up(db, follow_up_id, row.version, dt.date(2026, 4, 1), "nisse", USER)
    assert follow_ups_of_contract(db, t.contract_id) == [row]


def test_a_decision_and_its_to_do_are_assigned_together(db: Database) -> None:
    staff(db, "kim.konsulent", role="bostadskonsulent")
    decision_id = decision(db, person(db), decided=dt.date(2026, 7, 1))
    due = [i for i in todo_list(db, today=TODAY).items if i.decision_id == decision_id]
    [item] = due
    assert item.holder == Holder("decisions", decision_id) and item.responsible == ""
    assign(db, item.holder, "kim.konsulent", user=USER)
    [item] = [i for i in todo_list(db, today=TODAY).items if i.decision_id == decision_id]
    assert (item.responsible, item.responsible_name) == ("kim.konsulent", "Kim Konsulent")
    with db.sessions() as s:
        assert s.get(Decision, decision_id).responsible == "kim.konsulent"  # type: ignore[union-attr]


def test_mina_uppgifter_is_mine_and_what_has_nobody(db: Database) -> None:
    staff(db, "hanna", "kollega")
    mine = tenant(db, TODAY - dt.timedelta(days=10), serial=1, first="Karin")
    theirs = tenant(db, TODAY - dt.timedelta(days=10), serial=2, first="Lisa")
    nobodys = tenant(db, TODAY - dt.timedelta(days=10), serial=3, first="Olle")
    assign(db, Holder("contracts", mine.contract_id), "hanna", user=USER)
    assign(db, Holder("contracts", theirs.contract_id), "kollega", user=USER)

    todo = todo_list(db, today=TODAY, user="hanna", scope=SCOPE_MINE)
    own = [g for g in todo.groups if not g.unassigned]
    assert {i.contract_id for g in own for i in g.items} == {mine.contract_id}
    assert all(i.responsible_name == "Hanna" for g in own for i in g.items)
    [nobody] = [g for g in todo.groups if g.unassigned]
    assert nobody.label == UNASSIGNED_LABEL
    assert {i.contract_id for i in nobody.items} == {nobodys.contract_id}
    assert todo.count(Urgency.OVERDUE) == 1  # the start-up meeting of mine, not of nobody's
    assert len(todo.unassigned) == 1 and todo.mine_total == len(own[0].items)
    # The whole unit's list has no such group, and names every responsible.
    unit = todo_list(db, today=TODAY, user="hanna", scope=SCOPE_UNIT)
    assert not [g for g in unit.groups if g.unassigned]
    names = {i.contract_id: i.responsible_name for i in unit.items}
    assert names == {
        mine.contract_id: "Hanna",
        theirs.contract_id: "Kollega",
        nobodys.contract_id: "",
    }


def test_a_to_do_of_a_row_inherits_its_contracts_responsible(db: Database) -> None:
    staff(db, "hanna")
    t = tenant(db, dt.date(2026, 10, 1))
    assign(db, Holder("contracts", t.contract_id), "hanna", user=USER)
    follow_up_id = open_follow_up(db, t.contract_id, user=USER)
    [item] = [i for i in todo_list(db, today=TODAY).items if i.typ == "uppfoljning"]
    # Booked by someone not on the list: the contract's responsible holds it.
    assert (item.responsible, item.holder) == ("hanna", Holder("follow_ups", follow_up_id))
    with db.sessions() as s:
        assert s.get(FollowUp, follow_up_id).responsible == "hanna"  # type: ignore[union-attr]


def test_the_migration_keeps_a_responsible_only_where_a_user_has_that_name(db: Database) -> None:
    staff(db, "handledare1")
    known = tenant(db, dt.date(2026, 3, 1), serial=1)
    unknown = tenant(db, dt.date(2026, 3, 1), serial=2, first="Lisa")
    empty = tenant(db, dt.date(2026, 3, 1), serial=3, first="Olle")
    for t in (known, unknown, empty):
        open_follow_up(db, t.contract_id, user=USER)
    migrate.downgrade(db, "0009")
    with db.engine.begin() as connection:
        for t, typed in ((known, "handledare1"), (unknown, "Hanna H"), (empty, "")):
            connection.execute(
                text("UPDATE follow_ups SET responsible = :r WHERE contract_id = :c"),
                {"r": typed, "c": t.contract_id},
            )
    migrate.upgrade(db)
    with db.sessions() as s:
        kept = dict(s.execute(select(FollowUp.contract_id, FollowUp.responsible)).all())
    assert kept == {
        known.contract_id: "handledare1",
        unknown.contract_id: None,
        empty.contract_id: None,
    }
