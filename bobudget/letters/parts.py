"""Template parts: text that several letters print the same way, kept in one file each.

The appeal instruction (how to appeal a decision, förvaltningslagen 33 §) is such a part:
the unit's own text in the database (Administration → Brevmallar), else the standard
resources/letters/delar/overklagande.txt. A letter template prints it with {överklagande}.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from bobudget.kernel.config import Settings
from bobudget.letters.fonts import is_printable
from bobudget.letters.syntax import TemplateError
from bobudget.letters.templates import (
    APPEAL_PART_NAME,
    check_lease_words,
    default_template_folder,
    unit_template_label,
)

__all__ = ["APPEAL_PART", "APPEAL_PART_NAME", "PARTS_FOLDER", "appeal_text", "fill_part"]

PARTS_FOLDER = "delar"
APPEAL_PART = "overklagande.txt"
# What a part may use: the sender's and officer's details, known before any letter's own data.
PART_PLACEHOLDERS = (
    "kommun",
    "enhet",
    "enhetens_adress",
    "enhetens_telefon",
    "handläggare",
    "handläggarens_telefon",
)
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def part_path(name: str) -> Path:
    """The standard part: the unit's own text, when any, is in the database."""
    return default_template_folder() / PARTS_FOLDER / name


def appeal_text(
    settings: Settings, values: Mapping[str, str], *, temporary_housing: bool = False
) -> str:
    """The appeal instruction with the sender's details filled in, as one paragraph.

    `temporary_housing`: the letter is about temporary housing, so the part, printed in it, may
    not use a lease word either (JO 416-2016), whether standard or the administrator's copy.
    """
    own = settings.template_overrides.get(APPEAL_PART_NAME)
    if own is not None:
        label = unit_template_label(f"{PARTS_FOLDER}/{APPEAL_PART}")
        return fill_part(own.text, label, values, temporary_housing)
    path = part_path(APPEAL_PART)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raise TemplateError(
            f"Mallen {path} kan inte läsas. Kontrollera att filen finns och är sparad som UTF-8."
        ) from None
    return fill_part(text, path, values, temporary_housing)


def fill_part(text: str, path: Path, values: Mapping[str, str], temporary_housing: bool) -> str:
    """The part's text checked (characters, placeholders, lease words) and filled in."""
    lines = _checked_lines(text, path, temporary_housing)
    return " ".join(_PLACEHOLDER.sub(lambda m: values.get(m.group(1), ""), line) for line in lines)


@lru_cache(maxsize=32)
def _checked_lines(text: str, path: Path, temporary_housing: bool) -> tuple[str, ...]:
    """The part's printed lines, checked once per text: a batch prints the same part in each
    of its thousands of letters (an error is raised again each time, it is not kept)."""
    if temporary_housing:
        check_lease_words(text, path)
    lines: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("%%"):
            continue
        for ch in line:
            if not is_printable(ch):
                raise TemplateError(
                    f"Mallen {path}, rad {number}: tecknet '{ch}' (U+{ord(ch):04X}) finns inte "
                    "i brevens typsnitt. Byt ut det."
                )
        for name in _PLACEHOLDER.findall(line):
            if name not in PART_PLACEHOLDERS:
                known = ", ".join(f"{{{n}}}" for n in PART_PLACEHOLDERS)
                raise TemplateError(
                    f"Mallen {path}, rad {number}: okänd platshållare {{{name}}}. Platshållare "
                    f"som finns här: {known}."
                )
        lines.append(line)
    return tuple(lines)
