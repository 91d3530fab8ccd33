"""The letter kinds: id, Swedish name, what the letter is about, and the placeholders it may use
(letters/placeholders.py describes each placeholder)."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

from bobudget.kernel.errors import NotFoundError
from bobudget.letters.placeholders import (
    APPEAL,
    COMMON,
    DECISION,
    DWELLING,
    EGENAVGIFT,
    EMERGENCY,
    FUNDS,
    HOUSING_PLAN,
    LEASE,
    MEETING,
    PERSONNUMMER,
    PLACE,
    PROTECTED_FLAG,
    Placeholder,
    flag,
    listing,
    table,
    text,
)


class Recipient(enum.Enum):
    """Who the letter is sent to; LETTERS.md's rules differ by recipient (RECIPIENT_MAY_SEE)."""

    PERSON = "person"  # the client the letter concerns (to them, or via Skatteverket)
    LANDLORD = "landlord"  # the landlord (fastighetsägaren) of the dwelling
    PAYER = "payer"  # who pays the client's income, e.g. Försäkringskassan

    @property
    def label(self) -> str:
        return {"person": "klienten", "landlord": "hyresvärden", "payer": "utbetalaren"}[self.value]


@dataclass(frozen=True)
class LetterKind:
    id: str
    name: str
    recipient: Recipient
    placeholders: Mapping[str, Placeholder] = field(default_factory=dict)

    @property
    def template_file(self) -> str:
        return f"{self.id}.txt"


def _kind(id: str, name: str, recipient: Recipient, *own: Placeholder) -> LetterKind:
    placeholders = {p.name: p for p in (*COMMON, *own)}
    return LetterKind(id, name, recipient, placeholders)


