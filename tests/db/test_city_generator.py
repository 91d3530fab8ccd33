"""A city's demo (`bobudget demo --stad`): ten years, earlier contracts, a ledger that adds up;
written in chunks without changing a row."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest
from sqlalchemy import Table, func, select
from sqlalchemy.engine import make_url

from bobudget.cli import main
from bobudget.db import migrate
from bobudget.db.engine import Database, connect
from bobudget.demo import generate
from bobudget.demo.generate import fill_demo
from bobudget.funds.check import check_funds
from bobudget.kernel.periods import add_months
from bobudget.model import Base, Contract, Decision, Dwelling, FundsTransaction, Household

TODAY = date(2026, 3, 16)
HOUSEHOLDS = 300


@pytest.fixture
def city_db(db: Database) -> Database:
    fill_demo(db, HOUSEHOLDS, seed=7, today=TODAY, city=True)
    return db


def _count(db: Database, model: type[Base]) -> int:
    with db.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_about_two_contracts_a_household_over_ten_years(city_db: Database) -> None:
    assert _count(city_db, Household) == HOUSEHOLDS
    assert 1.7 * HOUSEHOLDS <= _count(city_db, Contract) <= 2.4 * HOUSEHOLDS
    assert _count(city_db, FundsTransaction) >= 3 * HOUSEHOLDS
    with city_db.sessions() as session:
        first, last = session.execute(
            select(func.min(Contract.start_date), func.max(Contract.start_date))
        ).one()
        ended_kinds = set(
            session.scalars(
                select(Contract.kind).where(
                    Contract.end_date < TODAY, Contract.takeover_date.is_(None)
                )
            )
        )
    # Ten years back (a stay in temporary housing ending then may have begun months before).
    assert add_months(TODAY, -132) <= first < add_months(TODAY, -108)
    assert last <= TODAY
    assert ended_kinds >= {"social", "transitional", "housing_first", "temporary"}


def test_the_ledger_reconciles(city_db: Database) -> None:
    result = check_funds(city_db)
    assert result.ok, result.problems[:3]
    assert result.entries == _count(city_db, FundsTransaction) > 0


def test_a_households_contracts_follow_one_another(city_db: Database) -> None:
    """Each earlier contract ended before the next began; every one carried out a decision."""
    with city_db.sessions() as session:
        contracts = session.execute(
            select(
                Contract.household_id,
                Contract.start_date,
                Contract.end_date,
                Contract.kind,
                Contract.dwelling_id,
                Contract.takeover_date,
                Decision.status,
                Decision.executed_date,
            )
            .join(Decision, Decision.id == Contract.decision_id)
            .order_by(Contract.household_id, Contract.start_date, Contract.id)
        ).all()
        let = set(session.scalars(select(Dwelling.id).where(Dwelling.status == "let")))
    by_household: dict[int, list[tuple[date, date | None]]] = {}
    for household, start, end, _kind, _dwelling, _takeover, status, executed in contracts:
        assert status == "executed" and executed == start
        by_household.setdefault(household, []).append((start, end))
    assert sum(len(c) >= 3 for c in by_household.values()) > HOUSEHOLDS // 10
    for spells in by_household.values():
        for (_start, end), (following, _end) in pairwise(spells):
            assert end is not None and end <= following
    # A flat left long ago is let only if someone lives there now (a lease running or taken
    # over by the tenant).
    lived_in = {c.dwelling_id for c in contracts if c.end_date is None or c.takeover_date}
    left = {
        c.dwelling_id
        for c in contracts
        if c.kind != "temporary"
        and c.takeover_date is None
        and c.end_date is not None
        and c.end_date < add_months(TODAY, -12)
    }
    assert left
    assert not (left & let) - lived_in


def test_written_in_chunks_it_is_the_same_as_written_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The generator writes as it goes; where it stops to write changes no row."""
    tables: list[dict[str, list[tuple[object, ...]]]] = []
    for chunk in (generate._CHUNK, 7):
        monkeypatch.setattr(generate, "_CHUNK", chunk)
        db = connect(make_url(f"sqlite:///{tmp_path / f'chunk{chunk}.db'}"))
        try:
            migrate.upgrade(db)
            fill_demo(db, 120, seed=3, today=TODAY, city=True)
            with db.engine.connect() as connection:
                tables.append(
                    {
                        table.name: connection.execute(
                            select(table).order_by(*table.primary_key.columns)
                        ).all()
                        for table in (generate._table(model) for model in generate._TABLES.values())
                        if isinstance(table, Table)
                    }
                )
        finally:
            db.dispose()
    assert tables[0] == tables[1]
    assert all(tables[0].values())


def test_cli_demo_stad(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    url = db.url.render_as_string(hide_password=False)
    assert main(["demo", "--households", "40", "--stad", "--db", url]) == 0
    out = capsys.readouterr().out
    assert "Kontrakt" in out and "Transaktioner i egna medel" in out
    assert _count(db, Household) == 40
