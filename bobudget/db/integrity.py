"""Which unique index a refused write broke: a race between two users, told apart from a bug."""

from __future__ import annotations

from sqlalchemy import Index, UniqueConstraint
from sqlalchemy.exc import IntegrityError

from bobudget.model import Base


def breaks_unique(error: IntegrityError, *names: str) -> bool:
    """True when `error` is a duplicate in one of the unique indexes or constraints named.

    PostgreSQL names the index; SQLite names the table and columns ("UNIQUE constraint failed:
    contracts.person_id, contracts.kind, …").
    """
    constraint = getattr(getattr(error.orig, "diag", None), "constraint_name", None)
    if constraint is not None:
        return constraint in names
    text = str(error.orig)
    if "UNIQUE constraint failed:" not in text:
        return False
    failed = text.split("UNIQUE constraint failed:", 1)[1].strip()
    return any(failed in (_columns(name), f"index '{name}'") for name in names)


def _columns(name: str) -> str:
    """The columns of the named unique index or constraint as SQLite lists them."""
    for table in Base.metadata.tables.values():
        for unique in (*table.indexes, *table.constraints):
            if isinstance(unique, Index | UniqueConstraint) and unique.name == name:
                return ", ".join(f"{table.name}.{column.name}" for column in unique.columns)
    raise KeyError(name)