KINDS: dict[str, LetterKind] = {
    k.id: k
    for k in (
        _kind("social_contract", "Hyreskontrakt – socialt kontrakt", Recipient.PERSON, *LEASE),
        _kind(
            "transitional_contract",
            "Hyreskontrakt – bostadssocialt kontrakt",
            Recipient.PERSON,
            *LEASE,
            text("prövningsdatum", "när övertagandet prövas (start + 12 månader), i löptext"),
        ),
        _kind(
            "housing_first_rent_guarantee",
            "Hyresgaranti – Bostad först",
            Recipient.LANDLORD,
            *DWELLING,
            PERSONNUMMER,
            text("hyresvärd_kontakt", "kontaktperson hos hyresvärden"),
            text("garantibelopp", "garantins högsta belopp"),
            text("garanti_till", "sista dag garantin gäller, i löptext"),
            flag("garanti_skador", "garantin omfattar även skador enligt kommunens beslut"),
        ),
        _kind(
            "temporary_placement",
            "Tillfälligt boende – placering",
            Recipient.PERSON,
            *PLACE,
            text("period_från", "periodens första dag, i löptext"),
            text("period_till", "periodens sista dag, i löptext"),
            text("egenavgift", EGENAVGIFT),
            text("regler", "platsens regler"),
            APPEAL,  # the placement, its place or its fee can be appealed too
        ),
        _kind(
            "temporary_renewal",
            "Tillfälligt boende – förlängning",
            Recipient.PERSON,
            *PLACE,
            text("period_från", "den nya periodens första dag, i löptext"),
            text("period_till", "den nya periodens sista dag, i löptext"),
            text("bedömning", "bedömningen inför förlängningen"),
            text("egenavgift", EGENAVGIFT),
            *DECISION,
        ),
        _kind(
            "temporary_end",
            "Tillfälligt boende – avslut",
            Recipient.PERSON,
            *PLACE,
            text("slutdatum", "dagen då du ska ha lämnat platsen, i löptext"),
            text("skäl", "varför det tillfälliga boendet upphör"),
            *DECISION,
            EMERGENCY,
        ),
        _kind(
            "startup_meeting",
            "Kallelse till uppstartsmöte",
            Recipient.PERSON,
            *MEETING,
            text("kontraktstyp", "socialt kontrakt, bostadssocialt kontrakt …"),
            text("bostadens_adress", "bostadens adress (aldrig vid skyddade personuppgifter)"),
            listing("ämnen", "punkterna i uppstartsmötets checklista"),
        ),
        _kind(
            "multiparty_meeting_tenant",
            "Kallelse till flerpartssamtal – till hyresgästen",
            Recipient.PERSON,
            *MEETING,
            text("hyresvärd", "hyresvärdens namn"),
            text("bostadens_adress", "bostadens adress (aldrig vid skyddade personuppgifter)"),
            table("hyresskulder", "obetalda hyror: månad och belopp", 2, (1,)),
        ),
        # To the landlord: only the meeting and what the tenant consented to share. No debt,
        # disturbance or other fact about the tenant exists among these placeholders.
        _kind(
            "multiparty_meeting_landlord",
            "Kallelse till flerpartssamtal – till hyresvärden",
            Recipient.LANDLORD,
            *MEETING,
            text("hyresvärd", "hyresvärdens namn"),
            text("hyresvärd_kontakt", "kontaktperson hos hyresvärden"),
            text("objektnummer", "hyresvärdens objektnummer"),
            text("bostadens_adress", "bostadens adress (aldrig vid skyddade personuppgifter)"),
            text("samtycke", "det hyresgästen har samtyckt till att hyresvärden får veta"),
        ),
        _kind(
            "tenure_waiver",
            "Avstående från besittningsskydd",
            Recipient.PERSON,
            *DWELLING,
            PERSONNUMMER,
            # The document states the three flats as a fact only where they are one.
            flag(
                "besittningsskydd_från_start",
                "kommunen hyr minst tre lägenheter av fastighetsägaren för att hyra ut dem i"
                " andra hand (12 kap. 45 § andra stycket jordabalken)",
            ),
            text("kontraktstyp", "socialt eller bostadssocialt kontrakt"),
            text("kommunens_kontraktsnummer", "kommunens förstahandskontrakt"),
            text("avstående_datum", "dagen då hyresnämnden godkände avståendet, i löptext"),
        ),
        _kind(
            "decision_not_executed",
            "Beslut som inte verkställts inom tre månader",
            Recipient.PERSON,
            PERSONNUMMER,
            text("beslutsdatum", "beslutets datum, i löptext"),
            text("beslutsfattare", "vem som fattade beslutet"),
            text("beslutande_enhet", "enheten som fattade beslutet"),
            text("tre_månader", "dagen då tre månader hade gått, i löptext"),
            text("dagar_i_kö", "antal dagar sedan beslutet"),
            text("skäl_till_dröjsmål", "varför beslutet inte har kunnat verkställas"),
            table("erbjudanden", "erbjudna bostäder: datum, bostad, svar", 3, ()),
        ),
        _kind(
            "managed_funds_statement",
            "Kontoutdrag egna medel",
            Recipient.PERSON,
            *FUNDS,
            text("månad", "månaden utdraget gäller, t.ex. november 2026"),
            text("ingående_saldo", "saldo när månaden började"),
            text("utgående_saldo", "saldo när månaden slutade"),
            text("summa_in", "summan av insättningar under månaden"),
            text("summa_ut", "summan av uttag och betalningar under månaden"),
            table("transaktioner", "månadens poster: datum, text, belopp", 3, (2,)),
            text("nästa_månad", "månaden efter, t.ex. december 2026"),
            table("planerat", "vad som planeras nästa månad: datum, post, belopp", 3, (2,)),
        ),
        _kind(
            "managed_funds_budget",
            "Budget egna medel",
            Recipient.PERSON,
            *FUNDS,
            table("inkomster", "inkomster per månad: post, belopp", 2, (1,)),
            table("utgifter", "utgifter per månad: post, belopp", 2, (1,)),
            text("summa_inkomster", "summa inkomster per månad"),
            text("summa_utgifter", "summa utgifter per månad"),
            text("kvar", "det som blir kvar per månad"),
        ),
    )
}

TAKEOVER = (
    PERSONNUMMER,
    *DECISION,
    text("bostadens_adress", "bostadens adress (aldrig vid skyddade personuppgifter)"),
    text("hyresvärd", "fastighetsägarens namn"),
    text("startdatum", "kontraktets startdatum, i löptext"),
    text("prövningsdatum", "dagen då prövningen gjordes, i löptext"),
    text("tjugofyra_månader", "dagen då två år har gått sedan tillträdet, i löptext"),
    text("bedömning", "vad prövningen kom fram till"),
    flag("övertas", "beslutet: du får ta över kontraktet"),
    flag("förlängs", "beslutet: prövotiden förlängs"),
    flag("övertas_inte", "beslutet: du får inte ta över kontraktet"),
    text("övertagandedatum", "dagen då du tar över kontraktet, i löptext"),
)

KINDS.update(
    {
        k.id: k
        for k in (
            _kind("housing_plan", "Boplan", Recipient.PERSON, PERSONNUMMER, *HOUSING_PLAN),
            _kind(
                "temporary_refusal",
                "Tillfälligt boende – beslut om att inte förlänga",
                Recipient.PERSON,
                *PLACE,
                *DECISION,
                EMERGENCY,
                text("period_till", "den sista periodens sista dag, i löptext"),
                text("slutdatum", "dagen då du ska ha lämnat platsen, i löptext"),
                text("skäl", "varför boendet inte förlängs"),
            ),
            _kind(
                "takeover_decision",
                "Bostadssocialt kontrakt – beslut efter övertagandeprövningen",
                Recipient.PERSON,
                *TAKEOVER,
            ),
            _kind(
                "takeover_24_months",
                "Bostadssocialt kontrakt – beslut efter två år",
                Recipient.PERSON,
                *TAKEOVER,
            ),
        )
    }
)

