"""Building blocks for the placement tests: a person, a landlord's dwelling, a decision, a place."""

from __future__ import annotations

import datetime as dt

from bobudget.db.engine import Database
from bobudget.kernel.identity import demo_identity
from bobudget.model.vocab import HouseholdRole
from bobudget.persons.households import NewChild, add_child, add_member, get_household
from bobudget.persons.registry import PersonInput, create_person
from bobudget.placement.decisions import DecisionInput, register_decision
from bobudget.placement.housing_stock import (
    DwellingInput,
    LandlordInput,
    save_dwelling,
    save_landlord,
)
from bobudget.placement.temporary_places import PlaceInput, save_place

TODAY = dt.date(2026, 11, 27)
USER = "testare"

_serial = iter(range(1, 10_000))


def person(
    db: Database, first: str = "Karin", last: str = "Öberg", *, protected: bool = False
) -> int:
    n = next(_serial)
    # Twenty demo birth numbers per day: move on a day for every twenty persons.
    number = demo_identity(dt.date(1985, 3, 12) + dt.timedelta(days=n // 20), n % 20).display
    return create_person(
        db,
        PersonInput(number, first, last, address="Storgatan 4", city="Sjövik", protected=protected),
        user=USER,
        today=TODAY,
    )


def landlord(db: Database, name: str = "Sjöviks Bostäder AB") -> int:
    return save_landlord(
        db, LandlordInput(name, kind="municipal_company", cooperation_agreement=True), user=USER
    )


def dwelling(db: Database, landlord_id: int, address: str = "Kvarngatan 7", rooms: int = 2) -> int:
    return save_dwelling(
        db,
        DwellingInput(
            address,
            landlord_id=landlord_id,
            postal_code="734 31",
            city="Sjövik",
            object_number=f"OBJ-{address[:4]}",
            rooms=rooms,
            rent_ore=712350,
        ),
        user=USER,
    )


def decision(
    db: Database,
    person_id: int,
    kind: str = "housing",
    decided: dt.date = dt.date(2026, 8, 1),
    reference: str | None = None,
    **needs: object,
) -> int:
    data = DecisionInput(
        person_id=person_id,
        kind=kind,
        decision_date=decided,
        decided_by="Eva Socialsekreterare",
        reference=reference or f"SN 2026/{next(_serial):05d}",
        unit="Vuxenavdelningen",
    )
    adults = int(needs.pop("need_adults", 1))  # type: ignore[call-overload]
    children = int(needs.pop("need_children", 0))  # type: ignore[call-overload]
    household(db, person_id, adults, children)
    for key, value in needs.items():
        setattr(data, key, value)
    return register_decision(db, data, user=USER, today=TODAY)


def household(db: Database, person_id: int, adults: int = 1, children: int = 0) -> None:
    """Members besides the applicant: the decision takes its size from them."""
    for n in range(adults - 1):
        other = person(db, f"Vuxen{n + 1}", "Medsökande")
        hh = get_household(db, person_id, TODAY)
        add_member(db, hh.id, hh.version, other, HouseholdRole.CO_APPLICANT, TODAY, USER, TODAY)
    for n in range(children):
        hh = get_household(db, person_id, TODAY)
        child = NewChild(f"Barn{n + 1}", "Barnsson", dt.date(2016, 5, 1) + dt.timedelta(days=n))
        add_child(db, hh.id, hh.version, child, USER, TODAY)


def place(db: Database, name: str | None = None, cost_ore: int = 45000) -> int:
    return save_place(
        db,
        PlaceInput(
            name or f"Vandrarhem {next(_serial)}",
            kind="hostel",
            address="Hamngatan 1",
            city="Sjövik",
            cost_ore=cost_ore,
        ),
        user=USER,
    )
