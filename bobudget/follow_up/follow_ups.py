"""Uppföljningsmöten: the follow-ups of a lease, recorded as held, the next one booked at once.

The schedule is the rule in DOMAIN.md (bobudget.follow_up.rules): the first within a month of
move-in, then at the interval set on the contract. A contract signed elsewhere in the program
has no follow-up row yet; `open_follow_up` books its first one when someone turns to it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bobudget.db.engine import Database
from bobudget.db.responsible import check_responsible, default_responsible
from bobudget.db.uow import UnitOfWork
from bobudget.follow_up.common import CONTRACT_GONE, check_not_before_contract
from bobudget.follow_up.rules import (
    LEASE_KINDS,
    first_follow_up_due,
    held_date_problem,
    next_follow_up_due,
    week_urgency,
)
from bobudget.kernel.errors import FieldError, NotFoundError, ValidationError
from bobudget.kernel.urgency import Urgency
from bobudget.model import Contract, FollowUp, StartupMeeting
from bobudget.placement.common import fetch_for_edit, require_text

__all__ = [
    "FollowUpRecord",
    "FollowUpView",
    "RecordedFollowUp",
    "follow_ups_of_contract",
    "open_follow_up",
    "plan_follow_up",
    "record_follow_up",
]

FOLLOW_UP_GONE = "Uppföljningsmötet finns inte längre i databasen. Läs in sidan på nytt."


@dataclass(frozen=True)
class FollowUpView:
    id: int
    version: int
    contract_id: int
    due_date: dt.date
    held_date: dt.date | None
    participants: str
    notes: str
    outcome: str
    responsible: str

    @property
    def held(self) -> bool:
        return self.held_date is not None

    def urgency(self, today: dt.date) -> Urgency | None:
        """How soon it must be held; None once it has been."""
        return None if self.held else week_urgency(self.due_date, today)


def _view(row: FollowUp) -> FollowUpView:
    return FollowUpView(
        id=row.id,
        version=row.version,
        contract_id=row.contract_id,
        due_date=row.due_date,
        held_date=row.held_date,
        participants=row.participants,
        notes=row.notes,
        outcome=row.outcome,
        responsible=row.responsible or "",
    )


def follow_ups_of_contract(db: Database, contract_id: int) -> list[FollowUpView]:
    """Every follow-up of the contract, the latest planned first."""
    with db.sessions() as session:
        rows = session.scalars(
            select(FollowUp)
            .where(FollowUp.contract_id == contract_id)
            .order_by(FollowUp.due_date.desc(), FollowUp.id.desc())
        ).all()
        return [_view(r) for r in rows]


def get_follow_up(db: Database, follow_up_id: int) -> FollowUpView:
    """One follow-up as it is saved now (a form reads it again when its save was refused)."""
    with db.sessions() as session:
        row = session.get(FollowUp, follow_up_id)
        if row is None:
            raise NotFoundError(FOLLOW_UP_GONE)
        return _view(row)


def _open_row(session: Session, contract_id: int) -> FollowUp | None:
    return session.scalars(
        select(FollowUp)
        .where(FollowUp.contract_id == contract_id, FollowUp.held_date.is_(None))
        .order_by(FollowUp.due_date, FollowUp.id)
        .limit(1)
    ).first()


def _responsible_for(session: Session, contract: Contract, user: str) -> str | None:
    """Who follows the contract up: whoever held the last follow-up or the start-up meeting,
    else the contract's responsible, else the one booking it (when on the users list)."""
    for model in (FollowUp, StartupMeeting):
        name = session.scalar(
            select(model.responsible)
            .where(model.contract_id == contract.id, model.responsible.is_not(None))
            .order_by(model.due_date.desc(), model.id.desc())
            .limit(1)
        )
        if name:
            return name
    return contract.responsible or default_responsible(session, user)


