"""Att göra's kinds of due item as column queries: one SELECT per kind, joined with the person.

The same items as the due list's providers (placement/due.py, follow_up/due.py, funds/due.py),
read for a window that can show a screenful at a time: only the columns an item shows, no ORM
objects, and each kind's day to act on derived from one date column by a function that never
decreases. So a range of days is a range of that column (found in Python, the calendar's
holidays and month ends included), which the database bounds, orders and counts by its index.
Tests compare these items with the providers' on a demo database (tests/db/test_todo_fast.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Interval,
    Select,
    cast,
    exists,
    func,
    literal,
    literal_column,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.engine import Row

from bobudget.follow_up import due as fud
from bobudget.follow_up.rules import LEASE_KINDS, first_follow_up_due
from bobudget.funds.due import DUE_FUNDS_RECONCILIATION, DUE_FUNDS_REVIEW
from bobudget.funds.due import DUE_TYPES as FUNDS_TYPES
from bobudget.kernel.calendar import why_not_working_day
from bobudget.kernel.due import DueItem, Holder
from bobudget.kernel.identity import display_canonical
from bobudget.kernel.money import format_amount
from bobudget.kernel.months import add_months
from bobudget.kernel.periods import last_day
from bobudget.model import (
    Contract,
    ContractPeriod,
    Decision,
    EvictionNotice,
    FollowUp,
    HouseholdMember,
    HousingSupport,
    ManagedFundsAccount,
    MultipartyMeeting,
    Person,
    StartupChecklistItem,
    StartupMeeting,
)
from bobudget.model.funds import Reconciliation
from bobudget.model.vocab import (
    ContractBasis,
    ContractKind,
    DecisionKind,
    DecisionStatus,
    NoticeSender,
    PeriodOutcome,
)
from bobudget.placement.common import applicant_id
from bobudget.placement.due import (
    DUE_DECISION_THREE_MONTHS,
    DUE_RENEWAL,
    DUE_TAKEOVER_FLAG,
    DUE_TAKEOVER_REVIEW,
)
from bobudget.placement.due import DUE_TYPES as PLACEMENT_TYPES
from bobudget.placement.rules import (
    TAKEOVER_FLAG_MONTHS,
    TAKEOVER_REVIEW_MONTHS,
    renewal_action_date,
    three_months_date,
)
from bobudget.placement.takeover_rules import takeover_flag_date, takeover_review_date

__all__ = ["KINDS", "DueKind", "first_key_on_or_after"]

# A kind's SELECT, whatever its columns (SQLAlchemy types each by its column list).
_Query = Select[*tuple[Any, ...]]
_LABELS = {**PLACEMENT_TYPES, **fud.DUE_TYPES, **FUNDS_TYPES}
_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class DueKind:
    """One kind of due item: its query, the date column its day comes from, and its item.

    `select(today, dialect)` gives the kind's rows (every column `item` reads, the person's
    included) with the kind's own conditions; `key` is the date column, `day` turns its value
    into the day to act on and never decreases as the value grows; `guess` is a value near the
    first one whose day is a given day (`first_key_on_or_after` steps from it).
    """

    typ: str
    select: Callable[[dt.date, str, bool], _Query]
    key: Any  # a date column, or an expression of date columns
    responsible: ColumnElement[str]
    day: Callable[[dt.date], dt.date]
    guess: Callable[[dt.date], dt.date]
    item: Callable[[Row[Any], dt.date], DueItem]
    # Columns the kind's conditions hold at one value, named before the key in ORDER BY so that
    # an index on (them, key) reads in order (PostgreSQL does not see it through IS NULL).
    order: tuple[Any, ...] = ()


def first_key_on_or_after(kind: DueKind, day: dt.date) -> dt.date:
    """The smallest key value whose day is `day` or later: `kind.day(v) >= day` ⇔ `v >= this`."""
    value = kind.guess(day)
    while kind.day(value) >= day:
        value -= _DAY
    while kind.day(value) < day:
        value += _DAY
    return value


def _blank(column: Any) -> ColumnElement[Any]:
    return func.nullif(column, "")


def _who(*columns: Any) -> ColumnElement[str]:
    """The first one named, as the providers' `a or b or ""`."""
    return func.coalesce(*[_blank(c) for c in columns], literal(""))


