"""Att göra's follow-up and egna medel kinds as column queries: start-up meetings, follow-ups,
boendestöd reviews, flerpartssamtal, eviction notices, funds reviews and reconciliation
differences (as follow_up/due.py and funds/due.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    exists,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.engine import Row

from bobudget.app.todo_kinds_common import (
    LABELS,
    DueKind,
    Query,
    contract_label,
    item,
    months_back,
    running,
    same,
    who,
    with_person,
)
from bobudget.follow_up import due as fud
from bobudget.follow_up.rules import LEASE_KINDS, first_follow_up_due
from bobudget.funds.due import DUE_FUNDS_RECONCILIATION, DUE_FUNDS_REVIEW
from bobudget.kernel.due import DueItem, Holder
from bobudget.kernel.identity import display_canonical
from bobudget.kernel.money import format_amount
from bobudget.model import (
    Contract,
    EvictionNotice,
    FollowUp,
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
    NoticeSender,
)

__all__ = ["FOLLOW_UP_KINDS"]


# -- follow-up ----------------------------------------------------------------------------------

_MEETING_DAY = func.coalesce(StartupMeeting.meeting_date, StartupMeeting.due_date)
_MULTIPARTY_DAY = func.coalesce(MultipartyMeeting.meeting_date, MultipartyMeeting.due_date)
_CONTRACT = (
    Contract.id.label("contract_id"),
    Contract.kind.label("contract_kind"),
    Contract.start_date.label("contract_start"),
)


def _startup_meetings(today: dt.date, dialect: str, person: bool = True) -> Query:
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
            who(StartupMeeting.responsible, Contract.responsible).label("responsible"),
        )
        .select_from(StartupMeeting)
        .join(Contract, Contract.id == StartupMeeting.contract_id)
        .where(StartupMeeting.closed.is_(False), running(today))
    )
    return with_person(stmt, Person.id == Contract.person_id, person, dialect)


def _startup_meeting_item(row: Row[Any], datum: dt.date) -> DueItem:
    left = row.left
    if left:
        state = f"{left} punkter kvar i checklistan" if left > 1 else "1 punkt kvar"
    else:
        state = "checklistan klar, mötet ska avslutas"
    return item(
        row,
        fud.DUE_STARTUP_MEETING,
        datum,
        f"{contract_label(row)}: {state}",
        contract_id=row.contract_id,
        target_id=row.target_id,
        holder=Holder("startup_meetings", row.target_id),
    )


def _leases(today: dt.date, dialect: str, person: bool) -> Query:
    stmt = (
        select(*_CONTRACT, who(Contract.responsible).label("responsible"))
        .select_from(Contract)
        .where(Contract.kind.in_(LEASE_KINDS), running(today))
    )
    return with_person(stmt, Person.id == Contract.person_id, person, dialect)


def _startup_missing(today: dt.date, dialect: str, person: bool = True) -> Query:
    return _leases(today, dialect, person).where(
        Contract.basis != ContractBasis.IMPORT,
        ~exists().where(StartupMeeting.contract_id == Contract.id),
    )


def _startup_missing_item(row: Row[Any], datum: dt.date) -> DueItem:
    return item(
        row,
        fud.DUE_STARTUP_MEETING,
        datum,
        f"{contract_label(row)}: uppstartsmöte ska planeras",
        contract_id=row.contract_id,
        holder=Holder("contracts", row.contract_id),
    )


def _follow_ups(today: dt.date, dialect: str, person: bool = True) -> Query:
    stmt = (
        select(
            *_CONTRACT,
            FollowUp.id.label("target_id"),
            FollowUp.due_date.label("day"),
            who(FollowUp.responsible, Contract.responsible).label("responsible"),
        )
        .select_from(FollowUp)
        .join(Contract, Contract.id == FollowUp.contract_id)
        .where(FollowUp.held_date.is_(None), Contract.kind.in_(LEASE_KINDS), running(today))
    )
    return with_person(stmt, Person.id == Contract.person_id, person, dialect)


def _follow_up_item(row: Row[Any], datum: dt.date) -> DueItem:
    return item(
        row,
        fud.DUE_FOLLOW_UP,
        datum,
        f"{contract_label(row)}: uppföljningsmöte",
        contract_id=row.contract_id,
        target_id=row.target_id,
        holder=Holder("follow_ups", row.target_id),
    )


def _first_follow_ups(today: dt.date, dialect: str, person: bool = True) -> Query:
    return _leases(today, dialect, person).where(
        ~exists().where(FollowUp.contract_id == Contract.id)
    )


def _first_follow_up_item(row: Row[Any], datum: dt.date) -> DueItem:
    return item(
        row,
        fud.DUE_FOLLOW_UP,
        datum,
        f"{contract_label(row)}: första uppföljningsmötet",
        contract_id=row.contract_id,
        holder=Holder("contracts", row.contract_id),
    )


def _supports(today: dt.date, dialect: str, person: bool = True) -> Query:
    stmt = (
        select(
            HousingSupport.id.label("target_id"),
            HousingSupport.start_date.label("support_start"),
            HousingSupport.provider.label("provider"),
            who(HousingSupport.responsible).label("responsible"),
        )
        .select_from(HousingSupport)
        .where(or_(HousingSupport.end_date.is_(None), HousingSupport.end_date >= today))
    )
    return with_person(stmt, Person.id == HousingSupport.person_id, person, dialect)


def _support_item(row: Row[Any], datum: dt.date) -> DueItem:
    return item(
        row,
        fud.DUE_HOUSING_SUPPORT_REVIEW,
        datum,
        f"Boendestöd från {row.support_start.isoformat()} ({row.provider}): ompröva",
        target_id=row.target_id,
        holder=Holder("housing_supports", row.target_id),
    )


def _multiparty(today: dt.date, dialect: str, person: bool = True) -> Query:
    stmt = (
        select(
            MultipartyMeeting.id.label("target_id"),
            MultipartyMeeting.contract_id.label("contract_id"),
            MultipartyMeeting.meeting_date.label("meeting_date"),
            who(MultipartyMeeting.responsible).label("responsible"),
        )
        .select_from(MultipartyMeeting)
        .where(MultipartyMeeting.agreed == "")
    )
    return with_person(stmt, Person.id == MultipartyMeeting.person_id, person, dialect)


def _multiparty_item(row: Row[Any], datum: dt.date) -> DueItem:
    if row.meeting_date is not None:
        what = f"Flerpartssamtal bokat {row.meeting_date.isoformat()}: hålls och registreras"
    else:
        what = "Två hyresskulder inom sex månader: erbjud flerpartssamtal"
    return item(
        row,
        fud.DUE_MULTIPARTY_MEETING,
        datum,
        what,
        contract_id=row.contract_id,
        target_id=row.target_id,
        holder=Holder("multiparty_meetings", row.target_id),
    )


def _notices(today: dt.date, dialect: str, person: bool = True) -> Query:
    stmt = (
        select(
            EvictionNotice.id.label("target_id"),
            EvictionNotice.contract_id.label("contract_id"),
            EvictionNotice.sender.label("sender"),
            EvictionNotice.case_number.label("case_number"),
            who(EvictionNotice.responsible).label("responsible"),
        )
        .select_from(EvictionNotice)
        .where(EvictionNotice.closed_date.is_(None))
    )
    return with_person(stmt, Person.id == EvictionNotice.person_id, person, dialect)


def _notice_item(row: Row[Any], datum: dt.date) -> DueItem:
    sender = NoticeSender(row.sender).label
    case = f" ({row.case_number})" if row.case_number else ""
    return item(
        row,
        fud.DUE_EVICTION_NOTICE,
        datum,
        f"Underrättelse från {sender.lower()}{case}: förebyggande arbete pågår",
        contract_id=row.contract_id,
        target_id=row.target_id,
        holder=Holder("eviction_notices", row.target_id),
    )


# -- egna medel ---------------------------------------------------------------------------------


def _funds_reviews(today: dt.date, dialect: str, person: bool = True) -> Query:
    stmt = (
        select(
            ManagedFundsAccount.id.label("target_id"),
            who(ManagedFundsAccount.responsible).label("responsible"),
        )
        .select_from(ManagedFundsAccount)
        .where(ManagedFundsAccount.closed_date.is_(None))
    )
    return with_person(stmt, Person.id == ManagedFundsAccount.person_id, person, dialect)


def _funds_review_item(row: Row[Any], datum: dt.date) -> DueItem:
    return item(
        row,
        DUE_FUNDS_REVIEW,
        datum,
        "Egna medel: ompröva fullmakten och budgeten",
        target_id=row.target_id,
        holder=Holder("managed_funds_accounts", row.target_id),
    )


def _reconciliations(today: dt.date, dialect: str, person: bool = True) -> Query:
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
    return with_person(stmt, Person.id == ManagedFundsAccount.person_id, person, dialect)


def _reconciliation_item(row: Row[Any], datum: dt.date) -> DueItem:
    # As the provider: no one is named for it and there is no row to assign.
    return DueItem(
        typ=DUE_FUNDS_RECONCILIATION,
        label=LABELS[DUE_FUNDS_RECONCILIATION],
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


# In the order the due list asks its providers (app/due.py).
FOLLOW_UP_KINDS: tuple[DueKind, ...] = (
    DueKind(
        fud.DUE_STARTUP_MEETING,
        _startup_meetings,
        _MEETING_DAY,
        who(StartupMeeting.responsible, Contract.responsible),
        same,
        same,
        _startup_meeting_item,
    ),
    DueKind(
        fud.DUE_STARTUP_MEETING,
        _startup_missing,
        Contract.start_date,
        who(Contract.responsible),
        same,
        same,
        _startup_missing_item,
    ),
    DueKind(
        fud.DUE_FOLLOW_UP,
        _follow_ups,
        FollowUp.due_date,
        who(FollowUp.responsible, Contract.responsible),
        same,
        same,
        _follow_up_item,
        order=(FollowUp.held_date,),
    ),
    DueKind(
        fud.DUE_FOLLOW_UP,
        _first_follow_ups,
        Contract.start_date,
        who(Contract.responsible),
        first_follow_up_due,
        months_back(1),
        _first_follow_up_item,
    ),
    DueKind(
        fud.DUE_HOUSING_SUPPORT_REVIEW,
        _supports,
        HousingSupport.next_review_date,
        who(HousingSupport.responsible),
        same,
        same,
        _support_item,
    ),
    DueKind(
        fud.DUE_MULTIPARTY_MEETING,
        _multiparty,
        _MULTIPARTY_DAY,
        who(MultipartyMeeting.responsible),
        same,
        same,
        _multiparty_item,
    ),
    DueKind(
        fud.DUE_EVICTION_NOTICE,
        _notices,
        EvictionNotice.received_date,
        who(EvictionNotice.responsible),
        same,
        same,
        _notice_item,
    ),
    DueKind(
        DUE_FUNDS_REVIEW,
        _funds_reviews,
        ManagedFundsAccount.review_date,
        who(ManagedFundsAccount.responsible),
        same,
        same,
        _funds_review_item,
    ),
    DueKind(
        DUE_FUNDS_RECONCILIATION,
        _reconciliations,
        Reconciliation.reconciled_on,
        literal(""),
        same,
        same,
        _reconciliation_item,
    ),
)
