"""Who signs a letter and how to reach the unit: a letter is not printed with either missing.

LETTERS.md (every letter): a letter is signed by a person, with the officer's name and phone,
on the unit's letterhead with its contact details. A blank letterhead once printed "Skicka
begäran till  eller ." and "Handläggare root": `missing_sender_details` names what to fill in,
and where, before anything is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

from bobudget.kernel.config import Letterhead

LETTERHEAD_PLACE = "Administration → Enhetens inställningar (eller bobudget admin settings set)"
OFFICER_PLACE = "Arkiv → Mina uppgifter… (eller: bobudget user set --full-name … --phone …)"

# The letterhead's fields a letter cannot do without, with their names on the settings tab.
REQUIRED_LETTERHEAD = (
    ("municipality", "kommun"),
    ("unit", "enhet"),
    ("postal_address", "postadress"),
    ("phone", "telefon"),
)


@dataclass(frozen=True)
class Officer:
    """The signed-in user as the letters' handling officer (handläggare), from `users`."""

    username: str
    full_name: str = ""
    phone: str = ""
    email: str = ""


def _joined(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} och {words[-1]}"


def missing_sender_details(letterhead: Letterhead, officer: Officer) -> str:
    """A Swedish message naming what is missing and where to fill it in; "" when complete."""
    problems = []
    letterhead_missing = [
        label for field, label in REQUIRED_LETTERHEAD if not getattr(letterhead, field).strip()
    ]
    if letterhead_missing:
        problems.append(
            f"brevhuvudet saknar {_joined(letterhead_missing)} (fyll i under {LETTERHEAD_PLACE})"
        )
    officer_missing = [
        label
        for value, label in ((officer.full_name, "namn"), (officer.phone, "telefonnummer"))
        if not value.strip()
    ]
    if officer_missing:
        problems.append(
            f"du som handläggare ({officer.username}) saknar {_joined(officer_missing)} i "
            f"programmets användarlista (fyll i under {OFFICER_PLACE})"
        )
    if not problems:
        return ""
    return f"Brevet kan inte skrivas ut: {'; '.join(problems)}. Inget brev skrevs ut."
