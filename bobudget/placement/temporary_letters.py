"""The data of the temporary-housing letters: the placement, its renewal, its end, a refusal.

Never a lease's words (JO 416-2016): a placement is not a tenancy (letters/kinds.py)."""

from __future__ import annotations

from sqlalchemy import select

from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.kernel.money import format_amount
from bobudget.kernel.periods import last_day
from bobudget.letters import staleness
from bobudget.letters.facts import (
    Built,
    Context,
    Value,
    home_lines,
    pick_contract,
    place_where,
    prose,
    reference_of,
)
from bobudget.model import (
    Contract,
    ContractPeriod,
)
from bobudget.model.vocab import (
    ContractKind,
    CostUnit,
    PeriodOutcome,
    PlaceKind,
)
from bobudget.placement.letter_parts import decision_values, identity_value


def placement_values(ctx: Context, contract: Contract) -> dict[str, Value]:
    place = contract.temporary_place
    if place is None:
        raise ValidationError(
            "Placeringen saknar plats. Fyll i platsen (vandrarhem, hotell, lägenhet eller "
            "härbärge) innan brevet skrivs ut."
        )
    decision = contract.decision
    return {
        "personnummer": identity_value(ctx),
        "plats": ctx.withheld if ctx.protected else place.name,
        "platsens_typ": PlaceKind(place.kind).label,
        "platsens_adress": place_where(ctx, place),
        "beslutsdatum": prose(decision.decision_date) if decision else "",
        "skyddade_uppgifter": ctx.protected,
    }


def _client_fee(contract: Contract) -> str:
    """The fee the decision sets for the client, or "": never the place's price, which is what
    the place costs the committee (a monthly payment for a flat could also make it a lease).
    """
    fee, unit = contract.client_fee_ore, contract.client_fee_unit
    if fee is None:
        return ""
    return f"{format_amount(fee)} {CostUnit(unit).label if unit else ''}".strip()


def periods_of(contract: Contract) -> list[ContractPeriod]:
    if not contract.periods:
        raise ValidationError(
            "Placeringen saknar period. Registrera perioden (från och till) innan brevet skrivs ut."
        )
    return list(contract.periods)


def temporary_placement(ctx: Context) -> Built:
    contract = pick_contract(
        ctx,
        (ContractKind.TEMPORARY,),
        "Personen har inget aktivt tillfälligt boende.",
        open_only=True,
    )
    first = periods_of(contract)[0]
    place = contract.temporary_place
    values = placement_values(ctx, contract) | {
        "period_från": prose(first.start_date),
        "period_till": prose(max(first.start_date, last_day(first.end_date))),
        "egenavgift": _client_fee(contract),
        "regler": place.rules.strip() if place else "",
    }
    built = Built(values, contract.id, reference_of(contract), None, home_lines(contract))
    built.event = staleness.period_end(first.end_date)
    return built


def temporary_renewal(ctx: Context) -> Built:
    contract = pick_contract(
        ctx,
        (ContractKind.TEMPORARY,),
        "Personen har inget aktivt tillfälligt boende.",
        open_only=True,
    )
    periods = periods_of(contract)
    last = periods[-1]
    # A renewal follows a period of the same placement that was renewed (a move to another
    # place carries its period over, but is no renewal).
    if len(periods) < 2 or periods[-2].outcome != PeriodOutcome.RENEWED:
        raise ValidationError(
            "Placeringen har inte förlängts. Registrera förlängningen (den nya perioden och "
            "bedömningen) innan förlängningsbrevet skrivs ut."
        )
    if not last.assessment.strip():
        raise ValidationError(
            "Förlängningen saknar bedömning. Skriv in bedömningen som gjordes inför "
            "förlängningen innan brevet skrivs ut."
        )
    decision = decision_values(
        last.decision_date,
        last.decided_by,
        last.decision_reference,
        "förlängningen",
        "Tillfälligt boende → placeringen → Beslut…",
    )
    values = (
        placement_values(ctx, contract)
        | decision
        | {
            "period_från": prose(last.start_date),
            "period_till": prose(max(last.start_date, last_day(last.end_date))),
            "bedömning": last.assessment.strip(),
            "egenavgift": _client_fee(contract),
        }
    )
    built = Built(values, contract.id, last.decision_reference.strip(), None, home_lines(contract))
    built.event = staleness.period_end(last.end_date)
    return built


def _ended_placement(ctx: Context) -> Contract:
    """The placement that ends (or has ended): the request's, or the latest with an end."""
    if ctx.request.subject_id is not None:
        contract = pick_contract(
            ctx, (ContractKind.TEMPORARY,), "Placeringen finns inte.", open_only=False
        )
    else:
        latest = ctx.session.scalars(
            select(Contract)
            .where(
                Contract.person_id == ctx.person.id,
                Contract.kind == ContractKind.TEMPORARY,
                Contract.end_date.is_not(None),
            )
            .order_by(Contract.end_date.desc(), Contract.id.desc())
            .limit(1)
        ).first()
        if latest is None:
            raise NotFoundError(
                "Personen har inget tillfälligt boende med ett registrerat slutdatum. "
                "Registrera när och varför boendet upphör innan brevet skrivs ut."
            )
        contract = latest
    if contract.end_date is None:
        raise ValidationError(
            "Placeringen har inget slutdatum. Registrera när och varför det tillfälliga "
            "boendet upphör innan brevet skrivs ut."
        )
    return contract


def _end_values(ctx: Context, contract: Contract) -> dict[str, Value]:
    assert contract.end_date is not None
    decision = decision_values(
        contract.end_decision_date,
        contract.end_decided_by,
        contract.end_decision_reference,
        "att det tillfälliga boendet upphör",
        "Tillfälligt boende → placeringen → Beslut…",
    )
    return (
        placement_values(ctx, contract)
        | decision
        | {
            "slutdatum": prose(contract.end_date),
            "skäl": contract.end_reason.strip(),
        }
    )


def temporary_end(ctx: Context) -> Built:
    contract = _ended_placement(ctx)
    assert contract.end_date is not None  # _ended_placement refuses a placement without one
    values = _end_values(ctx, contract)
    reference = contract.end_decision_reference.strip()
    built = Built(values, contract.id, reference, None, home_lines(contract))
    built.event = staleness.LetterEvent(contract.end_date, "boendet upphörde {dag}")
    return built


def temporary_refusal(ctx: Context) -> Built:
    """The decision not to renew: the placement ended when its last period ran out."""
    contract = _ended_placement(ctx)
    last = periods_of(contract)[-1]
    if contract.end_date != last.end_date:
        raise ValidationError(
            "Placeringen upphörde innan perioden tog slut, och det är inget beslut om att inte "
            "förlänga. Skriv ut brevet om att boendet upphör i stället."
        )
    if not contract.end_reason.strip():
        raise ValidationError(
            "Skälet till att boendet inte förlängs saknas. Ett beslut som går personen emot "
            "ska ange skälen: skriv skälet på placeringens avslut."
        )
    values = _end_values(ctx, contract) | {
        "period_till": prose(max(last.start_date, last_day(last.end_date))),
    }
    reference = contract.end_decision_reference.strip()
    built = Built(values, contract.id, reference, None, home_lines(contract))
    built.event = staleness.LetterEvent(contract.end_date, "boendet upphörde {dag}")
    return built
