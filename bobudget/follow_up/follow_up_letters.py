"""The data of the invitation to a follow-up meeting (uppföljningsmöte)."""

from __future__ import annotations

from sqlalchemy import select

from bobudget.kernel.errors import NotFoundError
from bobudget.letters.facts import (
    Built,
    Context,
    Value,
    contract_where,
    home_lines,
    kind_in_text,
    participant_list,
    prose,
    reference_of,
)
from bobudget.letters.staleness import LetterEvent
from bobudget.model import Contract, FollowUp


def follow_up_meeting(ctx: Context) -> Built:
    """The follow-up the request names, or the person's next one not yet held."""
    stmt = select(FollowUp).join(Contract).where(Contract.person_id == ctx.person.id)
    if ctx.request.subject_id is not None:
        stmt = stmt.where(FollowUp.id == ctx.request.subject_id)
    else:
        stmt = stmt.where(FollowUp.held_date.is_(None))
    follow_up = ctx.session.scalars(stmt.order_by(FollowUp.due_date, FollowUp.id)).first()
    if follow_up is None:
        raise NotFoundError("Personen har inget uppföljningsmöte att bjuda in till.")
    contract = follow_up.contract
    values: dict[str, Value] = {
        "mötesdatum": prose(follow_up.due_date),
        "kontraktstyp": kind_in_text(contract.kind),
        "bostadens_adress": contract_where(ctx, contract),
        "deltagare": participant_list(follow_up.participants, to=ctx.person.full_name),
    }
    # An invitation is late only once the meeting was held; one past its due day is overdue,
    # and the invitation is what it needs.
    event = LetterEvent(follow_up.held_date, "mötet hölls {dag}") if follow_up.held_date else None
    return Built(
        values, contract.id, reference_of(contract), None, home_lines(contract), event=event
    )