def open_follow_up(db: Database, contract_id: int, user: str | None = None) -> int:
    """The contract's next follow-up to hold; booked by the schedule if there is none.

    The first is due one month after move-in; after one held, the contract's interval later.
    """
    with UnitOfWork(db, user) as uow:
        s = uow.session
        contract = s.get(Contract, contract_id)
        if contract is None:
            raise NotFoundError(CONTRACT_GONE)
        row = _open_row(s, contract_id)
        if row is not None:
            return row.id
        if contract.kind not in LEASE_KINDS:
            raise ValidationError(
                "Uppföljningsmöten hålls för hyreskontrakt (socialt, bostadssocialt och Bostad "
                "först). Tillfälligt boende bedöms vid varje förlängning."
            )
        last_held = s.scalar(
            select(FollowUp.held_date)
            .where(FollowUp.contract_id == contract_id)
            .order_by(FollowUp.held_date.desc())
            .limit(1)
        )
        due = (
            next_follow_up_due(last_held, contract.follow_up_interval_months)
            if last_held is not None
            else first_follow_up_due(contract.start_date)
        )
        row = FollowUp(
            contract_id=contract_id,
            due_date=due,
            responsible=_responsible_for(s, contract, uow.user),
        )
        s.add(row)
        s.flush()
        uow.audit("create", "follow_up", row.id)
        uow.commit()
        return row.id


def plan_follow_up(
    db: Database,
    follow_up_id: int,
    expected_version: int,
    due_date: dt.date,
    responsible: str,
    user: str | None = None,
) -> int:
    """Move a follow-up not yet held to another day, or give it to someone else."""
    with UnitOfWork(db, user) as uow:
        row = fetch_for_edit(uow.session, FollowUp, follow_up_id, expected_version, FOLLOW_UP_GONE)
        if row.held_date is not None:
            raise ValidationError(
                "Uppföljningsmötet är redan hållet; planera i stället nästa uppföljning."
            )
        check_not_before_contract(due_date, row.contract, "Uppföljningsdagen")
        row.due_date = due_date
        row.responsible = check_responsible(uow.session, responsible, keep=row.responsible)
        uow.audit("plan", "follow_up", row.id)
        uow.commit()
        return row.version


@dataclass
class FollowUpRecord:
    held_date: dt.date
    participants: str
    notes: str = ""
    outcome: str = ""


@dataclass(frozen=True)
class RecordedFollowUp:
    """What recording a follow-up did: the next one booked (None when the contract has ended)."""

    version: int
    next_id: int | None
    next_due: dt.date | None


def record_follow_up(
    db: Database,
    follow_up_id: int,
    expected_version: int,
    data: FollowUpRecord,
    user: str | None = None,
    today: dt.date | None = None,
) -> RecordedFollowUp:
    """Record a follow-up as held (or correct one held) and book the next one automatically.

    The next is due the contract's interval after the day held, unless one is already booked
    or the contract ends before then. Refused, with nothing saved, for a day before the
    contract's start or in the future, or without participants.
    """
    today = today or dt.date.today()
    participants = require_text(data.participants, "Skriv vilka som deltog i mötet.")
    future = held_date_problem(data.held_date, today)
    if future is not None:
        raise ValidationError(field_errors=[FieldError("Mötesdag", future)])
    with UnitOfWork(db, user) as uow:
        s = uow.session
        row = fetch_for_edit(s, FollowUp, follow_up_id, expected_version, FOLLOW_UP_GONE)
        contract = row.contract
        check_not_before_contract(data.held_date, contract, "Mötesdagen")
        first_record = row.held_date is None
        row.held_date = data.held_date
        row.participants = participants
        row.notes = data.notes.strip()
        row.outcome = data.outcome.strip()
        row.responsible = row.responsible or default_responsible(uow.session, uow.user)
        uow.audit("record", "follow_up", row.id)
        booked: FollowUp | None = None
        if first_record:
            booked = _book_next(s, row, contract)
        s.flush()
        if booked is not None:
            uow.audit("create", "follow_up", booked.id)
        uow.commit()
        return RecordedFollowUp(
            row.version,
            booked.id if booked is not None else None,
            booked.due_date if booked is not None else None,
        )


def _book_next(s: Session, held: FollowUp, contract: Contract) -> FollowUp | None:
    assert held.held_date is not None
    other_open = s.scalar(
        select(FollowUp.id).where(
            FollowUp.contract_id == contract.id,
            FollowUp.held_date.is_(None),
            FollowUp.id != held.id,
        )
    )
    if other_open is not None:
        return None
    due = next_follow_up_due(held.held_date, contract.follow_up_interval_months)
    if contract.end_date is not None and due > contract.end_date:
        return None
    booked = FollowUp(contract_id=contract.id, due_date=due, responsible=held.responsible)
    s.add(booked)
    return booked
