"""Who pays a client's income, and where to write to them: the unit's list of payers.

Text staff edit like a letter template: the unit's own text in the database (Administration →
Brevmallar, name `utbetalare`), else the standard resources/letters/payers.txt. It is a unit
setting, not a PC's: the managed_funds_payer letter must name the same address on every PC.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bobudget.kernel.config import Settings
from bobudget.kernel.errors import ValidationError
from bobudget.letters.templates import default_template_folder, unit_template_label

__all__ = ["PAYERS_FILE", "PAYERS_NAME", "Payer", "load_payers", "parse_payers"]

PAYERS_FILE = "payers.txt"
# The list's name among the unit's own template texts in the database.
PAYERS_NAME = "utbetalare"


@dataclass(frozen=True)
class Payer:
    category: str
    name: str
    address: tuple[str, ...]


def parse_payers(text: str, path: Path) -> dict[str, Payer]:
    """Each line `inkomstslag | utbetalare | adressrad | …`; %% starts a comment."""
    payers: dict[str, Payer] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("%%"):
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) < 3 or not all(parts):
            raise ValidationError(
                f"Listan över utbetalare {path}, rad {number}: skriv inkomstslag | utbetalare | "
                "adressrad (minst en), med | mellan delarna."
            )
        payers[parts[0].lower()] = Payer(parts[0].lower(), parts[1], tuple(parts[2:]))
    return payers


def load_payers(settings: Settings) -> dict[str, Payer]:
    own = settings.template_overrides.get(PAYERS_NAME)
    if own is not None:
        return parse_payers(own.text, unit_template_label(PAYERS_FILE))
    path = default_template_folder() / PAYERS_FILE
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raise ValidationError(
            f"Listan över utbetalare, {path}, kan inte läsas. Kontrollera att filen finns och är "
            "sparad som UTF-8."
        ) from None
    return parse_payers(text, path)
