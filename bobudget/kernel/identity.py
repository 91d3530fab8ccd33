"""Swedish identity numbers: personnummer, samordningsnummer and local reserve numbers."""

import re
from dataclasses import dataclass
from datetime import date

# The personnummer library resolves the century of a 10-digit number from the machine's clock,
# not from a given day, and reports a bad date and a bad check digit as the same error. So this
# module reads the written form and resolves the century itself, and asks the library only to
# check a complete 12-digit number, which it does independently of the clock.
from personnummer import personnummer

from bobudget.kernel.errors import ValidationError
from bobudget.kernel.labelled import Vocabulary

__all__ = [
    "DEMO_BIRTH_NUMBERS",
    "IdentityKind",
    "IdentityNumber",
    "demo_identity",
    "is_valid_identity",
    "make_reserve_number",
    "parse_identity",
]


class IdentityKind(Vocabulary):
    """Which kind of number identifies a person; the value is what the database stores."""

    PERSONNUMMER = "personnummer", "personnummer"
    SAMORDNINGSNUMMER = "samordningsnummer", "samordningsnummer"
    RESERVE = "reserve", "reservnummer"


# A samordningsnummer writes the day of birth plus 60.
_COORDINATION_DAY_OFFSET = 60

# Local reserve numbers are "R" and six digits: a letter can never occur in a real personnummer
# or samordningsnummer, so the two can never collide, and the R marks it as a reserve at a glance.
_RESERVE_PREFIX = "R"
_RESERVE_DIGITS = 6
_RESERVE_MAX = 10**_RESERVE_DIGITS - 1
_RESERVE_RE = re.compile(r"[Rr]([0-9]{6})")

# [0-9] rather than \d: \d also matches Arabic-Indic and other digits, which int() would accept.
_NUMBER_RE = re.compile(
    r"(?P<century>[0-9]{2})?(?P<yymmdd>[0-9]{6})(?P<sep>[-+]?)(?P<serial>[0-9]{3})(?P<check>[0-9])"
)

_WRITTEN_FORMS = "ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN"

# Skatteverket keeps the birth numbers 980–999 for test numbers and does not give them to
# persons, so a number in this series cannot belong to a real person.
DEMO_BIRTH_NUMBERS: tuple[int, ...] = tuple(range(980, 1000))


@dataclass(frozen=True)
class IdentityNumber:
    """A validated identity number.

    `canonical` is the stored form: 12 digits YYYYMMDDNNNC for a personnummer or samordningsnummer
    (the samordningsnummer keeps its day + 60), or "R" and six digits for a local reserve number.
    `birth_date` is the real date of birth (day - 60 for a samordningsnummer), None for a reserve.
    """

    canonical: str
    kind: IdentityKind
    birth_date: date | None

    @property
    def is_reserve(self) -> bool:
        return self.kind is IdentityKind.RESERVE

    @property
    def display(self) -> str:
        """YYYYMMDD-NNNN; a reserve number shows as stored.

        The long form always takes "-": with four year digits the age needs no separator.
        """
        return display_canonical(self.canonical)

    def short_display(self, today: date) -> str:
        """YYMMDD-NNNN, or YYMMDD+NNNN when the person is 100 or older at `today`."""
        if self.birth_date is None:
            return self.canonical
        separator = "+" if _age(self.birth_date, today) >= 100 else "-"
        return f"{self.canonical[2:8]}{separator}{self.canonical[8:]}"


def display_canonical(canonical: str) -> str:
    """The shown form of a stored number: YYYYMMDD-NNNN; a reserve number as stored."""
    if len(canonical) == 12 and canonical.isdigit():
        return f"{canonical[:8]}-{canonical[8:]}"
    return canonical


