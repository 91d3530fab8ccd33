"""Trouble with a tenancy: rent debts, disturbance reports and notices of risk of eviction.

Registering a rent debt applies the rule "two rent debts within six months → flerpartssamtal"
(bobudget.follow_up.rules) in the same unit of work: the due meeting is created with the debt,
or neither is. An eviction notice opens the prevention checklist (contacts made, egna medel
considered, boendestöd considered) and stays open, highlighted, until it is closed.
The flerpartssamtal itself is handled in follow_up/multiparty.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bobudget.db.engine import Database
from bobudget.db.responsible import check_responsible, default_responsible
from bobudget.db.uow import UnitOfWork
from bobudget.follow_up.common import (
    CONTRACT_GONE,
    check_not_before_contract,
    person_contracts,
    require_person,
)
from bobudget.follow_up.overview import ArrearView, NoticeView, arrear_view, notice_view
from bobudget.follow_up.rules import (
    LEASE_KINDS,
    DebtRecord,
    latest_rent_month_in_arrears,
    multiparty_meeting_called_for,
    multiparty_meeting_due_date,
)
from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.kernel.formatting import SWEDISH_MONTHS
from bobudget.kernel.months import first_of_month, last_of_month
from bobudget.model import (
    Contract,
    Disturbance,
    EvictionNotice,
    MultipartyMeeting,
    RentArrear,
)
from bobudget.model.vocab import NoticeSender
from bobudget.placement.common import fetch_for_edit, require_not_future, require_text

__all__ = [
    "ArrearRegistered",
    "DisturbanceInput",
    "EvictionNoticeInput",
    "RentArrearInput",
    "close_eviction_notice",
    "month_label",
    "register_disturbance",
    "register_eviction_notice",
    "register_rent_arrear",
    "update_prevention",
    "update_rent_arrear",
]

ARREAR_GONE = "Hyresskulden finns inte längre i databasen. Läs in sidan på nytt."
NOTICE_GONE = "Underrättelsen finns inte längre i databasen. Läs in sidan på nytt."


def get_rent_arrear(db: Database, arrear_id: int) -> ArrearView:
    """One rent debt as it is saved now."""
    with db.sessions() as session:
        row = session.get(RentArrear, arrear_id)
        if row is None:
            raise NotFoundError(ARREAR_GONE)
        return arrear_view(row)


def get_eviction_notice(db: Database, notice_id: int) -> NoticeView:
    """One notice of risk of eviction as it is saved now."""
    with db.sessions() as session:
        row = session.get(EvictionNotice, notice_id)
        if row is None:
            raise NotFoundError(NOTICE_GONE)
        return notice_view(row)


def month_label(month: dt.date) -> str:
    """november 2026."""
    return f"{SWEDISH_MONTHS[month.month - 1]} {month.year}"


def _contract_for(
    session: Session,
    person_id: int,
    contract_id: int | None,
    first_day: dt.date,
    last_day: dt.date,
    what: str,
) -> Contract:
    """The contract the trouble concerns: the one given, else the person's that ran in the days."""
    if contract_id is not None:
        contract = session.get(Contract, contract_id)
        if contract is None:
            raise NotFoundError(CONTRACT_GONE)
        return contract
    running = [
        c
        for c in person_contracts(session, person_id)
        if c.start_date <= last_day and (c.end_date is None or c.end_date >= first_day)
    ]
    # A lease before a temporary placement: rent is owed on a lease; the latest lease first.
    running.sort(key=lambda c: (c.kind in LEASE_KINDS, c.start_date, c.id))
    if not running:
        when = (
            first_day.isoformat()
            if first_day == last_day
            else f"{first_day.isoformat()}–{last_day.isoformat()}"
        )
        raise ValidationError(
            f"Personen har inget kontrakt {when}. {what} registreras på ett kontrakt: "
            "registrera kontraktet först, eller kontrollera datumet."
        )
    return running[-1]


# --- rent debts --------------------------------------------------------------------------------


@dataclass
class RentArrearInput:
    person_id: int
    month: dt.date  # any day in the month the unpaid rent is for
    amount_ore: int
    registered_date: dt.date
    note: str = ""
    contract_id: int | None = None


@dataclass(frozen=True)
class ArrearRegistered:
    """The debt registered, and the flerpartssamtal it made due (None when it made none)."""

    arrear_id: int
    multiparty_meeting_id: int | None
    multiparty_due: dt.date | None


def _check_amount(amount_ore: int) -> None:
    if amount_ore <= 0:
        raise ValidationError(
            "Skuldens belopp måste vara större än noll. En betalning eller avskrivning "
            "registreras inte som en negativ skuld: ändra beloppet på skulden i stället."
        )


