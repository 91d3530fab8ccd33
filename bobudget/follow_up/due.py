"""The follow-up kinds on the due list: start-up meetings, follow-ups, boendestöd reviews,
flerpartssamtal, open eviction notices, and the reviews of egna medel.

Each provider is registered with placement/due.py, so `bobudget due` and Att göra list them
with the placement kinds. The items carry who is responsible and the row to open, for Att göra.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, exists, func, or_, select
from sqlalchemy.orm import Session

from bobudget.follow_up.common import SENDER_LABELS, contract_label
from bobudget.follow_up.rules import LEASE_KINDS, first_follow_up_due
from bobudget.kernel.identity import display_canonical
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
from bobudget.placement.due import DueItem, DueWindow, register_due_provider

__all__ = [
    "DUE_EVICTION_NOTICE",
    "DUE_FOLLOW_UP",
    "DUE_FUNDS_REVIEW",
    "DUE_HOUSING_SUPPORT_REVIEW",
    "DUE_MULTIPARTY_MEETING",
    "DUE_STARTUP_MEETING",
    "FOLLOW_UP_TYPES",
    "FollowUpDueItem",
]

DUE_STARTUP_MEETING = "uppstartsmote"
DUE_FOLLOW_UP = "uppfoljning"
DUE_HOUSING_SUPPORT_REVIEW = "boendestod_omprovning"
DUE_MULTIPARTY_MEETING = "flerpartssamtal"
DUE_EVICTION_NOTICE = "underrattelse_avhysning"
DUE_FUNDS_REVIEW = "egna_medel_omprovning"

FOLLOW_UP_TYPES: dict[str, str] = {
    DUE_STARTUP_MEETING: "Uppstartsmöte",
    DUE_FOLLOW_UP: "Uppföljningsmöte",
    DUE_HOUSING_SUPPORT_REVIEW: "Omprövning av boendestöd",
    DUE_MULTIPARTY_MEETING: "Flerpartssamtal",
    DUE_EVICTION_NOTICE: "Underrättelse om avhysning",
    DUE_FUNDS_REVIEW: "Omprövning av egna medel",
}


@dataclass(frozen=True)
class FollowUpDueItem(DueItem):
    """A due item that also says who is responsible and which row handles it."""

    responsible: str = ""
    # The row to open: the start-up meeting, follow-up, boendestöd, flerpartssamtal, notice or
    # funds account; None when it does not exist yet (a meeting still to be created).
    target_id: int | None = None


def _item(typ: str, datum: dt.date, person: Person, what: str, **extra: object) -> FollowUpDueItem:
    return FollowUpDueItem(
        typ=typ,
        datum=datum,
        person_id=person.id,
        personnummer=display_canonical(person.identity),
        name=f"{person.last_name}, {person.first_name}",
        what=what,
        **extra,  # type: ignore[arg-type]
    )


def _running(w: DueWindow) -> ColumnElement[bool]:
    return or_(Contract.end_date.is_(None), Contract.end_date >= w.today)


@register_due_provider({DUE_STARTUP_MEETING: FOLLOW_UP_TYPES[DUE_STARTUP_MEETING]})
def startup_meetings_due(s: Session, w: DueWindow) -> Iterable[DueItem]:
    """Start-up meetings not closed (their checklist not done), and new leases without one.

    Due on the meeting's day once booked, else on the day the contract starts. An imported
    contract was already under way: its start-up meeting was held before the program.
    """
    unticked = (
        select(func.count(StartupChecklistItem.id))
        .where(
            StartupChecklistItem.meeting_id == StartupMeeting.id,
            StartupChecklistItem.done_at.is_(None),
        )
        .scalar_subquery()
    )
    stmt = (
        select(StartupMeeting, Contract, Person, unticked)
        .join(Contract, Contract.id == StartupMeeting.contract_id)
        .join(Person, Person.id == Contract.person_id)
        .where(StartupMeeting.closed.is_(False), _running(w))
    )
    for meeting, contract, person, left in s.execute(stmt).all():
        datum = meeting.meeting_date or meeting.due_date
        if left:
            state = f"{left} punkter kvar i checklistan" if left > 1 else "1 punkt kvar"
        else:
            state = "checklistan klar, mötet ska avslutas"
        yield _item(
            DUE_STARTUP_MEETING,
            datum,
            person,
            f"{contract_label(contract)}: {state}",
            contract_id=contract.id,
            responsible=meeting.responsible,
            target_id=meeting.id,
        )
    missing = (
        select(Contract, Person)
        .join(Person, Person.id == Contract.person_id)
        .where(
            Contract.kind.in_(LEASE_KINDS),
            Contract.basis != "import",
            _running(w),
            Contract.start_date >= w.first,
            Contract.start_date <= w.last,
            ~exists().where(StartupMeeting.contract_id == Contract.id),
        )
    )
    for contract, person in s.execute(missing).all():
        yield _item(
            DUE_STARTUP_MEETING,
            contract.start_date,
            person,
            f"{contract_label(contract)}: uppstartsmöte ska planeras",
            contract_id=contract.id,
        )


@register_due_provider({DUE_FOLLOW_UP: FOLLOW_UP_TYPES[DUE_FOLLOW_UP]})
def follow_ups_due(s: Session, w: DueWindow) -> Iterable[DueItem]:
    """Follow-ups not yet held on running leases; a lease with none at all: its first."""
    stmt = (
        select(FollowUp, Contract, Person)
        .join(Contract, Contract.id == FollowUp.contract_id)
        .join(Person, Person.id == Contract.person_id)
        .where(
            FollowUp.held_date.is_(None),
            FollowUp.due_date >= w.first,
            FollowUp.due_date <= w.last,
            Contract.kind.in_(LEASE_KINDS),
            _running(w),
        )
    )
    for follow_up, contract, person in s.execute(stmt).all():
        yield _item(
            DUE_FOLLOW_UP,
            follow_up.due_date,
            person,
            f"{contract_label(contract)}: uppföljningsmöte",
            contract_id=contract.id,
            responsible=follow_up.responsible,
            target_id=follow_up.id,
        )
    never = (
        select(Contract, Person)
        .join(Person, Person.id == Contract.person_id)
        .where(
            Contract.kind.in_(LEASE_KINDS),
            _running(w),
            Contract.start_date <= w.last,
            ~exists().where(FollowUp.contract_id == Contract.id),
        )
    )
    for contract, person in s.execute(never).all():
        yield _item(
            DUE_FOLLOW_UP,
            first_follow_up_due(contract.start_date),
            person,
            f"{contract_label(contract)}: första uppföljningsmötet",
            contract_id=contract.id,
        )


@register_due_provider({DUE_HOUSING_SUPPORT_REVIEW: FOLLOW_UP_TYPES[DUE_HOUSING_SUPPORT_REVIEW]})
def housing_support_reviews_due(s: Session, w: DueWindow) -> Iterable[DueItem]:
    """Boendestöd still running whose review falls due."""
    stmt = (
        select(HousingSupport, Person)
        .join(Person, Person.id == HousingSupport.person_id)
        .where(
            HousingSupport.next_review_date >= w.first,
            HousingSupport.next_review_date <= w.last,
            or_(HousingSupport.end_date.is_(None), HousingSupport.end_date >= w.today),
        )
    )
    for support, person in s.execute(stmt).all():
        assert support.next_review_date is not None
        yield _item(
            DUE_HOUSING_SUPPORT_REVIEW,
            support.next_review_date,
            person,
            f"Boendestöd från {support.start_date.isoformat()} ({support.provider}): ompröva",
            responsible=support.responsible,
            target_id=support.id,
        )


@register_due_provider({DUE_MULTIPARTY_MEETING: FOLLOW_UP_TYPES[DUE_MULTIPARTY_MEETING]})
def multiparty_meetings_due(s: Session, w: DueWindow) -> Iterable[DueItem]:
    """Flerpartssamtal not yet held: due on the booked day, else the day to offer it by."""
    stmt = (
        select(MultipartyMeeting, Person)
        .join(Person, Person.id == MultipartyMeeting.person_id)
        .where(MultipartyMeeting.agreed == "")
    )
    for meeting, person in s.execute(stmt).all():
        if meeting.meeting_date is not None:
            what = (
                f"Flerpartssamtal bokat {meeting.meeting_date.isoformat()}: hålls och registreras"
            )
        else:
            what = "Två hyresskulder inom sex månader: erbjud flerpartssamtal"
        yield _item(
            DUE_MULTIPARTY_MEETING,
            meeting.meeting_date or meeting.due_date,
            person,
            what,
            contract_id=meeting.contract_id,
            responsible=meeting.responsible,
            target_id=meeting.id,
        )


@register_due_provider({DUE_EVICTION_NOTICE: FOLLOW_UP_TYPES[DUE_EVICTION_NOTICE]})
def eviction_notices_open(s: Session, w: DueWindow) -> Iterable[DueItem]:
    """Notices of risk of eviction not yet closed: due from the day they came."""
    stmt = (
        select(EvictionNotice, Person)
        .join(Person, Person.id == EvictionNotice.person_id)
        .where(
            EvictionNotice.closed_date.is_(None),
            EvictionNotice.received_date >= w.first,
            EvictionNotice.received_date <= w.last,
        )
    )
    for notice, person in s.execute(stmt).all():
        sender = SENDER_LABELS.get(notice.sender, notice.sender)
        case = f" ({notice.case_number})" if notice.case_number else ""
        yield _item(
            DUE_EVICTION_NOTICE,
            notice.received_date,
            person,
            f"Underrättelse från {sender.lower()}{case}: förebyggande arbete pågår",
            contract_id=notice.contract_id,
            responsible=notice.responsible,
            target_id=notice.id,
        )


@register_due_provider({DUE_FUNDS_REVIEW: FOLLOW_UP_TYPES[DUE_FUNDS_REVIEW]})
def funds_reviews_due(s: Session, w: DueWindow) -> Iterable[DueItem]:
    """Open egna medel accounts whose power of attorney is due for review."""
    stmt = (
        select(ManagedFundsAccount, Person)
        .join(Person, Person.id == ManagedFundsAccount.person_id)
        .where(
            ManagedFundsAccount.closed_date.is_(None),
            ManagedFundsAccount.review_date >= w.first,
            ManagedFundsAccount.review_date <= w.last,
        )
    )
    for account, person in s.execute(stmt).all():
        assert account.review_date is not None
        yield _item(
            DUE_FUNDS_REVIEW,
            account.review_date,
            person,
            "Egna medel: ompröva fullmakten och budgeten",
            target_id=account.id,
        )