_PERSON = (
    Person.id.label("person_id"),
    Person.identity.label("identity"),
    Person.last_name.label("last_name"),
    Person.first_name.label("first_name"),
)


def _with_person(
    stmt: _Query, on: ColumnElement[bool], person: bool, counted: ColumnElement[bool] | None = None
) -> _Query:
    """The kind's rows with the person's columns; for a count, without them: a row's person is
    there by its foreign key (NOT NULL), or, where it is found otherwise, `counted` says so."""
    if person:
        return stmt.add_columns(*_PERSON).join(Person, on)
    return stmt if counted is None else stmt.where(counted)


def _item(row: Row[Any], typ: str, datum: dt.date, what: str, **extra: Any) -> DueItem:
    return DueItem(
        typ=typ,
        label=_LABELS[typ],
        datum=datum,
        person_id=row.person_id,
        personnummer=display_canonical(row.identity),
        name=f"{row.last_name}, {row.first_name}",
        what=what,
        responsible=row.responsible or "",
        **extra,
    )


def _contract_label(row: Row[Any]) -> str:
    # follow_up.common.contract_label, from the two columns it reads.
    return f"{ContractKind(row.contract_kind).label} från {row.contract_start.isoformat()}"


def _add_months_sql(column: Any, months: int, dialect: str) -> ColumnElement[Any]:
    """kernel.months.add_months in SQL: the day clamped to the target month's length."""
    if dialect == "sqlite":
        # date(d, '+N months') runs over into the next month where the day does not exist;
        # the target month's last day caps it, as relativedelta does.
        naive = func.date(column, f"+{months} months")
        month_end = func.date(column, "start of month", f"+{months + 1} months", "-1 day")
        return func.min(naive, month_end)
    interval = type_coerce(literal_column(f"interval '{months} months'"), Interval)
    return cast(type_coerce(column, Date) + interval, Date)


def _running(today: dt.date) -> ColumnElement[bool]:
    return or_(Contract.end_date.is_(None), Contract.end_date >= today)


# -- placement ----------------------------------------------------------------------------------


def _renewals(today: dt.date, dialect: str, person: bool = True) -> _Query:
    stmt = (
        select(
            ContractPeriod.end_date.label("end_date"),
            ContractPeriod.sequence.label("sequence"),
            Contract.id.label("contract_id"),
            _who(Contract.responsible).label("responsible"),
        )
        .select_from(ContractPeriod)
        .join(Contract, Contract.id == ContractPeriod.contract_id)
        .where(
            Contract.kind == ContractKind.TEMPORARY,
            Contract.end_date.is_(None),
            ContractPeriod.outcome == PeriodOutcome.PENDING,
        )
    )
    return _with_person(stmt, Person.id == Contract.person_id, person)


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
    return _item(
        row,
        DUE_RENEWAL,
        datum,
        what,
        contract_id=row.contract_id,
        holder=Holder("contracts", row.contract_id),
    )


def _transitional(today: dt.date, dialect: str, person: bool = True) -> _Query:
    stmt = (
        select(
            Contract.id.label("contract_id"),
            Contract.start_date.label("contract_start"),
            _who(Contract.responsible).label("responsible"),
        )
        .select_from(Contract)
        .where(
            Contract.kind == ContractKind.TRANSITIONAL,
            Contract.takeover_date.is_(None),
            or_(Contract.end_date.is_(None), Contract.end_date > today),
        )
    )
    return _with_person(stmt, Person.id == Contract.person_id, person)


def _takeover_reviews(today: dt.date, dialect: str, person: bool = True) -> _Query:
    return _transitional(today, dialect, person).where(Contract.takeover_reviewed_date.is_(None))


