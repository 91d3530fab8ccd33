"""What a unit of work changed, as one value: the domain areas touched and the persons affected.

A screen decides from a `ChangeSet` whether it must read again (the queue cares about
placement, the person card about its own person); the core says what it wrote, never which
screen shows it. The rows come from what the session flushed (see `bobudget.db.uow`),
so a service needs no bookkeeping of its own and keeps its signature.

`with collect_changes() as collected: service(...)` gathers the changes of every unit of work
committed during the call, in this thread (a `ContextVar`, so a worker thread collects its
own).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import FromClause, inspect, select
from sqlalchemy.orm import Mapper, RelationshipDirection, Session


class ChangeKind(StrEnum):
    """The domain areas a screen refreshes by: derived from the table a row lives in."""

    PERSONS = "persons"  # a person, a household and its members
    PLACEMENT = "placement"  # decisions, offers, landlords, dwellings, contracts, periods
    FOLLOW_UP = "follow_up"  # start-up meetings, follow-ups, support, debts, notices, meetings
    FUNDS = "funds"  # egna medel: accounts, entries, budget, recurring payments, reconciliations
    LETTERS = "letters"  # printed letters
    ADMIN = "admin"  # users, database facts, the start-up checklist template
    OTHER = "other"  # a table not listed below: every listener treats it as its own


# AuditEntry rows record that something else changed; they are no change of their own (nor
# are the access log's and the change trail's rows, which the unit of work writes itself).
NOT_A_CHANGE = frozenset({"audit_entries", "access_log", "change_trail"})

KIND_OF_TABLE: dict[str, ChangeKind] = {
    "persons": ChangeKind.PERSONS,
    "households": ChangeKind.PERSONS,
    "household_members": ChangeKind.PERSONS,
    "landlords": ChangeKind.PLACEMENT,
    "dwellings": ChangeKind.PLACEMENT,
    "decisions": ChangeKind.PLACEMENT,
    "offers": ChangeKind.PLACEMENT,
    "temporary_places": ChangeKind.PLACEMENT,
    "contracts": ChangeKind.PLACEMENT,
    "contract_periods": ChangeKind.PLACEMENT,
    "housing_plans": ChangeKind.PLACEMENT,
    # The IVO report's reasons and submissions belong to the decisions they are about.
    "ivo_delay_reasons": ChangeKind.PLACEMENT,
    "ivo_submissions": ChangeKind.PLACEMENT,
    "survey_entries": ChangeKind.PLACEMENT,
    "housing_company_lettings": ChangeKind.PLACEMENT,
    "startup_meetings": ChangeKind.FOLLOW_UP,
    "startup_checklist_items": ChangeKind.FOLLOW_UP,
    "startup_checklist_item_events": ChangeKind.FOLLOW_UP,
    "follow_ups": ChangeKind.FOLLOW_UP,
    "housing_supports": ChangeKind.FOLLOW_UP,
    "rent_arrears": ChangeKind.FOLLOW_UP,
    "disturbances": ChangeKind.FOLLOW_UP,
    "eviction_notices": ChangeKind.FOLLOW_UP,
    "multiparty_meetings": ChangeKind.FOLLOW_UP,
    "checklist_templates": ChangeKind.ADMIN,
    "managed_funds_accounts": ChangeKind.FUNDS,
    "funds_transactions": ChangeKind.FUNDS,
    "budget_lines": ChangeKind.FUNDS,
    "recurring_payments": ChangeKind.FUNDS,
    "funds_reconciliations": ChangeKind.FUNDS,
    "printed_letters": ChangeKind.LETTERS,
    "letter_sources": ChangeKind.LETTERS,
    "users": ChangeKind.ADMIN,
    # A user's roles are part of the staff list (Administration → Personal).
    "user_roles": ChangeKind.ADMIN,
    "database_facts": ChangeKind.ADMIN,
    "unit_settings": ChangeKind.ADMIN,
    "unit_setting_changes": ChangeKind.ADMIN,
    "letter_templates": ChangeKind.ADMIN,
}


def kind_of_table(table: str) -> ChangeKind:
    return KIND_OF_TABLE.get(table, ChangeKind.OTHER)


@dataclass(frozen=True)
class ChangeSet:
    """The tables written and the persons affected; empty when nothing was kept."""

    tables: frozenset[str] = frozenset()
    person_ids: frozenset[int] = frozenset()

    @property
    def kinds(self) -> frozenset[ChangeKind]:
        return frozenset(kind_of_table(t) for t in self.tables)

    def __bool__(self) -> bool:
        return bool(self.tables)

    def __or__(self, other: ChangeSet) -> ChangeSet:
        return ChangeSet(self.tables | other.tables, self.person_ids | other.person_ids)

    def touches(self, *kinds: ChangeKind) -> bool:
        """Whether any of these areas changed (a table of an unknown area counts as any)."""
        mine = self.kinds
        return ChangeKind.OTHER in mine or any(k in mine for k in kinds)

    def affects_person(self, person_id: int) -> bool:
        return person_id in self.person_ids

    @staticmethod
    def union(changes: Iterable[ChangeSet]) -> ChangeSet:
        result = ChangeSet()
        for change in changes:
            result = result | change
        return result


NO_CHANGES = ChangeSet()


# --- what a flush wrote -----------------------------------------------------------------------

# A contract hangs off a person, a funds entry off an account off a person: two steps up
# reach the person from every row in the model.
_MAX_HOPS = 3


def _table_name(mapper: Mapper[Any]) -> str:
    return str(getattr(mapper.local_table, "name", ""))


def _persons_of(obj: Any, session: Session, households: set[int], hops: int = 0) -> set[int]:
    """The persons a row belongs to, from what is already loaded: no query is made.

    A row's own `person_id`; else the many-to-one parents found loaded on the row or in the
    session's identity map (a contract's person, an entry's account's person); a household's
    members when they are loaded. A household reached whose members are not loaded is added
    to `households`, for one query over the whole flush.
    """
    state = inspect(obj)
    loaded = state.dict
    table = _table_name(state.mapper)
    if table == "persons":
        person_id = loaded.get("id")
        return {person_id} if isinstance(person_id, int) else set()
    person_id = loaded.get("person_id")
    if isinstance(person_id, int):
        return {person_id}
    found: set[int] = set()
    members = loaded.get("members")
    if isinstance(members, list):
        for member in members:
            member_person = inspect(member).dict.get("person_id")
            if isinstance(member_person, int):
                found.add(member_person)
    elif table == "households" and isinstance(loaded.get("id"), int):
        households.add(loaded["id"])
    household_id = loaded.get("household_id")
    if not found and isinstance(household_id, int):
        # A decision belongs to a household: its members, unless the household is loaded.
        households.add(household_id)
    if hops >= _MAX_HOPS:
        return found
    for parent in _loaded_parents(obj, session):
        found |= _persons_of(parent, session, households, hops + 1)
    return found


def _loaded_parents(obj: Any, session: Session) -> list[Any]:
    """The rows this row's foreign keys point at, where the session already holds them."""
    state = inspect(obj)
    loaded = state.dict
    mapper = state.mapper
    parents: list[Any] = []
    for column in mapper.local_table.columns:
        for foreign_key in column.foreign_keys:
            value = loaded.get(mapper.get_property_by_column(column).key)
            target = _mapper_of_table(mapper, foreign_key.column.table)
            if value is None or target is None:
                continue
            parent = session.identity_map.get(target.identity_key_from_primary_key((value,)))
            if parent is not None and parent is not obj:
                parents.append(parent)
    for rel in mapper.relationships:
        # A parent set on the row but not yet flushed into its foreign key.
        if rel.direction is RelationshipDirection.MANYTOONE:
            parent = loaded.get(rel.key)
            if parent is not None and parent is not obj and parent not in parents:
                parents.append(parent)
    return parents


