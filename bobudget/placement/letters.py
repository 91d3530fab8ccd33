"""The data of the housing letters: the three leases, the waiver, temporary housing, the queue."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.kernel.formatting import format_date
from bobudget.kernel.identity import display_canonical
from bobudget.kernel.money import format_amount
from bobudget.kernel.periods import last_day
from bobudget.letters import staleness
from bobudget.letters.facts import (
    Built,
    Context,
    Value,
    area_text,
    contract_where,
    dwelling_where,
    home_lines,
    household_names,
    pick_contract,
    place_where,
    prose,
    reference_of,
)
from bobudget.model import (
    Contract,
    ContractPeriod,
    Decision,
    Dwelling,
    HouseholdMember,
    HousingPlan,
    Landlord,
)
from bobudget.model.vocab import (
    ContractKind,
    CostUnit,
    DecisionKind,
    DecisionStatus,
    OfferAnswer,
    PeriodOutcome,
    PlaceKind,
    TakeoverOutcome,
)
from bobudget.persons.households import member_names, members_on
from bobudget.placement.rules import is_reportable, three_months_date
from bobudget.placement.takeover_rules import takeover_flag_date, takeover_review_date


def _identity(ctx: Context) -> str:
    return display_canonical(ctx.person.identity)


def _dwelling(contract: Contract) -> Dwelling:
    if contract.dwelling is None:
        raise ValidationError(
            "Kontraktet saknar bostad. Koppla bostaden till kontraktet innan brevet skrivs ut."
        )
    return contract.dwelling


def _landlord(dwelling: Dwelling) -> Landlord:
    if dwelling.landlord is None:
        raise ValidationError(
            f"Bostaden (objektnummer {dwelling.object_number or 'saknas'}) har ingen hyresvärd. "
            "Fyll i hyresvärden på bostaden innan brevet skrivs ut."
        )
    return dwelling.landlord


def _dwelling_values(ctx: Context, contract: Contract) -> dict[str, Value]:
    dwelling = _dwelling(contract)
    rent = contract.monthly_rent_ore if contract.monthly_rent_ore is not None else dwelling.rent_ore
    if rent is None:
        raise ValidationError(
            "Kontraktet saknar månadshyra. Fyll i hyran på kontraktet innan brevet skrivs ut."
        )
    return {
        "bostadens_adress": dwelling_where(ctx, dwelling),
        # An object number holds the flat's number: it locates a protected person's home.
        "objektnummer": (
            ctx.withheld if ctx.protected and not ctx.to_landlord else dwelling.object_number
        ),
        "rum": str(dwelling.rooms) if dwelling.rooms is not None else "",
        "yta": area_text(dwelling.area_m2),
        "hyresvärd": _landlord(dwelling).name,
        "hyra": format_amount(rent),
        "startdatum": prose(contract.start_date),
    }


def housing_plan(ctx: Context) -> Built:
    """The boplan of the person's lease, as its own document (never inside the contract)."""
    kinds = (ContractKind.SOCIAL, ContractKind.TRANSITIONAL, ContractKind.HOUSING_FIRST)
    missing = "Personen har inget aktivt kontrakt med en boplan."
    if ctx.request.subject_id is not None:
        contract = pick_contract(ctx, kinds, missing, open_only=True)
    else:
        # The person's latest running lease that has a plan (a newer one may have none yet).
        planned = ctx.session.scalars(
            select(Contract)
            .join(HousingPlan, HousingPlan.contract_id == Contract.id)
            .where(
                Contract.person_id == ctx.person.id,
                Contract.kind.in_(kinds),
                (Contract.end_date.is_(None)) | (Contract.end_date >= ctx.today),
            )
            .order_by(Contract.start_date.desc(), Contract.id.desc())
            .limit(1)
        ).first()
        if planned is None:
            raise NotFoundError(missing)
        contract = planned
    plan = ctx.session.scalar(select(HousingPlan).where(HousingPlan.contract_id == contract.id))
    texts = {
        "boplan_mål": plan.goals if plan else "",
        "boplan_aktiviteter": plan.activities if plan else "",
        "boplan_ansvar": plan.responsibilities if plan else "",
        "boplan_stöd": plan.support if plan else "",
        "boplan_delaktighet": plan.participation if plan else "",
        "boplan_uppföljning": plan.follow_up_plan if plan else "",
    }
    values: dict[str, Value] = {k: v.strip() for k, v in texts.items()}
    if not any(values.values()):
        raise NotFoundError(
            "Kontraktet har ingen boplan. Skriv boplanen på kontraktet (Kontrakt → Boplan…) "
            "innan den skrivs ut."
        )
    values |= {
        "personnummer": _identity(ctx),
        "kontraktstyp": ContractKind(contract.kind).label,
        "bostadens_adress": contract_where(ctx, contract),
        "boplan_antagen": prose(plan.adopted_date) if plan else "",
    }
    return Built(values, contract.id, reference_of(contract), None, home_lines(contract))


