"""What every letter's data is built from: the person, the request, and how places are written.

The one rule for protected personal data lives here: `where()` never writes a street, postal
code or town for a person with skyddade personuppgifter, whatever the letter.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bobudget.kernel.config import Settings
from bobudget.kernel.errors import NotFoundError
from bobudget.kernel.formatting import SWEDISH_MONTHS, format_date_prose

# Kept importable here for the letters that took it from this module; rules.months owns it.
from bobudget.kernel.months import first_of_month as first_of_month
from bobudget.letters.kinds import LetterKind
from bobudget.letters.staleness import LetterEvent
from bobudget.model import Contract, Dwelling, HouseholdMember, Landlord, Person, TemporaryPlace
from bobudget.model.vocab import ContractKind

# Each value a template can show: text, a yes/no for @om, a list, or table rows.
Value = str | bool | tuple[str, ...] | tuple[tuple[str, ...], ...]

_PARTICIPANT_SEPARATOR = re.compile(r"[;\n]|,(?![^(]*\))")

PROTECTED_PLACE = "lämnas inte ut i brev (skyddade personuppgifter)"
# To a landlord even the fact of protection is the tenant's secret: the object number will do.
PROTECTED_PLACE_TO_LANDLORD = "se objektnumret"


@dataclass(frozen=True)
class LetterRequest:
    """Which letter, for whom, and about what.

    `subject_id` names the contract, meeting, decision or funds account the letter is about
    (which of them depends on the kind); None means the person's current one. `month` is any
    day in the month of a funds statement; None means the month before the letter's date.
    """

    kind: str
    person_id: int
    subject_id: int | None = None
    month: dt.date | None = None


@dataclass
class Built:
    """What a kind's builder found: the values, and what the letter log and envelope need."""

    values: dict[str, Value]
    contract_id: int | None = None
    reference: str = ""
    landlord: Landlord | None = None  # set when the letter goes to the landlord
    fallback_address: tuple[str, ...] = field(default_factory=tuple)
    # What the letter is about, when that can be past (bobudget.letters.staleness).
    event: LetterEvent | None = None
    # The address block of a letter to a payer (name first).
    payer_address: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Context:
    session: Session
    request: LetterRequest
    person: Person
    settings: Settings
    today: dt.date
    to_landlord: bool = False

    @property
    def protected(self) -> bool:
        return self.person.protected_identity

    @property
    def withheld(self) -> str:
        """What stands instead of a protected person's whereabouts."""
        return PROTECTED_PLACE_TO_LANDLORD if self.to_landlord else PROTECTED_PLACE


def prose(value: dt.date | None) -> str:
    return format_date_prose(value) if value else ""


def month_prose(value: dt.date) -> str:
    return f"{SWEDISH_MONTHS[value.month - 1]} {value.year}"


def kind_in_text(kind: ContractKind) -> str:
    """A contract kind inside a sentence: "socialt kontrakt", but "Bostad först" as a name."""
    label = ContractKind(kind).label
    return label if kind == ContractKind.HOUSING_FIRST else label[:1].lower() + label[1:]


def area_text(area: Decimal | None) -> str:
    if area is None:
        return ""
    text = f"{area:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text.replace('.', ',')}\u00a0m²"


def postal_lines(street: str, postal_code: str, city: str) -> tuple[str, ...]:
    town = f"{postal_code} {city}".strip()
    return tuple(line for line in (street.strip(), town) if line)


def where(ctx: Context, street: str, postal_code: str, city: str) -> str:
    """An address in running text, or a note instead when the person's address is protected."""
    if ctx.protected:
        return ctx.withheld
    return ", ".join(postal_lines(street, postal_code, city))


def dwelling_where(ctx: Context, dwelling: Dwelling | None) -> str:
    if dwelling is None:
        return ""
    return where(ctx, dwelling.address, dwelling.postal_code, dwelling.city)


def place_where(ctx: Context, place: TemporaryPlace | None) -> str:
    if place is None:
        return ""
    return where(ctx, place.address, place.postal_code, place.city)


