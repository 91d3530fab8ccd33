"""Flerpartssamtal: the meeting of the unit, the tenant and the landlord, and the tenant's consent.

The meeting falls due by the two-debts rule (follow_up/trouble.py creates it). Social-services
secrecy: the landlord's invitation says nothing about the tenant beyond the meeting itself,
unless the tenant has consented; the consent is recorded here, with when, and shown before
the landlord's letter is printed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bobudget.db.engine import Database
from bobudget.db.responsible import check_responsible, default_responsible
from bobudget.db.uow import UnitOfWork
from bobudget.follow_up.common import check_not_before_contract, check_time
from bobudget.follow_up.rules import (
    ConsentFacts,
    consent_problems,
    consent_stops_letter,
    held_date_problem,
    week_urgency,
    withdrawal_problems,
)
from bobudget.kernel.errors import FieldError, NotFoundError, ValidationError
from bobudget.kernel.formatting import format_date
from bobudget.kernel.urgency import Urgency
from bobudget.model import Contract, MultipartyMeeting
from bobudget.model.base import utc_now
from bobudget.model.vocab import ConsentForm
from bobudget.placement.common import fetch_for_edit, require_text

__all__ = [
    "MultipartyBooking",
    "MultipartyView",
    "book_multiparty_meeting",
    "consent_of",
    "get_multiparty_meeting",
    "multiparty_meetings_of_person",
    "record_consent",
    "record_multiparty_meeting",
    "withdraw_consent",
]

MEETING_GONE = "Flerpartssamtalet finns inte längre i databasen. Läs in sidan på nytt."
NO_CONSENT_TEXT = (
    "Hyresgästen har inte samtyckt till att något om hyresgästens situation berättas för "
    "hyresvärden. Kallelsen till hyresvärden säger bara att ett möte hålls."
)


@dataclass(frozen=True)
class MultipartyView:
    id: int
    version: int
    person_id: int
    contract_id: int | None
    due_date: dt.date
    meeting_date: dt.date | None
    meeting_time: str
    place: str
    participants: str
    agreed: str
    consent_to_share: str
    consent_recorded_at: dt.datetime | None
    responsible: str
    # Who the tenant agreed may be named to the landlord, one a line ("" = none of them).
    consented_participants: str = ""
    consent_form: str = ""  # a ConsentForm, "" on a consent recorded before it was asked
    consent_given_on: dt.date | None = None
    consent_valid_until: dt.date | None = None
    consent_withdrawn_on: dt.date | None = None
    consent_withdrawal_form: str = ""

    @property
    def held(self) -> bool:
        """Recorded as held: what was agreed is written down."""
        return bool(self.agreed)

    @property
    def consent_recorded(self) -> bool:
        return self.consent_recorded_at is not None

    @property
    def consent_facts(self) -> ConsentFacts:
        given = self.consent_given_on
        if given is None and self.consent_recorded_at is not None:
            given = self.consent_recorded_at.date()  # recorded before the day was asked
        return ConsentFacts(
            self.consent_recorded, given, self.consent_valid_until, self.consent_withdrawn_on
        )

    def consent_stops_letter(self, today: dt.date) -> str | None:
        """Why the landlord's invitation is not printed on `today`; None while consent holds."""
        return consent_stops_letter(self.consent_facts, today)

    @property
    def consent_particulars(self) -> str:
        """How, when and until when it was given, and its withdrawal: "Muntligt 2026-11-20,
        gäller till 2027-02-20. Återkallat skriftligt 2026-12-01."."""
        if not self.consent_recorded:
            return ""
        facts = self.consent_facts
        how = ConsentForm(self.consent_form).label if self.consent_form else "Samtycke"
        text = f"{how} {format_date(facts.given_on)}".strip()
        until = self.consent_valid_until
        text += f", gäller till {format_date(until)}." if until else ", gäller tills vidare."
        if self.consent_withdrawn_on is not None:
            withdrawal = self.consent_withdrawal_form
            by = f" {ConsentForm(withdrawal).label.lower()}" if withdrawal else ""
            text += f" Återkallat{by} {format_date(self.consent_withdrawn_on)}."
        return text

    @property
    def consent_text(self) -> str:
        """What the landlord may be told, in words to show before printing their letter."""
        if not self.consent_recorded:
            return "Inget samtycke är registrerat. " + NO_CONSENT_TEXT
        if self.consent_withdrawn_on is not None:
            return (
                f"Samtycket återkallades {format_date(self.consent_withdrawn_on)}. "
                + NO_CONSENT_TEXT
            )
        if not self.consent_to_share:
            return NO_CONSENT_TEXT
        return f"Hyresgästen har samtyckt till att hyresvärden får veta: {self.consent_to_share}"

    @property
    def action_date(self) -> dt.date:
        """The day to act on: the booked day, or the day it should be offered by."""
        return self.meeting_date or self.due_date

    def urgency(self, today: dt.date) -> Urgency | None:
        return None if self.held else week_urgency(self.action_date, today)


