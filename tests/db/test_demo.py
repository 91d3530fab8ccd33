"""Demo data on both engines: every table filled, repeatable, fictional numbers, sums add up."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from bobudget.cli import main
from bobudget.db import migrate
from bobudget.db.engine import Database, connect
from bobudget.db.open import is_demo
from bobudget.db.unit_settings import setting_history, unit_settings
from bobudget.demo.generate import NOT_EMPTY_MESSAGE, DemoSummary, fill_demo
from bobudget.kernel.errors import ValidationError
from bobudget.kernel.identity import DEMO_BIRTH_NUMBERS, parse_identity
from bobudget.kernel.periods import add_months, renewal_period, temporary_period_end
from bobudget.model import (
    Base,
    BudgetLine,
    Contract,
    ContractPeriod,
    Decision,
    Disturbance,
    Dwelling,
    EvictionNotice,
    FollowUp,
    FundsTransaction,
    Household,
    HouseholdMember,
    HousingPlan,
    HousingSupport,
    Landlord,
    ManagedFundsAccount,
    MultipartyMeeting,
    Offer,
    Person,
    RentArrear,
    StartupChecklistItem,
    StartupMeeting,
    TemporaryPlace,
    User,
)
from bobudget.persons.registry import PersonInput, create_person, search_persons

TODAY = date(2026, 3, 16)
HOUSEHOLDS = 60

# Each count of the summary and the table it counts.
TABLES: dict[str, type[Base]] = {
    "households": Household,
    "persons": Person,
    "contracts": Contract,
    "decisions": Decision,
    "household_members": HouseholdMember,
    "users": User,
    "landlords": Landlord,
    "dwellings": Dwelling,
    "temporary_places": TemporaryPlace,
    "offers": Offer,
    "contract_periods": ContractPeriod,
    "housing_plans": HousingPlan,
    "startup_meetings": StartupMeeting,
    "checklist_items": StartupChecklistItem,
    "follow_ups": FollowUp,
    "housing_supports": HousingSupport,
    "rent_arrears": RentArrear,
    "disturbances": Disturbance,
    "eviction_notices": EvictionNotice,
    "multiparty_meetings": MultipartyMeeting,
    "funds_accounts": ManagedFundsAccount,
    "funds_transactions": FundsTransaction,
    "budget_lines": BudgetLine,
}


def _fill(db: Database, seed: int = 1) -> DemoSummary:
    return fill_demo(db, HOUSEHOLDS, seed=seed, today=TODAY)


def _counts(db: Database) -> dict[str, int]:
    with db.sessions() as session:
        return {
            name: session.scalar(select(func.count()).select_from(model)) or 0
            for name, model in TABLES.items()
        }


def _url(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


def test_every_main_table_gets_rows_and_the_summary_counts_them(db: Database) -> None:
    calls: list[tuple[int, int]] = []
    summary = fill_demo(
        db, HOUSEHOLDS, today=TODAY, progress=lambda done, total: calls.append((done, total))
    )
    counts = _counts(db)
    assert counts == {name: getattr(summary, name) for name in TABLES}
    assert [name for name, count in counts.items() if count == 0] == []
    assert summary.households == HOUSEHOLDS
    assert all(label for label, _count in summary.lines())
    # The progress bar moves forward only, and ends full.
    assert calls[-1][0] == calls[-1][1]
    assert [done for done, _total in calls] == sorted(done for done, _total in calls)


def test_same_seed_gives_the_same_data_on_every_engine(db: Database, tmp_path: Path) -> None:
    """The fixture's engine against a second, SQLite, database: one seed, one data set."""
    other = connect(make_url(f"sqlite:///{tmp_path / 'second.db'}"))
    try:
        migrate.upgrade(other)
        _fill(db, seed=7)
        _fill(other, seed=7)
        query = select(Person.identity, Person.first_name, Person.last_name).order_by(Person.id)
        with db.sessions() as first, other.sessions() as second:
            assert first.execute(query).all() == second.execute(query).all()
        assert _counts(db) == _counts(other)
    finally:
        other.dispose()


