"""Search text: the folded form names and identity numbers are stored and searched in."""

import re
import unicodedata

from bobudget.kernel.errors import ValidationError
from bobudget.kernel.text_check import SEARCH_CONTROL_MESSAGE, has_control_character

__all__ = [
    "MAX_SEARCH_CHARACTERS",
    "MAX_SEARCH_TERMS",
    "fold",
    "person_search_text",
    "search_terms",
]

# What one search may take. Each term becomes one LIKE condition; a pasted page of text (a
# thousand words) would make SQLite refuse the query ("Expression tree is too large") and is
# never a search anyone meant. Ten words and a hundred characters hold any name with its
# personnummer with room to spare; a longer search is refused with a message, not shortened,
# so that nobody reads a list filtered by only part of what they typed.
MAX_SEARCH_TERMS = 10
MAX_SEARCH_CHARACTERS = 100

# A personnummer typed with "+" (100 years or older) searches for the same person as with "-":
# the stored display form always has "-".
_PLUS_NUMBER_RE = re.compile(r"(?:[0-9]{2})?[0-9]{6}\+[0-9]{4}")
# Terms are split on whitespace and commas ("Öberg, Åsa"); a hyphen stays inside a term, so
# "19850101-1234" and "Anna-Karin" are each one term.
_TERM_SEPARATOR_RE = re.compile(r"[\s,]+")


def fold(text: str) -> str:
    """Case-folded, NFC-normalised text with runs of whitespace made one space.

    NFC makes a decomposed "å" (a + ring, as some sources paste it) equal to the composed one.
    Diacritics are kept: in Swedish å, ä and ö are letters of their own, and "Åsa" is not "Asa".
    """
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def person_search_text(
    last_name: str, first_name: str, identity_display: str, canonical: str
) -> str:
    """The folded text stored in a person's search column.

    Names, the 12-digit number, its 10-digit form without separator and the display form
    (YYYYMMDD-NNNN, which also contains YYMMDD-NNNN), so that any part of a name or any written
    form of the number finds the person. A reserve number has no short form.
    """
    parts = [last_name, first_name, canonical]
    if len(canonical) == 12 and canonical.isascii() and canonical.isdigit():
        parts.append(canonical[2:])
    parts.append(identity_display)
    return fold(" ".join(parts))


def search_terms(query: str) -> list[str]:
    """The folded terms of a query; a person matches when each term is in their search text.

    Every search in the program makes its terms here, so this is where a search is refused
    (ValidationError, Swedish) before it reaches the database: a control character (NUL and the
    like; a tab or line break pasted from a spreadsheet is only a space between words), or more
    than MAX_SEARCH_TERMS words or MAX_SEARCH_CHARACTERS characters.
    """
    if has_control_character(query, multiline=True):
        raise ValidationError(SEARCH_CONTROL_MESSAGE)
    folded = fold(query)
    terms = [term for term in _TERM_SEPARATOR_RE.split(folded) if term]
    if len(folded) > MAX_SEARCH_CHARACTERS or len(terms) > MAX_SEARCH_TERMS:
        raise ValidationError(
            f"Sökningen är för lång: den får ha högst {MAX_SEARCH_TERMS} ord och "
            f"{MAX_SEARCH_CHARACTERS} tecken. Sök på en del av namnet eller på personnumret."
        )
    return [term.replace("+", "-") if _PLUS_NUMBER_RE.fullmatch(term) else term for term in terms]
