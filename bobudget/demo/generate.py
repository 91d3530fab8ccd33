"""Demo data: fill an empty database with realistic, fictional households to try bobudget on."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, fields

from sqlalchemy import Connection, Table, func, insert, select, text
from sqlalchemy.orm import sessionmaker

from bobudget.db.engine import Database
from bobudget.db.open import mark_demo
from bobudget.db.uow import current_username
from bobudget.demo.bulk import BulkWriter
from bobudget.demo.follow_up import FollowUpMaker
from bobudget.demo.funds import FundsMaker
from bobudget.demo.history import CityHouseholdMaker
from bobudget.demo.housing import HouseholdMaker
from bobudget.demo.letterhead import write_demo_settings
from bobudget.demo.places import Places
from bobudget.demo.responsibility import CaseAssigner
from bobudget.demo.rows import DemoRows
from bobudget.demo.scenarios import CITY, UNIT, scenario_plan
from bobudget.kernel.errors import ValidationError
from bobudget.model import (
    AuditEntry,
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

MAX_HOUSEHOLDS = 200_000
NOT_EMPTY_MESSAGE = (
    "Databasen innehåller redan uppgifter. Demodata kan bara läggas i en tom databas."
)
# Households (then leases) made between two writes: a few thousand rows of each table at most.
_CHUNK = 1_000

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DemoSummary:
    """How many rows of each kind the demo fill wrote."""

    households: int
    persons: int
    contracts: int
    decisions: int
    household_members: int
    users: int
    landlords: int
    dwellings: int
    temporary_places: int
    offers: int
    contract_periods: int
    housing_plans: int
    startup_meetings: int
    checklist_items: int
    follow_ups: int
    housing_supports: int
    rent_arrears: int
    disturbances: int
    eviction_notices: int
    multiparty_meetings: int
    funds_accounts: int
    funds_transactions: int
    budget_lines: int

    def lines(self) -> list[tuple[str, int]]:
        """(what, how many) in the users' words, in the order above."""
        return [(SUMMARY_LABELS[f.name], getattr(self, f.name)) for f in fields(self)]


