"""The housing stock the unit places people in: landlords and their dwellings, with status and
contract history. The places for temporary housing are in placement/temporary_places.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError

from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork
from bobudget.kernel.contact import email_address, phone_number, postal_code
from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.kernel.identity import display_canonical
from bobudget.kernel.problems import Problems
from bobudget.kernel.search_text import search_terms
from bobudget.model import Contract, Dwelling, Landlord, Person
from bobudget.model.vocab import ContractKind, DwellingStatus, LandlordKind
from bobudget.placement.common import (
    PROTECTED_LONG_TEXT,
    fetch_for_edit,
    require_text,
)

__all__ = [
    "DwellingFilter",
    "DwellingHistoryLine",
    "DwellingInput",
    "DwellingRow",
    "LandlordInput",
    "LandlordRow",
    "copy_fields",
    "count_dwellings",
    "dwelling_history",
    "field_names",
    "get_dwelling",
    "list_dwellings",
    "list_landlords",
    "save_dwelling",
    "save_landlord",
    "save_row",
    "strip_texts",
]


@dataclass
class LandlordInput:
    name: str
    kind: LandlordKind = LandlordKind.PRIVATE
    cooperation_agreement: bool = False
    contact_name: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    # The municipality rents at least three flats from the landlord to sublet them: its
    # subtenants have security of tenure from the first day (the leases say so).
    municipality_rents_three: bool = False


@dataclass(frozen=True)
class LandlordRow:
    id: int
    version: int
    data: LandlordInput
    kind_label: str
    dwellings: int


@dataclass
class DwellingInput:
    address: str
    landlord_id: int | None = None
    postal_code: str = ""
    city: str = ""
    object_number: str = ""
    rooms: int | None = None
    area_m2: Decimal | None = None
    rent_ore: int | None = None
    floor: int | None = None
    accessible: bool = False
    status: DwellingStatus = DwellingStatus.AVAILABLE


@dataclass(frozen=True)
class DwellingRow:
    id: int
    version: int
    data: DwellingInput
    landlord: str
    status_label: str


@dataclass(frozen=True)
class DwellingFilter:
    text: str = ""  # address, object number or landlord
    status: str = ""
    rooms: int | None = None
    landlord_id: int | None = None


@dataclass(frozen=True)
class DwellingHistoryLine:
    contract_id: int
    kind_label: str
    tenant: str  # "Skyddade personuppgifter" for a protected person: name + address = home
    start_date: dt.date
    end_date: dt.date | None
    end_reason: str


def copy_fields(source: Any, target: Any, names: list[str]) -> None:
    """Form values onto a row, or a row's values into a form (same field names)."""
    for name in names:
        setattr(target, name, getattr(source, name))


def field_names(kind: type[Any]) -> list[str]:
    return [f.name for f in fields(kind)]


def strip_texts(data: Any) -> None:
    """Spaces typed around a value are not part of it."""
    for name in field_names(type(data)):
        value = getattr(data, name)
        if isinstance(value, str):
            setattr(data, name, value.strip())


def save_row(
    db: Database,
    model: type[Any],
    row_id: int | None,
    expected_version: int | None,
    data: Any,
    entity: str,
    duplicate: str,
    user: str | None,
) -> int:
    """Add a row of `model` from `data` (`row_id` None) or change one read at a version.

    A unique name or address already taken is refused with `duplicate`; returns the row's id.
    """
    with UnitOfWork(db, user) as uow:
        if row_id is None:
            row = model()
            uow.session.add(row)
        else:
            row = fetch_for_edit(
                uow.session, model, row_id, expected_version, "Uppgiften finns inte längre."
            )
        copy_fields(data, row, field_names(type(data)))
        try:
            uow.session.flush()
        except IntegrityError:
            raise ValidationError(duplicate) from None
        uow.audit("create" if row_id is None else "update", entity, row.id)
        uow.commit()
        return int(row.id)


# Landlords


def save_landlord(
    db: Database,
    data: LandlordInput,
    landlord_id: int | None = None,
    expected_version: int | None = None,
    user: str | None = None,
) -> int:
    """Add a landlord (`landlord_id` None) or change one read at `expected_version`."""
    strip_texts(data)
    problems = Problems()
    problems.check("Namn", lambda: require_text(data.name, "Fyll i hyresvärdens namn."))
    data.phone = problems.check("Telefon", lambda: phone_number(data.phone)) or ""
    data.email = problems.check("E-post", lambda: email_address(data.email)) or ""
    problems.raise_any()
    if data.kind not in LandlordKind.labels():
        raise ValidationError("Välj vilket slags hyresvärd det är.")
    return save_row(
        db,
        Landlord,
        landlord_id,
        expected_version,
        data,
        "landlord",
        f"Det finns redan en hyresvärd som heter {data.name}.",
        user,
    )


def list_landlords(db: Database) -> list[LandlordRow]:
    counts = (
        select(Dwelling.landlord_id, func.count(Dwelling.id).label("n"))
        .group_by(Dwelling.landlord_id)
        .subquery()
    )
    with db.sessions() as s:
        rows = s.execute(
            select(Landlord, counts.c.n)
            .outerjoin(counts, counts.c.landlord_id == Landlord.id)
            .order_by(Landlord.name)
        ).all()
    result = []
    for landlord, n in rows:
        data = LandlordInput(name="")
        copy_fields(landlord, data, field_names(LandlordInput))
        result.append(
            LandlordRow(
                landlord.id,
                landlord.version,
                data,
                LandlordKind(landlord.kind).label,
                int(n or 0),
            )
        )
    return result


# Dwellings