def _takeover_flags(today: dt.date, dialect: str, person: bool = True) -> _Query:
    # Not two_year_decision_made: no review with an outcome held on or after the flag date.
    flag = _add_months_sql(Contract.start_date, TAKEOVER_FLAG_MONTHS, dialect)
    return _transitional(today, dialect, person).where(
        or_(
            Contract.takeover_reviewed_date.is_(None),
            func.coalesce(Contract.takeover_outcome, "") == "",
            Contract.takeover_reviewed_date < flag,
        )
    )


def _takeover_review_item(row: Row[Any], datum: dt.date) -> DueItem:
    return _item(
        row,
        DUE_TAKEOVER_REVIEW,
        datum,
        f"Bostadssocialt kontrakt från {row.contract_start.isoformat()}: pröva övertagande",
        contract_id=row.contract_id,
        holder=Holder("contracts", row.contract_id),
    )


def _takeover_flag_item(row: Row[Any], datum: dt.date) -> DueItem:
    return _item(
        row,
        DUE_TAKEOVER_FLAG,
        datum,
        f"Bostadssocialt kontrakt från {row.contract_start.isoformat()}: inte övertaget "
        f"efter {TAKEOVER_FLAG_MONTHS} månader, beslut behövs",
        contract_id=row.contract_id,
        holder=Holder("contracts", row.contract_id),
    )


def _decisions(today: dt.date, dialect: str, person: bool = True) -> _Query:
    stmt = (
        select(
            Decision.id.label("decision_id"),
            Decision.kind.label("decision_kind"),
            Decision.decision_date.label("decision_date"),
            Decision.reference.label("reference"),
            _who(Decision.responsible).label("responsible"),
        )
        .select_from(Decision)
        .where(Decision.status == DecisionStatus.WAITING)
    )
    # The applicant is found among the household's members: counted where it has any.
    members = exists().where(HouseholdMember.household_id == Decision.household_id)
    return _with_person(stmt, Person.id == applicant_id(Decision.household_id), person, members)


def _decision_item(row: Row[Any], datum: dt.date) -> DueItem:
    kind = DecisionKind(row.decision_kind).label
    return _item(
        row,
        DUE_DECISION_THREE_MONTHS,
        datum,
        f"{kind}, beslutat {row.decision_date.isoformat()} ({row.reference or 'utan dnr'}): "
        "verkställ senast denna dag, annars rapporteras beslutet till IVO",
        decision_id=row.decision_id,
        holder=Holder("decisions", row.decision_id),
    )


# -- follow-up ----------------------------------------------------------------------------------

_MEETING_DAY = func.coalesce(StartupMeeting.meeting_date, StartupMeeting.due_date)
_MULTIPARTY_DAY = func.coalesce(MultipartyMeeting.meeting_date, MultipartyMeeting.due_date)
_CONTRACT = (
    Contract.id.label("contract_id"),
    Contract.kind.label("contract_kind"),
    Contract.start_date.label("contract_start"),
)


def _startup_meetings(today: dt.date, dialect: str, person: bool = True) -> _Query:
    unticked = (
        select(func.count(StartupChecklistItem.id))
        .where(
            StartupChecklistItem.meeting_id == StartupMeeting.id,
            StartupChecklistItem.done_at.is_(None),
        )
        .scalar_subquery()
    )
    stmt = (
        select(
            *_CONTRACT,
            StartupMeeting.id.label("target_id"),
            _MEETING_DAY.label("day"),
            unticked.label("left"),
            _who(StartupMeeting.responsible, Contract.responsible).label("responsible"),
        )
        .select_from(StartupMeeting)
        .join(Contract, Contract.id == StartupMeeting.contract_id)
        .where(StartupMeeting.closed.is_(False), _running(today))
    )
    return _with_person(stmt, Person.id == Contract.person_id, person)


