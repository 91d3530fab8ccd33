"""Att göra: everything due, for me or for the whole unit, grouped by how soon and by date.

"Mina uppgifter" is what the user is named responsible for, grouped the same way, and in a group
of its own what nobody is named for ("Utan ansvarig"), so that nothing falls between two chairs:
anyone can take such an item with "Tilldela…" (app/assignment.py).

One list from the due list of every part of the work (app/due.py and its providers):
overdue, today, this week, and the coming days up to a horizon. Each item says which area of
the window handles it and which row, so the window opens it in one click; the counts per area
are for the navigation.

`todo_list` reads the whole list at once through the providers; the window reads the same list
a screenful at a time through app/todo_query.py (counts by COUNT queries, items by pages), and
the tests hold the two to the same items in the same order.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select

from bobudget.app.due import due_items
from bobudget.app.users import staff_names
from bobudget.db.access import record_access
from bobudget.db.engine import Database
from bobudget.db.uow import current_username
from bobudget.follow_up import due as fud
from bobudget.follow_up.rules import week_urgency
from bobudget.funds.due import DUE_FUNDS_RECONCILIATION, DUE_FUNDS_REVIEW
from bobudget.kernel.due import DueItem, Holder
from bobudget.kernel.urgency import Urgency
from bobudget.model import User
from bobudget.model.vocab import AccessKind, UserRole
from bobudget.placement.due import (
    DUE_DECISION_THREE_MONTHS,
    DUE_RENEWAL,
    DUE_TAKEOVER_FLAG,
    DUE_TAKEOVER_REVIEW,
)
from bobudget.placement.rules import DEFAULT_REMINDER_DAYS

__all__ = [
    "AREA_OF_TYPE",
    "DEFAULT_TODO_DAYS",
    "GROUP_LABELS",
    "SCOPE_MINE",
    "SCOPE_UNIT",
    "UNASSIGNED_LABEL",
    "TodoGroup",
    "TodoItem",
    "TodoList",
    "default_scope",
    "todo_list",
    "user_role",
]

SCOPE_MINE = "mine"
SCOPE_UNIT = "unit"
# How far ahead Att göra looks: the renewal reminder's two weeks.
DEFAULT_TODO_DAYS = DEFAULT_REMINDER_DAYS

# Which area of the window handles each kind (navigation keys).
AREA_OF_TYPE: dict[str, str] = {
    DUE_RENEWAL: "temporary",
    DUE_TAKEOVER_REVIEW: "contracts",
    DUE_TAKEOVER_FLAG: "contracts",
    DUE_DECISION_THREE_MONTHS: "queue",
    fud.DUE_STARTUP_MEETING: "follow_up",
    fud.DUE_FOLLOW_UP: "follow_up",
    fud.DUE_HOUSING_SUPPORT_REVIEW: "follow_up",
    fud.DUE_MULTIPARTY_MEETING: "follow_up",
    fud.DUE_EVICTION_NOTICE: "follow_up",
    DUE_FUNDS_REVIEW: "funds",
    DUE_FUNDS_RECONCILIATION: "funds",
}
# Whose work each kind is (DOMAIN.md's roles): nobody named responsible, it is theirs.
_ROLE_TYPES: dict[UserRole, frozenset[str]] = {
    UserRole.BOSTADSKONSULENT: frozenset(
        {DUE_RENEWAL, DUE_TAKEOVER_REVIEW, DUE_TAKEOVER_FLAG, DUE_DECISION_THREE_MONTHS}
    ),
    UserRole.BOSTADSHANDLEDARE: frozenset(
        {
            fud.DUE_STARTUP_MEETING,
            fud.DUE_FOLLOW_UP,
            fud.DUE_HOUSING_SUPPORT_REVIEW,
            fud.DUE_MULTIPARTY_MEETING,
            fud.DUE_EVICTION_NOTICE,
        }
    ),
    UserRole.HANDLAGGARE_EGNA_MEDEL: frozenset({DUE_FUNDS_REVIEW, DUE_FUNDS_RECONCILIATION}),
}
# The group headings are the urgency's own words, but for "soon": on Att göra that is the rest
# of today's week (follow_up.rules.week_urgency), and the heading says so.
GROUP_LABELS: dict[Urgency, str] = Urgency.labels() | {Urgency.SOON: "Denna vecka"}
UNASSIGNED_LABEL = "Utan ansvarig"


@dataclass(frozen=True)
class TodoItem:
    typ: str
    label: str  # the kind in Swedish
    datum: dt.date
    urgency: Urgency
    person_id: int
    personnummer: str
    name: str
    what: str
    area: str  # the navigation area that handles it
    contract_id: int | None = None
    decision_id: int | None = None
    target_id: int | None = None  # the row to open, when the area needs more than the person
    responsible: str = ""  # the username; "" when nobody is named
    responsible_name: str = ""  # the user's full name (the username when it has none)
    holder: Holder | None = None  # the row "Tilldela…" changes


@dataclass(frozen=True)
class TodoGroup:
    """A group of the list; `unassigned` for Mina uppgifter's "Utan ansvarig", whose items are
    of every urgency (its `urgency` is then the most pressing among them)."""

    urgency: Urgency
    label: str
    items: list[TodoItem]
    unassigned: bool = False


@dataclass(frozen=True)
class TodoList:
    today: dt.date
    scope: str
    last_day: dt.date
    groups: list[TodoGroup] = field(default_factory=list)
    counts_by_area: dict[str, int] = field(default_factory=dict)

    @property
    def items(self) -> list[TodoItem]:
        return [item for group in self.groups for item in group.items]

    @property
    def total(self) -> int:
        return sum(len(g.items) for g in self.groups)

    def count(self, urgency: Urgency) -> int:
        """Items of that urgency among the user's own (or the unit's), not the unassigned."""
        return sum(len(g.items) for g in self.groups if g.urgency is urgency and not g.unassigned)

    @property
    def unassigned(self) -> list[TodoItem]:
        """Mina uppgifter's items with nobody named responsible (empty for the whole unit)."""
        return [item for g in self.groups if g.unassigned for item in g.items]

    @property
    def mine_total(self) -> int:
        return sum(len(g.items) for g in self.groups if not g.unassigned)