def _view(m: MultipartyMeeting) -> MultipartyView:
    return MultipartyView(
        id=m.id,
        version=m.version,
        person_id=m.person_id,
        contract_id=m.contract_id,
        due_date=m.due_date,
        meeting_date=m.meeting_date,
        meeting_time=m.meeting_time,
        place=m.place,
        participants=m.participants,
        agreed=m.agreed,
        consent_to_share=m.consent_to_share,
        consent_recorded_at=m.consent_recorded_at,
        responsible=m.responsible or "",
        consented_participants=m.consented_participants,
        consent_form=m.consent_form,
        consent_given_on=m.consent_given_on,
        consent_valid_until=m.consent_valid_until,
        consent_withdrawn_on=m.consent_withdrawn_on,
        consent_withdrawal_form=m.consent_withdrawal_form,
    )


def consent_of(row: MultipartyMeeting) -> ConsentFacts:
    """The meeting's consent as the rules read it (the landlord's letter asks it)."""
    return _view(row).consent_facts


def get_multiparty_meeting(db: Database, meeting_id: int) -> MultipartyView:
    with db.sessions() as session:
        row = session.get(MultipartyMeeting, meeting_id)
        if row is None:
            raise NotFoundError(MEETING_GONE)
        return _view(row)


def multiparty_meetings_of_person(db: Database, person_id: int) -> list[MultipartyView]:
    """The person's flerpartssamtal, the latest due first."""
    with db.sessions() as session:
        rows = session.scalars(
            select(MultipartyMeeting)
            .where(MultipartyMeeting.person_id == person_id)
            .order_by(MultipartyMeeting.due_date.desc(), MultipartyMeeting.id.desc())
        ).all()
        return [_view(r) for r in rows]


@dataclass
class MultipartyBooking:
    meeting_date: dt.date
    meeting_time: str = ""
    place: str = ""
    participants: str = ""
    responsible: str = ""


def _not_held(row: MultipartyMeeting) -> None:
    if row.agreed:
        raise ValidationError(
            "Flerpartssamtalet är redan hållet och registrerat. Ändra det som registrerades "
            "med 'Registrera mötet…'."
        )


def _check_day(session: Session, row: MultipartyMeeting, day: dt.date) -> None:
    contract = session.get(Contract, row.contract_id) if row.contract_id is not None else None
    if contract is not None:
        check_not_before_contract(day, contract, "Mötesdagen")


def book_multiparty_meeting(
    db: Database,
    meeting_id: int,
    expected_version: int,
    data: MultipartyBooking,
    user: str | None = None,
) -> int:
    """Book the meeting's day, time, place and those invited, for the invitations."""
    time = check_time(data.meeting_time)
    with UnitOfWork(db, user) as uow:
        row = fetch_for_edit(
            uow.session, MultipartyMeeting, meeting_id, expected_version, MEETING_GONE
        )
        _not_held(row)
        _check_day(uow.session, row, data.meeting_date)
        row.meeting_date = data.meeting_date
        row.meeting_time = time
        row.place = data.place.strip()
        row.participants = data.participants.strip()
        row.responsible = (
            check_responsible(uow.session, data.responsible, keep=row.responsible)
            or row.responsible
        )
        uow.audit("book", "multiparty_meeting", row.id)
        uow.commit()
        return row.version


