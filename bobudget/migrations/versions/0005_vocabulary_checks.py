"""Vocabulary checks: the database holds every status and kind column to its allowed words.

Before a constraint is added, the rows are read: a value outside the allowed set stops the
upgrade with the table, the row and the value named, and nothing is changed; a person decides
what the row should say (the program cannot guess it).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 09:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bobudget.kernel.errors import DatabaseUnavailableError

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A frozen copy of bobudget.model.vocab as it was at this revision (a later change to the
# vocabulary is a migration of its own). Each becomes ck_<table>_<column>_allowed.
ALLOWED: dict[str, dict[str, tuple[str, ...]]] = {
    "budget_lines": {"direction": ("income", "expense")},
    "contract_periods": {"outcome": ("pending", "renewed", "ended", "moved")},
    "contracts": {
        "kind": ("social", "transitional", "housing_first", "temporary"),
        "basis": ("decision", "lease", "import"),
        "placement_cost_unit": ("night", "month", ""),
    },
    "decisions": {
        "kind": ("housing", "temporary", "housing_support", "managed_funds"),
        "status": ("waiting", "executed", "ended"),
    },
    "dwellings": {"status": ("available", "offered", "let", "blocked")},
    "eviction_notices": {"sender": ("landlord", "kronofogden")},
    "funds_transactions": {"kind": ("income", "payment", "cash", "reversal")},
    "household_members": {"role": ("applicant", "co_applicant", "child", "other")},
    "landlords": {"kind": ("municipal_company", "municipal_foundation", "private")},
    "offers": {"answer": ("pending", "accepted", "declined")},
    "persons": {"identity_kind": ("personnummer", "samordningsnummer", "reserve")},
    "temporary_places": {
        "kind": ("hostel", "hotel", "temporary_flat", "shelter"),
        "cost_unit": ("night", "month"),
    },
    "users": {
        "role": (
            "bostadskonsulent",
            "bostadshandledare",
            "handlaggare_egna_medel",
            "enhetschef",
            "administrator",
        )
    },
}

# Enough to act on; the rest show up on the next try once these are put right.
_MAX_REPORTED = 20


def constraint_name(table: str, column: str) -> str:
    """The name the models' naming convention gives it (bobudget.model.base)."""
    return f"ck_{table}_{column}_allowed"


def condition(column: str, values: Sequence[str]) -> str:
    listed = ", ".join(f"'{value}'" for value in values)
    return f"{column} IN ({listed})"


def _values_outside(connection: sa.Connection) -> list[str]:
    found: list[str] = []
    for table_name, columns in ALLOWED.items():
        for column_name, values in columns.items():
            table = sa.table(table_name, sa.column("id"), sa.column(column_name))
            column = table.c[column_name]
            rows = connection.execute(
                sa.select(table.c.id, column)
                .where(sa.or_(column.is_(None), column.not_in(values)))
                .order_by(table.c.id)
                .limit(_MAX_REPORTED)
            )
            found += [
                f"tabellen {table_name}, rad {row_id}, kolumnen {column_name}: {value!r}"
                for row_id, value in rows
            ]
    return found


def upgrade() -> None:
    outside = _values_outside(op.get_bind())
    if outside:
        shown = "\n".join(outside[:_MAX_REPORTED])
        raise DatabaseUnavailableError(
            "Databasen kan inte uppgraderas: följande rader har ett värde som programmet inte "
            f"känner till.\n{shown}\nIngenting ändrades. Rätta värdena (kontakta IT) och "
            "starta programmet igen."
        )
    for table_name, columns in ALLOWED.items():
        with op.batch_alter_table(table_name, schema=None) as batch_op:
            for column_name, values in columns.items():
                batch_op.create_check_constraint(
                    op.f(constraint_name(table_name, column_name)), condition(column_name, values)
                )


def downgrade() -> None:
    for table_name, columns in reversed(ALLOWED.items()):
        with op.batch_alter_table(table_name, schema=None) as batch_op:
            for column_name in reversed(columns):
                batch_op.drop_constraint(
                    op.f(constraint_name(table_name, column_name)), type_="check"
                )
