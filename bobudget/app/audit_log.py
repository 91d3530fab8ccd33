"""Reading the access log and the change trail: the person's Historik, a user's changes, and
the unit manager's follow-up (Loggranskning) with its filters, sample and export.

Who may read the access log is checked here (the unit manager and administrators): on
PostgreSQL the grants hold it too, on a local SQLite file this check is all there is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from bobudget.db.access import flush_access_log, record_access
from bobudget.db.engine import Database
from bobudget.db.who import current_username
from bobudget.kernel.errors import DomainError, ValidationError
from bobudget.kernel.spreadsheet import CellValue, write_csv_rows, write_xlsx
from bobudget.model import AccessLog, ChangeTrail, Person, User, UserRoleGrant
from bobudget.model.base import Base, VocabType
from bobudget.model.lengths import FIELD_LABELS
from bobudget.model.vocab import AccessKind, DataOperation, UserRole

REVIEWER_ROLES = frozenset({UserRole.ENHETSCHEF, UserRole.ADMINISTRATOR})
REFUSED = (
    "Loggranskningen får bara öppnas av enhetschef eller systemadministratör. "
    "Be en av dem om hjälp."
)

# The Swedish word for each table a user's change lands in (the trail names the table).
TABLE_LABELS = {
    "persons": "Person",
    "households": "Hushåll",
    "household_members": "Hushållsmedlem",
    "decisions": "Beslut",
    "offers": "Erbjudande",
    "contracts": "Kontrakt",
    "contract_periods": "Kontraktsperiod",
    "housing_plans": "Boendeplan",
    "startup_meetings": "Uppstartsmöte",
    "startup_checklist_items": "Checklista",
    "startup_checklist_item_events": "Checklista",
    "follow_ups": "Uppföljning",
    "housing_supports": "Boendestöd",
    "rent_arrears": "Hyresskuld",
    "disturbances": "Störning",
    "eviction_notices": "Underrättelse",
    "multiparty_meetings": "Flerpartssamtal",
    "managed_funds_accounts": "Egna medel-konto",
    "funds_transactions": "Egna medel-transaktion",
    "budget_lines": "Budgetrad",
    "recurring_payments": "Återkommande betalning",
    "funds_reconciliations": "Avstämning",
    "printed_letters": "Brev",
    "users": "Användare",
    "landlords": "Hyresvärd",
    "dwellings": "Bostad",
    "temporary_places": "Tillfällig plats",
    "checklist_templates": "Checklista (mall)",
    "database_facts": "Databasuppgift",
}
# Columns no form names (FIELD_LABELS holds the texts); the rest fall back to the column.
COLUMN_LABELS = {
    "protected_identity": "Skyddade personuppgifter",
    "identity_kind": "Typ av nummer",
    "person_id": "Person",
    "household_id": "Hushåll",
    "role": "Roll",
    "kind": "Typ",
    "status": "Status",
    "active": "Aktiv",
    "start_date": "Startdatum",
    "end_date": "Slutdatum",
    "decision_date": "Beslutsdatum",
    "monthly_rent_ore": "Månadshyra (öre)",
    "amount_ore": "Belopp (öre)",
    "birth_date": "Födelsedatum",
    "key": "Nyckel",
    "value": "Värde",
}


def table_label(table: str) -> str:
    return TABLE_LABELS.get(table, table)


def column_label(table: str, column: str) -> str:
    return FIELD_LABELS.get((table, column)) or COLUMN_LABELS.get(column, column)


@dataclass(frozen=True)
class TrailLine:
    """One field of one saved change, as the Historik view shows it."""

    at: dt.datetime
    username: str
    full_name: str
    operation: DataOperation
    table: str
    row_id: int | None
    person_id: int | None
    field: str
    old: str
    new: str

    @property
    def what(self) -> str:
        return f"{table_label(self.table)} {self.operation.label.lower()}"


def _text(table: str, column: str, value: Any) -> str:
    """A stored value as the window shows it: a stored word by its Swedish label."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    model_table = Base.metadata.tables.get(table)
    model_column = model_table.columns.get(column) if model_table is not None else None
    if model_column is not None and isinstance(model_column.type, VocabType):
        words = model_column.type.vocabulary  # a word no longer in the set stays as stored
        return next((m.label for m in words if m.value == value), str(value))  # type: ignore[attr-defined]
    return str(value)


