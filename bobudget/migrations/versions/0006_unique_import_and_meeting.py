"""One imported contract per (person, kind, start date) and one start-up meeting per contract.

Two imports of the same file at the same time, or two staff opening a contract's start-up
meeting at the same moment, could each write the row: the database now holds each once.
Before the indexes are added the rows are read: duplicates already there stop the upgrade with
the table and the ids named, and nothing is changed; a person decides which row to keep.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 09:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bobudget.kernel.errors import DatabaseUnavailableError

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

IMPORTED_CONTRACT_KEY = "uq_contracts_imported_person_kind_start"
STARTUP_MEETING_PER_CONTRACT = "uq_startup_meetings_contract_id"
_IMPORTED = "basis = 'import'"

# Enough to act on; the rest show up on the next try once these are put right.
_MAX_REPORTED = 20


def _duplicates(
    connection: sa.Connection, table_name: str, columns: Sequence[str], where: str | None
) -> list[str]:
    """Each group of rows sharing the key: "tabellen T, raderna 4, 9 (kolumn = värde, …)"."""
    table = sa.table(table_name, sa.column("id"), *(sa.column(c) for c in columns))
    key = [table.c[c] for c in columns]
    query = sa.select(table.c.id, *key).order_by(*key, table.c.id)
    if where is not None:
        query = query.where(sa.text(where))
    groups: dict[tuple[object, ...], list[int]] = {}
    for row in connection.execute(query):
        groups.setdefault(tuple(row[1:]), []).append(row[0])
    found: list[str] = []
    for values, ids in groups.items():
        if len(ids) > 1:
            described = ", ".join(f"{c} = {v}" for c, v in zip(columns, values, strict=True))
            found.append(f"tabellen {table_name}, raderna {', '.join(map(str, ids))} ({described})")
    return found


def upgrade() -> None:
    connection = op.get_bind()
    found = _duplicates(
        connection, "contracts", ("person_id", "kind", "start_date"), _IMPORTED
    ) + _duplicates(connection, "startup_meetings", ("contract_id",), None)
    if found:
        shown = "\n".join(found[:_MAX_REPORTED])
        more = f"\n… och {len(found) - _MAX_REPORTED} till." if len(found) > _MAX_REPORTED else ""
        raise DatabaseUnavailableError(
            "Databasen kan inte uppgraderas: följande rader finns två gånger (importerade "
            "kontrakt med samma person, kontraktstyp och startdatum, eller flera uppstartsmöten "
            f"för samma kontrakt).\n{shown}{more}\nIngenting ändrades. Ta bort dubbletterna "
            "(kontakta IT) och starta programmet igen."
        )
    op.create_index(
        IMPORTED_CONTRACT_KEY,
        "contracts",
        ["person_id", "kind", "start_date"],
        unique=True,
        sqlite_where=sa.text(_IMPORTED),
        postgresql_where=sa.text(_IMPORTED),
    )
    op.drop_index("ix_startup_meetings_contract_id", table_name="startup_meetings")
    op.create_index(STARTUP_MEETING_PER_CONTRACT, "startup_meetings", ["contract_id"], unique=True)


def downgrade() -> None:
    op.drop_index(STARTUP_MEETING_PER_CONTRACT, table_name="startup_meetings")
    op.create_index(
        "ix_startup_meetings_contract_id", "startup_meetings", ["contract_id"], unique=False
    )
    op.drop_index(IMPORTED_CONTRACT_KEY, table_name="contracts")
