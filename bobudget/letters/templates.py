"""Letter templates: find them (the unit's own text in the database first), read them, version them.

One UTF-8 file per letter kind (`<kind>.txt`) under resources/letters, in the language that
bobudget.letters.syntax parses and resources/letters/README.md explains for administrators.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bobudget.kernel.config import Settings
from bobudget.kernel.resources import resource_folder
from bobudget.letters.kinds import TEMPORARY_KINDS, LetterKind, get_kind
from bobudget.letters.syntax import Block, TemplateError, parse_template

__all__ = [
    "Template",
    "TemplateError",
    "check_template_text",
    "default_template_folder",
    "load_template",
    "load_templates",
    "template_path",
]

# The appeal part's name among the unit's own template texts in the database (parts.py prints
# it; a letter's log line records its version too).
APPEAL_PART_NAME = "delar/overklagande"
APPEAL_PLACEHOLDER = "{överklagande}"
# printed_letters.template_version is 80 characters long.
VERSION_LENGTH = 80

RESOURCE_FOLDER_NAME = "letters"


@dataclass(frozen=True)
class Template:
    kind: LetterKind
    path: Path
    overridden: bool
    blocks: tuple[Block, ...]
    sha256: str
    # The version number of the unit's own text in the database; None for a file.
    unit_version: int | None = None
    # The unit's appeal part's version when the letter prints the part; None: the standard
    # part, or the letter does not print it.
    appeal_version: int | None = None
    # The text the blocks were read from: a letter of a batch is logged with it, to be drawn
    # again from it (bobudget.app.letter_log).
    text: str = ""

    @property
    def version(self) -> str:
        """What the letter log records: file name, whose text, a hash of it, and the appeal
        part's version when the unit's own part prints in the letter."""
        origin = "standard" if self.unit_version is None else f"enhetens v{self.unit_version}"
        line = f"{self.path.name} ({origin}) {self.sha256[:12]}"
        if self.appeal_version is None:
            return line
        full = f"{line} + överklagande (enhetens v{self.appeal_version})"
        return full if len(full) <= VERSION_LENGTH else f"{line} + överkl. v{self.appeal_version}"


def default_template_folder() -> Path:
    """Where the standard templates are (see bobudget.kernel.resources)."""
    return resource_folder(RESOURCE_FOLDER_NAME)


def template_path(kind: LetterKind) -> Path:
    """The standard file for `kind`: the unit's own text, when any, is in the database.

    A template folder in an older PC's settings file is read once, by the carry-over
    (bobudget.letters.unit_templates), never for a letter: the database decides what it says.
    """
    return default_template_folder() / kind.template_file


def unit_template_label(name: str) -> Path:
    """How a message names the unit's own text of a template (it has no file)."""
    return Path(f"{name} (enhetens mall)")


def check_template_text(kind: LetterKind, text: str, label: Path) -> tuple[Block, ...]:
    """The checks every template passes before it prints: lease words, syntax, placeholders."""
    if kind.id in TEMPORARY_KINDS:
        check_lease_words(text, label)
    return parse_template(text, kind, label)


def load_template(kind_id: str, settings: Settings) -> Template:
    kind = get_kind(kind_id)
    own = settings.template_overrides.get(kind.id)
    part = settings.template_overrides.get(APPEAL_PART_NAME)
    if own is not None:
        # The unit's text in the database: every PC prints the same letter.
        label = unit_template_label(kind.template_file)
        blocks = check_template_text(kind, own.text, label)
        digest = hashlib.sha256(own.text.encode("utf-8")).hexdigest()
        appeal = part.version if part is not None and APPEAL_PLACEHOLDER in own.text else None
        return Template(
            kind, Path(kind.template_file), True, blocks, digest, own.version, appeal, own.text
        )
    path = template_path(kind)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise TemplateError(
            f"Brevmallen {path} kan inte läsas ({error.strerror}). Kontrollera att filen finns."
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise TemplateError(
            f"Brevmallen {path}, rad {line}: filen är inte sparad som UTF-8. Spara om den som "
            "UTF-8 (i Anteckningar: Spara som → Kodning: UTF-8)."
        ) from None
    blocks = check_template_text(kind, text, path)
    digest = hashlib.sha256(raw).hexdigest()
    appeal = part.version if part is not None and APPEAL_PLACEHOLDER in text else None
    return Template(kind, path, False, blocks, digest, None, appeal, text)


# What a printed word may not contain, and the lease word it comes from: a stem forbids the
# inflections and compounds too (hyran, hyrt, kontraktet, andrahandskontrakt, uppsagd).
_LEASE_STEMS: tuple[tuple[str, str], ...] = (
    ("besittningsskydd", "besittningsskydd"),
    ("hyresavtal", "hyresavtal"),
    ("hyresgäst", "hyresgäst"),
    ("hyresvärd", "hyresvärd"),
    ("deposition", "deposition"),
    ("kontrakt", "kontrakt"),
    ("uppsäg", "uppsägning"),
    ("uppsag", "uppsägning"),
    ("hyr", "hyra"),
)
_WORD = re.compile(r"\w+")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def check_lease_words(text: str, path: Path) -> None:
    """Refuse a temporary-housing template that uses the language of a lease (JO 416-2016).

    A placement on a decision on bistånd is no lease: a letter that calls it one can make it
    one. Comment lines (%%) are not printed and are not checked; placeholder names are not text.
    """
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("%%"):
            continue
        for word in _WORD.findall(_PLACEHOLDER.sub(" ", line).lower()):
            found = next((lease for stem, lease in _LEASE_STEMS if stem in word), None)
            if found is not None:
                raise TemplateError(
                    f"Brevmallen {path}, rad {number}: ordet '{word}' hör till hyresrätten "
                    f"('{found}') och får inte stå i ett brev om tillfälligt boende. "
                    "Placeringen vilar på ett beslut om bistånd och är inget avtal om bostad "
                    "(JO 416-2016). Skriv om raden, t.ex. 'placeringen' eller 'beslutet' i "
                    "stället för 'kontraktet', 'avgiften' i stället för 'hyran'."
                )


def load_templates(kind_ids: Iterable[str], settings: Settings) -> dict[str, Template]:
    """Every template a batch needs, all checked before the first letter is rendered."""
    return {kind_id: load_template(kind_id, settings) for kind_id in dict.fromkeys(kind_ids)}
