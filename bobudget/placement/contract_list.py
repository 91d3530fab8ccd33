"""The contracts of every kind as a list (filtered in the database), and one contract in full."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select

from bobudget.db.access import record_page_shown
from bobudget.db.engine import Database
from bobudget.db.responsible import shown_responsible
from bobudget.kernel.errors import NotFoundError
from bobudget.kernel.identity import display_canonical
from bobudget.kernel.urgency import Urgency
from bobudget.model import Contract, Dwelling, Landlord, Person, TemporaryPlace, User
from bobudget.model.vocab import ContractBasis, ContractKind
from bobudget.placement.common import (
    PROTECTED_TEXT,
    person_text_filter,
)
from bobudget.placement.contracts import CONTRACT_GONE, ContractTerms
from bobudget.placement.rules import TAKEOVER_REVIEW_WINDOW_DAYS, waiting_days
from bobudget.placement.takeover_rules import takeover_urgency

__all__ = [
    "CONTRACT_STATES",
    "ContractDetail",
    "ContractFilter",
    "ContractRow",
    "ContractState",
    "count_contracts",
    "get_contract",
    "list_contracts",
]


class ContractState(enum.StrEnum):
    """Which contracts the list shows: a filter choice, not a stored status."""

    ACTIVE = "active"
    ENDED = "ended"
    ALL = "all"


CONTRACT_STATES = {
    ContractState.ACTIVE: "Pågående",
    ContractState.ENDED: "Avslutade",
    ContractState.ALL: "Alla",
}


@dataclass(frozen=True)
class ContractFilter:
    text: str = ""
    kind: str = ""  # "" all kinds
    state: ContractState = ContractState.ACTIVE


@dataclass(frozen=True)
class ContractRow:
    id: int
    version: int
    kind: ContractKind
    kind_label: str
    person_id: int
    personnummer: str
    name: str
    protected: bool
    where: str  # the dwelling's address or the place's name; "Skyddad" for a protected person
    landlord: str
    start_date: dt.date
    end_date: dt.date | None
    monthly_rent_ore: int | None
    basis_label: str
    status: str
    mark: Urgency | None  # None: nothing falls due on the contract
    responsible_name: str = ""  # the responsible user's full name; "" for nobody


@dataclass(frozen=True)
class ContractDetail:
    id: int
    version: int
    kind: ContractKind
    kind_label: str
    person_id: int
    personnummer: str
    name: str
    protected: bool
    dwelling_id: int | None
    dwelling: str  # address, rooms, area; "Skyddade personuppgifter" when protected
    object_number: str
    landlord: str
    place: str
    decision_id: int | None
    decision_reference: str
    decision_date: dt.date | None
    waited_days: int | None
    basis: ContractBasis
    basis_label: str
    start_date: dt.date
    end_date: dt.date | None
    end_reason: str
    takeover_date: dt.date | None
    terms: ContractTerms

    @property
    def is_open(self) -> bool:
        return not self.end_reason and self.takeover_date is None


def _is_active(today: dt.date) -> Any:
    return or_(Contract.end_date.is_(None), Contract.end_date > today)


def _filtered(stmt: Any, filt: ContractFilter, today: dt.date) -> Any:
    if filt.kind:
        stmt = stmt.where(Contract.kind == filt.kind)
    if filt.state == ContractState.ACTIVE:
        stmt = stmt.where(_is_active(today))
    elif filt.state == ContractState.ENDED:
        stmt = stmt.where(Contract.end_date <= today)
    text = person_text_filter(filt.text, Contract.person_id)
    if text is not None:
        stmt = stmt.where(text)
    return stmt


def count_contracts(db: Database, filt: ContractFilter, today: dt.date) -> int:
    with db.sessions() as s:
        return int(s.scalar(_filtered(select(func.count(Contract.id)), filt, today)) or 0)


def _status(contract: Any, today: dt.date) -> tuple[str, Urgency | None]:
    """The "Läge" of a contract row (any object with the contract's date columns)."""
    if contract.takeover_date is not None:
        return f"Övertaget {contract.takeover_date.isoformat()}", Urgency.DONE
    if contract.end_date is not None and contract.end_date <= today:
        return f"Avslutat {contract.end_date.isoformat()}", Urgency.DONE
    if contract.end_date is not None:
        return f"Slutar {contract.end_date.isoformat()}", None
    if contract.kind == ContractKind.TRANSITIONAL:
        mark = takeover_urgency(
            contract.start_date,
            today,
            TAKEOVER_REVIEW_WINDOW_DAYS,
            reviewed=contract.takeover_reviewed_date is not None,
            closed=False,
        )
        texts = {
            Urgency.SOON: "Övertagandeprövning snart",
            Urgency.OVERDUE: "Övertagande: beslut behövs",
        }
        return texts.get(mark, "Pågår"), mark
    return "Pågår", None


def list_contracts(
    db: Database,
    filt: ContractFilter,
    today: dt.date,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> list[ContractRow]:
    """Contracts newest first (by start date), `limit` rows from `offset`."""
    stmt = (
        # Plain columns, not objects: a list reads many rows and keeps none of them.
        select(
            Contract.id,
            Contract.version,
            Contract.kind,
            Contract.basis,
            Contract.start_date,
            Contract.end_date,
            Contract.takeover_date,
            Contract.takeover_reviewed_date,
            Contract.monthly_rent_ore,
            Person.id.label("person_id"),
            Person.identity,
            Person.first_name,
            Person.last_name,
            Person.protected_identity,
            Dwelling.address,
            Landlord.name.label("landlord"),
            TemporaryPlace.name.label("place"),
            Contract.responsible,
            User.full_name.label("responsible_full_name"),
        )
        .select_from(Contract)
        .join(Person, Person.id == Contract.person_id)
        .outerjoin(Dwelling, Dwelling.id == Contract.dwelling_id)
        .outerjoin(Landlord, Landlord.id == Dwelling.landlord_id)
        .outerjoin(TemporaryPlace, TemporaryPlace.id == Contract.temporary_place_id)
        .outerjoin(User, User.username == Contract.responsible)
    )
    stmt = _filtered(stmt, filt, today).order_by(Contract.start_date.desc(), Contract.id.desc())
    if limit is not None:
        stmt = stmt.limit(limit)
    if offset:
        stmt = stmt.offset(offset)
    with db.sessions() as s:
        rows = s.execute(stmt).all()
    # The persons on the page fetched are shown: their ids go to the access log.
    record_page_shown(db, [r.person_id for r in rows], "kontrakten", offset)
    result = []
    for r in rows:
        status, mark = _status(r, today)
        where = r.address or r.place or ""
        result.append(
            ContractRow(
                id=r.id,
                version=r.version,
                kind=r.kind,
                kind_label=ContractKind(r.kind).label,
                person_id=r.person_id,
                personnummer=display_canonical(r.identity),
                name=f"{r.last_name}, {r.first_name}",
                protected=r.protected_identity,
                where=PROTECTED_TEXT if r.protected_identity and where else where,
                landlord=r.landlord or "",
                start_date=r.start_date,
                end_date=r.end_date,
                monthly_rent_ore=r.monthly_rent_ore,
                basis_label=ContractBasis(r.basis).label,
                status=status,
                mark=mark,
                responsible_name=shown_responsible(r.responsible_full_name, r.responsible),
            )
        )
    return result


def get_contract(db: Database, contract_id: int, today: dt.date) -> ContractDetail:
    with db.sessions() as s:
        c = s.get(Contract, contract_id)
        if c is None:
            raise NotFoundError(CONTRACT_GONE)
        person = c.person
        dwelling = c.dwelling
        decision = c.decision
        dwelling_text = ""
        if dwelling is not None:
            parts = [dwelling.address]
            if dwelling.rooms:
                parts.append(f"{dwelling.rooms} rum")
            if dwelling.area_m2:
                parts.append(f"{dwelling.area_m2} m²".replace(".", ","))
            dwelling_text = ", ".join(parts)
            if person.protected_identity:
                dwelling_text = f"{dwelling_text} (skyddade personuppgifter: visas inte i listor)"
        terms = ContractTerms(
            monthly_rent_ore=c.monthly_rent_ore,
            end_date=c.end_date if not c.end_reason else None,
            municipality_lease_reference=c.municipality_lease_reference,
            tenure_waiver_approved=c.tenure_waiver_approved,
            tenure_waiver_date=c.tenure_waiver_date,
            guarantee_ceiling_ore=c.guarantee_ceiling_ore,
            guarantee_end_date=c.guarantee_end_date,
            guarantee_covers_damages=c.guarantee_covers_damages,
            follow_up_interval_months=c.follow_up_interval_months,
            note=c.note,
            responsible=c.responsible or "",
        )
        return ContractDetail(
            id=c.id,
            version=c.version,
            kind=c.kind,
            kind_label=ContractKind(c.kind).label,
            person_id=person.id,
            personnummer=display_canonical(person.identity),
            name=person.full_name,
            protected=person.protected_identity,
            dwelling_id=c.dwelling_id,
            dwelling=dwelling_text,
            object_number=dwelling.object_number if dwelling else "",
            landlord=dwelling.landlord.name if dwelling and dwelling.landlord else "",
            place=c.temporary_place.name if c.temporary_place else "",
            decision_id=c.decision_id,
            decision_reference=decision.reference if decision else "",
            decision_date=decision.decision_date if decision else None,
            waited_days=(
                waiting_days(decision.decision_date, c.start_date, today) if decision else None
            ),
            basis=c.basis,
            basis_label=ContractBasis(c.basis).label,
            start_date=c.start_date,
            end_date=c.end_date,
            end_reason=c.end_reason,
            takeover_date=c.takeover_date,
            terms=terms,
        )
