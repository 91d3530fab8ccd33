"""Assembling a letter's data from the database: values for the template, recipient, log facts."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping

from sqlalchemy.orm import Session

from bobudget.follow_up import follow_up_letters
from bobudget.follow_up import letters as meeting_letters
from bobudget.funds import agreement_letters
from bobudget.funds import letters as funds_letters
from bobudget.kernel.config import Settings
from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.kernel.identity import display_canonical
from bobudget.letters.facts import (
    Built,
    Context,
    LetterData,
    LetterRequest,
    Value,
    postal_lines,
    prose,
)
from bobudget.letters.kinds import TEMPORARY_KINDS, Recipient, get_kind
from bobudget.letters.parts import appeal_text
from bobudget.letters.staleness import stale_reason
from bobudget.model import Landlord, Person
from bobudget.placement import client_letters, sublessor_letters, temporary_letters
from bobudget.placement import letters as housing_letters

BUILDERS: dict[str, Callable[[Context], Built]] = {
    "social_contract": housing_letters.social_contract,
    "transitional_contract": housing_letters.transitional_contract,
    "housing_first_rent_guarantee": housing_letters.housing_first_rent_guarantee,
    "temporary_placement": temporary_letters.temporary_placement,
    "temporary_renewal": temporary_letters.temporary_renewal,
    "temporary_end": temporary_letters.temporary_end,
    "startup_meeting": meeting_letters.startup_meeting,
    "multiparty_meeting_tenant": meeting_letters.multiparty_meeting_tenant,
    "multiparty_meeting_landlord": meeting_letters.multiparty_meeting_landlord,
    "tenure_waiver": housing_letters.tenure_waiver,
    "decision_not_executed": housing_letters.decision_not_executed,
    "managed_funds_statement": funds_letters.managed_funds_statement,
    "managed_funds_budget": funds_letters.managed_funds_budget,
    "housing_plan": housing_letters.housing_plan,
    "temporary_refusal": temporary_letters.temporary_refusal,
    "takeover_decision": housing_letters.takeover_decision,
    "takeover_24_months": housing_letters.takeover_24_months,
    # The letters added in issue 10.
    "offer": client_letters.offer,
    "temporary_reminder": client_letters.temporary_reminder,
    "follow_up_meeting": follow_up_letters.follow_up_meeting,
    "sublet_notice": sublessor_letters.sublet_notice,
    "lease_termination": sublessor_letters.lease_termination,
    "rent_arrears_notice": sublessor_letters.rent_arrears_notice,
    "tenure_waiver_agreement": sublessor_letters.tenure_waiver_agreement,
    "managed_funds_agreement": agreement_letters.managed_funds_agreement,
    "managed_funds_payer": agreement_letters.managed_funds_payer,
    "housing_first_welcome": sublessor_letters.housing_first_welcome,
}


def assemble(
    session: Session,
    request: LetterRequest,
    settings: Settings,
    *,
    today: dt.date,
    officer: str,
    officer_phone: str = "",
    officer_email: str = "",
) -> LetterData:
    """The data of one letter, or a Swedish NotFoundError/ValidationError saying what is missing."""
    kind = get_kind(request.kind)
    person = session.get(Person, request.person_id)
    if person is None:
        raise NotFoundError("Personen finns inte längre i databasen.")
    to_landlord = kind.recipient is Recipient.LANDLORD
    ctx = Context(session, request, person, settings, today, to_landlord)
    built = BUILDERS[kind.id](ctx)
    # LETTERS.md: the social-services case number goes to the client only, never to a
    # landlord or a payer, whatever a builder found.
    reference = built.reference if kind.recipient is Recipient.PERSON else ""
    letterhead = settings.letterhead
    values: dict[str, Value] = {
        "kommun": letterhead.municipality,
        "förvaltning": letterhead.administration,
        "enhet": letterhead.unit,
        "enhetens_adress": letterhead.address_line,
        "enhetens_telefon": letterhead.phone,
        "enhetens_epost": letterhead.email,
        "datum": prose(today),
        "diarienummer": reference,
        "handläggare": officer,
        "handläggarens_telefon": officer_phone,
        "handläggarens_epost": officer_email,
        "namn": person.full_name,
        "förnamn": person.first_name,
        "efternamn": person.last_name,
        **built.values,
    }
    values |= _shared_values(kind.id, kind.placeholders, values, settings)
    if set(values) != set(kind.placeholders):
        # The registry is the contract between templates and data: a mismatch is a bug here.
        raise RuntimeError(
            f"letter data for {kind.id} does not match its placeholders: "
            f"{sorted(set(values) ^ set(kind.placeholders))}"
        )
    if kind.recipient is Recipient.LANDLORD:
        assert built.landlord is not None
        recipient, note = landlord_block(built.landlord), ""
    elif kind.recipient is Recipient.PAYER:
        assert built.payer_address
        recipient, note = built.payer_address, ""
    else:
        recipient, note = person_block(person, settings, built.fallback_address)
    return LetterData(
        kind=kind,
        request=request,
        contract_id=built.contract_id,
        recipient=recipient,
        envelope_note=note,
        protected=person.protected_identity and kind.recipient is Recipient.PERSON,
        reference=reference,
        officer=officer,
        date=today,
        values=values,
        officer_phone=officer_phone,
        officer_email=officer_email,
        stale=stale_reason(built.event, today),
    )


def _shared_values(
    kind_id: str, wanted: Mapping[str, object], values: Mapping[str, Value], settings: Settings
) -> dict[str, Value]:
    """What several kinds print the same way: socialjouren's number, the appeal instruction."""
    shared: dict[str, Value] = {}
    if "socialjouren" in wanted:
        phone = settings.letterhead.emergency_phone.strip()
        if not phone:
            raise ValidationError(
                "Socialjourens telefonnummer saknas i inställningarna, och brevet ska tala om "
                "vart personen kan vända sig på kvällar och helger. Fyll i det under "
                "Administration → Enhetens inställningar."
            )
        shared["socialjouren"] = phone
    if "överklagande" in wanted:
        texts = {name: value for name, value in values.items() if isinstance(value, str)}
        temporary = kind_id in TEMPORARY_KINDS
        shared["överklagande"] = appeal_text(settings, texts, temporary_housing=temporary)
    return shared


