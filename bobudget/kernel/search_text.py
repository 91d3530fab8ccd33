"""Search text: the folded form names and identity numbers are stored and searched in."""

import re
import unicodedata

__all__ = ["fold", "person_search_text", "search_terms"]

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
    """The folded terms of a query; a person matches when each term is in their search text."""
    terms = _TERM_SEPARATOR_RE.split(fold(query))
    return [
        term.replace("+", "-") if _PLUS_NUMBER_RE.fullmatch(term) else term
        for term in terms
        if term
    ]