def change_history(
    db: Database,
    *,
    person_id: int | None = None,
    user: str | None = None,
    limit: int = 500,
    offset: int = 0,
) -> list[TrailLine]:
    """The saved changes of one person or by one user, newest first, one line per field."""
    if person_id is None and user is None:
        raise ValidationError("Ange en person eller en användare.")
    stmt = (
        select(ChangeTrail, User.full_name)
        .outerjoin(User, User.username == ChangeTrail.username)
        .order_by(ChangeTrail.at.desc(), ChangeTrail.id.desc())
        .limit(limit)
        .offset(offset)
    )
    if person_id is not None:
        stmt = stmt.where(ChangeTrail.person_id == person_id)
    if user is not None:
        stmt = stmt.where(ChangeTrail.username == user)
    lines: list[TrailLine] = []
    with db.sessions() as session:
        for trail, full_name in session.execute(stmt):
            fields = dict(trail.changes or {}) or {"": [None, None]}
            for column, (old, new) in fields.items():
                lines.append(
                    TrailLine(
                        at=trail.at,
                        username=trail.username,
                        full_name=full_name or trail.username,
                        operation=DataOperation(trail.operation),
                        table=trail.table_name,
                        row_id=trail.row_id,
                        person_id=trail.person_id,
                        field=column_label(trail.table_name, column) if column else "",
                        old=_text(trail.table_name, column, old),
                        new=_text(trail.table_name, column, new),
                    )
                )
    return lines


# --- the follow-up of the access log ---------------------------------------------------------


def may_review(db: Database, user: str | None = None) -> bool:
    # A user may hold several roles (user_roles); any one of the reviewers' roles will do.
    # users.role is the first of them (and the only one a row written before 0016 has).
    username = user or current_username(db)
    with db.sessions() as session:
        held = set(
            session.scalars(
                select(UserRoleGrant.role)
                .join(User, User.id == UserRoleGrant.user_id)
                .where(User.username == username, User.active)
            )
        )
        first = session.scalar(select(User.role).where(User.username == username, User.active))
    if first is not None:
        held.add(first)
    return bool(held & set(REVIEWER_ROLES))


def check_reviewer(db: Database, user: str | None = None) -> None:
    if not may_review(db, user):
        raise DomainError(REFUSED)


@dataclass(frozen=True)
class AccessFilter:
    user: str | None = None
    person_id: int | None = None
    first: dt.date | None = None
    last: dt.date | None = None
    protected_only: bool = False

    def check(self) -> None:
        if self.first is not None and self.last is not None and self.last < self.first:
            raise ValidationError(
                f"Perioden slutar ({self.last.isoformat()}) före den börjar "
                f"({self.first.isoformat()}). Rätta datumen."
            )


@dataclass(frozen=True)
class AccessLine:
    id: int
    at: dt.datetime
    username: str
    full_name: str
    person_id: int | None
    protected: bool
    what: AccessKind
    detail: str


_S = TypeVar("_S", bound=Select[*tuple[Any, ...]])


def _start_of(day: dt.date) -> dt.datetime:
    # The period is in Swedish days; a day's start in local time, compared in UTC.
    return dt.datetime.combine(day, dt.time()).astimezone(dt.UTC)