def parse_identity(text: str, today: date) -> IdentityNumber:
    """Read a personnummer, samordningsnummer or reserve number in any of its written forms.

    Accepted: YYYYMMDDNNNC, YYYYMMDD-NNNC, YYYYMMDD+NNNC, YYMMDDNNNC, YYMMDD-NNNC, YYMMDD+NNNC,
    and R000123 (reserve), with surrounding whitespace. A 10-digit form gets the latest century
    that makes the person younger than 100 at `today` ("-" or no separator), or 100 and older
    ("+"). In a 12-digit form the separator says nothing the year does not: it is not checked.
    Raises ValidationError with a Swedish message saying what is wrong.
    """
    stripped = text.strip()
    if not stripped:
        raise ValidationError(f"Personnummer saknas: skriv det som {_WRITTEN_FORMS}.")
    if stripped[0] in "Rr":
        return _parse_reserve(stripped)

    match = _NUMBER_RE.fullmatch(stripped)
    if match is None:
        raise ValidationError(
            f"Ogiltigt personnummer '{_quoted(stripped)}': skriv det som {_WRITTEN_FORMS} "
            "(10 eller 12 siffror)."
        )
    yymmdd = match["yymmdd"]
    yy, month, written_day = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:6])
    coordination = written_day > _COORDINATION_DAY_OFFSET
    day = written_day - _COORDINATION_DAY_OFFSET if coordination else written_day
    noun = "samordningsnummer" if coordination else "personnummer"

    if match["century"] is None:
        year = _resolve_year(yy, month, day, hundred_or_older=match["sep"] == "+", today=today)
    else:
        year = int(match["century"] + yymmdd[:2])

    try:
        birth_date = date(year, month, day)
    except ValueError:
        hint = " (i ett samordningsnummer är dagen födelsedagen + 60)" if coordination else ""
        raise ValidationError(
            f"Ogiltigt {noun} '{_quoted(stripped)}': datumet finns inte{hint}. "
            "Kontrollera siffrorna."
        ) from None
    if birth_date > today:
        raise ValidationError(
            f"Ogiltigt {noun} '{_quoted(stripped)}': födelsedatumet {birth_date.isoformat()} "
            "ligger i framtiden. Kontrollera siffrorna och skiljetecknet (- eller +)."
        )
    if match["serial"] == "000":
        raise ValidationError(
            f"Ogiltigt {noun} '{_quoted(stripped)}': födelsenumret 000 delas aldrig ut. "
            "Kontrollera siffrorna."
        )

    canonical = f"{year:04d}{yymmdd[2:]}{match['serial']}{match['check']}"
    if not _library_accepts(canonical):
        # Date and birth number are already checked, so the check digit is what is left.
        raise ValidationError(
            f"Ogiltigt {noun} '{_quoted(stripped)}': kontrollsiffran stämmer inte. "
            "Kontrollera att alla siffror är rätt."
        )
    kind = IdentityKind.SAMORDNINGSNUMMER if coordination else IdentityKind.PERSONNUMMER
    return IdentityNumber(canonical=canonical, kind=kind, birth_date=birth_date)


def is_valid_identity(text: str, today: date) -> bool:
    """True when `parse_identity` accepts `text` at `today`."""
    try:
        parse_identity(text, today)
    except ValidationError:
        return False
    return True


def make_reserve_number(sequence: int) -> IdentityNumber:
    """The local reserve number with this sequence number (1–999999), e.g. 123 → R000123.

    Raises ValueError for a sequence out of range: the caller hands out the sequence numbers.
    """
    if not 1 <= sequence <= _RESERVE_MAX:
        raise ValueError(f"reserve sequence must be 1..{_RESERVE_MAX}, got {sequence}")
    canonical = f"{_RESERVE_PREFIX}{sequence:0{_RESERVE_DIGITS}d}"
    return IdentityNumber(canonical=canonical, kind=IdentityKind.RESERVE, birth_date=None)


def demo_identity(birth_date: date, serial: int) -> IdentityNumber:
    """A personnummer for a fictional demo person that can never be a real person's.

    Skatteverket keeps the birth numbers 980–999 (the three digits after the date) for test
    numbers and gives them to nobody, so a number with one of them and a correct check digit
    passes every check yet cannot identify anyone. `serial` (0–19) picks which of the twenty
    birth numbers, so up to twenty demo persons can share a birth date. Raises ValueError for a
    serial out of range.
    """
    if not 0 <= serial < len(DEMO_BIRTH_NUMBERS):
        raise ValueError(f"demo serial must be 0..{len(DEMO_BIRTH_NUMBERS) - 1}, got {serial}")
    without_check = f"{birth_date:%Y%m%d}{DEMO_BIRTH_NUMBERS[serial]:03d}"
    # The library has no public call that computes a check digit; exactly one of the ten
    # digits makes the number valid (Luhn), so ask it about each.
    for digit in "0123456789":
        if _library_accepts(without_check + digit):
            return IdentityNumber(
                canonical=without_check + digit,
                kind=IdentityKind.PERSONNUMMER,
                birth_date=birth_date,
            )
    raise AssertionError(f"no Luhn check digit for {without_check}")  # pragma: no cover


def _parse_reserve(stripped: str) -> IdentityNumber:
    match = _RESERVE_RE.fullmatch(stripped)
    if match is None or int(match[1]) == 0:
        raise ValidationError(
            f"Ogiltigt reservnummer '{_quoted(stripped)}': ett reservnummer är R följt av sex "
            "siffror, till exempel R000123 (inte R000000)."
        )
    return make_reserve_number(int(match[1]))


def _resolve_year(yy: int, month: int, day: int, *, hundred_or_older: bool, today: date) -> int:
    """The latest year ending in `yy` whose birthday makes the age right at `today`.

    Under 100: born on or before `today`. 100 or older: born on or before `today` a hundred years
    back. Month and day are compared as numbers, so an impossible date still gets a year and is
    refused afterwards with the right message.
    """
    reference_year = today.year - 100 if hundred_or_older else today.year
    year = reference_year - (reference_year - yy) % 100
    if (year, month, day) > (reference_year, today.month, today.day):
        year -= 100
    return year


def _age(birth_date: date, today: date) -> int:
    # Someone born on 29 February turns a year older on 1 March in a common year, as the
    # personnummer library also counts it.
    before_birthday = (today.month, today.day) < (birth_date.month, birth_date.day)
    return today.year - birth_date.year - int(before_birthday)


def _library_accepts(twelve_digits: str) -> bool:
    return bool(personnummer.valid(twelve_digits))


def _quoted(text: str) -> str:
    # Keep a pasted paragraph from swamping the message.
    return text if len(text) <= 20 else text[:20] + "…"
