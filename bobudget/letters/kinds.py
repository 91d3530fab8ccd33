"""The letter kinds: id, Swedish name, what the letter is about, and the placeholders it may use."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

from bobudget.kernel.errors import NotFoundError


class Slot(enum.Enum):
    """What a placeholder holds, and so where in a template it may stand."""

    TEXT = "text"  # inline in text, and in @om
    FLAG = "flag"  # only in @om
    LIST = "list"  # @lista and @om
    TABLE = "table"  # @tabell and @om


class Recipient(enum.Enum):
    """Who the letter is sent to; LETTERS.md's rules differ by recipient (RECIPIENT_MAY_SEE)."""

    PERSON = "person"  # the client the letter concerns (to them, or via Skatteverket)
    LANDLORD = "landlord"  # the landlord (fastighetsägaren) of the dwelling
    PAYER = "payer"  # who pays the client's income, e.g. Försäkringskassan

    @property
    def label(self) -> str:
        return {"person": "klienten", "landlord": "hyresvärden", "payer": "utbetalaren"}[self.value]


@dataclass(frozen=True)
class Placeholder:
    name: str
    slot: Slot
    description: str
    # For tables: how many columns the data has, and which (0-based) hold amounts.
    columns: int = 0
    amount_columns: tuple[int, ...] = ()


@dataclass(frozen=True)
class LetterKind:
    id: str
    name: str
    recipient: Recipient
    placeholders: Mapping[str, Placeholder] = field(default_factory=dict)

    @property
    def template_file(self) -> str:
        return f"{self.id}.txt"


def _text(name: str, description: str) -> Placeholder:
    return Placeholder(name, Slot.TEXT, description)


def _flag(name: str, description: str) -> Placeholder:
    return Placeholder(name, Slot.FLAG, description)


def _list(name: str, description: str) -> Placeholder:
    return Placeholder(name, Slot.LIST, description)


def _table(name: str, description: str, columns: int, amounts: tuple[int, ...]) -> Placeholder:
    return Placeholder(name, Slot.TABLE, description, columns, amounts)


# Every letter: who sends it, when, and whom it concerns (by name only).
COMMON = (
    _text("kommun", "kommunens namn (brevhuvudet)"),
    _text("förvaltning", "förvaltningens namn"),
    _text("enhet", "enhetens namn"),
    _text("enhetens_adress", "enhetens postadress"),
    _text("enhetens_telefon", "enhetens telefonnummer"),
    _text("enhetens_epost", "enhetens e-postadress"),
    _text("datum", "brevets datum i löptext, t.ex. 27 november 2026"),
    _text("diarienummer", "beslutets eller ärendets diarienummer"),
    _text("handläggare", "handläggarens namn"),
    _text("handläggarens_telefon", "handläggarens telefonnummer"),
    _text("handläggarens_epost", "handläggarens e-postadress (kan vara tom)"),
    _text("namn", "personens för- och efternamn"),
    _text("förnamn", "personens förnamn"),
    _text("efternamn", "personens efternamn"),
)
PERSONNUMMER = _text("personnummer", "personens personnummer eller samordningsnummer")

