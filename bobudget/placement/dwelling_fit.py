"""Which vacant dwelling fits a household's need: the rule behind the contract dialog's default.

A dwelling fits when it has the rooms the household needs, a rent within the decision's
ceiling and, where the decision asks for it, accessibility. Of those that fit, the smallest
that is large enough comes first (a family of three does not get the five rooms another family
waits for), then the lowest rent. Pure functions of plain values; the query is beside them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from bobudget.db.engine import Database
from bobudget.kernel.errors import NotFoundError
from bobudget.kernel.money import format_amount
from bobudget.model import Decision
from bobudget.persons.households import size_of_household

__all__ = [
    "DwellingNeed",
    "Vacancy",
    "best_dwelling",
    "fits",
    "need_of_decision",
    "need_text",
    "rank_dwellings",
    "rooms_for_household",
]


def rooms_for_household(adults: int, children: int) -> int:
    """Rooms (kitchen not counted) for the household: SCB's crowding norm 2.

    At most two persons a bedroom, with a living room besides; a person alone needs one room.
    1 vuxen → 1; 2 vuxna → 2; 1 vuxen, 2 barn → 3; 2 vuxna, 3 barn → 4.
    """
    persons = max(adults + children, 1)
    return 1 if persons == 1 else math.ceil(persons / 2) + 1


@dataclass(frozen=True)
class DwellingNeed:
    rooms: int | None
    rent_ceiling_ore: int | None = None
    accessibility: bool = False


@dataclass(frozen=True)
class Vacancy:
    id: int
    rooms: int | None
    rent_ore: int | None
    accessible: bool


def fits(dwelling: Vacancy, need: DwellingNeed) -> bool:
    """Large enough, within the rent ceiling, accessible where asked. Unknown rooms or rent do
    not fit a need that names them: somebody must look first."""
    if need.rooms is not None and (dwelling.rooms is None or dwelling.rooms < need.rooms):
        return False
    if need.rent_ceiling_ore is not None and (
        dwelling.rent_ore is None or dwelling.rent_ore > need.rent_ceiling_ore
    ):
        return False
    return dwelling.accessible or not need.accessibility


def rank_dwellings(dwellings: Sequence[Vacancy], need: DwellingNeed) -> list[Vacancy]:
    """Those that fit first, the smallest large enough and then the cheapest; then the rest as
    they were listed."""

    def key(d: Vacancy) -> tuple[int, int, int]:
        surplus = (d.rooms or 0) - (need.rooms or 0)
        return (surplus, d.rent_ore if d.rent_ore is not None else 0, d.id)

    fitting = sorted((d for d in dwellings if fits(d, need)), key=key)
    return fitting + [d for d in dwellings if not fits(d, need)]


def best_dwelling(dwellings: Sequence[Vacancy], need: DwellingNeed) -> Vacancy | None:
    ranked = rank_dwellings(dwellings, need)
    return ranked[0] if ranked and fits(ranked[0], need) else None


def need_text(need: DwellingNeed) -> str:
    """ "3 rum, högst 8 000,00 kr, tillgänglighetsanpassad": what the household needs."""
    parts = [f"minst {need.rooms} rum"] if need.rooms else []
    if need.rent_ceiling_ore is not None:
        parts.append(f"högst {format_amount(need.rent_ceiling_ore)}")
    if need.accessibility:
        parts.append("tillgänglighetsanpassad")
    return ", ".join(parts)


def need_of_decision(db: Database, decision_id: int, today: dt.date) -> DwellingNeed:
    """The decision's need: its rooms as decided, else the rooms for the household's size now."""
    with db.sessions() as s:
        decision = s.get(Decision, decision_id)
        if decision is None:
            raise NotFoundError("Beslutet finns inte längre i databasen.")
        rooms = decision.need_rooms
        if rooms is None:
            size = size_of_household(s, decision.household_id, today)
            rooms = rooms_for_household(size.adults, size.children)
        return DwellingNeed(rooms, decision.need_rent_ceiling_ore, decision.need_accessibility)
