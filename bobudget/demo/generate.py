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
from bobudget.demo.follow_up import FollowUpMaker
from bobudget.demo.funds import FundsMaker
from bobudget.demo.housing import HouseholdMaker, scenario_plan
from bobudget.demo.letterhead import write_demo_settings
from bobudget.demo.places import Places
from bobudget.demo.responsibility import assign_cases
from bobudget.demo.rows import YEARS_OF_HISTORY, DemoRows
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
_BATCH_ROWS = 5_000

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
    years: int = YEARS_OF_HISTORY,
) -> DemoSummary:
    """Fill an empty database with `households` fictional households and all that goes with them.

    `years` of history (five unless told) up to `today`: the queue, contracts of every kind,
    placements with their periods, follow-up, trouble and egna medel. The same seed and day
    give the same data. Identity numbers use the birth numbers 980–999, which no real person
    has. Everything is written in one transaction, together with the mark that the database
    holds demo data; refused (ValidationError) for a database already in use.
    """
    if not 1 <= households <= MAX_HOUSEHOLDS:
        raise ValidationError(
            f"Antalet hushåll måste vara mellan 1 och {MAX_HOUSEHOLDS:,}".replace(",", " ")
            + f", inte {households}. Ange ett annat antal."
        )
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
        rows = DemoRows(random.Random(seed), today, first_ids, years)
        signed_in = current_username(db)
        places = Places(rows, households, set(connection.scalars(select(User.username))), signed_in)
        maker = HouseholdMaker(rows, places)
        step = max(1, households // 100)
        for done, scenario in enumerate(scenario_plan(rows, households), start=1):
            maker.household(scenario)
            if done % step == 0:
                report(done, total)
        FollowUpMaker(rows, places.staff).add(maker.leases)
        FundsMaker(rows, places.staff).add(maker.leases)
        assign_cases(rows, places.staff, signed_in)

        _insert(connection, rows, lambda share: report(households + int(households * share), total))
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
                detail=f"{households} hushåll, frö {seed}",
            )
        )
        if connection.dialect.name == "postgresql":
            _reset_sequences(connection)
    report(total, total)
    return DemoSummary(**{name: rows.count(model) for name, model in _TABLES.items()})


def _no_progress(_done: int, _total: int) -> None:
    return None


def _insert(connection: Connection, rows: DemoRows, report: Callable[[float], None]) -> None:
    """Plain multi-row inserts with our own ids: no RETURNING round trip per row."""
    total = max(1, sum(rows.count(model) for model in _TABLES.values()))
    written = 0
    for model in _TABLES.values():
        table_rows = rows.rows[model]
        for begin in range(0, len(table_rows), _BATCH_ROWS):
            batch = table_rows[begin : begin + _BATCH_ROWS]
            connection.execute(insert(_table(model)), batch)
            written += len(batch)
            report(written / total)


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