def contract_where(ctx: Context, contract: Contract) -> str:
    if contract.dwelling is not None:
        return dwelling_where(ctx, contract.dwelling)
    return place_where(ctx, contract.temporary_place)


def home_lines(contract: Contract) -> tuple[str, ...]:
    """Where a person without an address of their own gets mail: the dwelling or the place."""
    if contract.dwelling is not None:
        d = contract.dwelling
        return postal_lines(d.address, d.postal_code, d.city)
    if contract.temporary_place is not None:
        p = contract.temporary_place
        lines = postal_lines(p.address, p.postal_code, p.city)
        return (f"c/o {p.name}", *lines) if lines else ()
    return ()


def reference_of(contract: Contract) -> str:
    return contract.decision.reference if contract.decision is not None else ""


def pick_contract(
    ctx: Context, kinds: tuple[ContractKind, ...], missing: str, *, open_only: bool
) -> Contract:
    """The contract the request names, or the person's latest of `kinds` (open ones only)."""
    if ctx.request.subject_id is not None:
        contract = ctx.session.get(Contract, ctx.request.subject_id)
        if contract is None or contract.person_id != ctx.person.id or contract.kind not in kinds:
            raise NotFoundError(f"{missing} (kontrakt {ctx.request.subject_id} passar inte).")
        return contract
    stmt = select(Contract).where(Contract.person_id == ctx.person.id, Contract.kind.in_(kinds))
    if open_only:
        stmt = stmt.where((Contract.end_date.is_(None)) | (Contract.end_date >= ctx.today))
    contract = ctx.session.scalars(
        stmt.order_by(Contract.start_date.desc(), Contract.id.desc()).limit(1)
    ).first()
    if contract is None:
        raise NotFoundError(missing)
    return contract


def household_names(session: Session, contract: Contract) -> str:
    if contract.household_id is None:
        return contract.person.full_name
    names = session.scalars(
        select(Person)
        .join(HouseholdMember, HouseholdMember.person_id == Person.id)
        .where(HouseholdMember.household_id == contract.household_id)
        .order_by(HouseholdMember.id)
    ).all()
    return ", ".join(p.full_name for p in names) or contract.person.full_name


# How staff write the client among a meeting's participants: in a letter to the client it reads
# "Du" (the invitation once listed "Hyresgästen" to the tenant it was sent to).
_CLIENT_WORDS = frozenset({"hyresgästen", "hyresgäst", "klienten", "sökanden", "personen"})


def participant_list(text: str, *, to: str = "") -> tuple[str, ...]:
    """Participants typed one a line, or separated by semicolons or commas (not in brackets).

    `to`: the full name of the client the letter is sent to; they, and the words staff use for
    them, read "Du". Left empty for a letter to someone else (the landlord).
    """
    parts = (p.strip() for p in _PARTICIPANT_SEPARATOR.split(text))
    you = {to.strip().lower()} | _CLIENT_WORDS if to.strip() else set()
    named = ("Du" if p.lower() in you else p[:1].upper() + p[1:] for p in parts if p)
    return tuple(dict.fromkeys(named))  # the client named twice ("Hyresgästen", the name): once


@dataclass(frozen=True)
class LetterData:
    """Everything a letter shows, gathered and checked before anything is drawn."""

    kind: LetterKind
    request: LetterRequest
    contract_id: int | None
    # The address block in the envelope window.
    recipient: tuple[str, ...]
    # For protected personal data: what goes on the inner envelope (name and personnummer).
    envelope_note: str
    # The letter goes to a person with protected personal data, through Skatteverket (the
    # window and the CLI warn before printing). False for a letter about them to a landlord or
    # a payer: it goes to that recipient's own address, never in an inner envelope.
    protected: bool
    reference: str
    officer: str
    date: dt.date
    values: Mapping[str, Value]
    # How to reach the officer: printed beside the name in the letter's head.
    officer_phone: str = ""
    officer_email: str = ""
    # Why the letter is about something already past ("" when it is not): warn first.
    stale: str = ""

    @property
    def person_id(self) -> int:
        return self.request.person_id
