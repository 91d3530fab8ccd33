"""Typed text at the edge: refusing control characters before they are stored or searched.

NUL and the other C0 control characters (and DEL) come from pasted or exported text, never from
someone typing a name. PostgreSQL refuses NUL outright and SQLite stores it silently, so the
program refuses them all where text comes in: the import, the forms, the searches. A tab or a
line break is allowed only in a text that may run over several lines (a note).
"""

from __future__ import annotations

import re

from bobudget.kernel.errors import ValidationError

__all__ = ["SEARCH_CONTROL_MESSAGE", "check_text", "control_character", "has_control_character"]

# C0 controls and DEL; tab (\t), line feed (\n) and carriage return (\r) are decided per field.
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
_MULTILINE_ALLOWED = frozenset("\t\n\r")

SEARCH_CONTROL_MESSAGE = (
    "Sökningen innehåller ett otillåtet tecken (ett osynligt styrtecken, ofta från inklistrad "
    "text). Skriv sökningen på nytt med bara bokstäver, siffror och mellanslag."
)


def control_character(value: str, *, multiline: bool = False) -> str | None:
    """The first forbidden control character in `value`, or None when there is none."""
    if not multiline:  # every control character is forbidden: the first found is the answer
        found = _CONTROL_RE.search(value)
        return found.group() if found else None
    for match in _CONTROL_RE.finditer(value):
        character = match.group()
        if not (multiline and character in _MULTILINE_ALLOWED):
            return character
    return None


def has_control_character(value: str, *, multiline: bool = False) -> bool:
    return control_character(value, multiline=multiline) is not None


def check_text(value: str, field_label: str, *, multiline: bool = False) -> str:
    """`value` unchanged, or ValidationError (Swedish, naming the field) on a control character.

    `multiline` allows tab and line breaks, as in a note; a one-line field (a name, an address)
    allows none of them.
    """
    character = control_character(value, multiline=multiline)
    if character is not None:
        raise ValidationError(
            f"{field_label} innehåller ett otillåtet tecken (styrtecken {_describe(character)}, "
            "ofta från inklistrad text). Skriv texten på nytt utan det."
        )
    return value


def _describe(character: str) -> str:
    names = {"\x00": "NUL", "\t": "tabb", "\n": "radbrytning", "\r": "vagnretur"}
    return names.get(character, f"U+{ord(character):04X}")