def _household(ctx: Context, contract: Contract) -> str:
    """De som bor i lägenheten: the household's members living there from the start (or today,
    for a contract already running), the tenant first."""
    if contract.household_id is None:
        return household_names(ctx.session, contract)
    day = max(contract.start_date, ctx.today)
    members = [m for m in members_on(ctx.session, contract.household_id, day) if m.current]
    return member_names(members, prose) or contract.person.full_name


def _lease(ctx: Context, contract: Contract) -> Built:
    values = _dwelling_values(ctx, contract)
    values |= {
        "personnummer": _identity(ctx),
        "avtalstid": (
            f"från och med den {prose(contract.start_date)} till och med den "
            f"{prose(contract.end_date)}"
            if contract.end_date
            else f"från och med den {prose(contract.start_date)} och tills vidare"
        ),
        "besittningsskydd_från_start": _landlord(_dwelling(contract)).municipality_rents_three,
        "kommunens_kontraktsnummer": contract.municipality_lease_reference,
        "hushåll": _household(ctx, contract),
        "avstående_godkänt": contract.tenure_waiver_approved,
        "avstående_datum": prose(contract.tenure_waiver_date),
    }
    return Built(values, contract.id, reference_of(contract), None, home_lines(contract))


def social_contract(ctx: Context) -> Built:
    missing = "Personen har inget aktivt socialt kontrakt."
    return _lease(ctx, pick_contract(ctx, (ContractKind.SOCIAL,), missing, open_only=True))


def transitional_contract(ctx: Context) -> Built:
    missing = "Personen har inget aktivt bostadssocialt kontrakt."
    contract = pick_contract(ctx, (ContractKind.TRANSITIONAL,), missing, open_only=True)
    built = _lease(ctx, contract)
    built.values["prövningsdatum"] = prose(takeover_review_date(contract.start_date))
    return built


def housing_first_rent_guarantee(ctx: Context) -> Built:
    contract = pick_contract(
        ctx,
        (ContractKind.HOUSING_FIRST,),
        "Personen har inget aktivt kontrakt i Bostad först.",
        open_only=True,
    )
    values = _dwelling_values(ctx, contract)
    landlord = _landlord(_dwelling(contract))
    ceiling = contract.guarantee_ceiling_ore
    values |= {
        "personnummer": _identity(ctx),
        "hyresvärd_kontakt": landlord.contact_name,
        "garantibelopp": format_amount(ceiling) if ceiling is not None else "",
        "garanti_till": prose(contract.guarantee_end_date),
        "garanti_skador": contract.guarantee_covers_damages,
    }
    # To the landlord: no social-services case number (app.letter_data drops it centrally too).
    built = Built(values, contract.id, "", landlord)
    if contract.guarantee_end_date is not None:
        built.event = staleness.LetterEvent(contract.guarantee_end_date, "garantin gick ut {dag}")
    return built