# The dwelling of a lease. For a person with protected personal data the address and the
# object number (which holds the flat's number) are replaced by a note in letters to them.
DWELLING = (
    _text("bostadens_adress", "bostadens adress (skrivs aldrig ut vid skyddade personuppgifter)"),
    _text("objektnummer", "hyresvärdens objektnummer (skrivs inte ut till skyddade personer)"),
    _text("rum", "antal rum"),
    _text("yta", "bostadsyta, t.ex. 54,5 m²"),
    _text("hyresvärd", "hyresvärdens namn"),
    _text("hyra", "månadshyran, t.ex. 6 512,00 kr"),
    _text("startdatum", "kontraktets startdatum i löptext"),
)
LEASE = (
    *DWELLING,
    PERSONNUMMER,
    _text(
        "avtalstid",
        "från och med den … och tills vidare, eller från och med den … till och med den …",
    ),
    _flag(
        "besittningsskydd_från_start",
        "kommunen hyr minst tre lägenheter av fastighetsägaren för att hyra ut dem i andra hand"
        " (12 kap. 45 § andra stycket jordabalken)",
    ),
    _text("kommunens_kontraktsnummer", "kommunens förstahandskontrakt"),
    _text("hushåll", "de som bor i bostaden, kommaseparerat"),
    _flag("avstående_godkänt", "hyresnämnden har godkänt avstående från besittningsskydd"),
    _text("avstående_datum", "dagen då hyresnämnden godkände avståendet"),
)
# The boplan is its own document, signed on its own: never part of a lease (JO 7595-2016,
# JO 8958-2020), and a lease shown to others must not carry social-services data.
HOUSING_PLAN = (
    _text("kontraktstyp", "socialt kontrakt, bostadssocialt kontrakt eller Bostad först"),
    _text("bostadens_adress", "bostadens adress (aldrig vid skyddade personuppgifter)"),
    _text("boplan_mål", "boplanens mål"),
    _text("boplan_aktiviteter", "boplanens aktiviteter"),
    _text("boplan_ansvar", "vem som ansvarar för vad"),
    _text("boplan_stöd", "stöd och samverkan"),
    _text("boplan_delaktighet", "hur personen har deltagit"),
    _text("boplan_antagen", "dagen då boplanen antogs"),
    _text("boplan_uppföljning", "när och hur boplanen följs upp"),
)
PLACE = (
    PERSONNUMMER,
    _text("plats", "platsens namn (skrivs inte ut vid skyddade personuppgifter)"),
    _text("platsens_typ", "vandrarhem, hotell, tillfällig lägenhet eller härbärge"),
    _text("platsens_adress", "platsens adress (skrivs inte ut vid skyddade personuppgifter)"),
    _text("beslutsdatum", "dagen för beslutet om tillfälligt boende, i löptext"),
)
# What the client pays under the decision; never the place's price (the committee's cost).
EGENAVGIFT = "egenavgiften enligt beslutet, t.ex. 1 500,00 kr per månad (tom om ingen)"
MEETING = (
    _text("mötesdatum", "mötets dag i löptext"),
    _text("mötestid", "mötets klockslag"),
    _text("mötesplats", "var mötet hålls"),
    _list("deltagare", "vilka som deltar"),
)
FUNDS = (
    PERSONNUMMER,
    _text("fullmakt_från", "dagen då fullmakten började gälla"),
    _text("fullmakt_till", "till och med dagen då fullmakten upphör, eller tills vidare"),
    _text("omprövning", "dagen för nästa omprövning, om bestämd"),
)


