"""Demo housing stock: landlords, their dwellings, temporary places, addresses and the staff."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from bobudget.demo import data as words
from bobudget.demo.rows import DemoRows
from bobudget.model import Dwelling, Landlord, TemporaryPlace, User
from bobudget.model.vocab import CostUnit, DwellingStatus, PlaceKind, UserRole

# Rooms → (area in m² of a typical flat of that size, spread up).
_AREA_BY_ROOMS = {1: (24, 14), 2: (48, 16), 3: (68, 16), 4: (86, 18), 5: (104, 20)}
# Yearly rent per m² in whole kronor: what the region's landlords ask.
_RENT_PER_M2_YEAR = (1150, 1520)
# Landlords put their dwellings of social need on the low floors more often than not.
_FLOORS = (0, 1, 1, 2, 2, 3, 3, 4, 5, 6)


@dataclass(frozen=True)
class Address:
    street: str
    postal_code: str
    city: str


@dataclass(frozen=True)
class LandlordInfo:
    id: int
    name: str
    prefix: str


@dataclass(frozen=True)
class DwellingInfo:
    id: int
    rent_ore: int
    landlord: LandlordInfo
    address: Address


@dataclass(frozen=True)
class PlaceInfo:
    id: int
    kind: PlaceKind
    address: Address
    cost_ore: int
    cost_unit: CostUnit


@dataclass(frozen=True)
class Staff:
    """Who in the unit does what: usernames for done_by, full names for participant lists."""

    consultants: tuple[tuple[str, str], ...]
    supervisors: tuple[tuple[str, str], ...]
    funds_officers: tuple[tuple[str, str], ...]


class Places:
    """Makes the landlords, temporary places and users, then dwellings and addresses on demand."""

    def __init__(
        self, rows: DemoRows, households: int, existing_users: set[str], signed_in: str
    ) -> None:
        self.rows = rows
        self._signed_in = signed_in
        # "street\tpostal code" of every dwelling made: one string each, kept small for a city.
        self._used_dwelling_addresses: set[str] = set()
        self._buildings: dict[int, int] = {}
        self.dwelling_ids: list[int] = []
        self.landlords: list[LandlordInfo] = []
        self._landlord_weights: list[int] = []
        self._places: dict[PlaceKind, list[PlaceInfo]] = {}
        since = rows.history_start - dt.timedelta(days=365)
        for name, kind, agreement, weight, prefix in words.LANDLORDS:
            landlord_id = rows.add(
                Landlord,
                since,
                name=name,
                kind=kind,
                cooperation_agreement=agreement,
                # The unit rents many flats from the landlords it has an agreement with.
                municipality_rents_three=agreement,
                contact_name=rows.pick(words.LANDLORD_CONTACTS),
                phone=f"0{rows.rng.randint(220, 299)}-{rows.rng.randint(100000, 999999)}",
                email=f"uthyrning@{_mail_domain(name)}.example",
                address=self._joined(self.address()),
            )
            self.landlords.append(LandlordInfo(landlord_id, name, prefix))
            self._landlord_weights.append(weight)
        self._add_temporary_places(households, since)
        self.staff = self._add_users(existing_users, since)

    def address(self) -> Address:
        """A home address in the municipality (not one of the landlords' flats we track)."""
        rng = self.rows.rng
        town, prefix, (low, high), _share = self.rows.weighted(
            words.TOWNS, [t[3] for t in words.TOWNS]
        )
        street = f"{self.rows.pick(words.STREETS)} {rng.randint(1, 80)}"
        return Address(street, f"{prefix} {rng.randint(low, high):02d}", town)

    def dwelling(
        self, rooms: int, status: DwellingStatus, day: dt.date, *, accessible: bool = False
    ) -> DwellingInfo:
        """A new dwelling of `rooms` rooms at an address no other dwelling has."""
        rng = self.rows.rng
        landlord = self.rows.weighted(self.landlords, self._landlord_weights)
        floor = 0 if accessible and rng.random() < 0.5 else self.rows.pick(_FLOORS)
        while True:
            home = self.address()
            flat = f"lgh {1000 + floor * 100 + rng.randint(1, 6)}"
            street = f"{home.street}, {flat}"
            key = f"{street}\t{home.postal_code}"
            if key not in self._used_dwelling_addresses:
                self._used_dwelling_addresses.add(key)
                break
        base, spread = _AREA_BY_ROOMS[rooms]
        tenths = base * 10 + rng.randint(-40, spread * 10)
        rent_kr = round(tenths * rng.randint(*_RENT_PER_M2_YEAR) / 120)
        building = self._buildings.get(landlord.id, 0) + 1
        self._buildings[landlord.id] = building
        dwelling_id = self.rows.add(
            Dwelling,
            day,
            landlord_id=landlord.id,
            address=street,
            postal_code=home.postal_code,
            city=home.city,
            object_number=f"{landlord.prefix}-{building:05d}-{flat[4:]}",
            rooms=rooms,
            area_m2=Decimal(tenths) / 10,
            rent_ore=rent_kr * 100,
            floor=floor,
            accessible=accessible or floor == 0 or rng.random() < 0.4,
            status=status,
        )
        self.dwelling_ids.append(dwelling_id)
        return DwellingInfo(
            dwelling_id, rent_kr * 100, landlord, Address(street, home.postal_code, home.city)
        )

    def offered_elsewhere(self, rooms: int, day: dt.date) -> int:
        """A dwelling that was offered and declined: one already known, or a new available one."""
        if self.dwelling_ids and self.rows.chance(0.7):
            return self.rows.pick(self.dwelling_ids)
        return self.dwelling(rooms, DwellingStatus.AVAILABLE, day).id

    def temporary_place(self, family: bool) -> PlaceInfo:
        """Families go to temporary flats or a hotel; a single person also to hostels, shelter."""
        if family:
            kind = self.rows.weighted((PlaceKind.TEMPORARY_FLAT, PlaceKind.HOTEL), (75, 25))
        else:
            kind = self.rows.weighted(
                (PlaceKind.HOSTEL, PlaceKind.SHELTER, PlaceKind.HOTEL, PlaceKind.TEMPORARY_FLAT),
                (40, 20, 10, 30),
            )
        return self.rows.pick(self._places[kind])

    def _add_temporary_places(self, households: int, since: dt.date) -> None:
        rng = self.rows.rng
        for name, kind, cost_kr, unit, rules in words.TEMPORARY_PLACES:
            self._add_place(name, kind, self.address(), cost_kr * 100, unit, rules, since)
        # Temporary flats in proportion to the caseload, as a municipality rents them.
        names: set[str] = set()
        while len(names) < max(3, households // 40):
            home = self.address()
            street = f"{home.street}, lgh {1000 + rng.randint(0, 4) * 100 + rng.randint(1, 6)}"
            name = f"Tillfällig lägenhet {street}, {home.city}"
            if name in names:
                continue
            names.add(name)
            self._add_place(
                name,
                PlaceKind.TEMPORARY_FLAT,
                Address(street, home.postal_code, home.city),
                self.rows.pick(words.TEMPORARY_FLAT_MONTHLY_KR) * 100,
                CostUnit.MONTH,
                "Lånas ut för tillfälligt boende. Husdjur är inte tillåtna.",
                since,
            )

    def _add_place(
        self,
        name: str,
        kind: PlaceKind,
        where: Address,
        cost_ore: int,
        unit: CostUnit,
        rules: str,
        since: dt.date,
    ) -> None:
        place_id = self.rows.add(
            TemporaryPlace,
            since,
            name=name,
            kind=kind,
            address=where.street,
            postal_code=where.postal_code,
            city=where.city,
            cost_ore=cost_ore,
            cost_unit=unit,
            rules=rules,
            active=True,
        )
        self._places.setdefault(kind, []).append(PlaceInfo(place_id, kind, where, cost_ore, unit))

    def _add_users(self, existing: set[str], since: dt.date) -> Staff:
        by_role: dict[UserRole, list[tuple[str, str]]] = {}
        for username, full_name, role, phone in words.USERS:
            by_role.setdefault(role, []).append((username, full_name))
            if username not in existing:
                email = f"{username}@{words.DEMO_MAIL_DOMAIN}"
                self.rows.add(
                    User,
                    since,
                    username=username,
                    full_name=full_name,
                    role=role,
                    phone=phone,
                    email=email,
                )
        # The letters are signed by the signed-in user: in the demo, a demo officer.
        signed_in = self._signed_in
        if signed_in not in existing and signed_in not in {u[0] for u in words.USERS}:
            self.rows.add(
                User,
                since,
                username=signed_in,
                full_name=words.DEMO_SIGNED_IN_NAME,
                role=UserRole.BOSTADSKONSULENT,
                phone=words.DEMO_SIGNED_IN_PHONE,
                email=f"alex.demosson@{words.DEMO_MAIL_DOMAIN}",
            )
        return Staff(
            consultants=tuple(by_role[UserRole.BOSTADSKONSULENT]),
            supervisors=tuple(by_role[UserRole.BOSTADSHANDLEDARE]),
            funds_officers=tuple(by_role[UserRole.HANDLAGGARE_EGNA_MEDEL]),
        )

    @staticmethod
    def _joined(address: Address) -> str:
        return f"{address.street}, {address.postal_code} {address.city}"


def _mail_domain(name: str) -> str:
    ascii_name = name.lower().translate(str.maketrans("åäöé&", "aaoe-"))
    return "-".join(part for part in ascii_name.replace("-", " ").split() if part != "ab")
