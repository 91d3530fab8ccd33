"""Money as integer öre: read amounts as people type them and write them the Swedish way."""

import re

from bobudget.kernel.errors import ValidationError

__all__ = ["MAX_ABS_ORE", "format_amount", "format_amount_plain", "parse_amount_ore"]

# Far above any amount the unit handles, and far inside PostgreSQL's bigint; an amount beyond it
# is a typing or pasting mistake.
MAX_ABS_ORE = 10**15

# Thousands separators people type or paste: space, no-break space (what format_amount writes and
# what Excel and Word paste), narrow no-break space and thin space.
_GROUP_SEPARATORS = " \u00a0\u202f\u2009"
# A hyphen-minus, or the typographic minus sign a pasted document may carry.
_MINUS_SIGNS = "-\u2212"

_KR_SUFFIX_RE = re.compile(r"\s*kr\.?\Z", re.IGNORECASE)
# The integer part: plain digits, or groups of three after a first group of one to three, so that
# "12 34" (a typo, or two numbers) is refused. [0-9] because \d also matches non-ASCII digits.
_INTEGER_RE = re.compile(f"[0-9]+|[0-9]{{1,3}}(?:[{_GROUP_SEPARATORS}][0-9]{{3}})+")
_NBSP = "\u00a0"


def parse_amount_ore(text: str) -> int:
    """The amount in öre that `text` writes, e.g. "1 234,50 kr" → 123450.

    Accepts a decimal comma or point with one or two decimals, spaces (also no-break and thin
    spaces) between groups of three digits, a leading minus, and "kr" after the number.
    A point is only ever a decimal point, never a thousands separator (that is not Swedish usage,
    and reading "1.234" as 1 234 kr when 1,23 kr was meant is a thousandfold error). So text that
    mixes comma and point ("1.234,50", "1,234.50") is refused rather than guessed at, with a
    request to write 1234,50, and "1.234" is refused as three decimals. Never goes through float.
    Raises ValidationError with a Swedish message naming the text.
    """
    stripped = text.strip()
    if not stripped:
        raise ValidationError("Belopp saknas: skriv ett belopp, till exempel 1 234,50.")

    body = _KR_SUFFIX_RE.sub("", stripped)
    negative = body.startswith(tuple(_MINUS_SIGNS))
    if negative:
        body = body[1:]

    if "," in body and "." in body:
        raise ValidationError(
            f"Beloppet '{stripped}' blandar komma och punkt. Skriv det utan tusentalsavgränsare "
            "och med decimalkomma, till exempel 1234,50."
        )
    integer_part, separator, decimals = body.replace(".", ",").partition(",")
    if "," in decimals:
        raise ValidationError(
            f"Beloppet '{stripped}' har fler än ett decimaltecken. Skriv det som till exempel "
            "1234,50."
        )
    if separator and not re.fullmatch(r"[0-9]+", decimals):
        raise ValidationError(
            f"Beloppet '{stripped}' saknar siffror efter decimaltecknet. Skriv till exempel "
            "1234,50 eller 1234."
        )
    if len(decimals) > 2:
        raise ValidationError(
            f"Beloppet '{stripped}' har fler än två decimaler. Ett belopp anges i hela ören, "
            "till exempel 1234,50."
        )
    if _INTEGER_RE.fullmatch(integer_part) is None:
        raise ValidationError(
            f"Beloppet '{stripped}' är inte ett belopp. Skriv bara siffror, gärna med "
            "decimalkomma och mellanslag mellan tusentalen, till exempel 1 234,50 kr."
        )

    digits = "".join(ch for ch in integer_part if ch not in _GROUP_SEPARATORS)
    ore = int(digits) * 100 + int(decimals.ljust(2, "0"))
    if ore > MAX_ABS_ORE:
        raise ValidationError(
            f"Beloppet '{stripped}' är orimligt stort. Kontrollera att det är rätt skrivet."
        )
    return -ore if negative else ore


def format_amount(ore: int) -> str:
    """The amount as people read it: 123450 → "1 234,50 kr", -123450 → "-1 234,50 kr".

    The spaces between the groups of three and before "kr" are no-break spaces (U+00A0), so an
    amount never wraps over two lines in a letter or a table. parse_amount_ore reads it back.
    """
    sign = "-" if ore < 0 else ""
    kronor, rest = divmod(abs(ore), 100)
    grouped = f"{kronor:,}".replace(",", _NBSP)
    return f"{sign}{grouped},{rest:02d}{_NBSP}kr"


def format_amount_plain(ore: int) -> str:
    """The amount for files other programs read (CSV): 123450 → "1234,50", no spaces, no unit."""
    sign = "-" if ore < 0 else ""
    kronor, rest = divmod(abs(ore), 100)
    return f"{sign}{kronor},{rest:02d}"
