"""Att göra's placement kinds as column queries: renewals of temporary housing, takeover
reviews and the 24-month flag, decisions passing three months (as placement/due.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    exists,
    func,
    or_,
    select,
)
from sqlalchemy.engine import Row

from bobudget.app.todo_kinds_common import (
    DueKind,
    Query,
    add_months_sql,
    item,
    months_back,
    same,
    who,
    with_person,
)
from bobudget.kernel.calendar import why_not_working_day
from bobudget.kernel.due import DueItem, Holder
from bobudget.kernel.periods import last_day
from bobudget.model import (
    Contract,
    ContractPeriod,
    Decision,
    HouseholdMember,
    Person,
)
from bobudget.model.vocab import (
    ContractKind,
    DecisionKind,
    DecisionStatus,
    PeriodOutcome,
)
from bobudget.placement.common import applicant_id
from bobudget.placement.due import (
    DUE_DECISION_THREE_MONTHS,
    DUE_RENEWAL,
    DUE_TAKEOVER_FLAG,
    DUE_TAKEOVER_REVIEW,
)
from bobudget.placement.rules import (
    TAKEOVER_FLAG_MONTHS,
    TAKEOVER_REVIEW_MONTHS,
    renewal_action_date,
    three_months_date,
)
from bobudget.placement.takeover_rules import takeover_flag_date, takeover_review_date

__all__ = ["PLACEMENT_KINDS"]


# -- placement ----------------------------------------------------------------------------------


def _renewals(today: dt.date, dialect: str, person: bool = True) -> Query:
    stmt = (
        select(
            ContractPeriod.end_date.label("end_date"),
            ContractPeriod.sequence.label("sequence"),
            Contract.id.label("contract_id"),
            who(Contract.responsible).label("responsible"),
        )
        .select_from(ContractPeriod)
        .join(Contract, Contract.id == ContractPeriod.contract_id)
        .where(
            Contract.kind == ContractKind.TEMPORARY,
            Contract.end_date.is_(None),
            ContractPeriod.outcome == PeriodOutcome.PENDING,
        )
    )
    return with_person(stmt, Person.id == Contract.person_id, person, dialect)


def _renewal_item(row: Row[Any], datum: dt.date) -> DueItem:
    end = row.end_date
    what = f"Period {row.sequence} gäller till och med {last_day(end).isoformat()}"
    if datum != end:
        what += (
            f" (nästa period skulle börja {end.isoformat()}, {why_not_working_day(end)}): "
            f"förläng eller avsluta senast {datum.isoformat()}"
        )
    else:
        what += ": förläng eller avsluta"
    return item(
        row,
        DUE_RENEWAL,
        datum,
        what,
        contract_id=row.contract_id,
        holder=Holder("contracts", row.contract_id),
    )


def _transitional(today: dt.date, dialect: str, person: bool = True) -> Query:
    stmt = (
        select(
            Contract.id.label("contract_id"),
            Contract.start_date.label("contract_start"),
            who(Contract.responsible).label("responsible"),
        )
        .select_from(Contract)
        .where(
            Contract.kind == ContractKind.TRANSITIONAL,
            Contract.takeover_date.is_(None),
            or_(Contract.end_date.is_(None), Contract.end_date > today),
        )
    )
    return with_person(stmt, Person.id == Contract.person_id, person, dialect)


def _takeover_reviews(today: dt.date, dialect: str, person: bool = True) -> Query:
    return _transitional(today, dialect, person).where(Contract.takeover_reviewed_date.is_(None))


def _takeover_flags(today: dt.date, dialect: str, person: bool = True) -> Query:
    # Not two_year_decision_made: no review with an outcome held on or after the flag date.
    flag = add_months_sql(Contract.start_date, TAKEOVER_FLAG_MONTHS, dialect)
    return _transitional(today, dialect, person).where(
        or_(
            Contract.takeover_reviewed_date.is_(None),
            func.coalesce(Contract.takeover_outcome, "") == "",
            Contract.takeover_reviewed_date < flag,
        )
    )


def _takeover_review_item(row: Row[Any], datum: dt.date) -> DueItem:
    return item(
        row,
        DUE_TAKEOVER_REVIEW,
        datum,
        f"Bostadssocialt kontrakt från {row.contract_start.isoformat()}: pröva övertagande",
        contract_id=row.contract_id,
        holder=Holder("contracts", row.contract_id),
    )


def _takeover_flag_item(row: Row[Any], datum: dt.date) -> DueItem:
    return item(
        row,
        DUE_TAKEOVER_FLAG,
        datum,
        f"Bostadssocialt kontrakt från {row.contract_start.isoformat()}: inte övertaget "
        f"efter {TAKEOVER_FLAG_MONTHS} månader, beslut behövs",
        contract_id=row.contract_id,
        holder=Holder("contracts", row.contract_id),
    )


def _decisions(today: dt.date, dialect: str, person: bool = True) -> Query:
    stmt = (
        select(
            Decision.id.label("decision_id"),
            Decision.kind.label("decision_kind"),
            Decision.decision_date.label("decision_date"),
            Decision.reference.label("reference"),
            who(Decision.responsible).label("responsible"),
        )
        .select_from(Decision)
        .where(Decision.status == DecisionStatus.WAITING)
    )
    # The applicant is found among the household's members: counted where it has any.
    members = exists().where(HouseholdMember.household_id == Decision.household_id)
    return with_person(
        stmt, Person.id == applicant_id(Decision.household_id), person, dialect, members
    )


def _decision_item(row: Row[Any], datum: dt.date) -> DueItem:
    kind = DecisionKind(row.decision_kind).label
    return item(
        row,
        DUE_DECISION_THREE_MONTHS,
        datum,
        f"{kind}, beslutat {row.decision_date.isoformat()} ({row.reference or 'utan dnr'}): "
        "verkställ senast denna dag, annars rapporteras beslutet till IVO",
        decision_id=row.decision_id,
        holder=Holder("decisions", row.decision_id),
    )


# In the order the due list asks its providers (app/due.py).
PLACEMENT_KINDS: tuple[DueKind, ...] = (
    DueKind(
        DUE_RENEWAL,
        _renewals,
        ContractPeriod.end_date,
        who(Contract.responsible),
        renewal_action_date,
        same,
        _renewal_item,
    ),
    DueKind(
        DUE_TAKEOVER_REVIEW,
        _takeover_reviews,
        Contract.start_date,
        who(Contract.responsible),
        takeover_review_date,
        months_back(TAKEOVER_REVIEW_MONTHS),
        _takeover_review_item,
    ),
    DueKind(
        DUE_TAKEOVER_FLAG,
        _takeover_flags,
        Contract.start_date,
        who(Contract.responsible),
        takeover_flag_date,
        months_back(TAKEOVER_FLAG_MONTHS),
        _takeover_flag_item,
    ),
    DueKind(
        DUE_DECISION_THREE_MONTHS,
        _decisions,
        Decision.decision_date,
        who(Decision.responsible),
        three_months_date,
        months_back(3),
        _decision_item,
    ),
)