def tenure_waiver(ctx: Context) -> Built:
    contract = pick_contract(
        ctx,
        (ContractKind.SOCIAL, ContractKind.TRANSITIONAL),
        "Personen har inget aktivt socialt eller bostadssocialt kontrakt.",
        open_only=True,
    )
    if not contract.tenure_waiver_approved:
        raise ValidationError(
            "Kontraktet har inget avstående från besittningsskydd som hyresnämnden har "
            "godkänt. Avståendet skrivs ut som egen handling först när hyresnämnden har "
            "godkänt det (12 kap. 45 a § jordabalken): registrera godkännandet på kontraktet."
        )
    values = _dwelling_values(ctx, contract)
    values |= {
        "personnummer": _identity(ctx),
        "kontraktstyp": ContractKind(contract.kind).label,
        "kommunens_kontraktsnummer": contract.municipality_lease_reference,
        "avstående_datum": prose(contract.tenure_waiver_date),
        "besittningsskydd_från_start": _landlord(_dwelling(contract)).municipality_rents_three,
    }
    return Built(values, contract.id, reference_of(contract), None, home_lines(contract))


def _placement(ctx: Context, contract: Contract) -> dict[str, Value]:
    place = contract.temporary_place
    if place is None:
        raise ValidationError(
            "Placeringen saknar plats. Fyll i platsen (vandrarhem, hotell, lägenhet eller "
            "härbärge) innan brevet skrivs ut."
        )
    decision = contract.decision
    return {
        "personnummer": _identity(ctx),
        "plats": ctx.withheld if ctx.protected else place.name,
        "platsens_typ": PlaceKind(place.kind).label,
        "platsens_adress": place_where(ctx, place),
        "beslutsdatum": prose(decision.decision_date) if decision else "",
    }


def _client_fee(contract: Contract) -> str:
    """The fee the decision sets for the client, or "": never the place's price, which is what
    the place costs the committee (a monthly payment for a flat could also make it a lease).
    """
    fee, unit = contract.client_fee_ore, contract.client_fee_unit
    if fee is None:
        return ""
    return f"{format_amount(fee)} {CostUnit(unit).label if unit else ''}".strip()


def _decision_values(
    decided: dt.date | None, decided_by: str, reference: str, what: str, where: str
) -> dict[str, Value]:
    """The decision a letter communicates; refused with what to fill in when any part is missing.

    A decision letter names its decision: the person needs the date and the diarienummer to
    appeal, and the decision-maker is whom the appeal is about (förvaltningslagen 33 §).
    """
    missing = [
        label
        for label, value in (
            ("beslutsdatum", decided),
            ("beslutsfattare", decided_by.strip()),
            ("diarienummer", reference.strip()),
        )
        if not value
    ]
    if missing:
        raise ValidationError(
            f"Beslutet om {what} saknar {_and(missing)}. Ett beslutsbrev ska ange beslutet: "
            f"fyll i uppgifterna ({where}) innan brevet skrivs ut."
        )
    return {
        "beslutets_datum": prose(decided),
        "beslutsfattare": decided_by.strip(),
        "beslutets_diarienummer": reference.strip(),
    }


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} och {words[-1]}"