def _startup_meeting_item(row: Row[Any], datum: dt.date) -> DueItem:
    left = row.left
    if left:
        state = f"{left} punkter kvar i checklistan" if left > 1 else "1 punkt kvar"
    else:
        state = "checklistan klar, mötet ska avslutas"
    return _item(
        row,
        fud.DUE_STARTUP_MEETING,
        datum,
        f"{_contract_label(row)}: {state}",
        contract_id=row.contract_id,
        target_id=row.target_id,
        holder=Holder("startup_meetings", row.target_id),
    )


def _leases(today: dt.date, person: bool) -> _Query:
    stmt = (
        select(*_CONTRACT, _who(Contract.responsible).label("responsible"))
        .select_from(Contract)
        .where(Contract.kind.in_(LEASE_KINDS), _running(today))
    )
    return _with_person(stmt, Person.id == Contract.person_id, person)


def _startup_missing(today: dt.date, dialect: str, person: bool = True) -> _Query:
    return _leases(today, person).where(
        Contract.basis != ContractBasis.IMPORT,
        ~exists().where(StartupMeeting.contract_id == Contract.id),
    )


def _startup_missing_item(row: Row[Any], datum: dt.date) -> DueItem:
    return _item(
        row,
        fud.DUE_STARTUP_MEETING,
        datum,
        f"{_contract_label(row)}: uppstartsmöte ska planeras",
        contract_id=row.contract_id,
        holder=Holder("contracts", row.contract_id),
    )


def _follow_ups(today: dt.date, dialect: str, person: bool = True) -> _Query:
    stmt = (
        select(
            *_CONTRACT,
            FollowUp.id.label("target_id"),
            FollowUp.due_date.label("day"),
            _who(FollowUp.responsible, Contract.responsible).label("responsible"),
        )
        .select_from(FollowUp)
        .join(Contract, Contract.id == FollowUp.contract_id)
        .where(FollowUp.held_date.is_(None), Contract.kind.in_(LEASE_KINDS), _running(today))
    )
    return _with_person(stmt, Person.id == Contract.person_id, person)


def _follow_up_item(row: Row[Any], datum: dt.date) -> DueItem:
    return _item(
        row,
        fud.DUE_FOLLOW_UP,
        datum,
        f"{_contract_label(row)}: uppföljningsmöte",
        contract_id=row.contract_id,
        target_id=row.target_id,
        holder=Holder("follow_ups", row.target_id),
    )


def _first_follow_ups(today: dt.date, dialect: str, person: bool = True) -> _Query:
    return _leases(today, person).where(~exists().where(FollowUp.contract_id == Contract.id))


def _first_follow_up_item(row: Row[Any], datum: dt.date) -> DueItem:
    return _item(
        row,
        fud.DUE_FOLLOW_UP,
        datum,
        f"{_contract_label(row)}: första uppföljningsmötet",
        contract_id=row.contract_id,
        holder=Holder("contracts", row.contract_id),
    )


def _supports(today: dt.date, dialect: str, person: bool = True) -> _Query:
    stmt = (
        select(
            HousingSupport.id.label("target_id"),
            HousingSupport.start_date.label("support_start"),
            HousingSupport.provider.label("provider"),
            _who(HousingSupport.responsible).label("responsible"),
        )
        .select_from(HousingSupport)
        .where(or_(HousingSupport.end_date.is_(None), HousingSupport.end_date >= today))
    )
    return _with_person(stmt, Person.id == HousingSupport.person_id, person)


def _support_item(row: Row[Any], datum: dt.date) -> DueItem:
    return _item(
        row,
        fud.DUE_HOUSING_SUPPORT_REVIEW,
        datum,
        f"Boendestöd från {row.support_start.isoformat()} ({row.provider}): ompröva",
        target_id=row.target_id,
        holder=Holder("housing_supports", row.target_id),
    )