def user_role(db: Database, user: str | None = None) -> UserRole | None:
    """The user's role in bobudget's user list; None for someone not listed."""
    with db.sessions() as session:
        return session.scalar(
            select(User.role).where(User.username == (user or current_username(db)), User.active)
        )


def default_scope(db: Database, user: str | None = None) -> str:
    """Mine for someone whose role has work of its own on the list; else the whole unit's."""
    role = user_role(db, user)
    return SCOPE_MINE if role in _ROLE_TYPES else SCOPE_UNIT


def _is_unassigned_for(item: DueItem, role_types: frozenset[str]) -> bool:
    """Nobody is named for it, and it is the kind of work of the user's role; for a user whose
    role has no kinds of its own (enhetschef, administratör, someone not listed), all of it."""
    return not item.responsible and (not role_types or item.typ in role_types)


def todo_list(
    db: Database,
    *,
    today: dt.date | None = None,
    user: str | None = None,
    scope: str = SCOPE_UNIT,
    within_days: int = DEFAULT_TODO_DAYS,
    reminder_days: int | None = None,
) -> TodoList:
    """Everything due up to `today + within_days`, overdue included, grouped and by date.

    SCOPE_MINE keeps what the user is named responsible for, grouped by urgency, and in a
    group of its own what nobody is named for (among the kinds of the user's role, if it has
    any); SCOPE_UNIT keeps everything, grouped by urgency.
    """
    today = today or dt.date.today()
    username = user or current_username(db)
    due = due_items(
        db,
        today,
        within_days,
        include_overdue=True,
        today=today,
        reminder_days=DEFAULT_REMINDER_DAYS if reminder_days is None else reminder_days,
    )
    names = staff_names(db)
    unassigned: list[TodoItem] = []
    if scope == SCOPE_MINE:
        role = user_role(db, username)
        role_types = _ROLE_TYPES.get(role, frozenset()) if role else frozenset()
        unassigned = [
            _todo_item(item, today, names) for item in due if _is_unassigned_for(item, role_types)
        ]
        due = [item for item in due if item.responsible == username]
    grouped: dict[Urgency, list[TodoItem]] = {u: [] for u in Urgency}
    for item in due:
        todo = _todo_item(item, today, names)
        grouped[todo.urgency].append(todo)
    groups = [TodoGroup(u, GROUP_LABELS[u], grouped[u]) for u in Urgency if grouped[u]]
    if unassigned:
        most_pressing = min((i.urgency for i in unassigned), key=list(Urgency).index)
        groups.append(TodoGroup(most_pressing, UNASSIGNED_LABEL, unassigned, unassigned=True))
    counts = Counter(item.area for group in groups for item in group.items)
    # Each item names a person: the persons shown go to the access log, in one INSERT.
    record_access(
        db,
        AccessKind.LIST_SHOWN,
        [item.person_id for group in groups for item in group.items],
        f"att göra, {scope}",
        user=username,
    )
    return TodoList(
        today=today,
        scope=scope,
        last_day=today + dt.timedelta(days=within_days),
        groups=groups,
        counts_by_area=dict(counts),
    )


def _todo_item(item: DueItem, today: dt.date, names: dict[str, str]) -> TodoItem:
    return TodoItem(
        typ=item.typ,
        label=item.label,
        datum=item.datum,
        urgency=week_urgency(item.datum, today),
        person_id=item.person_id,
        personnummer=item.personnummer,
        name=item.name,
        what=item.what,
        area=AREA_OF_TYPE.get(item.typ, "persons"),
        contract_id=item.contract_id,
        decision_id=item.decision_id,
        target_id=item.target_id,
        responsible=item.responsible,
        responsible_name=names.get(item.responsible, item.responsible),
        holder=item.holder,
    )
