"""The places for temporary housing (hostel, hotel, temporary flat, shelter) and their price."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from bobudget.db.engine import Database
from bobudget.kernel.contact import postal_code
from bobudget.kernel.errors import ValidationError
from bobudget.kernel.money import format_amount
from bobudget.kernel.problems import Problems
from bobudget.kernel.search_text import fold
from bobudget.model import TemporaryPlace
from bobudget.model.vocab import CostUnit, PlaceKind
from bobudget.placement.common import require_text
from bobudget.placement.housing_stock import copy_fields, field_names, save_row, strip_texts

__all__ = ["PlaceInput", "PlaceRow", "cost_label", "list_places", "save_place"]


@dataclass
class PlaceInput:
    name: str
    kind: PlaceKind = PlaceKind.HOSTEL
    address: str = ""
    postal_code: str = ""
    city: str = ""
    cost_ore: int | None = None
    cost_unit: CostUnit = CostUnit.NIGHT
    rules: str = ""
    active: bool = True


@dataclass(frozen=True)
class PlaceRow:
    id: int
    version: int
    data: PlaceInput
    kind_label: str
    cost_label: str


def save_place(
    db: Database,
    data: PlaceInput,
    place_id: int | None = None,
    expected_version: int | None = None,
    user: str | None = None,
) -> int:
    """Add a place for temporary housing or change one. A new price applies to placements
    made from now on; those already made keep the price they were made at.
    """
    strip_texts(data)
    problems = Problems()
    problems.check("Namn", lambda: require_text(data.name, "Fyll i platsens namn."))
    data.postal_code = problems.check("Postnummer", lambda: postal_code(data.postal_code)) or ""
    problems.raise_any()
    if data.kind not in PlaceKind.labels():
        raise ValidationError("Välj vilket slags plats det är.")
    if data.cost_unit not in CostUnit.labels():
        raise ValidationError("Välj om kostnaden gäller per natt eller per månad.")
    if data.cost_ore is not None and data.cost_ore < 0:
        raise ValidationError("Kostnaden kan inte vara negativ.")
    return save_row(
        db,
        TemporaryPlace,
        place_id,
        expected_version,
        data,
        "temporary_place",
        f"Det finns redan en plats som heter {data.name}.",
        user,
    )


def cost_label(cost_ore: int | None, unit: CostUnit | str) -> str:
    if cost_ore is None:
        return "Kostnad saknas"
    return f"{format_amount(cost_ore)} {CostUnit(unit).label}"


def list_places(db: Database, *, active_only: bool = False, text: str = "") -> list[PlaceRow]:
    stmt = select(TemporaryPlace).order_by(TemporaryPlace.name)
    if active_only:
        stmt = stmt.where(TemporaryPlace.active.is_(True))
    with db.sessions() as s:
        places = s.scalars(stmt).all()
    wanted = fold(text)
    return [
        _place_row(place)
        for place in places
        if not wanted or wanted in fold(f"{place.name} {place.city} {place.address}")
    ]


def count_places(db: Database, *, text: str = "") -> int:
    """How many places `places_page` pages through (a count query when nothing is typed)."""
    if fold(text):
        return len(list_places(db, text=text))
    with db.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(TemporaryPlace)) or 0)


def places_page(
    db: Database, *, text: str = "", offset: int = 0, limit: int = 200
) -> list[PlaceRow]:
    """The rows of `list_places` from `offset`, at most `limit`: read as a page when nothing is
    typed; a typed filter (folded name, city and address) is matched on the whole list."""
    if fold(text):
        return list_places(db, text=text)[offset : offset + limit]
    stmt = (
        select(TemporaryPlace)
        .order_by(TemporaryPlace.name, TemporaryPlace.id)
        .offset(offset)
        .limit(limit)
    )
    with db.sessions() as s:
        return [_place_row(place) for place in s.scalars(stmt)]


def _place_row(place: TemporaryPlace) -> PlaceRow:
    data = PlaceInput(name="")
    copy_fields(place, data, field_names(PlaceInput))
    return PlaceRow(
        place.id,
        place.version,
        data,
        PlaceKind(place.kind).label,
        cost_label(place.cost_ore, place.cost_unit),
    )


def place_choices(db: Database) -> list[tuple[int, str]]:
    """Every place's id and name, by name: what a choice of place lists (not whole rows)."""
    with db.sessions() as s:
        return [
            (pid, name)
            for pid, name in s.execute(
                select(TemporaryPlace.id, TemporaryPlace.name).order_by(TemporaryPlace.name)
            )
        ]
