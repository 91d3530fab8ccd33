"""What the housing letters share: the person's number, the lease's dwelling and landlord
(refused with what to fill in when missing), and the decision a letter communicates."""

from __future__ import annotations

import datetime as dt

from bobudget.kernel.errors import ValidationError
from bobudget.kernel.identity import display_canonical
from bobudget.kernel.money import format_amount
from bobudget.letters.facts import (
    Context,
    Value,
    area_text,
    dwelling_where,
    prose,
)
from bobudget.model import (
    Contract,
    Dwelling,
    Landlord,
)


def identity_value(ctx: Context) -> str:
    return display_canonical(ctx.person.identity)


def lease_dwelling(contract: Contract) -> Dwelling:
    if contract.dwelling is None:
        raise ValidationError(
            "Kontraktet saknar bostad. Koppla bostaden till kontraktet innan brevet skrivs ut."
        )
    return contract.dwelling


def lease_landlord(dwelling: Dwelling) -> Landlord:
    if dwelling.landlord is None:
        raise ValidationError(
            f"Bostaden (objektnummer {dwelling.object_number or 'saknas'}) har ingen hyresvärd. "
            "Fyll i hyresvärden på bostaden innan brevet skrivs ut."
        )
    return dwelling.landlord


def dwelling_values(ctx: Context, contract: Contract) -> dict[str, Value]:
    dwelling = lease_dwelling(contract)
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
        "hyresvärd": lease_landlord(dwelling).name,
        "hyra": format_amount(rent),
        "startdatum": prose(contract.start_date),
    }


def decision_values(
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
