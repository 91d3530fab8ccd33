"""The data of the invitations: uppstartsmöte, and flerpartssamtal to tenant and landlord."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bobudget.follow_up.multiparty import consent_of
from bobudget.follow_up.rules import TWO_DEBTS_MONTHS, consent_stops_letter
from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.kernel.money import format_amount
from bobudget.kernel.months import add_months, first_of_month
from bobudget.letters import staleness
from bobudget.letters.facts import (
    Built,
    Context,
    Value,
    contract_where,
    home_lines,
    month_prose,
    participant_list,
    prose,
    reference_of,
)
from bobudget.model import Contract, Landlord, MultipartyMeeting, RentArrear, StartupMeeting
from bobudget.model.vocab import ContractKind

NO_TIME = "har ingen bokad dag. Fyll i dag, tid och plats för mötet innan kallelsen skrivs ut."


def _meeting_values(
    meeting_date: dt.date | None, time: str, place: str, participants: str, to: str = ""
) -> dict[str, Value]:
    """`to`: the client's name in a letter to the client (the list then says "Du")."""
    return {
        "mötesdatum": prose(meeting_date),
        "mötestid": time.strip(),
        "mötesplats": place.strip(),
        "deltagare": participant_list(participants, to=to),
    }


def startup_meeting(ctx: Context) -> Built:
    stmt = (
        select(StartupMeeting)
        .join(Contract, Contract.id == StartupMeeting.contract_id)
        .where(Contract.person_id == ctx.person.id)
    )
    if ctx.request.subject_id is not None:
        stmt = stmt.where(StartupMeeting.id == ctx.request.subject_id)
    else:
        stmt = stmt.where(StartupMeeting.closed.is_(False))
    meeting = ctx.session.scalars(
        stmt.order_by(StartupMeeting.due_date.desc(), StartupMeeting.id.desc()).limit(1)
    ).first()
    if meeting is None:
        raise NotFoundError("Personen har inget uppstartsmöte att kalla till.")
    if meeting.meeting_date is None:
        raise ValidationError(f"Uppstartsmötet {NO_TIME}")
    contract = meeting.contract
    values = _meeting_values(
        meeting.meeting_date,
        meeting.meeting_time,
        meeting.place,
        meeting.participants,
        to=ctx.person.full_name,
    )
    values |= {
        "kontraktstyp": ContractKind(contract.kind).label,
        "bostadens_adress": contract_where(ctx, contract),
        "ämnen": tuple(item.text for item in meeting.items),
    }
    built = Built(values, contract.id, reference_of(contract), None, home_lines(contract))
    built.event = staleness.meeting(meeting.meeting_date)
    return built


def _multiparty(ctx: Context) -> MultipartyMeeting:
    stmt = select(MultipartyMeeting).where(MultipartyMeeting.person_id == ctx.person.id)
    if ctx.request.subject_id is not None:
        stmt = stmt.where(MultipartyMeeting.id == ctx.request.subject_id)
    meeting = ctx.session.scalars(
        stmt.order_by(MultipartyMeeting.due_date.desc(), MultipartyMeeting.id.desc()).limit(1)
    ).first()
    if meeting is None:
        raise NotFoundError("Personen har inget flerpartssamtal att kalla till.")
    if meeting.meeting_date is None:
        raise ValidationError(f"Flerpartssamtalet {NO_TIME}")
    return meeting


def _landlord_of(contract: Contract | None) -> Landlord | None:
    if contract is None or contract.dwelling is None:
        return None
    return contract.dwelling.landlord


def multiparty_meeting_tenant(ctx: Context) -> Built:
    meeting = _multiparty(ctx)
    contract = ctx.session.get(Contract, meeting.contract_id) if meeting.contract_id else None
    landlord = _landlord_of(contract)
    assert meeting.meeting_date is not None
    # The debts behind the meeting: those of the six months before it (DOMAIN.md's rule).
    since = add_months(first_of_month(meeting.meeting_date), -TWO_DEBTS_MONTHS)
    arrears_stmt = select(RentArrear).where(
        RentArrear.person_id == ctx.person.id, RentArrear.month >= since
    )
    if contract is not None:
        arrears_stmt = arrears_stmt.where(RentArrear.contract_id == contract.id)
    arrears = ctx.session.scalars(arrears_stmt.order_by(RentArrear.month)).all()
    values = _meeting_values(
        meeting.meeting_date,
        meeting.meeting_time,
        meeting.place,
        meeting.participants,
        to=ctx.person.full_name,
    )
    values |= {
        "hyresvärd": landlord.name if landlord else "",
        "bostadens_adress": contract_where(ctx, contract) if contract else "",
        "hyresskulder": tuple((month_prose(a.month), format_amount(a.amount_ore)) for a in arrears),
    }
    return Built(
        values,
        contract.id if contract else None,
        reference_of(contract) if contract else "",
        None,
        home_lines(contract) if contract else (),
        event=staleness.meeting(meeting.meeting_date),
    )


def multiparty_meeting_landlord(ctx: Context) -> Built:
    """Only the meeting, the dwelling, and what the tenant consented to share.

    Social-services secrecy: nothing else about the tenant is even read here, so no template
    can print it.
    """
    meeting = _multiparty(ctx)
    # Only a consent that is recorded, not withdrawn and not past its last day lets anything
    # through; the rule says which of them stops the letter.
    stopped = consent_stops_letter(consent_of(meeting), ctx.today)
    if stopped is not None:
        raise ValidationError(stopped)
    contract = ctx.session.get(Contract, meeting.contract_id) if meeting.contract_id else None
    landlord = _landlord_of(contract)
    if contract is None or landlord is None:
        raise ValidationError(
            "Flerpartssamtalet är inte kopplat till ett kontrakt med en hyresvärd. Koppla "
            "mötet till kontraktet (och bostaden till hyresvärden) innan kallelsen skrivs ut."
        )
    dwelling = contract.dwelling
    # Only the participants the tenant agreed may be named to the landlord.
    values = _meeting_values(
        meeting.meeting_date, meeting.meeting_time, meeting.place, meeting.consented_participants
    )
    values |= {
        "hyresvärd": landlord.name,
        "hyresvärd_kontakt": landlord.contact_name,
        "objektnummer": dwelling.object_number if dwelling else "",
        "bostadens_adress": contract_where(ctx, contract),
        "samtycke": meeting.consent_to_share.strip(),
    }
    # The letter goes to the landlord, and carries no reference to the social-services case.
    return Built(values, contract.id, "", landlord, event=staleness.meeting(meeting.meeting_date))