def record_consent(
    db: Database,
    meeting_id: int,
    expected_version: int,
    consent_to_share: str,
    user: str | None = None,
    now: dt.datetime | None = None,
    participants: str | None = None,
    *,
    form: ConsentForm | str = "",
    given_on: dt.date | None = None,
    valid_until: dt.date | None = None,
    today: dt.date | None = None,
) -> int:
    """Record what the tenant consented may be told to the landlord ("" = nothing), how it
    was given (in writing, orally), from which day and until which day (None: until
    withdrawn); `participants`: who of those at the meeting may be named to the landlord
    (None: as was). A new consent replaces a withdrawn one."""
    today = today or dt.date.today()
    problems = consent_problems(str(form), given_on, valid_until, today)
    if problems:
        raise ValidationError(field_errors=problems)
    with UnitOfWork(db, user) as uow:
        row = fetch_for_edit(
            uow.session, MultipartyMeeting, meeting_id, expected_version, MEETING_GONE
        )
        row.consent_to_share = consent_to_share.strip()
        if participants is not None:
            row.consented_participants = participants.strip()
        row.consent_recorded_at = now or utc_now()
        row.consent_form = ConsentForm(form)
        row.consent_given_on = given_on
        row.consent_valid_until = valid_until
        row.consent_withdrawn_on = None
        row.consent_withdrawal_form = ""
        uow.audit("consent", "multiparty_meeting", row.id)
        uow.commit()
        return row.version


def withdraw_consent(
    db: Database,
    meeting_id: int,
    expected_version: int,
    *,
    withdrawn_on: dt.date | None,
    form: ConsentForm | str,
    user: str | None = None,
    today: dt.date | None = None,
) -> int:
    """Record that the tenant withdrew the consent: the day and how. From that day the
    landlord is told nothing (their invitation is not printed)."""
    today = today or dt.date.today()
    with UnitOfWork(db, user) as uow:
        row = fetch_for_edit(
            uow.session, MultipartyMeeting, meeting_id, expected_version, MEETING_GONE
        )
        if row.consent_recorded_at is None:
            raise ValidationError(
                "Inget samtycke är registrerat, så det finns inget att återkalla."
            )
        if row.consent_withdrawn_on is not None:
            raise ValidationError(
                f"Samtycket är redan återkallat ({format_date(row.consent_withdrawn_on)})."
            )
        facts = _view(row).consent_facts
        problems = withdrawal_problems(str(form), withdrawn_on, facts, today)
        if problems:
            raise ValidationError(field_errors=problems)
        row.consent_withdrawn_on = withdrawn_on
        row.consent_withdrawal_form = ConsentForm(form)
        uow.audit("withdraw_consent", "multiparty_meeting", row.id)
        uow.commit()
        return row.version


def record_multiparty_meeting(
    db: Database,
    meeting_id: int,
    expected_version: int,
    *,
    meeting_date: dt.date,
    participants: str,
    agreed: str,
    user: str | None = None,
    today: dt.date | None = None,
) -> int:
    """Record the meeting as held: the day, who took part and what was agreed."""
    today = today or dt.date.today()
    who = require_text(participants, "Skriv vilka som deltog i flerpartssamtalet.")
    what = require_text(
        agreed, "Skriv vad som kom överens (eller att inget kom överens, och varför)."
    )
    future = held_date_problem(meeting_date, today)
    if future is not None:
        raise ValidationError(field_errors=[FieldError("Mötesdag", future)])
    with UnitOfWork(db, user) as uow:
        row = fetch_for_edit(
            uow.session, MultipartyMeeting, meeting_id, expected_version, MEETING_GONE
        )
        _check_day(uow.session, row, meeting_date)
        row.meeting_date = meeting_date
        row.participants = who
        row.agreed = what
        row.responsible = row.responsible or default_responsible(uow.session, uow.user)
        uow.audit("record", "multiparty_meeting", row.id)
        uow.commit()
        return row.version
