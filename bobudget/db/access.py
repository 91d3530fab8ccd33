"""Who saw which person: one row per person shown, written in one INSERT per fetch.

`record_access(target, what, person_ids, detail)` is the one call every place that shows or
hands out a person's data makes: the person card, a search or list, a letter printed, an
export. `target` is a `Database` (the access is written and committed at once, in its own
short transaction) or an open `Session`/`UnitOfWork` (written with the caller's work, kept
only if it commits). `detail` holds ids and counts, never a name or personnummer: the
caller passes plain words and numbers (e.g. "sida 2", "brev 17").

The rows are only ever inserted (issue 13: the application roles may not UPDATE or DELETE).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from sqlalchemy import insert
from sqlalchemy.orm import Session

from bobudget.db.engine import Database
from bobudget.db.who import current_username
from bobudget.kernel.text_check import has_control_character
from bobudget.model import AccessLog
from bobudget.model.base import utc_now
from bobudget.model.vocab import AccessKind

# SQLite binds at most 32 766 values; 5 per row keeps a chunk well under it.
_ROWS_PER_INSERT = 2000
_DETAIL_LENGTH = 200


class _HasSession(Protocol):
    session: Session
    user: str


def access_rows(
    user: str, what: AccessKind, person_ids: Iterable[int | None], detail: str = ""
) -> list[dict[str, object]]:
    """The rows to insert: one per distinct person, in the order shown (None: no person)."""
    now = utc_now()
    text = detail[:_DETAIL_LENGTH]
    if has_control_character(text, multiline=False):
        text = ""
    seen: set[int | None] = set()
    rows: list[dict[str, object]] = []
    for person_id in person_ids:
        if person_id in seen:
            continue
        seen.add(person_id)
        rows.append(
            {"at": now, "username": user, "person_id": person_id, "what": what, "detail": text}
        )
    return rows


def write_access_rows(session: Session, rows: list[dict[str, object]]) -> None:
    """One multi-row INSERT per chunk (not one statement per row)."""
    for start in range(0, len(rows), _ROWS_PER_INSERT):
        session.execute(insert(AccessLog).values(rows[start : start + _ROWS_PER_INSERT]))


def record_access(
    target: Database | Session | _HasSession,
    what: AccessKind,
    person_ids: Iterable[int | None],
    detail: str = "",
    user: str | None = None,
) -> int:
    """Log that `user` (default: the signed-in user) saw these persons; returns rows written.

    An empty list writes nothing: a search that found no one showed no one.
    """
    if isinstance(target, Database):
        rows = access_rows(user or current_username(), what, person_ids, detail)
        if rows:
            with target.sessions() as session:
                write_access_rows(session, rows)
                session.commit()
        return len(rows)
    session = target if isinstance(target, Session) else target.session
    if user is None:
        user = str(session.info.get("user") or current_username())
    rows = access_rows(user, what, person_ids, detail)
    write_access_rows(session, rows)
    return len(rows)