def _filtered(f: AccessFilter, stmt: _S) -> _S:
    f.check()
    if f.user:
        stmt = stmt.where(AccessLog.username == f.user)
    if f.person_id is not None:
        stmt = stmt.where(AccessLog.person_id == f.person_id)
    if f.first is not None:
        stmt = stmt.where(AccessLog.at >= _start_of(f.first))
    if f.last is not None:
        stmt = stmt.where(AccessLog.at < _start_of(f.last + dt.timedelta(days=1)))
    if f.protected_only:
        stmt = stmt.where(Person.protected_identity.is_(True))
    return stmt


def _base() -> Select[AccessLog, bool, str]:
    return (
        select(AccessLog, Person.protected_identity, User.full_name)
        .outerjoin(Person, Person.id == AccessLog.person_id)
        .outerjoin(User, User.username == AccessLog.username)
    )


def _lines(session: Session, stmt: Select[AccessLog, bool, str]) -> list[AccessLine]:
    return [
        AccessLine(
            id=row.id,
            at=row.at,
            username=row.username,
            full_name=full_name or row.username,
            person_id=row.person_id,
            protected=bool(protected),
            what=AccessKind(row.what),
            detail=row.detail,
        )
        for row, protected, full_name in session.execute(stmt)
    ]


def count_accesses(db: Database, f: AccessFilter) -> int:
    flush_access_log(db)  # what the window has seen so far is counted too
    stmt = _filtered(
        f,
        select(func.count(AccessLog.id)).outerjoin(Person, Person.id == AccessLog.person_id),
    )
    with db.sessions() as session:
        return int(session.scalar(stmt) or 0)


def access_entries(
    db: Database, f: AccessFilter, *, limit: int = 200, offset: int = 0
) -> list[AccessLine]:
    """The accesses the filter holds, newest first, one page."""
    flush_access_log(db)
    stmt = _filtered(f, _base()).order_by(AccessLog.at.desc(), AccessLog.id.desc())
    with db.sessions() as session:
        return _lines(session, stmt.limit(limit).offset(offset))


def access_sample(db: Database, f: AccessFilter, size: int) -> list[AccessLine]:
    """`size` accesses drawn at random among those the filter holds (Slumpvis urval)."""
    if size < 1:
        raise ValidationError("Ange hur många åtkomster urvalet ska ha (minst 1).")
    flush_access_log(db)
    stmt = _filtered(f, _base()).order_by(func.random()).limit(size)
    with db.sessions() as session:
        lines = _lines(session, stmt)
    return sorted(lines, key=lambda line: (line.at, line.id), reverse=True)


EXPORT_HEADERS = ("Tid", "Användare", "Namn", "Person (id)", "Skyddad", "Vad", "Detalj")


def access_rows(lines: Sequence[AccessLine]) -> list[list[CellValue]]:
    from bobudget.kernel.formatting import format_timestamp

    return [
        [
            format_timestamp(line.at),
            line.username,
            line.full_name,
            line.person_id,
            "ja" if line.protected else "nej",
            line.what.label,
            line.detail,
        ]
        for line in lines
    ]


def export_accesses(
    db: Database, lines: Sequence[AccessLine], path: Path, *, user: str | None = None
) -> int:
    """The lines shown written to `path` (.csv or .xlsx); the export is itself logged."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValidationError(
            f"Filen {path.name} ska sluta på .xlsx (Excel) eller .csv. Välj ett av dem."
        )
    rows = access_rows(lines)
    try:
        if suffix == ".xlsx":
            write_xlsx(path, EXPORT_HEADERS, rows)
        else:
            with path.open("w", encoding="utf-8-sig", newline="") as out:
                write_csv_rows(out, EXPORT_HEADERS, rows)
    except OSError as error:
        raise DomainError(
            f"Filen kunde inte sparas i {path} ({error.strerror or error}). "
            "Välj en mapp du kan skriva i och försök igen."
        ) from None
    record_access(
        db,
        AccessKind.EXPORT,
        [line.person_id for line in lines] or [None],
        f"loggranskning, {len(lines)} rader",
        user=user,
    )
    return len(lines)