def address_lines(text: str) -> tuple[str, ...]:
    """An address kept in one field: one line per row, or parts separated by commas."""
    rows = [r.strip() for r in text.splitlines() if r.strip()]
    if len(rows) == 1:
        rows = [r.strip() for r in re.split(r",\s*", rows[0]) if r.strip()]
    return tuple(rows)


def person_block(
    person: Person, settings: Settings, fallback: tuple[str, ...]
) -> tuple[tuple[str, ...], str]:
    """The address block, and the inner-envelope note for protected personal data.

    A protected person's mail goes through Skatteverket's forwarding service: the outer
    envelope to the agency's address, the inner marked with name and personnummer. Their own
    address is never read here.
    """
    if person.protected_identity:
        forwarding = address_lines(settings.letterhead.forwarding_address)
        if not forwarding:
            raise ValidationError(
                "Personen har skyddade personuppgifter och brevet ska skickas via Skatteverkets "
                "förmedling, men Skatteverkets vidarebefordringsadress saknas i inställningarna. "
                "Fyll i den under Administration → Enhetens inställningar."
            )
        note = (
            f"Innerkuvert: {person.full_name}, {display_canonical(person.identity)} "
            "(skyddade personuppgifter – förmedlas av Skatteverket)"
        )
        return forwarding, note
    lines = postal_lines(person.address, person.postal_code, person.city) or fallback
    if not lines:
        raise ValidationError(
            f"{person.full_name} saknar adress. Fyll i adressen på personkortet innan brevet "
            "skrivs ut."
        )
    return (person.full_name, *lines), ""


def landlord_block(landlord: Landlord) -> tuple[str, ...]:
    lines = address_lines(landlord.address)
    if not lines:
        raise ValidationError(
            f"Hyresvärden {landlord.name} saknar adress. Fyll i hyresvärdens postadress innan "
            "brevet skrivs ut."
        )
    contact = (f"Att: {landlord.contact_name}",) if landlord.contact_name.strip() else ()
    return (landlord.name, *contact, *lines)
