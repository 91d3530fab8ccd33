"""The due list: what falls due between a day D and D + N days, from every part of the work.

Each kind of due thing comes from one provider function `(session, window) -> items`; a later
part of the program adds its kinds (start-up meetings, follow-ups …) by registering a provider
with `register_due_provider`, without touching the ones here. The `typ` values are stable
words for the command line and exports; `DUE_TYPES` gives each its Swedish label.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bobudget.db.engine import Database
from bobudget.kernel.calendar import why_not_working_day
from bobudget.kernel.errors import ValidationError
from bobudget.kernel.identity import display_canonical
from bobudget.kernel.periods import add_months
from bobudget.model import Contract, ContractPeriod, Decision, Person
from bobudget.placement.common import DECISION_KIND_LABELS, applicant_id
from bobudget.placement.rules import (
    DEFAULT_REMINDER_DAYS,
    latest_end_acted_by,
    latest_passed_decision_date,
    renewal_action_date,
    takeover_flag_date,
    takeover_review_date,
    three_months_date,
)

__all__ = [
    "DUE_DECISION_THREE_MONTHS",
    "DUE_RENEWAL",
    "DUE_TAKEOVER_FLAG",
    "DUE_TAKEOVER_REVIEW",
    "DUE_TYPES",
    "PROVIDER_MODULES",
    "DueItem",
    "DueProvider",
    "DueWindow",
    "due_items",
    "due_types",
    "register_due_provider",
]

DUE_RENEWAL = "forlangning"
DUE_TAKEOVER_REVIEW = "overtagandeprovning"
DUE_TAKEOVER_FLAG = "overtagande_24_manader"
DUE_DECISION_THREE_MONTHS = "beslut_tre_manader"

DUE_TYPES: dict[str, str] = {
    DUE_RENEWAL: "Förläng eller avsluta tillfälligt boende",
    DUE_TAKEOVER_REVIEW: "Övertagandeprövning (12 månader)",
    DUE_TAKEOVER_FLAG: "Inte övertaget efter 24 månader",
    DUE_DECISION_THREE_MONTHS: "Beslut ej verkställt inom tre månader",
}

MAX_WITHIN_DAYS = 3660
# With overdue items included, the window starts this far back: before any data there is.
_BEGINNING = dt.date(1900, 1, 1)


@dataclass(frozen=True)
class DueWindow:
    first: dt.date
    last: dt.date
    today: dt.date
    reminder_days: int


@dataclass(frozen=True)
class DueItem:
    typ: str
    datum: dt.date  # the day action is due
    person_id: int
    personnummer: str
    name: str
    what: str  # what it is about, in Swedish, without any address
    contract_id: int | None = None
    decision_id: int | None = None

    @property
    def label(self) -> str:
        return DUE_TYPES.get(self.typ, self.typ)


DueProvider = Callable[[Session, DueWindow], Iterable[DueItem]]
_PROVIDERS: list[DueProvider] = []
# The modules of other parts of the work that register providers, imported before the list is
# made so that the command line and every screen see all kinds (they import this module, so
# this module cannot import them at the top).
PROVIDER_MODULES: tuple[str, ...] = ("bobudget.follow_up.due",)


def _load_provider_modules() -> None:
    for name in PROVIDER_MODULES:
        if name not in sys.modules and importlib.util.find_spec(name) is not None:
            importlib.import_module(name)


def due_types() -> dict[str, str]:
    """Every `typ` with its Swedish label, the kinds of every provider module included."""
    _load_provider_modules()
    return dict(DUE_TYPES)


def register_due_provider(labels: dict[str, str]) -> Callable[[DueProvider], DueProvider]:
    """Decorator: add a provider and the `typ` values (with Swedish labels) it yields."""

    def register(provider: DueProvider) -> DueProvider:
        DUE_TYPES.update(labels)
        if provider not in _PROVIDERS:
            _PROVIDERS.append(provider)
        return provider

    return register


def due_items(
    db: Database,
    on: dt.date,
    within_days: int = DEFAULT_REMINDER_DAYS,
    *,
    reminder_days: int = DEFAULT_REMINDER_DAYS,
    include_overdue: bool = False,
    today: dt.date | None = None,
) -> list[DueItem]:
    """Everything due from `on` through `on + within_days`, by date; with `include_overdue`,
    also what fell due before `on` and is still not done.
    """
    if not 0 <= within_days <= MAX_WITHIN_DAYS:
        raise ValidationError(
            f"Antal dagar måste vara mellan 0 och {MAX_WITHIN_DAYS}, inte {within_days}."
        )
    window = DueWindow(
        first=_BEGINNING if include_overdue else on,
        last=on + dt.timedelta(days=within_days),
        today=today or on,
        reminder_days=reminder_days,
    )
    _load_provider_modules()
    items: list[DueItem] = []
    with db.sessions() as s:
        for provider in list(_PROVIDERS):
            items.extend(i for i in provider(s, window) if window.first <= i.datum <= window.last)
    items.sort(key=lambda i: (i.datum, i.typ, i.personnummer, i.contract_id or 0))
    return items


def _item(
    typ: str,
    datum: dt.date,
    person: Person,
    what: str,
    *,
    contract_id: int | None = None,
    decision_id: int | None = None,
) -> DueItem:
    return DueItem(
        typ=typ,
        datum=datum,
        person_id=person.id,
        personnummer=display_canonical(person.identity),
        name=f"{person.last_name}, {person.first_name}",
        what=what,
        contract_id=contract_id,
        decision_id=decision_id,
    )


@register_due_provider({})
def renewals_due(s: Session, w: DueWindow) -> Iterable[DueItem]:
    """Open placements whose period has no decision yet: due on the renewal action date."""
    stmt = (
        select(ContractPeriod, Contract.id, Person)
        .join(Contract, Contract.id == ContractPeriod.contract_id)
        .join(Person, Person.id == Contract.person_id)
        .where(
            Contract.kind == "temporary",
            Contract.end_date.is_(None),
            ContractPeriod.outcome == "pending",
            # The action date is never after the end: an end before the window cannot be in it.
            ContractPeriod.end_date >= w.first,
            ContractPeriod.end_date <= latest_end_acted_by(w.last),
        )
    )
    for period, contract_id, person in s.execute(stmt).all():
        action = renewal_action_date(period.end_date)
        what = f"Period {period.sequence} slutar {period.end_date.isoformat()}"
        if action != period.end_date:
            why = why_not_working_day(period.end_date)
            what += f" ({why}): förläng eller avsluta senast {action.isoformat()}"
        else:
            what += ": förläng eller avsluta"
        yield _item(DUE_RENEWAL, action, person, what, contract_id=contract_id)


def _transitional_around(s: Session, w: DueWindow, months: int) -> Iterable[Contract]:
    # add_months(start, n) differs from start's day n months on only at month ends: a few days
    # of margin, then the exact dates are checked by the caller.
    earliest = add_months(w.first, -months) - dt.timedelta(days=4)
    latest = add_months(w.last, -months) + dt.timedelta(days=4)
    return s.scalars(
        select(Contract).where(
            Contract.kind == "transitional",
            Contract.takeover_date.is_(None),
            or_(Contract.end_date.is_(None), Contract.end_date > w.today),
            Contract.start_date >= earliest,
            Contract.start_date <= latest,
        )
    ).all()


@register_due_provider({})
def takeover_reviews_due(s: Session, w: DueWindow) -> Iterable[DueItem]:
    """Bostadssociala kontrakt whose review (12 months) falls due and has not been held."""
    for contract in _transitional_around(s, w, 12):
        if contract.takeover_reviewed_date is not None:
            continue
        yield _item(
            DUE_TAKEOVER_REVIEW,
            takeover_review_date(contract.start_date),
            contract.person,
            f"Bostadssocialt kontrakt från {contract.start_date.isoformat()}: pröva övertagande",
            contract_id=contract.id,
        )
    for contract in _transitional_around(s, w, 24):
        yield _item(
            DUE_TAKEOVER_FLAG,
            takeover_flag_date(contract.start_date),
            contract.person,
            f"Bostadssocialt kontrakt från {contract.start_date.isoformat()}: inte övertaget "
            "efter 24 månader, beslut behövs",
            contract_id=contract.id,
        )


@register_due_provider({})
def decisions_passing_three_months(s: Session, w: DueWindow) -> Iterable[DueItem]:
    """Decisions still waiting whose three months run out: after that, reported to IVO."""
    stmt = (
        select(Decision, Person)
        .join(Person, Person.id == applicant_id(Decision.household_id))
        .where(
            Decision.status == "waiting",
            Decision.decision_date > latest_passed_decision_date(w.first),
            Decision.decision_date <= latest_passed_decision_date(w.last + dt.timedelta(days=1)),
        )
    )
    for decision, person in s.execute(stmt).all():
        kind = DECISION_KIND_LABELS.get(decision.kind, decision.kind)
        yield _item(
            DUE_DECISION_THREE_MONTHS,
            three_months_date(decision.decision_date),
            person,
            f"{kind}, beslutat {decision.decision_date.isoformat()} "
            f"({decision.reference or 'utan dnr'}): verkställ senast denna dag, annars "
            "rapporteras beslutet till IVO",
            decision_id=decision.id,
        )
