"""The data of the letters the municipality writes as first-hand tenant and sublessor (the
12:39 notice to the landlord, the notice of termination, the 12:44 notice after a rent debt),
the waiver agreement to sign before the rent tribunal's approval, and the Bostad först welcome.
"""

from __future__ import annotations

from sqlalchemy import select

from bobudget.kernel.errors import ValidationError
from bobudget.kernel.formatting import format_date
from bobudget.kernel.identity import display_canonical
from bobudget.kernel.money import format_amount
from bobudget.kernel.months import add_months, first_of_month
from bobudget.letters.facts import (
    Built,
    Context,
    Value,
    dwelling_where,
    home_lines,
    kind_in_text,
    month_prose,
    pick_contract,
    prose,
    reference_of,
)
from bobudget.model import Contract, RentArrear
from bobudget.model.vocab import ContractKind
from bobudget.placement.letter_parts import dwelling_values, lease_dwelling, lease_landlord
from bobudget.placement.rules import notice_end_date, rent_debt_recovery_deadline

SUBLET = (ContractKind.SOCIAL, ContractKind.TRANSITIONAL)
NO_SUBLET = "Personen har inget aktivt socialt eller bostadssocialt kontrakt."
# The rent debts a 12:44 notice lists: those of the last six months.
ARREARS_MONTHS = 6


def _sublet(ctx: Context) -> Contract:
    return pick_contract(ctx, SUBLET, NO_SUBLET, open_only=True)


def _service(ctx: Context, contract: Contract) -> dict[str, Value]:
    """The day of service, and the dwelling as the recipient knows it: for a protected person
    the day their contract began, never the object number (it contains the flat's number) nor
    the program's own row number (printed nowhere else, it told the tenant nothing)."""
    dwelling = lease_dwelling(contract)
    if ctx.protected and not ctx.to_landlord:
        known_as = f"kontrakt från den {prose(contract.start_date)}"
    else:
        known_as = dwelling.object_number or dwelling_where(ctx, dwelling)
    return {"delgivningsdatum": prose(ctx.today), "objekt": known_as}


def sublet_notice(ctx: Context) -> Built:
    """12:39: the landlord is told at once that the municipality has sublet the flat."""
    contract = _sublet(ctx)
    dwelling = lease_dwelling(contract)
    landlord = lease_landlord(dwelling)
    values = _service(ctx, contract) | {
        "hyresvärd": landlord.name,
        "hyresvärd_kontakt": landlord.contact_name,
        "objektnummer": dwelling.object_number,
        "bostadens_adress": dwelling_where(ctx, dwelling),
        "kommunens_kontraktsnummer": contract.municipality_lease_reference,
        "startdatum": prose(contract.start_date),
        "skyddade_uppgifter": ctx.protected,
    }
    return Built(values, contract.id, "", landlord)


def lease_termination(ctx: Context) -> Built:
    """The municipality as sublessor gives notice: in writing, with the reason (12:8)."""
    contract = _sublet(ctx)
    if not contract.end_reason.strip():
        raise ValidationError(
            "Kontraktet saknar skäl till uppsägningen. Skriv skälet på kontraktet innan "
            "uppsägningen skrivs ut: en uppsägning från hyresvärden ska ange skälet."
        )
    last_day = notice_end_date(ctx.today)
    if contract.end_date is not None and contract.end_date > last_day:
        last_day = contract.end_date
    values = _service(ctx, contract) | {
        "personnummer": display_canonical(ctx.person.identity),
        "kontraktstyp": kind_in_text(contract.kind),
        "bostadens_adress": dwelling_where(ctx, lease_dwelling(contract)),
        "startdatum": prose(contract.start_date),
        "flyttdag": prose(last_day),
        "skäl": contract.end_reason.strip(),
        "besittningsskydd": not contract.tenure_waiver_approved,
    }
    return Built(values, contract.id, reference_of(contract), None, home_lines(contract))


def rent_arrears_notice(ctx: Context) -> Built:
    """12:44: the tenant keeps the lease by paying within three weeks of being served."""
    contract = _sublet(ctx)
    since = add_months(first_of_month(ctx.today), -ARREARS_MONTHS)
    arrears = ctx.session.scalars(
        select(RentArrear)
        .where(RentArrear.contract_id == contract.id, RentArrear.month >= since)
        .order_by(RentArrear.month)
    ).all()
    if not arrears:
        raise ValidationError(
            "Kontraktet har ingen registrerad hyresskuld de senaste sex månaderna. Registrera "
            "hyresskulden (Uppföljning → Hyresskulder) innan meddelandet skrivs ut."
        )
    values = _service(ctx, contract) | {
        "personnummer": display_canonical(ctx.person.identity),
        "bostadens_adress": dwelling_where(ctx, lease_dwelling(contract)),
        "hyresskulder": tuple((month_prose(a.month), format_amount(a.amount_ore)) for a in arrears),
        "summa_skuld": format_amount(sum(a.amount_ore for a in arrears)),
        "tre_veckor": prose(rent_debt_recovery_deadline(ctx.today)),
    }
    return Built(values, contract.id, reference_of(contract), None, home_lines(contract))


def tenure_waiver_agreement(ctx: Context) -> Built:
    """12:45 a: the waiver signed before the rent tribunal approves it, with the application."""
    if ctx.request.subject_id is not None:
        contract = _sublet(ctx)
    else:
        # The person's latest open sublet whose waiver the rent tribunal has not yet approved.
        contract = ctx.session.scalars(
            select(Contract)
            .where(
                Contract.person_id == ctx.person.id,
                Contract.kind.in_(SUBLET),
                (Contract.end_date.is_(None)) | (Contract.end_date >= ctx.today),
                Contract.tenure_waiver_approved.is_(False),
            )
            .order_by(Contract.start_date.desc(), Contract.id.desc())
            .limit(1)
        ).first() or _sublet(ctx)
    if contract.tenure_waiver_approved:
        raise ValidationError(
            "Hyresnämnden har redan godkänt avståendet för kontraktet "
            f"({format_date(contract.tenure_waiver_date) or 'datum saknas'}). Skriv ut "
            "handlingen Avstående från besittningsskydd i stället."
        )
    values = dwelling_values(ctx, contract) | {
        "personnummer": display_canonical(ctx.person.identity),
        "kontraktstyp": kind_in_text(contract.kind),
        "kommunens_kontraktsnummer": contract.municipality_lease_reference,
        "besittningsskydd_från_start": bool(
            contract.dwelling
            and contract.dwelling.landlord
            and contract.dwelling.landlord.municipality_rents_three
        ),
    }
    if ctx.protected:
        # The object number contains the flat's number: it would locate the home.
        values["objektnummer"] = ""
    return Built(values, contract.id, reference_of(contract), None, home_lines(contract))


def housing_first_welcome(ctx: Context) -> Built:
    contract = pick_contract(
        ctx,
        (ContractKind.HOUSING_FIRST,),
        "Personen har inget aktivt kontrakt i Bostad först.",
        open_only=True,
    )
    home = dwelling_values(ctx, contract)
    landlord = lease_landlord(lease_dwelling(contract))
    values: dict[str, Value] = {
        "bostadens_adress": home["bostadens_adress"],
        "hyresvärd": landlord.name,
        "hyresvärd_kontakt": landlord.contact_name,
        "hyra": home["hyra"],
        "startdatum": prose(contract.start_date),
    }
    return Built(values, contract.id, reference_of(contract), None, home_lines(contract))