def register_rent_arrear(
    db: Database, data: RentArrearInput, user: str | None = None, today: dt.date | None = None
) -> ArrearRegistered:
    """Register a month's unpaid rent on the person's contract; apply the two-debts rule.

    Refused, with nothing saved, for a zero or negative amount, a registration in the future,
    a month the contract did not run, a month already registered, or a person with no contract.
    """
    today = today or dt.date.today()
    month = first_of_month(data.month)
    _check_amount(data.amount_ore)
    require_not_future(data.registered_date, today, "Registreringsdagen")
    if month > latest_rent_month_in_arrears(data.registered_date):
        raise ValidationError(
            f"Hyran för {month_label(month)} kan inte vara obetald {data.registered_date}: "
            "den har inte förfallit ännu. Kontrollera månaden."
        )
    with UnitOfWork(db, user) as uow:
        s = uow.session
        require_person(s, data.person_id)
        month_end = last_of_month(month)
        contract = _contract_for(
            s, data.person_id, data.contract_id, month, month_end, "Hyresskulden"
        )
        if contract.start_date > month_end:
            raise ValidationError(
                f"Kontraktet började {contract.start_date.isoformat()}, efter {month_label(month)}"
                ": ingen hyra för den månaden kan vara obetald på det. Kontrollera månaden."
            )
        earlier = s.scalars(select(RentArrear).where(RentArrear.person_id == data.person_id)).all()
        if any(a.month == month and a.contract_id == contract.id for a in earlier):
            raise ValidationError(
                f"Det finns redan en hyresskuld för {month_label(month)} på kontraktet. Ändra "
                "den i stället för att registrera en till."
            )
        arrear = RentArrear(
            contract_id=contract.id,
            person_id=data.person_id,
            month=month,
            amount_ore=data.amount_ore,
            registered_date=data.registered_date,
            note=data.note.strip(),
        )
        s.add(arrear)
        meeting = _multiparty_if_called_for(s, arrear, earlier, uow.user)
        s.flush()
        uow.audit("create", "rent_arrear", arrear.id)
        if meeting is not None:
            uow.audit("create", "multiparty_meeting", meeting.id, detail="two rent debts")
        uow.commit()
        return ArrearRegistered(
            arrear.id,
            meeting.id if meeting is not None else None,
            meeting.due_date if meeting is not None else None,
        )


def _multiparty_if_called_for(
    s: Session, arrear: RentArrear, earlier: Sequence[RentArrear], user: str
) -> MultipartyMeeting | None:
    meetings = s.scalars(
        select(MultipartyMeeting).where(MultipartyMeeting.person_id == arrear.person_id)
    ).all()
    # One already waiting to be held covers this debt too: no second invitation.
    if any(not m.agreed for m in meetings):
        return None
    held = [m.meeting_date for m in meetings if m.meeting_date is not None]
    new = DebtRecord(arrear.month, arrear.registered_date)
    if not multiparty_meeting_called_for(
        new, [DebtRecord(a.month, a.registered_date) for a in earlier], held
    ):
        return None
    meeting = MultipartyMeeting(
        person_id=arrear.person_id,
        contract_id=arrear.contract_id,
        due_date=multiparty_meeting_due_date(arrear.registered_date),
        responsible=default_responsible(s, user),
    )
    s.add(meeting)
    return meeting


def update_rent_arrear(
    db: Database,
    arrear_id: int,
    expected_version: int,
    amount_ore: int,
    note: str,
    user: str | None = None,
) -> int:
    """Correct a debt's amount (e.g. part paid) or note; the month and contract stay."""
    _check_amount(amount_ore)
    with UnitOfWork(db, user) as uow:
        row = fetch_for_edit(uow.session, RentArrear, arrear_id, expected_version, ARREAR_GONE)
        row.amount_ore = amount_ore
        row.note = note.strip()
        uow.audit("update", "rent_arrear", row.id)
        uow.commit()
        return row.version


# --- disturbances ------------------------------------------------------------------------------


@dataclass
class DisturbanceInput:
    person_id: int
    reported_date: dt.date
    description: str
    contract_id: int | None = None


