"""The data of the housing letters: the three leases, the waiver, the boplan, the takeover
decisions and the report of a decision not executed (temporary housing: temporary_letters.py;
its reminder and the offer: client_letters.py)."""

from __future__ import annotations

from sqlalchemy import select

from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.kernel.formatting import format_date
from bobudget.kernel.money import format_amount
from bobudget.letters import staleness
from bobudget.letters.facts import (
    Built,
    Context,
    Value,
    contract_where,
    dwelling_where,
    home_lines,
    household_names,
    pick_contract,
    prose,
    reference_of,
)
from bobudget.model import (
    Contract,
    Decision,
    HouseholdMember,
    HousingPlan,
)
from bobudget.model.vocab import (
    ContractKind,
    DecisionKind,
    DecisionStatus,
    OfferAnswer,
    TakeoverOutcome,
)
from bobudget.persons.households import member_names, members_on
from bobudget.placement.letter_parts import (
    decision_values,
    dwelling_values,
    identity_value,
    lease_dwelling,
    lease_landlord,
)
from bobudget.placement.rules import is_reportable, three_months_date
from bobudget.placement.takeover_rules import takeover_flag_date, takeover_review_date


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
        "personnummer": identity_value(ctx),
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
    values = dwelling_values(ctx, contract)
    values |= {
        "personnummer": identity_value(ctx),
        "avtalstid": (
            f"från och med den {prose(contract.start_date)} till och med den "
            f"{prose(contract.end_date)}"
            if contract.end_date
            else f"från och med den {prose(contract.start_date)} och tills vidare"
        ),
        "besittningsskydd_från_start": lease_landlord(
            lease_dwelling(contract)
        ).municipality_rents_three,
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
    values = dwelling_values(ctx, contract)
    landlord = lease_landlord(lease_dwelling(contract))
    ceiling = contract.guarantee_ceiling_ore
    values |= {
        "personnummer": identity_value(ctx),
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
    values = dwelling_values(ctx, contract)
    values |= {
        "personnummer": identity_value(ctx),
        "kontraktstyp": ContractKind(contract.kind).label,
        "kommunens_kontraktsnummer": contract.municipality_lease_reference,
        "avstående_datum": prose(contract.tenure_waiver_date),
        "besittningsskydd_från_start": lease_landlord(
            lease_dwelling(contract)
        ).municipality_rents_three,
    }
    return Built(values, contract.id, reference_of(contract), None, home_lines(contract))


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
    decision = decision_values(
        reviewed,
        contract.takeover_decided_by,
        contract.takeover_decision_reference,
        "övertagandet",
        "Kontrakt → Övertagandeprövning…",
    )
    dwelling = lease_dwelling(contract)
    values: dict[str, Value] = decision | {
        "personnummer": identity_value(ctx),
        "bostadens_adress": dwelling_where(ctx, dwelling),
        "hyresvärd": lease_landlord(dwelling).name,
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
        "personnummer": identity_value(ctx),
        "beslutsdatum": prose(decision.decision_date),
        "beslutsfattare": decision.decided_by,
        "beslutande_enhet": decision.unit,
        "tre_månader": prose(three_months_date(decision.decision_date)),
        "dagar_i_kö": str((ctx.today - decision.decision_date).days),
        "skäl_till_dröjsmål": decision.delay_reason.strip(),
        "erbjudanden": offers,
    }
    return Built(values, None, decision.reference)