def _multiparty(today: dt.date, dialect: str, person: bool = True) -> _Query:
    stmt = (
        select(
            MultipartyMeeting.id.label("target_id"),
            MultipartyMeeting.contract_id.label("contract_id"),
            MultipartyMeeting.meeting_date.label("meeting_date"),
            _who(MultipartyMeeting.responsible).label("responsible"),
        )
        .select_from(MultipartyMeeting)
        .where(MultipartyMeeting.agreed == "")
    )
    return _with_person(stmt, Person.id == MultipartyMeeting.person_id, person)


def _multiparty_item(row: Row[Any], datum: dt.date) -> DueItem:
    if row.meeting_date is not None:
        what = f"Flerpartssamtal bokat {row.meeting_date.isoformat()}: hålls och registreras"
    else:
        what = "Två hyresskulder inom sex månader: erbjud flerpartssamtal"
    return _item(
        row,
        fud.DUE_MULTIPARTY_MEETING,
        datum,
        what,
        contract_id=row.contract_id,
        target_id=row.target_id,
        holder=Holder("multiparty_meetings", row.target_id),
    )


def _notices(today: dt.date, dialect: str, person: bool = True) -> _Query:
    stmt = (
        select(
            EvictionNotice.id.label("target_id"),
            EvictionNotice.contract_id.label("contract_id"),
            EvictionNotice.sender.label("sender"),
            EvictionNotice.case_number.label("case_number"),
            _who(EvictionNotice.responsible).label("responsible"),
        )
        .select_from(EvictionNotice)
        .where(EvictionNotice.closed_date.is_(None))
    )
    return _with_person(stmt, Person.id == EvictionNotice.person_id, person)


def _notice_item(row: Row[Any], datum: dt.date) -> DueItem:
    sender = NoticeSender(row.sender).label
    case = f" ({row.case_number})" if row.case_number else ""
    return _item(
        row,
        fud.DUE_EVICTION_NOTICE,
        datum,
        f"Underrättelse från {sender.lower()}{case}: förebyggande arbete pågår",
        contract_id=row.contract_id,
        target_id=row.target_id,
        holder=Holder("eviction_notices", row.target_id),
    )


# -- egna medel ---------------------------------------------------------------------------------


def _funds_reviews(today: dt.date, dialect: str, person: bool = True) -> _Query:
    stmt = (
        select(
            ManagedFundsAccount.id.label("target_id"),
            _who(ManagedFundsAccount.responsible).label("responsible"),
        )
        .select_from(ManagedFundsAccount)
        .where(ManagedFundsAccount.closed_date.is_(None))
    )
    return _with_person(stmt, Person.id == ManagedFundsAccount.person_id, person)


def _funds_review_item(row: Row[Any], datum: dt.date) -> DueItem:
    return _item(
        row,
        DUE_FUNDS_REVIEW,
        datum,
        "Egna medel: ompröva fullmakten och budgeten",
        target_id=row.target_id,
        holder=Holder("managed_funds_accounts", row.target_id),
    )


def _reconciliations(today: dt.date, dialect: str, person: bool = True) -> _Query:
    latest = (
        select(Reconciliation.id)
        .where(Reconciliation.account_id == ManagedFundsAccount.id)
        .order_by(Reconciliation.reconciled_on.desc(), Reconciliation.id.desc())
        .limit(1)
        .correlate(ManagedFundsAccount)
        .scalar_subquery()
    )
    stmt = (
        select(
            ManagedFundsAccount.id.label("target_id"),
            Reconciliation.difference_ore.label("difference"),
            literal("").label("responsible"),
        )
        .select_from(Reconciliation)
        .join(ManagedFundsAccount, ManagedFundsAccount.id == Reconciliation.account_id)
        .where(
            ManagedFundsAccount.closed_date.is_(None),
            Reconciliation.id == latest,
            Reconciliation.difference_ore != 0,
        )
    )
    return _with_person(stmt, Person.id == ManagedFundsAccount.person_id, person)