# The decision a letter communicates, and how to appeal it (förvaltningslagen 33 §). The appeal
# text is one shared template part (resources/letters/delar/overklagande.txt), so every
# decision letter says it the same way.
APPEAL = _text("överklagande", "hur man överklagar: texten i mallen delar/overklagande.txt")
DECISION = (
    _text("beslutets_datum", "dagen då beslutet fattades, i löptext"),
    _text("beslutsfattare", "vem som fattade beslutet, namn och titel"),
    _text("beslutets_diarienummer", "beslutets diarienummer"),
    APPEAL,
)
EMERGENCY = _text(
    "socialjouren", "socialjourens telefonnummer (Administration → Enhetens inställningar)"
)


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
            _text("prövningsdatum", "när övertagandet prövas (start + 12 månader), i löptext"),
        ),
        _kind(
            "housing_first_rent_guarantee",
            "Hyresgaranti – Bostad först",
            Recipient.LANDLORD,
            *DWELLING,
            PERSONNUMMER,
            _text("hyresvärd_kontakt", "kontaktperson hos hyresvärden"),
            _text("garantibelopp", "garantins högsta belopp"),
            _text("garanti_till", "sista dag garantin gäller, i löptext"),
            _flag("garanti_skador", "garantin omfattar även skador enligt kommunens beslut"),
        ),
        _kind(
            "temporary_placement",
            "Tillfälligt boende – placering",
            Recipient.PERSON,
            *PLACE,
            _text("period_från", "periodens första dag, i löptext"),
            _text("period_till", "periodens sista dag, i löptext"),
            _text("egenavgift", EGENAVGIFT),
            _text("regler", "platsens regler"),
            APPEAL,  # the placement, its place or its fee can be appealed too
        ),
        _kind(
            "temporary_renewal",
            "Tillfälligt boende – förlängning",
            Recipient.PERSON,
            *PLACE,
            _text("period_från", "den nya periodens första dag, i löptext"),
            _text("period_till", "den nya periodens sista dag, i löptext"),
            _text("bedömning", "bedömningen inför förlängningen"),
            _text("egenavgift", EGENAVGIFT),
            *DECISION,
        ),
        _kind(
            "temporary_end",
            "Tillfälligt boende – avslut",
            Recipient.PERSON,
            *PLACE,
            _text("slutdatum", "dagen då du ska ha lämnat platsen, i löptext"),
            _text("skäl", "varför det tillfälliga boendet upphör"),
            *DECISION,
            EMERGENCY,
        ),
        _kind(
            "startup_meeting",
            "Kallelse till uppstartsmöte",
            Recipient.PERSON,
            *MEETING,
            _text("kontraktstyp", "socialt kontrakt, bostadssocialt kontrakt …"),
            _text("bostadens_adress", "bostadens adress (aldrig vid skyddade personuppgifter)"),
            _list("ämnen", "punkterna i uppstartsmötets checklista"),
        ),
        _kind(
            "multiparty_meeting_tenant",
            "Kallelse till flerpartssamtal – till hyresgästen",
            Recipient.PERSON,
            *MEETING,
            _text("hyresvärd", "hyresvärdens namn"),
            _text("bostadens_adress", "bostadens adress (aldrig vid skyddade personuppgifter)"),
            _table("hyresskulder", "obetalda hyror: månad och belopp", 2, (1,)),
        ),
        # To the landlord: only the meeting and what the tenant consented to share. No debt,
        # disturbance or other fact about the tenant exists among these placeholders.
        _kind(
            "multiparty_meeting_landlord",
            "Kallelse till flerpartssamtal – till hyresvärden",
            Recipient.LANDLORD,
            *MEETING,
            _text("hyresvärd", "hyresvärdens namn"),
            _text("hyresvärd_kontakt", "kontaktperson hos hyresvärden"),
            _text("objektnummer", "hyresvärdens objektnummer"),
            _text("bostadens_adress", "bostadens adress (aldrig vid skyddade personuppgifter)"),
            _text("samtycke", "det hyresgästen har samtyckt till att hyresvärden får veta"),
        ),
        _kind(
            "tenure_waiver",
            "Avstående från besittningsskydd",
            Recipient.PERSON,
            *DWELLING,
            PERSONNUMMER,
            # The document states the three flats as a fact only where they are one.
            _flag(
                "besittningsskydd_från_start",
                "kommunen hyr minst tre lägenheter av fastighetsägaren för att hyra ut dem i"
                " andra hand (12 kap. 45 § andra stycket jordabalken)",
            ),
            _text("kontraktstyp", "socialt eller bostadssocialt kontrakt"),
            _text("kommunens_kontraktsnummer", "kommunens förstahandskontrakt"),
            _text("avstående_datum", "dagen då hyresnämnden godkände avståendet, i löptext"),
        ),
        _kind(
            "decision_not_executed",
            "Beslut som inte verkställts inom tre månader",
            Recipient.PERSON,
            PERSONNUMMER,
            _text("beslutsdatum", "beslutets datum, i löptext"),
            _text("beslutsfattare", "vem som fattade beslutet"),
            _text("beslutande_enhet", "enheten som fattade beslutet"),
            _text("tre_månader", "dagen då tre månader hade gått, i löptext"),
            _text("dagar_i_kö", "antal dagar sedan beslutet"),
            _text("skäl_till_dröjsmål", "varför beslutet inte har kunnat verkställas"),
            _table("erbjudanden", "erbjudna bostäder: datum, bostad, svar", 3, ()),
        ),
        _kind(
            "managed_funds_statement",
            "Kontoutdrag egna medel",
            Recipient.PERSON,
            *FUNDS,
            _text("månad", "månaden utdraget gäller, t.ex. november 2026"),
            _text("ingående_saldo", "saldo när månaden började"),
            _text("utgående_saldo", "saldo när månaden slutade"),
            _text("summa_in", "summan av insättningar under månaden"),
            _text("summa_ut", "summan av uttag och betalningar under månaden"),
            _table("transaktioner", "månadens poster: datum, text, belopp", 3, (2,)),
            _text("nästa_månad", "månaden efter, t.ex. december 2026"),
            _table("planerat", "vad som planeras nästa månad: datum, post, belopp", 3, (2,)),
        ),
        _kind(
            "managed_funds_budget",
            "Budget egna medel",
            Recipient.PERSON,
            *FUNDS,
            _table("inkomster", "inkomster per månad: post, belopp", 2, (1,)),
            _table("utgifter", "utgifter per månad: post, belopp", 2, (1,)),
            _text("summa_inkomster", "summa inkomster per månad"),
            _text("summa_utgifter", "summa utgifter per månad"),
            _text("kvar", "det som blir kvar per månad"),
        ),
    )
}