def _mapper_of_table(mapper: Mapper[Any], table: FromClause) -> Mapper[Any] | None:
    # Asked for every foreign key of every flushed row: an import flushes 100 000 rows, so the
    # registry is indexed once per table rather than searched each time.
    found = _MAPPER_OF_TABLE.get(table)
    if found is None and table not in _MAPPER_OF_TABLE:
        found = next((m for m in mapper.registry.mappers if m.local_table is table), None)
        _MAPPER_OF_TABLE[table] = found
    return found


_MAPPER_OF_TABLE: dict[FromClause, Mapper[Any] | None] = {}
# Ids per IN list: well under SQLite's limit on bound variables (32 766), whatever the flush.
_IN_CHUNK = 5000


def persons_of_rows(session: Session, rows: list[Any]) -> list[set[int]]:
    """The persons each row belongs to (in order), households resolved by one query."""
    from bobudget.model import HouseholdMember  # here: the window imports this module to start

    households: set[int] = set()
    direct: list[tuple[set[int], set[int]]] = []
    for obj in rows:
        reached: set[int] = set()
        direct.append((_persons_of(obj, session, reached), reached))
        households |= reached
    members_of: dict[int, set[int]] = {}
    ordered = sorted(households)
    for start in range(0, len(ordered), _IN_CHUNK):
        chunk = ordered[start : start + _IN_CHUNK]
        found = session.connection().execute(
            select(HouseholdMember.household_id, HouseholdMember.person_id).where(
                HouseholdMember.household_id.in_(chunk)
            )
        )
        for household_id, person_id in found:
            members_of.setdefault(household_id, set()).add(person_id)
    result: list[set[int]] = []
    for persons, reached in direct:
        for household_id in reached:
            persons = persons | members_of.get(household_id, set())
        result.append(persons)
    return result