def register_disturbance(
    db: Database, data: DisturbanceInput, user: str | None = None, today: dt.date | None = None
) -> int:
    """Register a landlord's disturbance report on the contract the person had that day."""
    today = today or dt.date.today()
    description = require_text(data.description, "Skriv vad störningsanmälan gäller.")
    require_not_future(data.reported_date, today, "Anmälningsdagen")
    with UnitOfWork(db, user) as uow:
        s = uow.session
        require_person(s, data.person_id)
        contract = _contract_for(
            s,
            data.person_id,
            data.contract_id,
            data.reported_date,
            data.reported_date,
            "Störningsanmälan",
        )
        check_not_before_contract(data.reported_date, contract, "Anmälningsdagen")
        row = Disturbance(
            contract_id=contract.id,
            person_id=data.person_id,
            reported_date=data.reported_date,
            description=description,
        )
        s.add(row)
        s.flush()
        uow.audit("create", "disturbance", row.id)
        uow.commit()
        return row.id


# --- eviction notices and the prevention checklist ---------------------------------------------


@dataclass
class EvictionNoticeInput:
    person_id: int
    received_date: dt.date
    sender: NoticeSender
    case_number: str = ""
    note: str = ""
    contract_id: int | None = None
    responsible: str = ""


def register_eviction_notice(
    db: Database, data: EvictionNoticeInput, user: str | None = None, today: dt.date | None = None
) -> int:
    """Register an underrättelse om risk för avhysning; its prevention checklist opens with it.

    A notice may concern a lease of the person's own (Kronofogden, or a landlord's message under
    12:44 jordabalken), so it does not need one of the unit's contracts.
    """
    today = today or dt.date.today()
    if data.sender not in NoticeSender.labels():
        raise ValidationError("Välj vem underrättelsen kommer från: hyresvärden eller Kronofogden.")
    require_not_future(data.received_date, today, "Dagen underrättelsen kom")
    with UnitOfWork(db, user) as uow:
        s = uow.session
        require_person(s, data.person_id)
        contract_id = data.contract_id
        if contract_id is not None and s.get(Contract, contract_id) is None:
            raise NotFoundError(CONTRACT_GONE)
        row = EvictionNotice(
            person_id=data.person_id,
            contract_id=contract_id,
            received_date=data.received_date,
            sender=data.sender,
            case_number=data.case_number.strip(),
            note=data.note.strip(),
            responsible=check_responsible(s, data.responsible) or default_responsible(s, uow.user),
        )
        s.add(row)
        s.flush()
        uow.audit("create", "eviction_notice", row.id)
        uow.commit()
        return row.id


def update_prevention(
    db: Database,
    notice_id: int,
    expected_version: int,
    *,
    contacts_made: bool,
    managed_funds_considered: bool,
    housing_support_considered: bool,
    note: str,
    user: str | None = None,
) -> int:
    """Tick the prevention checklist of an open notice and keep its notes."""
    with UnitOfWork(db, user) as uow:
        row = fetch_for_edit(uow.session, EvictionNotice, notice_id, expected_version, NOTICE_GONE)
        if row.closed_date is not None:
            raise ValidationError(
                f"Underrättelsen avslutades {row.closed_date.isoformat()} och kan inte ändras."
            )
        row.contacts_made = contacts_made
        row.managed_funds_considered = managed_funds_considered
        row.housing_support_considered = housing_support_considered
        row.note = note.strip()
        uow.audit("update", "eviction_notice", row.id)
        uow.commit()
        return row.version


def close_eviction_notice(
    db: Database,
    notice_id: int,
    expected_version: int,
    closed_date: dt.date,
    user: str | None = None,
    today: dt.date | None = None,
) -> int:
    """Close a notice once the prevention checklist is done; it then leaves Att göra."""
    today = today or dt.date.today()
    require_not_future(closed_date, today, "Avslutsdagen")
    with UnitOfWork(db, user) as uow:
        row = fetch_for_edit(uow.session, EvictionNotice, notice_id, expected_version, NOTICE_GONE)
        if row.closed_date is not None:
            raise ValidationError("Underrättelsen är redan avslutad.")
        if closed_date < row.received_date:
            raise ValidationError(
                f"Avslutsdagen {closed_date.isoformat()} ligger före dagen underrättelsen kom "
                f"({row.received_date.isoformat()})."
            )
        missing = [
            text
            for text, done in (
                ("kontakter tagna", row.contacts_made),
                ("egna medel övervägt", row.managed_funds_considered),
                ("boendestöd övervägt", row.housing_support_considered),
            )
            if not done
        ]
        if missing:
            raise ValidationError(
                f"Det förebyggande arbetet är inte klart: {', '.join(missing)}. Bocka av det "
                "som är gjort innan underrättelsen avslutas."
            )
        row.closed_date = closed_date
        uow.audit("close", "eviction_notice", row.id)
        uow.commit()
        return row.version
