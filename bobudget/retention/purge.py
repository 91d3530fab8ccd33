"""The preview of who is due for gallring, and the purge: one transaction, all or nothing.

The preview lists groups of persons (retention/graph.py) the rules find due on a day, with the
reason and the date of the last entry; names only when the caller asks (the window shows them
to the administrator, the command line prints ids). The purge works the list out again inside
its own transaction and refuses if it is not the list the user confirmed, deletes every row of
every due group, children before parents, and records what it did with counts and ids only.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Connection, Table, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bobudget.db.changes import ChangeSet, publish
from bobudget.db.engine import Database
from bobudget.db.uow import PURGE_AUDIT_ACTION, UnitOfWork
from bobudget.kernel.errors import DomainError
from bobudget.model import ChangeTrail, ManagedFundsAccount, Person
from bobudget.retention.graph import Group, Progress, find_groups, owned_tables
from bobudget.retention.rules import GroupFacts, Verdict, judge

__all__ = ["PURGE_AUDIT_ACTION", "Candidate", "Preview", "PurgeResult", "preview", "purge"]

log = logging.getLogger(__name__)

PURGE_AUDIT_ENTITY = "retention"
ACCOUNT_ENTITY = "managed_funds_account"
# Ids per DELETE: well under SQLite's limit on bound variables.
_CHUNK = 500


@dataclass(frozen=True)
class Candidate:
    """One group due for purging: its persons, why, and how many rows would go."""

    person_ids: tuple[int, ...]
    verdict: Verdict
    last_entry: dt.date
    rows: int
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Preview:
    as_of: dt.date
    due: list[Candidate]
    # Groups kept, counted by their ground.
    kept: Counter[str] = field(default_factory=Counter)

    @property
    def person_ids(self) -> frozenset[int]:
        return frozenset(p for c in self.due for p in c.person_ids)


@dataclass(frozen=True)
class PurgeResult:
    persons: int
    rows_by_table: dict[str, int]

    @property
    def rows(self) -> int:
        return sum(self.rows_by_table.values())


def _judged(
    connection: Connection, as_of: dt.date, progress: Progress | None = None
) -> list[tuple[Group, Verdict]]:
    groups, births = find_groups(connection, progress)
    judged = []
    for group in groups:
        facts = GroupFacts(
            person_ids=group.person_ids,
            birth_dates=tuple(births.get(p) for p in group.person_ids),
            last_entry=group.last_entry or as_of,
            last_ledger_entry=group.last_ledger_entry,
        )
        judged.append((group, judge(facts, as_of)))
    return judged


def preview(
    db: Database, as_of: dt.date, *, with_names: bool = False, progress: Progress | None = None
) -> Preview:
    """Who is due on `as_of` and why; reads, never writes."""
    with db.engine.connect() as connection:
        judged = _judged(connection, as_of, progress)
        names: dict[int, str] = {}
        due_ids = [p for g, v in judged if v.due for p in g.person_ids]
        if with_names and due_ids:
            for start in range(0, len(due_ids), _CHUNK):
                chunk = due_ids[start : start + _CHUNK]
                stmt = select(Person.id, Person.first_name, Person.last_name).where(
                    Person.id.in_(chunk)
                )
                names.update(
                    {i: f"{first} {last}".strip() for i, first, last in connection.execute(stmt)}
                )
    due = [
        Candidate(
            person_ids=group.person_ids,
            verdict=verdict,
            last_entry=group.last_entry or as_of,
            rows=group.row_count,
            names=tuple(names.get(p, "") for p in group.person_ids) if with_names else (),
        )
        for group, verdict in judged
        if verdict.due
    ]
    kept = Counter(v.ground for _, v in judged if not v.due)
    return Preview(as_of=as_of, due=due, kept=kept)


def _delete_rows(session: Session, table: Table, ids: Iterable[int]) -> int:
    """Delete these rows of one table; newest first, so that a row pointing at an older row
    of its own table (a reversal, a moved contract) goes before the row it points at."""
    ordered = sorted(ids, reverse=True)
    deleted = 0
    for start in range(0, len(ordered), _CHUNK):
        chunk = ordered[start : start + _CHUNK]
        result = session.execute(delete(table).where(table.c.id.in_(chunk)))
        deleted += int(getattr(result, "rowcount", 0) or 0)
    return deleted


def _delete_trail(session: Session, person_ids: Iterable[int]) -> int:
    ordered = sorted(person_ids)
    deleted = 0
    for start in range(0, len(ordered), _CHUNK):
        chunk = ordered[start : start + _CHUNK]
        result = session.execute(delete(ChangeTrail).where(ChangeTrail.person_id.in_(chunk)))
        deleted += int(getattr(result, "rowcount", 0) or 0)
    return deleted


def purge(
    db: Database,
    as_of: dt.date,
    *,
    expected_person_ids: frozenset[int] | None = None,
    user: str | None = None,
) -> PurgeResult:
    """Delete every row of every group due on `as_of`, in one transaction.

    `expected_person_ids` is the preview the user confirmed: if the list has changed since
    (someone wrote in a record meanwhile), nothing is deleted and the user is asked to look
    again. Either every row goes or none does.
    """
    with UnitOfWork(db, user) as uow:
        session = uow.session
        judged = _judged(session.connection(), as_of)
        due = [group for group, verdict in judged if verdict.due]
        person_ids = frozenset(p for g in due for p in g.person_ids)
        if expected_person_ids is not None and person_ids != expected_person_ids:
            raise DomainError(
                "Gallringslistan har ändrats sedan förhandsvisningen (någon har skrivit i en "
                "akt under tiden). Ingenting gallrades. Visa listan igen och gallra sedan."
            )
        if not due:
            return PurgeResult(persons=0, rows_by_table={})
        rows: dict[str, set[int]] = {}
        for group in due:
            for table_name, ids in group.rows.items():
                rows.setdefault(table_name, set()).update(ids)
        counts: dict[str, int] = {}
        try:
            for table in reversed(owned_tables()):
                doomed = rows.get(table.name)
                if doomed:
                    counts[table.name] = _delete_rows(session, table, doomed)
            # The change trail holds the persons' old and new values (names, numbers,
            # addresses): it is their personal data too and goes with their record.
            trail = _delete_trail(session, person_ids)
            if trail:
                counts[ChangeTrail.__tablename__] = trail
        except IntegrityError:
            log.exception("purge refused by the database")
            raise DomainError(
                "Databasen vägrade gallringen: någon annan uppgift pekar fortfarande på en "
                "rad som skulle gallras. Ingenting gallrades. Kontakta IT."
            ) from None
        detail = (
            f"gallring per {as_of.isoformat()}: {len(person_ids)} personer "
            f"(id {', '.join(map(str, sorted(person_ids)))}); rader: "
            + ", ".join(f"{name} {n}" for name, n in sorted(counts.items()))
        )
        uow.audit(PURGE_AUDIT_ACTION, PURGE_AUDIT_ENTITY, None, detail)
        for account_id in sorted(rows.get(ManagedFundsAccount.__tablename__, ())):
            # Read by the funds check: this account's booked entries went by law.
            uow.audit(PURGE_AUDIT_ACTION, ACCOUNT_ENTITY, account_id, "gallrat konto")
        uow.commit()
    log.info("purged %d persons, %d rows", len(person_ids), sum(counts.values()))
    # Bulk deletes pass no flush: the window is told here what went.
    publish(ChangeSet(frozenset(counts), person_ids))
    return PurgeResult(persons=len(person_ids), rows_by_table=counts)
