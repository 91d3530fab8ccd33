"""Who pays a client's income, and where to write to them: resources/letters/payers.txt.

The list is text staff can edit like a letter template (a copy in the template folder wins).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bobudget.kernel.config import Settings
from bobudget.kernel.errors import ValidationError
from bobudget.kernel.resources import resource_folder

PAYERS_FILE = "payers.txt"


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
    path = resource_folder("letters") / PAYERS_FILE
    if settings.template_folder:
        own = Path(settings.template_folder) / PAYERS_FILE
        if own.is_file():
            path = own
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raise ValidationError(
            f"Listan över utbetalare, {path}, kan inte läsas. Kontrollera att filen finns och är "
            "sparad som UTF-8."
        ) from None
    return parse_payers(text, path)