def save_dwelling(
    db: Database,
    data: DwellingInput,
    dwelling_id: int | None = None,
    expected_version: int | None = None,
    user: str | None = None,
) -> int:
    """Add a dwelling or change one. Its status is set by hand only to available or blocked;
    offered and let follow from offers and contracts, and a let dwelling stays let.
    """
    strip_texts(data)
    problems = Problems()
    problems.check("Adress", lambda: require_text(data.address, "Fyll i bostadens adress."))
    data.postal_code = problems.check("Postnummer", lambda: postal_code(data.postal_code)) or ""
    problems.raise_any()
    if data.rooms is not None and data.rooms < 1:
        raise ValidationError("Antal rum måste vara minst 1, eller lämnas tomt.")
    if data.area_m2 is not None and data.area_m2 <= 0:
        raise ValidationError("Ytan måste vara större än noll, eller lämnas tom.")
    if data.rent_ore is not None and data.rent_ore < 0:
        raise ValidationError("Hyran kan inte vara negativ.")
    if data.status not in DwellingStatus.labels():
        raise ValidationError("Välj bostadens status.")
    if dwelling_id is not None:
        with db.sessions() as s:
            current = s.get(Dwelling, dwelling_id)
            if current is not None and current.status != data.status:
                _check_status_change(current.status, data.status)
    elif data.status not in (DwellingStatus.AVAILABLE, DwellingStatus.BLOCKED):
        raise ValidationError("En ny bostad är ledig eller spärrad.")
    return save_row(
        db,
        Dwelling,
        dwelling_id,
        expected_version,
        data,
        "dwelling",
        f"Det finns redan en bostad på {data.address} {data.postal_code}".rstrip() + ".",
        user,
    )


def _check_status_change(old: str, new: str) -> None:
    if new in (DwellingStatus.OFFERED, DwellingStatus.LET):
        raise ValidationError(
            "Statusen erbjuden och uthyrd sätts av erbjudanden och kontrakt, inte för hand."
        )
    if old == DwellingStatus.LET:
        raise ValidationError(
            "Bostaden är uthyrd. Avsluta kontraktet först; då blir bostaden ledig."
        )


def _dwelling_row(dwelling: Dwelling, landlord: str) -> DwellingRow:
    data = DwellingInput(address="")
    copy_fields(dwelling, data, field_names(DwellingInput))
    return DwellingRow(
        dwelling.id,
        dwelling.version,
        data,
        landlord,
        DwellingStatus(dwelling.status).label,
    )


def list_dwellings(
    db: Database, filt: DwellingFilter, *, limit: int | None = None, offset: int = 0
) -> list[DwellingRow]:
    """Dwellings by address, filtered in the database."""
    stmt = select(Dwelling, Landlord.name).outerjoin(Landlord, Landlord.id == Dwelling.landlord_id)
    stmt = _dwelling_filter(stmt, filt).order_by(Dwelling.address, Dwelling.id)
    if limit is not None:
        stmt = stmt.limit(limit)
    if offset:
        stmt = stmt.offset(offset)
    with db.sessions() as s:
        return [_dwelling_row(d, name or "") for d, name in s.execute(stmt).all()]


def count_dwellings(db: Database, filt: DwellingFilter) -> int:
    stmt = select(func.count(Dwelling.id)).outerjoin(Landlord, Landlord.id == Dwelling.landlord_id)
    with db.sessions() as s:
        return int(s.scalar(_dwelling_filter(stmt, filt)) or 0)


def _dwelling_filter(stmt: Any, filt: DwellingFilter) -> Any:
    if filt.status:
        stmt = stmt.where(Dwelling.status == filt.status)
    if filt.rooms is not None:
        stmt = stmt.where(Dwelling.rooms == filt.rooms)
    if filt.landlord_id is not None:
        stmt = stmt.where(Dwelling.landlord_id == filt.landlord_id)
    for term in search_terms(filt.text):
        # Addresses are not folded in the database; ILIKE folds A–Z on both engines, and å, ä,
        # ö are matched as typed in either case.
        variants = {term, term.capitalize(), term.upper()}
        stmt = stmt.where(
            or_(
                *(Dwelling.address.contains(v, autoescape=True) for v in variants),
                # autoescape: a "%" or "_" typed is a character searched for, not a wildcard.
                Dwelling.address.icontains(term, autoescape=True),
                Dwelling.object_number.icontains(term, autoescape=True),
                Landlord.name.icontains(term, autoescape=True),
            )
        )
    return stmt


def get_dwelling(db: Database, dwelling_id: int) -> DwellingRow:
    with db.sessions() as s:
        dwelling = s.get(Dwelling, dwelling_id)
        if dwelling is None:
            raise NotFoundError("Bostaden finns inte längre i databasen.")
        return _dwelling_row(dwelling, dwelling.landlord.name if dwelling.landlord else "")


def dwelling_history(db: Database, dwelling_id: int) -> list[DwellingHistoryLine]:
    """Every contract on the dwelling, newest first."""
    with db.sessions() as s:
        rows = s.execute(
            select(Contract, Person)
            .join(Person, Person.id == Contract.person_id)
            .where(Contract.dwelling_id == dwelling_id)
            .order_by(Contract.start_date.desc(), Contract.id.desc())
        ).all()
    return [
        DwellingHistoryLine(
            contract_id=c.id,
            kind_label=ContractKind(c.kind).label,
            tenant=(
                PROTECTED_LONG_TEXT
                if p.protected_identity
                else f"{p.full_name} ({display_canonical(p.identity)})"
            ),
            start_date=c.start_date,
            end_date=c.end_date,
            end_reason=c.end_reason,
        )
        for c, p in rows
    ]
