"""The placeholders a letter template may use: what each holds (its slot) and the groups of them
that letter kinds share (letters/kinds.py names which kinds use which)."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Slot(enum.Enum):
    """What a placeholder holds, and so where in a template it may stand."""

    TEXT = "text"  # inline in text, and in @om
    FLAG = "flag"  # only in @om
    LIST = "list"  # @lista and @om
    TABLE = "table"  # @tabell and @om


@dataclass(frozen=True)
class Placeholder:
    name: str
    slot: Slot
    description: str
    # For tables: how many columns the data has, and which (0-based) hold amounts.
    columns: int = 0
    amount_columns: tuple[int, ...] = ()


def text(name: str, description: str) -> Placeholder:
    return Placeholder(name, Slot.TEXT, description)


def flag(name: str, description: str) -> Placeholder:
    return Placeholder(name, Slot.FLAG, description)


def listing(name: str, description: str) -> Placeholder:
    return Placeholder(name, Slot.LIST, description)


def table(name: str, description: str, columns: int, amounts: tuple[int, ...]) -> Placeholder:
    return Placeholder(name, Slot.TABLE, description, columns, amounts)


# Every letter: who sends it, when, and whom it concerns (by name only).
COMMON = (
    text("kommun", "kommunens namn (brevhuvudet)"),
    text("förvaltning", "förvaltningens namn"),
    text("enhet", "enhetens namn"),
    text("enhetens_adress", "enhetens postadress"),
    text("enhetens_telefon", "enhetens telefonnummer"),
    text("enhetens_epost", "enhetens e-postadress"),
    text("datum", "brevets datum i löptext, t.ex. 27 november 2026"),
    text("diarienummer", "beslutets eller ärendets diarienummer"),
    text("handläggare", "handläggarens namn"),
    text("handläggarens_telefon", "handläggarens telefonnummer"),
    text("handläggarens_epost", "handläggarens e-postadress (kan vara tom)"),
    text("namn", "personens för- och efternamn"),
    text("förnamn", "personens förnamn"),
    text("efternamn", "personens efternamn"),
)
PERSONNUMMER = text("personnummer", "personens personnummer eller samordningsnummer")

# The dwelling of a lease. For a person with protected personal data the address and the
# object number (which holds the flat's number) are replaced by a note in letters to them.
DWELLING = (
    text("bostadens_adress", "bostadens adress (skrivs aldrig ut vid skyddade personuppgifter)"),
    text("objektnummer", "hyresvärdens objektnummer (skrivs inte ut till skyddade personer)"),
    text("rum", "antal rum"),
    text("yta", "bostadsyta, t.ex. 54,5 m²"),
    text("hyresvärd", "hyresvärdens namn"),
    text("hyra", "månadshyran, t.ex. 6 512,00 kr"),
    text("startdatum", "kontraktets startdatum i löptext"),
)
LEASE = (
    *DWELLING,
    PERSONNUMMER,
    text(
        "avtalstid",
        "från och med den … och tills vidare, eller från och med den … till och med den …",
    ),
    flag(
        "besittningsskydd_från_start",
        "kommunen hyr minst tre lägenheter av fastighetsägaren för att hyra ut dem i andra hand"
        " (12 kap. 45 § andra stycket jordabalken)",
    ),
    text("kommunens_kontraktsnummer", "kommunens förstahandskontrakt"),
    text("hushåll", "de som bor i bostaden, kommaseparerat"),
    flag("avstående_godkänt", "hyresnämnden har godkänt avstående från besittningsskydd"),
    text("avstående_datum", "dagen då hyresnämnden godkände avståendet"),
)
# The boplan is its own document, signed on its own: never part of a lease (JO 7595-2016,
# JO 8958-2020), and a lease shown to others must not carry social-services data.
HOUSING_PLAN = (
    text("kontraktstyp", "socialt kontrakt, bostadssocialt kontrakt eller Bostad först"),
    text("bostadens_adress", "bostadens adress (aldrig vid skyddade personuppgifter)"),
    text("boplan_mål", "boplanens mål"),
    text("boplan_aktiviteter", "boplanens aktiviteter"),
    text("boplan_ansvar", "vem som ansvarar för vad"),
    text("boplan_stöd", "stöd och samverkan"),
    text("boplan_delaktighet", "hur personen har deltagit"),
    text("boplan_antagen", "dagen då boplanen antogs"),
    text("boplan_uppföljning", "när och hur boplanen följs upp"),
)
PROTECTED_FLAG = flag("skyddade_uppgifter", "personen har skyddade personuppgifter")
PLACE = (
    PERSONNUMMER,
    # The place's name and address are withheld from a protected person's letters: the letter
    # says so, and how to learn where to go (LETTERS.md).
    PROTECTED_FLAG,
    text("plats", "platsens namn (skrivs inte ut vid skyddade personuppgifter)"),
    text("platsens_typ", "vandrarhem, hotell, tillfällig lägenhet eller härbärge"),
    text("platsens_adress", "platsens adress (skrivs inte ut vid skyddade personuppgifter)"),
    text("beslutsdatum", "dagen för beslutet om tillfälligt boende, i löptext"),
)
# What the client pays under the decision; never the place's price (the committee's cost).
EGENAVGIFT = "egenavgiften enligt beslutet, t.ex. 1 500,00 kr per månad (tom om ingen)"
MEETING = (
    text("mötesdatum", "mötets dag i löptext"),
    text("mötestid", "mötets klockslag"),
    text("mötesplats", "var mötet hålls"),
    listing("deltagare", "vilka som deltar"),
)
FUNDS = (
    PERSONNUMMER,
    text("fullmakt_från", "dagen då fullmakten började gälla"),
    text("fullmakt_till", "till och med dagen då fullmakten upphör, eller tills vidare"),
    text("omprövning", "dagen för nästa omprövning, om bestämd"),
)


# The decision a letter communicates, and how to appeal it (förvaltningslagen 33 §). The appeal
# text is one shared template part (resources/letters/delar/overklagande.txt), so every
# decision letter says it the same way.
APPEAL = text("överklagande", "hur man överklagar: texten i mallen delar/overklagande.txt")
DECISION = (
    text("beslutets_datum", "dagen då beslutet fattades, i löptext"),
    text("beslutsfattare", "vem som fattade beslutet, namn och titel"),
    text("beslutets_diarienummer", "beslutets diarienummer"),
    APPEAL,
)
EMERGENCY = text(
    "socialjouren", "socialjourens telefonnummer (Administration → Enhetens inställningar)"
)