# Each count's table, listed parents first: inserted in this order, foreign keys always hold.
_TABLES: dict[str, type[Base]] = {
    "users": User,
    "landlords": Landlord,
    "temporary_places": TemporaryPlace,
    "households": Household,
    "persons": Person,
    "household_members": HouseholdMember,
    "dwellings": Dwelling,
    "decisions": Decision,
    "offers": Offer,
    "contracts": Contract,
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
SUMMARY_LABELS = {
    "households": "Hushåll",
    "persons": "Personer",
    "contracts": "Kontrakt",
    "decisions": "Beslut",
    "household_members": "Hushållsmedlemmar",
    "users": "Användare",
    "landlords": "Hyresvärdar",
    "dwellings": "Bostäder",
    "temporary_places": "Platser för tillfälligt boende",
    "offers": "Erbjudanden",
    "contract_periods": "Perioder i tillfälligt boende",
    "housing_plans": "Boplaner",
    "startup_meetings": "Uppstartsmöten",
    "checklist_items": "Punkter i uppstartschecklistor",
    "follow_ups": "Uppföljningsmöten",
    "housing_supports": "Boendestöd",
    "rent_arrears": "Hyresskulder",
    "disturbances": "Störningsanmälningar",
    "eviction_notices": "Underrättelser om avhysning",
    "multiparty_meetings": "Flerpartssamtal",
    "funds_accounts": "Konton för egna medel",
    "funds_transactions": "Transaktioner i egna medel",
    "budget_lines": "Budgetrader",
}
# Any row in these means the database is in use: demo data is never mixed into real data.
_IN_USE = (Person, Household, Landlord, Dwelling, TemporaryPlace, Decision, Contract)


def fill_demo(
    db: Database,
    households: int,
    *,
    seed: int = 1,
    today: dt.date | None = None,
    progress: Progress | None = None,
    years: int | None = None,
    city: bool = False,
) -> DemoSummary:
    """Fill an empty database with `households` fictional households and all that goes with them.

    `years` of history up to `today` (five, or ten for a city): the queue, contracts of every
    kind, placements with their periods, follow-up, trouble and egna medel. A city's demo
    (`city`) gives households earlier, ended contracts and more egna medel: at 100 000
    households about 200 000 contracts and a million ledger entries. The same seed and day give
    the same data. Identity numbers use the birth numbers 980–999, which no real person has.

    Written as it is made, a few thousand households at a time, so memory stays small at any
    size; all in one transaction, together with the mark that the database holds demo data;
    refused (ValidationError) for a database already in use.
    """
    if not 1 <= households <= MAX_HOUSEHOLDS:
        raise ValidationError(
            f"Antalet hushåll måste vara mellan 1 och {MAX_HOUSEHOLDS:,}".replace(",", " ")
            + f", inte {households}. Ange ett annat antal."
        )
    shape = CITY if city else UNIT
    today = today or dt.date.today()
    report = progress or _no_progress
    total = 2 * households
    report(0, total)
    with db.engine.begin() as connection:
        if any(connection.scalar(select(m.id).limit(1)) is not None for m in _IN_USE):
            raise ValidationError(NOT_EMPTY_MESSAGE)
        first_ids = {
            model: (connection.scalar(select(func.max(_table(model).c.id))) or 0) + 1
            for model in _TABLES.values()
        }
        rows = DemoRows(random.Random(seed), today, first_ids, years or shape.years)
        signed_in = current_username(db)
        places = Places(rows, households, set(connection.scalars(select(User.username))), signed_in)
        rows.complete = CaseAssigner(seed, places.staff, signed_in)
        maker = (
            CityHouseholdMaker(rows, places, shape)
            if shape.earlier_spells
            else HouseholdMaker(rows, places)
        )
        writer = BulkWriter(connection)
        step = max(1, households // 100)
        for done, scenario in enumerate(scenario_plan(rows, households), start=1):
            maker.household(scenario)
            if done % _CHUNK == 0:
                _write(writer, rows)
            if done % step == 0:
                report(done, total)
        _write(writer, rows)
        leases = maker.leases

        def written_every_chunk(first_share: float) -> Callable[[int], None]:
            def done(number: int) -> None:
                if number % _CHUNK == 0:
                    _write(writer, rows)
                    share = first_share + number / len(leases) / 2
                    report(households + int(households * share), total)

            return done

        FollowUpMaker(rows, places.staff).add(leases, written_every_chunk(0.0))
        _write(writer, rows)
        FundsMaker(rows, places.staff, shape.funds_share).add(leases, written_every_chunk(0.5))
        _write(writer, rows)
        # A session bound to this connection joins its transaction: data and mark go together.
        joined = Database(engine=db.engine, sessions=sessionmaker(bind=connection))
        mark_demo(joined)
        write_demo_settings(joined, signed_in)
        connection.execute(
            insert(AuditEntry).values(
                at=DemoRows.timestamp(today),
                username=signed_in,
                action="demo",
                entity="database",
                entity_id=None,
                detail=f"{households} hushåll, frö {seed}" + (", stad" if city else ""),
            )
        )
        if connection.dialect.name == "postgresql":
            _reset_sequences(connection)
    if db.engine.dialect.name == "postgresql":
        # Bulk-written tables have no statistics and no visibility map until autovacuum gets
        # to them (never, where it is off): without statistics the planner picked nested
        # loops over 100 000 households (Att göra's counts 10 s instead of under one); without
        # the visibility map every index-only lookup read the table too (a count 150 ms, not 33).
        with db.engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").execute(
                text("VACUUM (ANALYZE)")
            )
    report(total, total)
    return DemoSummary(**{name: rows.count(model) for name, model in _TABLES.items()})


def _no_progress(_done: int, _total: int) -> None:
    return None


def _write(writer: BulkWriter, rows: DemoRows) -> None:
    """The rows made since the last write, parents first (see bobudget.demo.bulk)."""
    for model, table_rows in rows.take().items():
        writer.write(_table(model), table_rows)


def _reset_sequences(connection: Connection) -> None:
    """Ids were given explicitly, so PostgreSQL's sequences still stand at 1: move them on."""
    for model in _TABLES.values():
        table = _table(model).name
        connection.execute(
            text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}")
        )


def _table(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table
