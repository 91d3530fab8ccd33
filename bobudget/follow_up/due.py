"""The follow-up kinds on the due list: start-up meetings, follow-ups, boendestöd reviews,
flerpartssamtal and open eviction notices.

app/due.py gathers these providers with those of the other domains, so `bobudget due` and
Att göra list them together. The items carry who is responsible and the row to open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import ColumnElement, exists, func, or_, select
from sqlalchemy.orm import Session

from bobudget.follow_up.common import contract_label
from bobudget.follow_up.rules import LEASE_KINDS, first_follow_up_due
from bobudget.kernel.due import DueItem, DueProvider, DueWindow, Holder
from bobudget.kernel.identity import display_canonical
from bobudget.model import (
    Contract,
    EvictionNotice,
    FollowUp,
    HousingSupport,
    MultipartyMeeting,
    Person,
    StartupChecklistItem,
    StartupMeeting,
)
from bobudget.model.vocab import ContractBasis, NoticeSender

__all__ = [
    "DUE_EVICTION_NOTICE",
    "DUE_FOLLOW_UP",
    "DUE_HOUSING_SUPPORT_REVIEW",
    "DUE_MULTIPARTY_MEETING",
    "DUE_STARTUP_MEETING",
    "DUE_TYPES",
    "PROVIDERS",
]

DUE_STARTUP_MEETING = "uppstartsmote"
DUE_FOLLOW_UP = "uppfoljning"
DUE_HOUSING_SUPPORT_REVIEW = "boendestod_omprovning"
DUE_MULTIPARTY_MEETING = "flerpartssamtal"
DUE_EVICTION_NOTICE = "underrattelse_avhysning"

DUE_TYPES: dict[str, str] = {
    DUE_STARTUP_MEETING: "Uppstartsmöte",
    DUE_FOLLOW_UP: "Uppföljningsmöte",
    DUE_HOUSING_SUPPORT_REVIEW: "Omprövning av boendestöd",
    DUE_MULTIPARTY_MEETING: "Flerpartssamtal",
    DUE_EVICTION_NOTICE: "Underrättelse om avhysning",
}


def _item(typ: str, datum: dt.date, person: Person, what: str, **extra: object) -> DueItem:
    return DueItem(
        typ=typ,
        label=DUE_TYPES[typ],
        datum=datum,
        person_id=person.id,
        personnummer=display_canonical(person.identity),
        name=f"{person.last_name}, {person.first_name}",
        what=what,
        **extra,  # type: ignore[arg-type]
    )


def _running(w: DueWindow) -> ColumnElement[bool]:
    return or_(Contract.end_date.is_(None), Contract.end_date >= w.today)


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
            responsible=meeting.responsible or contract.responsible or "",
            target_id=meeting.id,
            holder=Holder("startup_meetings", meeting.id),
        )
    missing = (
        select(Contract, Person)
        .join(Person, Person.id == Contract.person_id)
        .where(
            Contract.kind.in_(LEASE_KINDS),
            Contract.basis != ContractBasis.IMPORT,
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
            responsible=contract.responsible or "",
            holder=Holder("contracts", contract.id),
        )


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
            responsible=follow_up.responsible or contract.responsible or "",
            target_id=follow_up.id,
            holder=Holder("follow_ups", follow_up.id),
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
            responsible=contract.responsible or "",
            holder=Holder("contracts", contract.id),
        )


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
            responsible=support.responsible or "",
            target_id=support.id,
            holder=Holder("housing_supports", support.id),
        )


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
            responsible=meeting.responsible or "",
            target_id=meeting.id,
            holder=Holder("multiparty_meetings", meeting.id),
        )


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
        sender = NoticeSender(notice.sender).label
        case = f" ({notice.case_number})" if notice.case_number else ""
        yield _item(
            DUE_EVICTION_NOTICE,
            notice.received_date,
            person,
            f"Underrättelse från {sender.lower()}{case}: förebyggande arbete pågår",
            contract_id=notice.contract_id,
            responsible=notice.responsible or "",
            target_id=notice.id,
            holder=Holder("eviction_notices", notice.id),
        )


# The follow-up providers, in the order the due list asks them.
PROVIDERS: tuple[DueProvider, ...] = (
    startup_meetings_due,
    follow_ups_due,
    housing_support_reviews_due,
    multiparty_meetings_due,
    eviction_notices_open,
)
