"""The data of two letters to the client about housing: the offer of a dwelling, and the
reminder before a temporary period ends."""

from __future__ import annotations

from sqlalchemy import select

from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.kernel.identity import display_canonical
from bobudget.kernel.money import format_amount
from bobudget.kernel.periods import last_day
from bobudget.letters.facts import (
    Built,
    Context,
    Value,
    area_text,
    dwelling_where,
    home_lines,
    pick_contract,
    prose,
    reference_of,
)
from bobudget.letters.staleness import LetterEvent, period_end
from bobudget.model import Decision, HouseholdMember, Offer
from bobudget.model.vocab import ContractKind, OfferAnswer, PeriodOutcome
from bobudget.placement.rules import client_call_by, offer_reply_by
from bobudget.placement.temporary_letters import periods_of, placement_values


def offer(ctx: Context) -> Built:
    """The offer the request names, or the household's offer still waiting for an answer."""
    households = select(HouseholdMember.household_id).where(
        HouseholdMember.person_id == ctx.person.id
    )
    stmt = select(Offer).join(Decision).where(Decision.household_id.in_(households))
    if ctx.request.subject_id is not None:
        stmt = stmt.where(Offer.id == ctx.request.subject_id)
    else:
        stmt = stmt.where(Offer.answer == OfferAnswer.PENDING)
    found = ctx.session.scalars(stmt.order_by(Offer.offered_date.desc(), Offer.id.desc())).first()
    if found is None:
        raise NotFoundError("Personen har inget erbjudande om bostad som väntar på svar.")
    dwelling = found.dwelling
    if dwelling is None:
        raise ValidationError(
            "Erbjudandet saknar bostad. Registrera erbjudandet med den bostad som erbjuds."
        )
    reply_by = found.reply_by or offer_reply_by(found.offered_date)
    values: dict[str, Value] = {
        "personnummer": display_canonical(ctx.person.identity),
        "skyddade_uppgifter": ctx.protected,
        "bostadens_adress": dwelling_where(ctx, dwelling),
        "rum": str(dwelling.rooms) if dwelling.rooms is not None else "",
        "yta": area_text(dwelling.area_m2),
        "hyra": format_amount(dwelling.rent_ore) if dwelling.rent_ore is not None else "",
        "hyresvärd": dwelling.landlord.name if dwelling.landlord else "",
        "erbjudandedatum": prose(found.offered_date),
        "svar_senast": prose(reply_by),
        "beslutsdatum": prose(found.decision.decision_date),
    }
    return Built(
        values,
        reference=found.decision.reference,
        event=LetterEvent(reply_by, "sista dagen att svara på erbjudandet var {dag}"),
    )


def temporary_reminder(ctx: Context) -> Built:
    """Before the period ends: its last day, the talk about going on, what to bring."""
    contract = pick_contract(
        ctx,
        (ContractKind.TEMPORARY,),
        "Personen har inget aktivt tillfälligt boende.",
        open_only=True,
    )
    last = periods_of(contract)[-1]
    if last.outcome != PeriodOutcome.PENDING:
        raise ValidationError(
            "Den senaste perioden har redan ett beslut (förlängd eller avslutad): påminnelsen "
            "skickas bara innan beslutet är fattat."
        )
    values = placement_values(ctx, contract) | {
        "period_från": prose(last.start_date),
        # The period's last day, as every letter shows it (kernel.periods.last_day).
        "period_till": prose(max(last.start_date, last_day(last.end_date))),
        # The client is asked to call a week before the period's last day, so that the talk
        # and the decision fit in the period (once: by its last day, too late for either).
        "samtal_senast": prose(client_call_by(last_day(last.end_date), ctx.today)),
    }
    built = Built(values, contract.id, reference_of(contract), None, home_lines(contract))
    built.event = period_end(last.end_date)
    return built
