"""The placement kinds on the due list: renewals of temporary housing, takeover reviews and the
24-month flag of bostadssociala kontrakt, decisions passing three months.

app/due.py gathers these providers with those of the other domains. The `typ` values are
stable words for the command line and exports; `DUE_TYPES` gives each its Swedish label.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bobudget.kernel.calendar import why_not_working_day
from bobudget.kernel.due import DueItem, DueProvider, DueWindow, Holder
from bobudget.kernel.identity import display_canonical
from bobudget.kernel.months import add_months
from bobudget.kernel.periods import last_day
from bobudget.model import Contract, ContractPeriod, Decision, Person
from bobudget.model.vocab import ContractKind, DecisionKind, DecisionStatus, PeriodOutcome
from bobudget.placement.common import applicant_id
from bobudget.placement.rules import (
    TAKEOVER_FLAG_MONTHS,
    TAKEOVER_REVIEW_MONTHS,
    latest_end_acted_by,
    latest_passed_decision_date,
    renewal_action_date,
    three_months_date,
)
from bobudget.placement.takeover_rules import (
    takeover_flag_date,
    takeover_review_date,
    two_year_decision_made,
)

__all__ = [
    "DUE_DECISION_THREE_MONTHS",
    "DUE_RENEWAL",
    "DUE_TAKEOVER_FLAG",
    "DUE_TAKEOVER_REVIEW",
    "DUE_TYPES",
    "PROVIDERS",
]

DUE_RENEWAL = "forlangning"
DUE_TAKEOVER_REVIEW = "overtagandeprovning"
DUE_TAKEOVER_FLAG = "overtagande_24_manader"
DUE_DECISION_THREE_MONTHS = "beslut_tre_manader"

DUE_TYPES: dict[str, str] = {
    DUE_RENEWAL: "Förläng eller avsluta tillfälligt boende",
    DUE_TAKEOVER_REVIEW: f"Övertagandeprövning ({TAKEOVER_REVIEW_MONTHS} månader)",
    DUE_TAKEOVER_FLAG: f"Inte övertaget efter {TAKEOVER_FLAG_MONTHS} månader",
    DUE_DECISION_THREE_MONTHS: "Beslut ej verkställt inom tre månader",
}


def _item(
    typ: str,
    datum: dt.date,
    person: Person,
    what: str,
    *,
    contract_id: int | None = None,
    decision_id: int | None = None,
    responsible: str | None = None,
) -> DueItem:
    # The item's responsible is its case's: the contract's, else the decision's.
    if contract_id is not None:
        holder: Holder | None = Holder("contracts", contract_id)
    elif decision_id is not None:
        holder = Holder("decisions", decision_id)
    else:
        holder = None
    return DueItem(
        typ=typ,
        label=DUE_TYPES[typ],
        datum=datum,
        person_id=person.id,
        personnummer=display_canonical(person.identity),
        name=f"{person.last_name}, {person.first_name}",
        what=what,
        contract_id=contract_id,
        decision_id=decision_id,
        responsible=responsible or "",
        holder=holder,
    )


def renewals_due(s: Session, w: DueWindow) -> Iterable[DueItem]:
    """Open placements whose period has no decision yet: due on the renewal action date."""
    stmt = (
        select(ContractPeriod, Contract.id, Contract.responsible, Person)
        .join(Contract, Contract.id == ContractPeriod.contract_id)
        .join(Person, Person.id == Contract.person_id)
        .where(
            Contract.kind == ContractKind.TEMPORARY,
            Contract.end_date.is_(None),
            ContractPeriod.outcome == PeriodOutcome.PENDING,
            # The action date is never after the end: an end before the window cannot be in it.
            ContractPeriod.end_date >= w.first,
            ContractPeriod.end_date <= latest_end_acted_by(w.last),
        )
    )
    for period, contract_id, responsible, person in s.execute(stmt).all():
        action = renewal_action_date(period.end_date)
        # Worded as the window, the CLI and the letters show a period: by its last day.
        what = (
            f"Period {period.sequence} gäller till och med {last_day(period.end_date).isoformat()}"
        )
        if action != period.end_date:
            why = why_not_working_day(period.end_date)
            what += (
                f" (nästa period skulle börja {period.end_date.isoformat()}, {why}): förläng "
                f"eller avsluta senast {action.isoformat()}"
            )
        else:
            what += ": förläng eller avsluta"
        yield _item(
            DUE_RENEWAL, action, person, what, contract_id=contract_id, responsible=responsible
        )


def _transitional_around(s: Session, w: DueWindow, months: int) -> Iterable[Contract]:
    # add_months(start, n) differs from start's day n months on only at month ends: a few days
    # of margin, then the exact dates are checked by the caller.
    earliest = add_months(w.first, -months) - dt.timedelta(days=4)
    latest = add_months(w.last, -months) + dt.timedelta(days=4)
    return s.scalars(
        select(Contract).where(
            Contract.kind == ContractKind.TRANSITIONAL,
            Contract.takeover_date.is_(None),
            or_(Contract.end_date.is_(None), Contract.end_date > w.today),
            Contract.start_date >= earliest,
            Contract.start_date <= latest,
        )
    ).all()


def takeover_reviews_due(s: Session, w: DueWindow) -> Iterable[DueItem]:
    """Bostadssociala kontrakt whose review (12 months) falls due and has not been held."""
    for contract in _transitional_around(s, w, TAKEOVER_REVIEW_MONTHS):
        if contract.takeover_reviewed_date is not None:
            continue
        yield _item(
            DUE_TAKEOVER_REVIEW,
            takeover_review_date(contract.start_date),
            contract.person,
            f"Bostadssocialt kontrakt från {contract.start_date.isoformat()}: pröva övertagande",
            contract_id=contract.id,
            responsible=contract.responsible,
        )
    for contract in _transitional_around(s, w, TAKEOVER_FLAG_MONTHS):
        decided = two_year_decision_made(
            contract.start_date, contract.takeover_reviewed_date, contract.takeover_outcome
        )
        if decided:
            continue
        yield _item(
            DUE_TAKEOVER_FLAG,
            takeover_flag_date(contract.start_date),
            contract.person,
            f"Bostadssocialt kontrakt från {contract.start_date.isoformat()}: inte övertaget "
            f"efter {TAKEOVER_FLAG_MONTHS} månader, beslut behövs",
            contract_id=contract.id,
            responsible=contract.responsible,
        )


def decisions_passing_three_months(s: Session, w: DueWindow) -> Iterable[DueItem]:
    """Decisions still waiting whose three months run out: after that, reported to IVO."""
    stmt = (
        select(Decision, Person)
        .join(Person, Person.id == applicant_id(Decision.household_id))
        .where(
            Decision.status == DecisionStatus.WAITING,
            Decision.decision_date > latest_passed_decision_date(w.first),
            Decision.decision_date <= latest_passed_decision_date(w.last + dt.timedelta(days=1)),
        )
    )
    for decision, person in s.execute(stmt).all():
        kind = DecisionKind(decision.kind).label
        yield _item(
            DUE_DECISION_THREE_MONTHS,
            three_months_date(decision.decision_date),
            person,
            f"{kind}, beslutat {decision.decision_date.isoformat()} "
            f"({decision.reference or 'utan dnr'}): verkställ senast denna dag, annars "
            "rapporteras beslutet till IVO",
            decision_id=decision.id,
            responsible=decision.responsible,
        )


# The placement providers, in the order the due list asks them.
PROVIDERS: tuple[DueProvider, ...] = (
    renewals_due,
    takeover_reviews_due,
    decisions_passing_three_months,
)
