"""What a service call changed: the areas and the persons, gathered without the service
returning them; nothing for what was rolled back."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bobudget.db.changes import KIND_OF_TABLE, NOT_A_CHANGE, ChangeKind, ChangeSet, collect_changes
from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork
from bobudget.follow_up.follow_ups import FollowUpRecord, open_follow_up, record_follow_up
from bobudget.funds import accounts as funds_accounts
from bobudget.funds import posting as funds_posting
from bobudget.funds.queries import AccountInput, EntryInput
from bobudget.kernel.errors import ValidationError
from bobudget.model import AuditEntry, Base, FollowUp, Person
from bobudget.persons.registry import PersonInput, identity_display, update_person
from bobudget.placement.decisions import DecisionInput, register_decision
from tests.db.follow_up_helpers import TODAY, USER, make_person, tenant


def test_every_table_belongs_to_an_area() -> None:
    assert set(Base.metadata.tables) - NOT_A_CHANGE == set(KIND_OF_TABLE)


def test_creating_and_editing_a_person_names_the_person(db: Database) -> None:
    with collect_changes() as created:
        person_id = make_person(db, "Karin", "Öberg")
    assert created.changes.kinds == {ChangeKind.PERSONS}
    assert created.changes.person_ids == {person_id}
    assert "audit_entries" not in created.changes.tables

    with db.sessions() as s:
        version = s.scalars(select(Person.version).where(Person.id == person_id)).one()
    with collect_changes() as edited:
        update_person(db, person_id, version, PersonInput(_identity(db, person_id), "Karin", "Ek"))
    assert edited.changes.kinds == {ChangeKind.PERSONS}
    assert edited.changes.person_ids == {person_id}


def _identity(db: Database, person_id: int) -> str:
    with db.sessions() as s:
        person = s.get(Person, person_id)
        assert person is not None
        return identity_display(person)


def test_an_egna_medel_entry_reaches_the_person_through_its_account(db: Database) -> None:
    person_id = make_person(db, "Karin", "Öberg")
    account = funds_accounts.open_account(
        db, person_id, AccountInput(dt.date(2026, 1, 1), review_date=dt.date(2026, 12, 15)),
        user=USER,
    )  # fmt: skip
    with collect_changes() as posted:
        funds_posting.post_entry(
            db,
            account,
            EntryInput(
                "income", dt.date(2026, 11, 2), "1 200,00", "pension", "Pensionsmyndigheten"
            ),
            user=USER,
            today=TODAY,
        )
    assert posted.changes.kinds == {ChangeKind.FUNDS}
    assert "funds_transactions" in posted.changes.tables
    assert posted.changes.person_ids == {person_id}


def test_recording_a_follow_up_names_the_contracts_person(db: Database) -> None:
    t = tenant(db, dt.date(2026, 1, 31))
    follow_up_id = open_follow_up(db, t.contract_id, user=USER)
    with db.sessions() as s:
        version = s.scalars(select(FollowUp.version).where(FollowUp.id == follow_up_id)).one()
    with collect_changes() as recorded:
        record_follow_up(
            db,
            follow_up_id,
            version,
            FollowUpRecord(dt.date(2026, 3, 3), "Hyresgästen", "Allt fungerar", "Bra"),
            user=USER,
            today=TODAY,
        )
    assert recorded.changes.kinds == {ChangeKind.FOLLOW_UP}
    assert recorded.changes.person_ids == {t.person_id}
    assert recorded.changes.touches(ChangeKind.FOLLOW_UP)
    assert not recorded.changes.touches(ChangeKind.FUNDS)


def test_a_refused_call_and_a_rolled_back_unit_of_work_change_nothing(db: Database) -> None:
    person_id = make_person(db, "Karin", "Öberg")
    with collect_changes() as refused, pytest.raises(ValidationError):
        funds_accounts.open_account(
            db, person_id, AccountInput(dt.date(2026, 1, 1), review_date=dt.date(2025, 1, 1)),
            user=USER,
        )  # fmt: skip
    assert refused.changes == ChangeSet()

    with collect_changes() as rolled_back:
        with UnitOfWork(db, USER) as uow:
            uow.session.add(AuditEntry(username=USER, action="x", entity="y", entity_id=None))
            person = uow.session.get(Person, person_id)
            assert person is not None
            person.first_name = "Kajsa"
            uow.session.flush()  # written, then thrown away: nothing was kept
        assert uow.changes == ChangeSet()
    assert not rolled_back.changes


def test_the_unit_of_work_keeps_what_it_committed_and_audit_alone_is_no_change(
    db: Database,
) -> None:
    person_id = make_person(db, "Karin", "Öberg")
    with UnitOfWork(db, USER) as uow:
        uow.audit("read", "person", person_id)
        uow.commit()
    assert not uow.changes
    with UnitOfWork(db, USER) as uow:
        person = uow.session.get(Person, person_id)
        assert person is not None
        person.first_name = person.first_name  # set to what it was: not really modified
        person.last_name = "Ek"
        uow.commit()
    assert uow.changes.person_ids == {person_id}
    assert uow.changes.tables == {"persons"}


def test_a_decision_names_the_members_of_its_household(db: Database) -> None:
    person_id = make_person(db, "Karin", "Öberg")
    with collect_changes() as decided:
        register_decision(
            db, DecisionInput(person_id, "temporary", TODAY, "Eva", "SN 1"), today=TODAY
        )
    assert decided.changes.kinds == {ChangeKind.PLACEMENT}
    assert decided.changes.person_ids == {person_id}


def test_households_of_a_large_flush_are_read_in_chunks(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The members of many households are read a chunk at a time (SQLite limits how many
    values one statement may bind), and every chunk's persons are named."""
    from bobudget.db import changes
    from bobudget.model import Decision, HouseholdMember
    from bobudget.model.vocab import DecisionKind

    monkeypatch.setattr(changes, "_IN_CHUNK", 2)
    people = [make_person(db, f"Namn{n}", "Prov", serial=n) for n in range(1, 6)]
    with db.sessions() as s:
        households = {
            p: s.scalar(select(HouseholdMember.household_id).where(HouseholdMember.person_id == p))
            for p in people
        }
    with collect_changes() as decided, UnitOfWork(db, USER) as uow:
        for p in people:
            uow.session.add(
                Decision(
                    household_id=households[p],
                    kind=DecisionKind.TEMPORARY,
                    decision_date=TODAY,
                    decided_by="Eva",
                    reference=f"SN {p}",
                )
            )
        uow.commit()
    assert decided.changes.person_ids == set(people)