def _reconciliation_item(row: Row[Any], datum: dt.date) -> DueItem:
    # As the provider: no one is named for it and there is no row to assign.
    return DueItem(
        typ=DUE_FUNDS_RECONCILIATION,
        label=_LABELS[DUE_FUNDS_RECONCILIATION],
        datum=datum,
        person_id=row.person_id,
        personnummer=display_canonical(row.identity),
        name=f"{row.last_name}, {row.first_name}",
        what=(
            f"Egna medel: banken och bokföringen skiljer {format_amount(row.difference)}. "
            "Hitta differensen, bokför det som saknas och stäm av igen"
        ),
        target_id=row.target_id,
    )


def _same(day: dt.date) -> dt.date:
    return day


def _months_back(months: int) -> Callable[[dt.date], dt.date]:
    return lambda day: add_months(day, -months)


KINDS: tuple[DueKind, ...] = (
    DueKind(
        DUE_RENEWAL,
        _renewals,
        ContractPeriod.end_date,
        _who(Contract.responsible),
        renewal_action_date,
        _same,
        _renewal_item,
    ),
    DueKind(
        DUE_TAKEOVER_REVIEW,
        _takeover_reviews,
        Contract.start_date,
        _who(Contract.responsible),
        takeover_review_date,
        _months_back(TAKEOVER_REVIEW_MONTHS),
        _takeover_review_item,
    ),
    DueKind(
        DUE_TAKEOVER_FLAG,
        _takeover_flags,
        Contract.start_date,
        _who(Contract.responsible),
        takeover_flag_date,
        _months_back(TAKEOVER_FLAG_MONTHS),
        _takeover_flag_item,
    ),
    DueKind(
        DUE_DECISION_THREE_MONTHS,
        _decisions,
        Decision.decision_date,
        _who(Decision.responsible),
        three_months_date,
        _months_back(3),
        _decision_item,
    ),
    DueKind(
        fud.DUE_STARTUP_MEETING,
        _startup_meetings,
        _MEETING_DAY,
        _who(StartupMeeting.responsible, Contract.responsible),
        _same,
        _same,
        _startup_meeting_item,
    ),
    DueKind(
        fud.DUE_STARTUP_MEETING,
        _startup_missing,
        Contract.start_date,
        _who(Contract.responsible),
        _same,
        _same,
        _startup_missing_item,
    ),
    DueKind(
        fud.DUE_FOLLOW_UP,
        _follow_ups,
        FollowUp.due_date,
        _who(FollowUp.responsible, Contract.responsible),
        _same,
        _same,
        _follow_up_item,
        order=(FollowUp.held_date,),
    ),
    DueKind(
        fud.DUE_FOLLOW_UP,
        _first_follow_ups,
        Contract.start_date,
        _who(Contract.responsible),
        first_follow_up_due,
        _months_back(1),
        _first_follow_up_item,
    ),
    DueKind(
        fud.DUE_HOUSING_SUPPORT_REVIEW,
        _supports,
        HousingSupport.next_review_date,
        _who(HousingSupport.responsible),
        _same,
        _same,
        _support_item,
    ),
    DueKind(
        fud.DUE_MULTIPARTY_MEETING,
        _multiparty,
        _MULTIPARTY_DAY,
        _who(MultipartyMeeting.responsible),
        _same,
        _same,
        _multiparty_item,
    ),
    DueKind(
        fud.DUE_EVICTION_NOTICE,
        _notices,
        EvictionNotice.received_date,
        _who(EvictionNotice.responsible),
        _same,
        _same,
        _notice_item,
    ),
    DueKind(
        DUE_FUNDS_REVIEW,
        _funds_reviews,
        ManagedFundsAccount.review_date,
        _who(ManagedFundsAccount.responsible),
        _same,
        _same,
        _funds_review_item,
    ),
    DueKind(
        DUE_FUNDS_RECONCILIATION,
        _reconciliations,
        Reconciliation.reconciled_on,
        literal(""),
        _same,
        _same,
        _reconciliation_item,
    ),
)