def _periods(contract: Contract) -> list[ContractPeriod]:
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
    first = _periods(contract)[0]
    place = contract.temporary_place
    values = _placement(ctx, contract) | {
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
    periods = _periods(contract)
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
    decision = _decision_values(
        last.decision_date,
        last.decided_by,
        last.decision_reference,
        "förlängningen",
        "Tillfälligt boende → placeringen → Beslut…",
    )
    values = (
        _placement(ctx, contract)
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
    decision = _decision_values(
        contract.end_decision_date,
        contract.end_decided_by,
        contract.end_decision_reference,
        "att det tillfälliga boendet upphör",
        "Tillfälligt boende → placeringen → Beslut…",
    )
    return (
        _placement(ctx, contract)
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
    last = _periods(contract)[-1]
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


def _takeover(ctx: Context, *, after_two_years: bool) -> Built:
    contract = pick_contract(
        ctx,
        (ContractKind.TRANSITIONAL,),
        "Personen har inget bostadssocialt kontrakt.",
        open_only=False,
    )
    reviewed = contract.takeover_reviewed_date
    outcome = contract.takeover_outcome
    if reviewed is None or not outcome:
        raise NotFoundError(
            "Övertagandeprövningen och dess beslut är inte registrerade. Registrera prövningen "
            "och vad den ledde till (Kontrakt → Övertagandeprövning…) innan brevet skrivs ut."
        )
    two_years = takeover_flag_date(contract.start_date)
    if after_two_years != (reviewed >= two_years):
        raise ValidationError(
            f"Prövningen gjordes {format_date(reviewed)}, "
            + (
                f"före tvåårsdagen {format_date(two_years)}: skriv ut beslutet efter "
                "övertagandeprövningen i stället."
                if after_two_years
                else f"efter tvåårsdagen {format_date(two_years)}: skriv ut beslutet efter två "
                "år i stället."
            )
        )
    decision = _decision_values(
        reviewed,
        contract.takeover_decided_by,
        contract.takeover_decision_reference,
        "övertagandet",
        "Kontrakt → Övertagandeprövning…",
    )
    dwelling = _dwelling(contract)
    values: dict[str, Value] = decision | {
        "personnummer": _identity(ctx),
        "bostadens_adress": dwelling_where(ctx, dwelling),
        "hyresvärd": _landlord(dwelling).name,
        "startdatum": prose(contract.start_date),
        "prövningsdatum": prose(reviewed),
        "tjugofyra_månader": prose(two_years),
        "bedömning": contract.takeover_review_note.strip(),
        "övertas": outcome == TakeoverOutcome.TAKEN_OVER,
        "förlängs": outcome == TakeoverOutcome.EXTENDED,
        "övertas_inte": outcome == TakeoverOutcome.NOT_TAKEN_OVER,
        "övertagandedatum": prose(contract.takeover_date),
    }
    reference = contract.takeover_decision_reference.strip()
    return Built(values, contract.id, reference, None, home_lines(contract))


def takeover_decision(ctx: Context) -> Built:
    return _takeover(ctx, after_two_years=False)


def takeover_24_months(ctx: Context) -> Built:
    return _takeover(ctx, after_two_years=True)


def decision_not_executed(ctx: Context) -> Built:
    missing = "Personen har inget beslut om bostad som har väntat i mer än tre månader."
    household_ids = select(HouseholdMember.household_id).where(
        HouseholdMember.person_id == ctx.person.id
    )
    stmt = select(Decision).where(
        Decision.household_id.in_(household_ids),
        Decision.kind == DecisionKind.HOUSING,
        Decision.status == DecisionStatus.WAITING,
    )
    if ctx.request.subject_id is not None:
        stmt = stmt.where(Decision.id == ctx.request.subject_id)
    waiting = ctx.session.scalars(stmt.order_by(Decision.decision_date, Decision.id)).all()
    overdue = [d for d in waiting if is_reportable(d.decision_date, None, ctx.today)]
    if not overdue:
        raise NotFoundError(missing)
    decision = overdue[0]
    offers = tuple(
        (
            format_date(o.offered_date),
            dwelling_where(ctx, o.dwelling) or "bostad utan adress",
            OfferAnswer(o.answer).label
            + (f": {o.decline_reason.strip()}" if o.decline_reason.strip() else ""),
        )
        for o in decision.offers
    )
    values: dict[str, Value] = {
        "personnummer": _identity(ctx),
        "beslutsdatum": prose(decision.decision_date),
        "beslutsfattare": decision.decided_by,
        "beslutande_enhet": decision.unit,
        "tre_månader": prose(three_months_date(decision.decision_date)),
        "dagar_i_kö": str((ctx.today - decision.decision_date).days),
        "skäl_till_dröjsmål": decision.delay_reason.strip(),
        "erbjudanden": offers,
    }
    return Built(values, None, decision.reference)
