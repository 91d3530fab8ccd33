"""Who saw which person: one row per person shown, written in one INSERT per fetch.

`record_access(target, what, person_ids, detail)` is the one call every place that shows or
hands out a person's data makes: the person card, a search or list, a letter printed, an
export. `target` is a `Database` (the access is written and committed at once, in its own
short transaction) or an open `Session`/`UnitOfWork` (written with the caller's work, kept
only if it commits). `detail` holds ids and counts, never a name or personnummer: the
caller passes plain words and numbers (e.g. "sida 2", "brev 17").

The rows are only ever inserted (issue 13: the application roles may not UPDATE or DELETE).

The window keeps a search-as-you-type quick: `start_access_writer(db)` gathers the rows of a
`Database` target in memory and a background thread writes them every second (or at 2 000
rows) in one INSERT and one commit, instead of one commit per keystroke; `stop_access_writer`
writes what is left (the window calls it when it closes). The command line and the tests write
at once. Rows given with a session are always written with that session's work.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from typing import Protocol

from sqlalchemy import insert
from sqlalchemy.orm import Session

from bobudget.db.engine import Database
from bobudget.db.who import current_username, session_username
from bobudget.kernel.text_check import has_control_character
from bobudget.model import AccessLog
from bobudget.model.base import utc_now
from bobudget.model.vocab import AccessKind

log = logging.getLogger(__name__)

# The background writer writes when it holds this many rows, without waiting for its second.
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
    """One multi-row INSERT per chunk (not one statement per row).

    Given as parameter sets, SQLAlchemy sends them as one `INSERT … VALUES (…), (…)` of up to
    1 000 rows ("insertmanyvalues") from a statement it compiles once: building a literal
    multi-row VALUES per call instead cost more than the search it logged.
    """
    if rows:
        session.execute(insert(AccessLog), rows)


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
        rows = access_rows(user or current_username(target), what, person_ids, detail)
        writer = _writers.get(id(target.engine))
        if writer is not None:
            writer.add(rows)
        elif rows:
            with target.sessions() as session:
                write_access_rows(session, rows)
                session.commit()
        return len(rows)
    session = target if isinstance(target, Session) else target.session
    if user is None:
        user = session_username(session)
    rows = access_rows(user, what, person_ids, detail)
    write_access_rows(session, rows)
    return len(rows)


def record_page_shown(
    db: Database, person_ids: Iterable[int | None], list_name: str, first_row: int
) -> int:
    """Log a page of a long list as shown: "<list_name>, från rad N", N its first row counted
    from 1 (`first_row` from 0). A list shows a page at a time and logs each as it is read."""
    return record_access(
        db, AccessKind.LIST_SHOWN, person_ids, f"{list_name}, från rad {first_row + 1}"
    )


# --- writing in the background for the window -------------------------------------------------

# A writer keeps at most this many unwritten rows while the database cannot be reached.
_KEPT_AT_MOST = 200_000


class _AccessWriter:
    def __init__(self, db: Database, interval: float) -> None:
        self._db = db
        self._interval = interval
        self._rows: list[dict[str, object]] = []
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="bobudget-access-log", daemon=True)
        self._thread.start()

    def add(self, rows: list[dict[str, object]]) -> None:
        with self._lock:
            self._rows.extend(rows)
            full = len(self._rows) >= _ROWS_PER_INSERT
        if full:
            self._wake.set()

    def _run(self) -> None:
        while not self._stopping:
            self._wake.wait(self._interval)
            self._wake.clear()
            self.flush()

    def flush(self) -> None:
        with self._lock:
            rows, self._rows = self._rows, []
        if not rows:
            return
        try:
            with self._db.sessions() as session:
                write_access_rows(session, rows)
                session.commit()
        except Exception as error:
            # Kept for the next round (the server may be back); the error's type only, as
            # its message may repeat the rows.
            log.warning(
                "access log not written yet (%s); %d rows kept", type(error).__name__, len(rows)
            )
            with self._lock:
                self._rows = (rows + self._rows)[-_KEPT_AT_MOST:]

    def stop(self) -> None:
        self._stopping = True
        self._wake.set()
        self._thread.join(timeout=10)
        self.flush()


_writers: dict[int, _AccessWriter] = {}


def start_access_writer(db: Database, interval: float = 1.0) -> None:
    """From now on, accesses recorded with `db` are written in the background (the window)."""
    if id(db.engine) not in _writers:
        _writers[id(db.engine)] = _AccessWriter(db, interval)


def flush_access_log(db: Database) -> None:
    """Write what the background writer holds now (before reading the log, e.g.)."""
    writer = _writers.get(id(db.engine))
    if writer is not None:
        writer.flush()


def stop_access_writer(db: Database) -> None:
    """Write what is left and write at once from now on (the window closing)."""
    writer = _writers.pop(id(db.engine), None)
    if writer is not None:
        writer.stop()