def test_another_seed_gives_other_persons(tmp_path: Path) -> None:
    identities = []
    for seed in (1, 2):
        other = connect(make_url(f"sqlite:///{tmp_path / f'seed{seed}.db'}"))
        migrate.upgrade(other)
        fill_demo(other, 20, seed=seed, today=TODAY)
        with other.sessions() as session:
            identities.append(session.scalars(select(Person.identity)).all())
        other.dispose()
    assert identities[0] != identities[1]


def test_identity_numbers_are_valid_unique_and_never_a_real_persons(db: Database) -> None:
    _fill(db)
    with db.sessions() as session:
        persons = session.execute(select(Person.identity, Person.identity_kind)).all()
        search_texts = session.scalars(select(Person.search_text)).all()
    assert len({identity for identity, _kind in persons}) == len(persons)
    for identity, kind in persons:
        number = parse_identity(identity, TODAY)
        assert number.canonical == identity
        assert number.kind.value == kind
        assert int(identity[8:11]) in DEMO_BIRTH_NUMBERS
    assert all(text == text.casefold() and text for text in search_texts)


def test_persons_can_be_found_by_name_and_number(db: Database) -> None:
    _fill(db)
    with db.sessions() as session:
        identity, last_name = session.execute(
            select(Person.identity, Person.last_name).order_by(Person.id).limit(1)
        ).one()
    display = f"{identity[:8]}-{identity[8:]}"
    assert [row.identity for row in search_persons(db, display)] == [display]
    assert any(row.identity == display for row in search_persons(db, last_name))


def test_no_funds_account_ever_goes_below_zero(db: Database) -> None:
    _fill(db)
    with db.sessions() as session:
        entries = session.execute(
            select(
                FundsTransaction.account_id,
                FundsTransaction.entry_date,
                FundsTransaction.voucher_number,
                FundsTransaction.amount_ore,
                FundsTransaction.kind,
                FundsTransaction.handed_out_by,
            ).order_by(
                FundsTransaction.account_id,
                FundsTransaction.entry_date,
                FundsTransaction.voucher_number,
            )
        ).all()
        budgeted = set(session.scalars(select(BudgetLine.account_id)))
    by_account: dict[int, list[tuple[date, int, int]]] = {}
    for account_id, day, voucher, amount, kind, handed_out_by in entries:
        by_account.setdefault(account_id, []).append((day, voucher, amount))
        assert (amount > 0) == (kind == "income"), (kind, amount)
        assert day <= TODAY
        if kind == "cash":
            assert handed_out_by
    assert by_account
    assert set(by_account) <= budgeted
    for rows in by_account.values():
        assert [voucher for _day, voucher, _amount in rows] == list(range(1, len(rows) + 1))
        balance = 0
        for _day, _voucher, amount in rows:
            balance += amount
            assert balance >= 0


def test_queue_has_old_decisions_and_placements_are_due_for_renewal(db: Database) -> None:
    _fill(db)
    three_months_ago = add_months(TODAY, -3)
    with db.sessions() as session:
        waiting = session.scalars(
            select(Decision.decision_date).where(
                Decision.kind == "housing", Decision.status == "waiting"
            )
        ).all()
        due_soon = session.scalar(
            select(func.count())
            .select_from(ContractPeriod)
            .join(Contract, Contract.id == ContractPeriod.contract_id)
            .where(
                Contract.end_date.is_(None),
                ContractPeriod.outcome == "pending",
                ContractPeriod.end_date.between(TODAY, TODAY + timedelta(days=14)),
            )
        )
    assert any(day < three_months_ago for day in waiting)
    assert any(day >= three_months_ago for day in waiting)
    assert all(day <= TODAY for day in waiting)
    assert due_soon