def flushed_changes(session: Session) -> ChangeSet:
    """What the flush under way writes; call from `after_flush` (ids are known, the lists
    `new`, `dirty` and `deleted` still hold what was flushed)."""
    from bobudget.model import HouseholdMember  # here: the window imports this module to start

    tables: set[str] = set()
    persons: set[int] = set()
    households: set[int] = set()
    dirty = [obj for obj in session.dirty if session.is_modified(obj, include_collections=False)]
    for obj in [*session.new, *dirty, *session.deleted]:
        table = _table_name(inspect(obj).mapper)
        if table in NOT_A_CHANGE:
            continue
        tables.add(table)
        persons |= _persons_of(obj, session, households)
    if households:
        # One query for the whole flush, not one per row: the members of the households
        # reached (a decision, an offer on it), on the flush's own connection.
        ordered = sorted(households)
        for start in range(0, len(ordered), _IN_CHUNK):
            chunk = ordered[start : start + _IN_CHUNK]
            members = session.connection().execute(
                select(HouseholdMember.person_id).where(HouseholdMember.household_id.in_(chunk))
            )
            persons |= set(members.scalars())
    return ChangeSet(frozenset(tables), frozenset(persons))


# --- collecting what was committed during a call --------------------------------------------


class ChangeCollector:
    """The changes committed while it was open; `changes` is their union."""

    def __init__(self) -> None:
        self._changes = NO_CHANGES

    def add(self, changes: ChangeSet) -> None:
        self._changes = self._changes | changes

    @property
    def changes(self) -> ChangeSet:
        return self._changes


_collectors: ContextVar[tuple[ChangeCollector, ...]] = ContextVar(
    "bobudget_change_collectors", default=()
)


@contextmanager
def collect_changes() -> Iterator[ChangeCollector]:
    """Gather what every unit of work commits inside the block (nested blocks each get all)."""
    collector = ChangeCollector()
    token = _collectors.set((*_collectors.get(), collector))
    try:
        yield collector
    finally:
        _collectors.reset(token)


def publish(changes: ChangeSet) -> bool:
    """A commit succeeded: every open collector in this context hears of it. False when none
    was open (the caller then says it some other way)."""
    collectors = _collectors.get()
    if changes:
        for collector in collectors:
            collector.add(changes)
    return bool(collectors)
