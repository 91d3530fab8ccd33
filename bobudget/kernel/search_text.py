"""Search text: the folded form names and identity numbers are stored and searched in."""

import re
import unicodedata

from bobudget.kernel.errors import ValidationError
from bobudget.kernel.text_check import SEARCH_CONTROL_MESSAGE, has_control_character

__all__ = [
    "MAX_SEARCH_CHARACTERS",
    "MAX_SEARCH_TERMS",
    "NAME_KEY_CAPITALS",
    "fold",
    "name_key",
    "number_key",
    "person_search_text",
    "prefix_end",
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


# --- the name keys the database keeps for search as you type --------------------------------
#
# persons.last_name_key, first_name_key and identity_key are kept by database triggers (the
# migration 0017_search): the demo and the import insert persons through plain Core inserts that
# may know nothing of these columns, and a trigger also catches SQL typed by hand. Python fills
# them too on insert (column defaults in model/persons.py), because on SQLite a trigger that
# writes the row again costs four times the insert; there the insert trigger runs only for a row
# left without keys.
# SQLite's lower() folds only A-Z, so the triggers first replace these capitals one by one;
# PostgreSQL runs the same replacements and lower() under the "C" collation (also A-Z only), so
# both engines store the same key. name_key is the same fold in Python, for the tests and for
# reading the keys back; a query term is folded by fold(), which agrees with it for every
# letter listed here (a capital outside the list - Cyrillic, Greek - stays upper-case in the key,
# so its name is found by the infix search of three or more characters only).
NAME_KEY_CAPITALS = (
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ"  # Latin-1: Swedish, Finnish, French, German, Nordic
    "ĀĂĄĆČĎĐĒĘĚĞĪŁŃŇŐŒŘŚŞŠŢŤŪŮŰŹŻŽŸ"  # Latin Extended-A names seen in the register
)


def name_key(text: str) -> str:
    """The key a database trigger stores for a name: A-Z and NAME_KEY_CAPITALS lower-cased."""
    for capital in NAME_KEY_CAPITALS:
        text = text.replace(capital, capital.lower())
    return "".join(c.lower() if "A" <= c <= "Z" else c for c in text)


def number_key(canonical: str) -> str:
    """The key a trigger stores for an identity number: the 10-digit form (YYMMDDNNNN) of a
    12-digit number, so that both written forms are prefixes of one indexed column; a reserve
    number lower-cased."""
    if len(canonical) == 12:
        return canonical[2:]
    return "".join(c.lower() if "A" <= c <= "Z" else c for c in canonical)


def prefix_end(prefix: str) -> str:
    """The first string after every string that starts with `prefix`, in code point order.

    `key >= prefix AND key < prefix_end(prefix)` is "starts with" as an index range (SQLite's
    BINARY and PostgreSQL's "C" collation both compare code points, as UTF-8 bytes do). The last
    character is stepped past; the highest one (U+10FFFF) carries to the one before it, and a
    step never lands on a surrogate, which no database can store.
    """
    stripped = prefix.rstrip("\U0010ffff")
    if not stripped:
        return prefix + "\U0010ffff"
    following = ord(stripped[-1]) + 1
    if 0xD800 <= following <= 0xDFFF:
        following = 0xE000
    return stripped[:-1] + chr(following)
