"""The household's rules: who lives in it on a day, who is a child, and its size in words.

DOMAIN.md: a household has members with roles (applicant, co-applicant, child) and dates in and
out; the decision's "1 vuxen, 2 barn", the contract's list of who lives in the dwelling and the
survey's children under 18 all come from the members. Pure functions of plain values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from bobudget.model.vocab import HouseholdRole

__all__ = [
    "ADULT_AGE",
    "HouseholdSize",
    "MemberFacts",
    "age_on",
    "birth_date_of",
    "household_size",
    "is_child",
    "lives_there",
    "size_text",
]

ADULT_AGE = 18
# A samordningsnummer writes the day of birth plus 60.
_COORDINATION_DAY_OFFSET = 60


@dataclass(frozen=True)
class MemberFacts:
    role: HouseholdRole
    birth_date: dt.date | None
    from_date: dt.date | None
    to_date: dt.date | None


@dataclass(frozen=True)
class HouseholdSize:
    adults: int
    children: int

    @property
    def persons(self) -> int:
        return self.adults + self.children

    @property
    def text(self) -> str:
        return size_text(self.adults, self.children)


def birth_date_of(identity: str, stored: dt.date | None) -> dt.date | None:
    """The birth date in a 12-digit personnummer or samordningsnummer; else the stored one."""
    if len(identity) == 12 and identity.isdigit():
        year, month, day = int(identity[:4]), int(identity[4:6]), int(identity[6:8])
        if day > _COORDINATION_DAY_OFFSET:
            day -= _COORDINATION_DAY_OFFSET
        try:
            return dt.date(year, month, day)
        except ValueError:
            return stored
    return stored


def age_on(birth: dt.date, day: dt.date) -> int:
    """Whole years: a person born on 29 February turns a year older on 1 March in other years."""
    had_birthday = (day.month, day.day) >= (birth.month, birth.day)
    return day.year - birth.year - (0 if had_birthday else 1)


def lives_there(from_date: dt.date | None, to_date: dt.date | None, day: dt.date) -> bool:
    """A member from `from_date` (none: always) through `to_date` (none: still)."""
    return (from_date is None or from_date <= day) and (to_date is None or day <= to_date)


def is_child(role: HouseholdRole, birth_date: dt.date | None, day: dt.date) -> bool:
    """Under 18 on the day; without a known birth date the role says."""
    if birth_date is not None:
        return age_on(birth_date, day) < ADULT_AGE
    return role == HouseholdRole.CHILD


def household_size(members: Iterable[MemberFacts], day: dt.date) -> HouseholdSize:
    """Adults and children living in the household on the day."""
    adults = children = 0
    for m in members:
        if not lives_there(m.from_date, m.to_date, day):
            continue
        if is_child(m.role, m.birth_date, day):
            children += 1
        else:
            adults += 1
    return HouseholdSize(adults, children)


def size_text(adults: int, children: int) -> str:
    """ "1 vuxen, 2 barn"; "2 vuxna"; "1 barn" (a household of children only says so)."""
    parts = []
    if adults or not children:
        parts.append(f"{adults} vuxen" if adults == 1 else f"{adults} vuxna")
    if children:
        parts.append(f"{children} barn")
    return ", ".join(parts)