def test_contracts_agree_with_decisions_dwellings_and_periods(db: Database) -> None:
    _fill(db)
    with db.sessions() as session:
        contracts = session.scalars(select(Contract)).all()
        decisions = {d.id: d for d in session.scalars(select(Decision))}
        dwellings = {d.id: d for d in session.scalars(select(Dwelling))}
        pending_offer_dwellings = set(
            session.scalars(select(Offer.dwelling_id).where(Offer.answer == "pending"))
        )
        kinds = {c.kind for c in contracts}
        assert kinds == {"social", "transitional", "housing_first", "temporary"}
        for contract in contracts:
            decision = decisions[contract.decision_id or 0]
            assert contract.basis == "decision"
            assert decision.status == "executed"
            assert decision.executed_date == contract.start_date
            assert contract.start_date <= TODAY
            if contract.kind == "temporary":
                _check_periods(contract)
                continue
            dwelling = dwellings[contract.dwelling_id or 0]
            assert contract.monthly_rent_ore == dwelling.rent_ore
            if contract.end_date is None or contract.takeover_date is not None:
                assert dwelling.status == "let"
            if contract.kind == "housing_first":
                assert contract.guarantee_ceiling_ore == 6 * (dwelling.rent_ore or 0)
                assert contract.guarantee_end_date is not None
        assert all(dwellings[d].status == "offered" for d in pending_offer_dwellings)


def _check_periods(contract: Contract) -> None:
    periods = contract.periods
    assert periods[0].start_date == contract.start_date
    assert periods[0].end_date <= temporary_period_end(contract.start_date)
    for previous, period in pairwise(periods):
        assert previous.outcome == "renewed"
        assert (period.start_date, period.end_date) <= renewal_period(previous.end_date)
        assert period.start_date == previous.end_date
        assert period.assessment
    if contract.end_date is None:
        assert periods[-1].outcome == "pending"
        assert periods[-1].end_date >= TODAY
    else:
        assert periods[-1].outcome == "ended"
        assert periods[-1].end_date == contract.end_date


def test_a_second_run_is_refused_and_changes_nothing(db: Database) -> None:
    _fill(db)
    before = _counts(db)
    with pytest.raises(ValidationError) as refused:
        _fill(db, seed=2)
    assert str(refused.value) == NOT_EMPTY_MESSAGE
    assert _counts(db) == before


def test_a_database_with_real_persons_is_refused(db: Database) -> None:
    create_person(db, PersonInput(identity="R000001", first_name="Åsa", last_name="Öberg"))
    with pytest.raises(ValidationError, match="tom databas"):
        _fill(db)
    assert not is_demo(db)
    assert _counts(db)["persons"] == 1


def test_number_of_households_out_of_range_is_refused(db: Database) -> None:
    for households in (0, -5, 200_001):
        with pytest.raises(ValidationError, match="200 000"):
            fill_demo(db, households, today=TODAY)
    assert set(_counts(db).values()) == {0}
    assert not is_demo(db)


def test_database_is_marked_demo(db: Database) -> None:
    assert not is_demo(db)
    _fill(db)
    assert is_demo(db)


def test_a_person_can_be_added_after_the_demo(db: Database) -> None:
    """New rows get ids after the demo's (PostgreSQL's sequences were moved on)."""
    _fill(db)
    person_id = create_person(
        db, PersonInput(identity="R000001", first_name="Märta", last_name="Ängström")
    )
    with db.sessions() as session:
        highest = session.scalar(select(func.max(Person.id)))
        members = session.scalar(
            select(func.count())
            .select_from(HouseholdMember)
            .where(HouseholdMember.person_id == person_id)
        )
    assert person_id == highest
    assert members == 1


def test_cli_demo(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--households", "30", "--db", _url(db)]) == 0
    out = capsys.readouterr().out
    assert "Hushåll" in out and "30" in out
    assert is_demo(db)

    assert main(["demo", "--households", "30", "--db", _url(db)]) == 1
    assert NOT_EMPTY_MESSAGE in capsys.readouterr().err


def test_a_demo_database_has_the_demo_letterhead_so_letters_print_at_once(db: Database) -> None:
    _fill(db)
    unit = unit_settings(db)
    assert unit.letterhead.municipality == "Demo kommun"
    assert unit.letterhead.phone and unit.letterhead.postal_address
    # Kept in the settings' history like any change, by who made the demo.
    assert {change.key for change in setting_history(db)} >= {"letterhead.municipality"}