TAKEOVER = (
    PERSONNUMMER,
    *DECISION,
    _text("bostadens_adress", "bostadens adress (aldrig vid skyddade personuppgifter)"),
    _text("hyresvärd", "fastighetsägarens namn"),
    _text("startdatum", "kontraktets startdatum, i löptext"),
    _text("prövningsdatum", "dagen då prövningen gjordes, i löptext"),
    _text("tjugofyra_månader", "dagen då två år har gått sedan tillträdet, i löptext"),
    _text("bedömning", "vad prövningen kom fram till"),
    _flag("övertas", "beslutet: du får ta över kontraktet"),
    _flag("förlängs", "beslutet: prövotiden förlängs"),
    _flag("övertas_inte", "beslutet: du får inte ta över kontraktet"),
    _text("övertagandedatum", "dagen då du tar över kontraktet, i löptext"),
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
                _text("period_till", "den sista periodens sista dag, i löptext"),
                _text("slutdatum", "dagen då du ska ha lämnat platsen, i löptext"),
                _text("skäl", "varför boendet inte förlängs"),
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
PROTECTED_FLAG = _flag("skyddade_uppgifter", "personen har skyddade personuppgifter")
SERVICE = (
    _text("delgivningsdatum", "dagen brevet lämnas eller skickas, i löptext"),
    _text("objekt", "bostaden som mottagaren känner igen den (objektnummer eller adress)"),
)
ADDED_KINDS = (
    _kind(
        "offer",
        "Erbjudande om bostad",
        Recipient.PERSON,
        PERSONNUMMER,
        PROTECTED_FLAG,
        _text("bostadens_adress", "den erbjudna bostadens adress (aldrig vid skyddade uppgifter)"),
        _text("rum", "antal rum"),
        _text("yta", "bostadsyta"),
        _text("hyra", "månadshyran"),
        _text("hyresvärd", "hyresvärdens namn"),
        _text("erbjudandedatum", "dagen för erbjudandet, i löptext"),
        _text("svar_senast", "sista dagen att svara, i löptext"),
        _text("beslutsdatum", "beslutet om hjälp med bostad som erbjudandet verkställer"),
    ),
    _kind(
        "temporary_reminder",
        "Tillfälligt boende – påminnelse före periodens slut",
        Recipient.PERSON,
        *PLACE,
        _text("period_från", "periodens första dag, i löptext"),
        _text("period_till", "periodens sista dag, i löptext"),
        _text("samtal_senast", "sista dagen för samtalet om fortsatt boende, i löptext"),
    ),
    _kind(
        "follow_up_meeting",
        "Inbjudan till uppföljningsmöte",
        Recipient.PERSON,
        _text("mötesdatum", "dagen då mötet ska hållas senast, i löptext"),
        _text("kontraktstyp", "socialt kontrakt, bostadssocialt kontrakt …"),
        _text("bostadens_adress", "bostadens adress (aldrig vid skyddade personuppgifter)"),
        _list("deltagare", "vilka som deltar"),
    ),
    _kind(
        "sublet_notice",
        "Underrättelse om andrahandsupplåtelse (12 kap. 39 §)",
        Recipient.LANDLORD,
        *SERVICE,
        # A protected subtenant's name is not linked to the flat in a letter to its owner.
        PROTECTED_FLAG,
        _text("hyresvärd", "hyresvärdens namn"),
        _text("hyresvärd_kontakt", "kontaktperson hos hyresvärden"),
        _text("objektnummer", "hyresvärdens objektnummer"),
        _text("bostadens_adress", "bostadens adress (aldrig vid skyddade personuppgifter)"),
        _text("kommunens_kontraktsnummer", "kommunens förstahandskontrakt"),
        _text("startdatum", "dagen andrahandsupplåtelsen började, i löptext"),
    ),
    _kind(
        "lease_termination",
        "Uppsägning av andrahandskontrakt",
        Recipient.PERSON,
        *SERVICE,
        PERSONNUMMER,
        _text("kontraktstyp", "socialt eller bostadssocialt kontrakt"),
        _text("bostadens_adress", "bostadens adress (aldrig vid skyddade personuppgifter)"),
        _text("startdatum", "kontraktets startdatum, i löptext"),
        _text("flyttdag", "sista dagen hyresavtalet gäller, i löptext"),
        _text("skäl", "skälet till uppsägningen"),
        _flag("besittningsskydd", "hyresgästen har besittningsskydd (inget godkänt avstående)"),
    ),
    _kind(
        "rent_arrears_notice",
        "Meddelande om obetald hyra (12 kap. 44 §)",
        Recipient.PERSON,
        *SERVICE,
        PERSONNUMMER,
        _text("bostadens_adress", "bostadens adress (aldrig vid skyddade personuppgifter)"),
        _table("hyresskulder", "obetalda hyror: månad och belopp", 2, (1,)),
        _text("summa_skuld", "summan av de obetalda hyrorna"),
        _text("tre_veckor", "sista dagen att betala om brevet tas emot i dag, i löptext"),
    ),
    _kind(
        "tenure_waiver_agreement",
        "Avtal om avstående från besittningsskydd – före hyresnämndens prövning",
        Recipient.PERSON,
        *DWELLING,
        PERSONNUMMER,
        _text("kontraktstyp", "socialt eller bostadssocialt kontrakt"),
        _text("kommunens_kontraktsnummer", "kommunens förstahandskontrakt"),
        # The application's reasons state this as a fact only where it is one.
        _flag(
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
        _text("konto", "kontot som inkomsterna ska sättas in på"),
        _table("utgifter", "det som betalas varje månad: post, belopp", 2, (1,)),
        _table("inkomster", "inkomster som ska sättas in på kontot: post, belopp", 2, (1,)),
    ),
    _kind(
        "managed_funds_payer",
        "Begäran om ändrad utbetalning – egna medel",
        Recipient.PAYER,
        PERSONNUMMER,
        _text("utbetalare", "myndigheten eller företaget som betalar ut"),
        _text("ersättning", "vad som betalas ut, t.ex. sjukersättning"),
        _text("konto", "kontot som utbetalningarna ska gå till"),
        _text("fullmakt_från", "dagen då fullmakten började gälla"),
    ),
    _kind(
        "housing_first_welcome",
        "Välkommen – Bostad först",
        Recipient.PERSON,
        _text("bostadens_adress", "bostadens adress (aldrig vid skyddade personuppgifter)"),
        _text("hyresvärd", "hyresvärdens namn"),
        _text("hyresvärd_kontakt", "kontaktperson hos hyresvärden"),
        _text("hyra", "månadshyran"),
        _text("startdatum", "dagen kontraktet började, i löptext"),
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
