"""The unit of work: one session per user action, rolled back unless committed, audited."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from sqlalchemy import String, event, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from bobudget.db import change_trail as _change_trail  # noqa: F401  (its flush hook)
from bobudget.db.changes import NO_CHANGES, ChangeSet, flushed_changes, publish
from bobudget.db.engine import Database
from bobudget.db.who import current_username as current_username
from bobudget.db.who import session_username as session_username
from bobudget.kernel.errors import ConflictError, FieldError, ValidationError
from bobudget.kernel.text_check import check_text, has_control_character
from bobudget.model import AuditEntry, Editable
from bobudget.model.base import utc_now
from bobudget.model.lengths import FIELD_LABELS, field_label, too_long_message

# The audit action of a row the import wrote: the timeline names the importer by it.
IMPORT_AUDIT_ACTION = "import"
# The audit action of gallring (bobudget/retention): a purged egna medel account's ledger is
# gone by law, and the funds check tells that from a ledger emptied behind its back by it.
PURGE_AUDIT_ACTION = "purge"

# session.info keys: what was flushed since the last commit, and what the last commit kept.
_PENDING = "bobudget_pending_changes"
_COMMITTED = "bobudget_committed_changes"


class UnitOfWork:
    """`with UnitOfWork(db, user) as uow: …; uow.commit()` — nothing is kept without commit.

    After a commit, `uow.changes` says what it kept (empty when nothing was, or it was rolled
    back); the same ChangeSet reaches any `collect_changes()` open around the call.
    """

    def __init__(self, db: Database, user: str | None = None) -> None:
        self.db = db
        self.user = user or current_username(db)
        self.session: Session
        self.changes: ChangeSet = NO_CHANGES

    def __enter__(self) -> UnitOfWork:
        self.session = self.db.sessions()
        self.session.info["user"] = self.user
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.session.rollback()
        self.session.close()

    def audit(self, action: str, entity: str, entity_id: int | None, detail: str = "") -> None:
        """Record what was done to which row (ids only, never names or personnummer)."""
        self.session.add(
            AuditEntry(
                username=self.user,
                action=action,
                entity=entity,
                entity_id=entity_id,
                detail=detail,
            )
        )

    def written(self, changes: ChangeSet) -> None:
        """Rows written with Core statements (the import's bulk inserts), which no flush sees:
        announced at commit as flushed ones are, and forgotten on a rollback."""
        self.session.info[_PENDING] = self.session.info.get(_PENDING, NO_CHANGES) | changes

    def commit(self) -> None:
        watched = [
            (type(obj), obj.id, obj.version)  # type: ignore[attr-defined]
            for obj in self.session.dirty | self.session.deleted
            if isinstance(obj, Editable) and getattr(obj, "id", None) is not None
        ]
        try:
            self.session.commit()
        except StaleDataError:
            self.session.rollback()
            raise self._conflict(watched) from None
        self.changes = self.changes | self.session.info.pop(_COMMITTED, NO_CHANGES)

    def _conflict(self, watched: list[tuple[type[Any], int, int]]) -> ConflictError:
        with self.db.sessions() as fresh:
            for cls, row_id, version in watched:
                row = fresh.execute(select(cls).where(cls.id == row_id)).scalar_one_or_none()
                if row is None:
                    return ConflictError(
                        "Uppgiften har tagits bort av någon annan medan du ändrade den. "
                        "Ingenting sparades.",
                        changed_by=None,
                        changed_at=None,
                    )
                if row.version != version:
                    return conflict_error(row.updated_by, row.updated_at)
        return conflict_error(None, None)


def conflict_error(changed_by: str | None, changed_at: Any) -> ConflictError:
    from bobudget.kernel.formatting import format_timestamp

    who = changed_by or "någon annan"
    when = f" {format_timestamp(changed_at)}" if changed_at is not None else ""
    return ConflictError(
        f"Uppgiften ändrades av {who}{when} medan du arbetade med den. Ingenting av "
        "dina ändringar sparades: läs in den på nytt och gör om ändringen.",
        changed_by=changed_by,
        changed_at=changed_at,
    )


@event.listens_for(Session, "before_flush")
def _stamp_who(session: Session, _context: Any, _instances: Any) -> None:
    user = session.info.get("user")
    if not user:
        return
    now = utc_now()
    for obj in session.new:
        if isinstance(obj, Editable):
            obj.created_by = obj.created_by or user
            obj.updated_by = user
    for obj in session.dirty:
        if isinstance(obj, Editable) and session.is_modified(obj):
            obj.updated_by = user
            obj.updated_at = now


@event.listens_for(Session, "before_flush")
def _refuse_control_characters(session: Session, _context: Any, _instances: Any) -> None:
    """The last guard: no text with NUL or another control character reaches the database.

    The services check what a user types; this catches a text any service let through, on both
    engines alike (PostgreSQL would refuse a NUL with a message nobody can act on, SQLite would
    store it), naming the field as the form does (model/lengths.py). Tab and line breaks pass:
    a note may hold them, and a one-line field refuses them in its own service.
    """
    for obj in (*session.new, *session.dirty):
        state = sa_inspect(obj)
        table = getattr(state.mapper.local_table, "name", "")
        # Only what is loaded (state.dict): reading an expired attribute here would query.
        for attribute in state.mapper.column_attrs:
            value = state.dict.get(attribute.key)
            if isinstance(value, str) and has_control_character(value, multiline=True):
                label = field_label(table, attribute.key)
                check_text(value, label, multiline=True)  # raises, naming the field


@event.listens_for(Session, "before_flush")
def _refuse_too_long_texts(session: Session, _context: Any, _instances: Any) -> None:
    """No text longer than its column holds is saved, from a form, the command line or an
    import alike: refused with every such field named, before the database would cut it
    (SQLite) or refuse it with a message nobody can act on (PostgreSQL)."""
    errors: list[FieldError] = []
    derived: list[FieldError] = []  # a column no form shows (search text), filled from others
    for obj in (*session.new, *session.dirty):
        state = sa_inspect(obj)
        table = getattr(state.mapper.local_table, "name", "")
        for attribute in state.mapper.column_attrs:
            value = state.dict.get(attribute.key)
            column_type: Any = attribute.columns[0].type
            limit = column_type.length if isinstance(column_type, String) else None
            if isinstance(value, str) and limit is not None and len(value) > limit:
                label = field_label(table, attribute.key)
                error = FieldError(label, too_long_message(label, len(value), limit))
                (errors if (table, attribute.key) in FIELD_LABELS else derived).append(error)
    if errors or derived:
        # A derived text is too long because a typed one is: the typed one is named.
        raise ValidationError(field_errors=errors or derived)


# What changed is read from every session, not only a UnitOfWork's: a service that commits a
# plain session is announced the same way.


@event.listens_for(Session, "after_flush")
def _remember_flushed(session: Session, _context: Any) -> None:
    session.info[_PENDING] = session.info.get(_PENDING, NO_CHANGES) | flushed_changes(session)


@event.listens_for(Session, "after_commit")
def _publish_committed(session: Session) -> None:
    changes = session.info.pop(_PENDING, NO_CHANGES)
    if changes:
        session.info[_COMMITTED] = session.info.get(_COMMITTED, NO_CHANGES) | changes
        publish(changes)


@event.listens_for(Session, "after_rollback")
def _forget_flushed(session: Session) -> None:
    session.info.pop(_PENDING, None)