# The placement letters must never speak the language of a lease (JO 416-2016).
TEMPORARY_KINDS: tuple[str, ...] = (
    "temporary_placement",
    "temporary_renewal",
    "temporary_end",
    "temporary_refusal",
)
# Each word and its inflections (hyran, hyresgästen, kontraktet, uppsägningen …): a template
# for temporary housing with one of them is refused when it is loaded (templates.py).
LEASE_WORDS = (
    "hyra",
    "hyresgäst",
    "hyresvärd",
    "hyresavtal",
    "kontrakt",
    "uppsägning",
    "besittningsskydd",
    "deposition",
)


def get_kind(kind_id: str) -> LetterKind:
    """The kind named `kind_id`; a NotFoundError in Swedish listing the kinds otherwise."""
    kind = KINDS.get(kind_id)
    if kind is None:
        raise NotFoundError(
            f"Okänd brevtyp '{kind_id}'. Brevtyper som finns: {', '.join(KINDS)} "
            "(se 'bobudget letter --list')."
        )
    return kind


# The letters the unit wrote by hand until now (issue 10). Kept apart from the kinds above so
# that each is read as one block: what it is about and what it may show.
SERVICE = (
    text("delgivningsdatum", "dagen brevet lämnas eller skickas, i löptext"),
    text(
        "objekt",
        "bostaden som mottagaren känner igen den: objektnummer eller adress; till en person "
        "med skyddade personuppgifter kontraktets startdag (kontrakt från den …)",
    ),
)
ADDED_KINDS = (
    _kind(
        "offer",
        "Erbjudande om bostad",
        Recipient.PERSON,
        PERSONNUMMER,
        PROTECTED_FLAG,
        text("bostadens_adress", "den erbjudna bostadens adress (aldrig vid skyddade uppgifter)"),
        text("rum", "antal rum"),
        text("yta", "bostadsyta"),
        text("hyra", "månadshyran"),
        text("hyresvärd", "hyresvärdens namn"),
        text("erbjudandedatum", "dagen för erbjudandet, i löptext"),
        text("svar_senast", "sista dagen att svara, i löptext"),
        text("beslutsdatum", "beslutet om hjälp med bostad som erbjudandet verkställer"),
    ),
    _kind(
        "temporary_reminder",
        "Tillfälligt boende – påminnelse före periodens slut",
        Recipient.PERSON,
        *PLACE,
        text("period_från", "periodens första dag, i löptext"),
        text("period_till", "periodens sista dag, i löptext"),
        text("samtal_senast", "sista dagen för samtalet om fortsatt boende, i löptext"),
    ),
    _kind(
        "follow_up_meeting",
        "Inbjudan till uppföljningsmöte",
        Recipient.PERSON,
        text("mötesdatum", "dagen då mötet ska hållas senast, i löptext"),
        text("kontraktstyp", "socialt kontrakt, bostadssocialt kontrakt …"),
        text("bostadens_adress", "bostadens adress (aldrig vid skyddade personuppgifter)"),
        listing("deltagare", "vilka som deltar"),
    ),
    _kind(
        "sublet_notice",
        "Underrättelse om andrahandsupplåtelse (12 kap. 39 §)",
        Recipient.LANDLORD,
        *SERVICE,
        # A protected subtenant's name is not linked to the flat in a letter to its owner.
        PROTECTED_FLAG,
        text("hyresvärd", "hyresvärdens namn"),
        text("hyresvärd_kontakt", "kontaktperson hos hyresvärden"),
        text("objektnummer", "hyresvärdens objektnummer"),
        text("bostadens_adress", "bostadens adress (aldrig vid skyddade personuppgifter)"),
        text("kommunens_kontraktsnummer", "kommunens förstahandskontrakt"),
        text("startdatum", "dagen andrahandsupplåtelsen började, i löptext"),
    ),
    _kind(
        "lease_termination",
        "Uppsägning av andrahandskontrakt",
        Recipient.PERSON,
        *SERVICE,
        PERSONNUMMER,
        text("kontraktstyp", "socialt eller bostadssocialt kontrakt"),
        text("bostadens_adress", "bostadens adress (aldrig vid skyddade personuppgifter)"),
        text("startdatum", "kontraktets startdatum, i löptext"),
        text("flyttdag", "sista dagen hyresavtalet gäller, i löptext"),
        text("skäl", "skälet till uppsägningen"),
        flag("besittningsskydd", "hyresgästen har besittningsskydd (inget godkänt avstående)"),
    ),
    _kind(
        "rent_arrears_notice",
        "Meddelande om obetald hyra (12 kap. 44 §)",
        Recipient.PERSON,
        *SERVICE,
        PERSONNUMMER,
        text("bostadens_adress", "bostadens adress (aldrig vid skyddade personuppgifter)"),
        table("hyresskulder", "obetalda hyror: månad och belopp", 2, (1,)),
        text("summa_skuld", "summan av de obetalda hyrorna"),
        text("tre_veckor", "sista dagen att betala om brevet tas emot i dag, i löptext"),
    ),
    _kind(
        "tenure_waiver_agreement",
        "Avtal om avstående från besittningsskydd – före hyresnämndens prövning",
        Recipient.PERSON,
        *DWELLING,
        PERSONNUMMER,
        text("kontraktstyp", "socialt eller bostadssocialt kontrakt"),
        text("kommunens_kontraktsnummer", "kommunens förstahandskontrakt"),
        # The application's reasons state this as a fact only where it is one.
        flag(
            "besittningsskydd_från_start",
            "kommunen hyr minst tre lägenheter av fastighetsägaren för att hyra ut dem i andra"
            " hand (12 kap. 45 § andra stycket jordabalken)",
        ),
    ),
    _kind(
        "managed_funds_agreement",
        "Överenskommelse och fullmakt – egna medel",
        Recipient.PERSON,
        *FUNDS,
        text("konto", "kontot som inkomsterna ska sättas in på"),
        table("utgifter", "det som betalas varje månad: post, belopp", 2, (1,)),
        table("inkomster", "inkomster som ska sättas in på kontot: post, belopp", 2, (1,)),
    ),
    _kind(
        "managed_funds_payer",
        "Begäran om ändrad utbetalning – egna medel",
        Recipient.PAYER,
        PERSONNUMMER,
        text("utbetalare", "myndigheten eller företaget som betalar ut"),
        text("ersättning", "vad som betalas ut, t.ex. sjukersättning"),
        text("konto", "kontot som utbetalningarna ska gå till"),
        text("fullmakt_från", "dagen då fullmakten började gälla"),
    ),
    _kind(
        "housing_first_welcome",
        "Välkommen – Bostad först",
        Recipient.PERSON,
        text("bostadens_adress", "bostadens adress (aldrig vid skyddade personuppgifter)"),
        text("hyresvärd", "hyresvärdens namn"),
        text("hyresvärd_kontakt", "kontaktperson hos hyresvärden"),
        text("hyra", "månadshyran"),
        text("startdatum", "dagen kontraktet började, i löptext"),
    ),
)
KINDS.update((kind.id, kind) for kind in ADDED_KINDS)
# The reminder is a temporary-housing letter: no lease words in it either.
TEMPORARY_KINDS = (*TEMPORARY_KINDS, "temporary_reminder")

