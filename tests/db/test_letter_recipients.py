"""LETTERS.md's rules checked per recipient, over every letter kind: what a landlord or a payer
may see, and that nothing on a protected person's letter locates their home."""

from __future__ import annotations

import pytest

from bobudget.app.letters import LetterRequest, render_letter
from bobudget.db.engine import Database
from bobudget.letters.kinds import ADDED_KINDS, KINDS, RECIPIENT_MAY_SEE, Recipient
from tests.db.test_letters import SETTINGS, TODAY, Home, add_officers, add_person, pdf_text

# Words of the tenant's situation that a letter to a landlord or a payer never carries (the
# rent guarantee speaks of unpaid rent in general: what it covers, not this tenant's debts).
SITUATION = (
    "4 321",
    "störning",
    "musik",
    "avhysning",
    "bistånd",
    "boendestöd",
    "ekonomi",
    "socialsekreterare",
    "skyddade",
    "förmedling",
    "diarienummer",
    "sn 2025/0100",
    "sn 2026/0042",
)


@pytest.fixture
def homes(db: Database) -> tuple[Home, Home]:
    add_officers(db)
    return (
        add_person(
            db, serial=1, first="Åsa", last="Öberg", town="Sjövik", code="734 31", protected=False
        ),
        add_person(
            db,
            serial=2,
            first="Märta",
            last="Lindström",
            town="Tallbacka",
            code="735 99",
            protected=True,
        ),
    )


def _text(db: Database, kind: str, home: Home) -> str:
    request = LetterRequest(kind, home.person_id)
    return pdf_text(render_letter(db, SETTINGS, request, user="anna", today=TODAY).pdf)


def test_every_kind_names_its_recipient_and_others_see_only_what_they_may() -> None:
    for kind in KINDS.values():
        assert isinstance(kind.recipient, Recipient), kind.id
        if kind.recipient is not Recipient.PERSON:
            beyond = set(kind.placeholders) - RECIPIENT_MAY_SEE[kind.recipient]
            assert not beyond, (kind.id, kind.recipient.label, beyond)
    recipients = {kind.recipient for kind in KINDS.values()}
    assert recipients == set(Recipient)


def test_letters_to_a_landlord_or_payer_carry_nothing_of_the_case(
    db: Database, homes: tuple[Home, Home]
) -> None:
    others = [kind for kind in KINDS.values() if kind.recipient is not Recipient.PERSON]
    assert {k.id for k in others} >= {"sublet_notice", "managed_funds_payer"}
    for home in homes:
        for kind in others:
            text = _text(db, kind.id, home).lower()
            for word in SITUATION:
                assert word not in text, (kind.id, word)
            for part in homes[1].address_parts:
                assert part.lower() not in text, (kind.id, part)


def test_new_letters_to_a_protected_person_neither_locate_nor_number_their_home(
    db: Database, homes: tuple[Home, Home]
) -> None:
    protected = homes[1]
    for kind in ADDED_KINDS:
        if kind.recipient is not Recipient.PERSON:
            continue
        text = _text(db, kind.id, protected)
        for part in protected.address_parts:
            assert part not in text, (kind.id, part)
        assert "OBJ-2" not in text, kind.id
        assert "Förmedlingsuppdrag" in text and "Innerkuvert" in text, kind.id
