"""What `bobudget db status` reports: engine, location, schema revision, row counts."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, inspect, select

from bobudget.db import migrate
from bobudget.db.engine import Database
from bobudget.db.open import is_demo
from bobudget.model import (
    Contract,
    Decision,
    FundsTransaction,
    Household,
    ManagedFundsAccount,
    Person,
    PrintedLetter,
)

COUNTED = {
    "persons": Person,
    "households": Household,
    "decisions": Decision,
    "contracts": Contract,
    "managed_funds_accounts": ManagedFundsAccount,
    "funds_transactions": FundsTransaction,
    "printed_letters": PrintedLetter,
}


@dataclass(frozen=True)
class DatabaseStatus:
    engine: str
    location: str
    revision: str | None
    head: str
    demo: bool
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def up_to_date(self) -> bool:
        return self.revision == self.head


def database_status(db: Database) -> DatabaseStatus:
    revision = migrate.check_not_newer(db)
    counts: dict[str, int] = {}
    demo = False
    if revision is not None:
        existing = set(inspect(db.engine).get_table_names())
        with db.sessions() as session:
            for key, model in COUNTED.items():
                if model.__tablename__ in existing:
                    counts[key] = session.scalar(select(func.count()).select_from(model)) or 0
        demo = is_demo(db)
    return DatabaseStatus(
        engine=db.engine_name,
        location=db.location,
        revision=revision,
        head=migrate.head_revision(),
        demo=demo,
        counts=counts,
    )