# LETTERS.md per recipient: what a letter to someone other than the client may show. A landlord
# gets the municipality's contact details and the object, never the case number or anything of
# the tenant's situation beyond what the tenant consented to; a payer gets what it needs to pay.
_SENDER = frozenset(
    {
        "kommun",
        "förvaltning",
        "enhet",
        "enhetens_adress",
        "enhetens_telefon",
        "enhetens_epost",
        "datum",
        "diarienummer",  # always empty for these recipients (app.letter_data)
        "handläggare",
        "handläggarens_telefon",
        "handläggarens_epost",
        "namn",
        "förnamn",
        "efternamn",
    }
)
RECIPIENT_MAY_SEE: dict[Recipient, frozenset[str]] = {
    Recipient.LANDLORD: _SENDER
    | {
        "hyresvärd",
        "hyresvärd_kontakt",
        "objektnummer",
        "bostadens_adress",
        "rum",
        "yta",
        "hyra",
        "startdatum",
        "kommunens_kontraktsnummer",
        "delgivningsdatum",
        "objekt",
        # Never printed: it only leaves the protected subtenant's name off the 12:39 notice.
        "skyddade_uppgifter",
        # The meeting the landlord is invited to, and what the tenant consented to share.
        "mötesdatum",
        "mötestid",
        "mötesplats",
        "deltagare",
        "samtycke",
        # The rent guarantee names whose rent it guarantees, up to what and until when.
        "personnummer",
        "garantibelopp",
        "garanti_till",
        "garanti_skador",
    },
    Recipient.PAYER: _SENDER
    | {"personnummer", "utbetalare", "ersättning", "konto", "fullmakt_från"},
}
