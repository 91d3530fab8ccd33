"""The change trail: every row a flush inserts, updates or deletes, with its old and new values.

Written by the session itself at `after_flush`, on the flush's own connection, so it is kept
exactly when the change is (a rollback takes both back) and no service needs to remember it.
One trail row per person the changed row belongs to (a household's decision: one per member),
or one without a person for a row of no one's (a landlord, a user, a setting).

The values are personal data: this table is access-controlled, and nothing here is logged to
the application's log file. The rows are only ever inserted.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

from sqlalchemy import LargeBinary, event, insert
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from bobudget.db.changes import persons_of_rows
from bobudget.db.who import session_username
from bobudget.model import ChangeTrail
from bobudget.model.base import utc_now
from bobudget.model.vocab import DataOperation

# Tables that record something themselves; the trail of them would be a record of a record.
NOT_TRAILED = frozenset({"audit_entries", "access_log", "change_trail"})
# Columns of every editable row that say who and when (the trail row says that) or hold a
# counter or a text derived from the others.
TECHNICAL_COLUMNS = frozenset(
    {"version", "created_by", "created_at", "updated_by", "updated_at", "search_text"}
)


def _plain(value: Any) -> Any:
    """A value JSON can hold, read back as the user would read it."""
    if value is None or isinstance(value, bool | int | float | str):
        return value.value if isinstance(value, enum.Enum) else value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def _columns(state: Any) -> list[tuple[str, str]]:
    """(attribute key, column name) of the columns worth trailing."""
    found = []
    for attribute in state.mapper.column_attrs:
        column = attribute.columns[0]
        if column.name in TECHNICAL_COLUMNS or isinstance(column.type, LargeBinary):
            continue
        found.append((attribute.key, column.name))
    return found


def _values_of(state: Any, insert_row: bool) -> dict[str, list[Any]]:
    loaded = state.dict
    values: dict[str, list[Any]] = {}
    for key, name in _columns(state):
        if key in loaded and loaded[key] is not None:
            value = _plain(loaded[key])
            values[name] = [None, value] if insert_row else [value, None]
    return values


def _updated_values(state: Any) -> dict[str, list[Any]]:
    values: dict[str, list[Any]] = {}
    for key, name in _columns(state):
        history = state.attrs[key].history
        if not history.added and not history.deleted:
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old != new:
            values[name] = [_plain(old), _plain(new)]
    return values


def trail_rows(session: Session) -> list[dict[str, Any]]:
    """The trail of the flush under way; call from `after_flush`."""
    user = session_username(session)
    now = utc_now()
    changed: list[tuple[Any, DataOperation, dict[str, list[Any]]]] = []
    for operation, objects in (
        (DataOperation.INSERT, session.new),
        (DataOperation.UPDATE, session.dirty),
        (DataOperation.DELETE, session.deleted),
    ):
        for obj in objects:
            state = sa_inspect(obj)
            if getattr(state.mapper.local_table, "name", "") in NOT_TRAILED:
                continue
            if operation is DataOperation.UPDATE:
                values = _updated_values(state)
                if not values:
                    continue  # only a version or a timestamp moved
            else:
                values = _values_of(state, operation is DataOperation.INSERT)
            changed.append((obj, operation, values))
    if not changed:
        return []
    persons = persons_of_rows(session, [obj for obj, _, _ in changed])
    rows: list[dict[str, Any]] = []
    for (obj, operation, values), person_ids in zip(changed, persons, strict=True):
        state = sa_inspect(obj)
        # The key is not yet the row's identity at after_flush for a new row: read the column.
        keys = [state.mapper.get_property_by_column(c).key for c in state.mapper.primary_key]
        key_value = state.dict.get(keys[0]) if len(keys) == 1 else None
        row_id = key_value if isinstance(key_value, int) else None
        table = str(getattr(state.mapper.local_table, "name", ""))
        owners: list[int | None] = [*sorted(person_ids)] or [None]
        for person_id in owners:
            rows.append(
                {
                    "at": now,
                    "username": user,
                    "table_name": table,
                    "row_id": row_id,
                    "person_id": person_id,
                    "operation": operation,
                    "changes": values,
                }
            )
    return rows


@event.listens_for(Session, "after_flush")
def _write_trail(session: Session, _context: Any) -> None:
    rows = trail_rows(session)
    if rows:
        session.connection().execute(insert(ChangeTrail), rows)
