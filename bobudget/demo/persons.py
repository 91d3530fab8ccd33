"""Demo persons and households: Swedish names, unique demo identity numbers, addresses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bobudget.demo import data as words
from bobudget.demo.places import Address
from bobudget.demo.rows import DemoRows, days
from bobudget.kernel.errors import ValidationError
from bobudget.kernel.identity import IdentityNumber, demo_identity, parse_identity
from bobudget.kernel.search_text import person_search_text
from bobudget.model import Household, HouseholdMember, Person
from bobudget.model.vocab import ContractKind, HouseholdRole


@dataclass
class HouseholdFacts:
    id: int
    applicant_id: int
    adults: int
    children: int
    rooms: int
    since: dt.date
    member_ids: list[int] = field(default_factory=list)


class PersonMaker:
    """Makes households with their members; no two demo persons share an identity number."""

    def __init__(self, rows: DemoRows) -> None:
        self.rows = rows
        # Birth day and birth number as one int (day * 20 + serial): a city's in a few MB.
        self._used_numbers: set[int] = set()

    def composition(self) -> tuple[int, int]:
        """(adults, children): mostly single adults, some couples, some with children; 1–5."""
        rng = self.rows.rng
        draw = rng.random()
        if draw < 0.58:
            return 1, 0
        if draw < 0.70:
            return 2, 0
        if draw < 0.88:
            return 1, rng.choice((1, 1, 2, 2, 3))
        return 2, rng.choice((1, 2, 3))

    def household(self, adults: int, children: int, since: dt.date) -> HouseholdFacts:
        rows, rng = self.rows, self.rows.rng
        protected = rows.chance(0.02)
        last_name = rows.pick(words.LAST_NAMES)
        female = rows.chance(0.5)
        household_id = rows.add(Household, since, name=f"Hushåll {last_name}")
        age = round(rng.triangular(19, 80, 34)) if children == 0 else rng.randint(20, 50)
        birth = since - days(age * 365 + age // 4 + rng.randint(0, 364))
        rooms = min(5, adults + children) if adults + children > 1 else rng.choice((1, 1, 2))
        hh = HouseholdFacts(household_id, 0, adults, children, rooms, since)
        hh.applicant_id = self._person(
            hh, HouseholdRole.APPLICANT, last_name, female, birth, protected, since
        )
        if adults == 2:
            partner_last = last_name if rows.chance(0.5) else rows.pick(words.LAST_NAMES)
            partner_birth = birth + days(rng.randint(-2500, 2500))
            partner_birth = min(partner_birth, since - days(18 * 365 + 5))
            self._person(
                hh,
                HouseholdRole.CO_APPLICANT,
                partner_last,
                not female,
                partner_birth,
                protected,
                since,
            )
        youngest_parent = birth + days(18 * 365 + 5)
        for _ in range(children):
            child_birth = rows.day_between(max(rows.today - days(17 * 365), youngest_parent), since)
            self._person(
                hh, HouseholdRole.CHILD, last_name, rows.chance(0.5), child_birth, protected, since
            )
        return hh

    def _person(
        self,
        hh: HouseholdFacts,
        role: HouseholdRole,
        last_name: str,
        female: bool,
        birth: dt.date,
        protected: bool,
        since: dt.date,
    ) -> int:
        rows, rng = self.rows, self.rows.rng
        if birth.year >= 2000:
            names = words.YOUNG_FEMALE_NAMES if female else words.YOUNG_MALE_NAMES
        else:
            names = words.FEMALE_NAMES if female else words.MALE_NAMES
        first_name = rows.pick(names)
        adult = role != HouseholdRole.CHILD
        number = self._identity(birth, coordination=adult and rows.chance(0.015))
        phone = ""
        if adult and rows.chance(0.85):
            phone = f"07{rng.choice('02369')}-{rng.randint(100, 999)} {rng.randint(10, 99)} "
            phone += f"{rng.randint(10, 99)}"
        email = f"{ascii_name(first_name)}.{ascii_name(last_name)}@example.com"
        person_id = rows.add(
            Person,
            since,
            identity=number.canonical,
            identity_kind=number.kind.value,
            first_name=first_name,
            last_name=last_name,
            phone=phone,
            email=email if adult and rows.chance(0.25) else "",
            protected_identity=protected,
            search_text=person_search_text(last_name, first_name, number.display, number.canonical),
        )
        hh.member_ids.append(person_id)
        rows.add(
            HouseholdMember,
            since,
            household_id=hh.id,
            person_id=person_id,
            role=role,
            from_date=since,
        )
        return person_id

    def _identity(self, birth: dt.date, coordination: bool) -> IdentityNumber:
        """A unique demo number: 20 birth numbers a day, so a full day moves to the day before."""
        rng = self.rows.rng
        while True:
            first = rng.randrange(20)
            for step in range(20):
                serial = (first + step) % 20
                key = birth.toordinal() * 20 + serial
                if key not in self._used_numbers:
                    self._used_numbers.add(key)
                    number = demo_identity(birth, serial)
                    return coordination_number(number, self.rows.today) if coordination else number
            birth -= days(1)

    def settle(self, hh: HouseholdFacts, where: Address) -> None:
        """Everyone in the household lives where the household ended up."""
        for person_id in hh.member_ids:
            person = self.rows.get(Person, person_id)
            person["address"] = where.street
            person["postal_code"] = where.postal_code
            person["city"] = where.city


def coordination_number(number: IdentityNumber, today: dt.date) -> IdentityNumber:
    """The samordningsnummer form of a demo number: day + 60, its own check digit.

    The birth number stays in the 980–999 series, so it is no real person's either.
    """
    c = number.canonical
    without_check = f"{c[:6]}{int(c[6:8]) + 60:02d}{c[8:11]}"
    for digit in "0123456789":
        try:
            return parse_identity(without_check + digit, today)
        except ValidationError:
            continue
    raise AssertionError(f"no check digit for {without_check}")  # pragma: no cover


def ascii_name(name: str) -> str:
    """A name as it is written in an e-mail address: lower case, å ä ö as a a o."""
    folded = name.lower().translate(str.maketrans("åäöéćč", "aaoecc"))
    return "".join(ch for ch in folded if ch.isascii() and (ch.isalnum() or ch == "-"))


@dataclass(frozen=True, slots=True)
class Lease:
    """What follow-up needs to know of a lease contract (socialt, bostadssocialt, Bostad först)."""

    contract_id: int
    person_id: int
    household_id: int
    kind: ContractKind
    start: dt.date
    end: dt.date | None
    rent_ore: int
    landlord: str
    interval_months: int
    decided_by: str
