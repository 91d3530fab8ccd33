"""Contracts that are leases (socialt, bostadssocialt, Bostad först): signing one carries out
the household's decision, and its terms.

Temporary housing has its own flows in placement/temporary.py; ending a contract of any kind
is in placement/ending.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bobudget.db.engine import Database
from bobudget.db.responsible import responsible_for_change, responsible_for_new
from bobudget.db.uow import UnitOfWork
from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.model import Contract, Decision, Dwelling, Offer
from bobudget.model.vocab import (
    ContractBasis,
    ContractKind,
    DecisionKind,
    DecisionStatus,
    DwellingStatus,
    OfferAnswer,
)
from bobudget.placement.common import (
    LEASE_KINDS,
    applicant_id,
    fetch_for_edit,
)
from bobudget.placement.rules import (
    DEFAULT_FOLLOW_UP_INTERVAL_MONTHS,
    RENT_GUARANTEE_KINDS,
    check_contract_terms,
    check_end_after_start,
    check_start_not_before_decision,
)

__all__ = [
    "CONTRACT_GONE",
    "ContractInput",
    "ContractTerms",
    "carry_out",
    "check_dwelling_free",
    "check_end_after_start",
    "sign_contract",
    "update_contract_terms",
    "waiting_decision",
]

CONTRACT_GONE = "Kontraktet finns inte längre i databasen. Läs in listan på nytt."


@dataclass
class ContractTerms:
    """What can be set when signing and changed afterwards (the tribunal's approval of a
    waiver often comes later)."""

    monthly_rent_ore: int | None = None
    end_date: dt.date | None = None  # a fixed term; None: tills vidare
    municipality_lease_reference: str = ""
    tenure_waiver_approved: bool = False
    tenure_waiver_date: dt.date | None = None
    guarantee_ceiling_ore: int | None = None
    guarantee_end_date: dt.date | None = None
    guarantee_covers_damages: bool = False
    follow_up_interval_months: int = DEFAULT_FOLLOW_UP_INTERVAL_MONTHS
    note: str = ""
    # The user who answers for the contract ("" for nobody); None: not said, so a new contract
    # is its signer's and a change of terms keeps its responsible.
    responsible: str | None = None


@dataclass
class ContractInput:
    kind: ContractKind  # social, transitional or housing_first
    decision_id: int | None
    dwelling_id: int | None
    start_date: dt.date
    terms: ContractTerms


def check_dwelling_free(
    session: Session,
    dwelling: Dwelling,
    start: dt.date,
    end: dt.date | None,
    except_contract: int | None = None,
) -> None:
    """Refuse a second contract on a dwelling for days another contract already covers."""
    overlap = select(Contract).where(
        Contract.dwelling_id == dwelling.id,
        or_(Contract.end_date.is_(None), Contract.end_date > start),
    )
    if end is not None:
        overlap = overlap.where(Contract.start_date < end)
    if except_contract is not None:
        overlap = overlap.where(Contract.id != except_contract)
    other = session.scalars(overlap.order_by(Contract.start_date).limit(1)).first()
    if other is not None:
        until = f" till {other.end_date.isoformat()}" if other.end_date else ""
        raise ValidationError(
            f"Bostaden {dwelling.address} har redan ett aktivt kontrakt "
            f"({ContractKind(other.kind).label.lower()} från "
            f"{other.start_date.isoformat()}{until}). En bostad kan bara ha ett kontrakt åt "
            "gången: avsluta det andra kontraktet först eller välj en annan bostad."
        )


def _check_terms(kind: ContractKind, terms: ContractTerms) -> None:
    # The rules decide what the terms must satisfy; here the refused terms raise and the
    # accepted ones are tidied: what does not apply to the kind is not stored.
    check_contract_terms(
        kind,
        monthly_rent_ore=terms.monthly_rent_ore,
        follow_up_interval_months=terms.follow_up_interval_months,
        tenure_waiver_approved=terms.tenure_waiver_approved,
        tenure_waiver_date=terms.tenure_waiver_date,
        guarantee_ceiling_ore=terms.guarantee_ceiling_ore,
        guarantee_end_date=terms.guarantee_end_date,
    )
    if not terms.tenure_waiver_approved:
        terms.tenure_waiver_date = None
    if kind not in RENT_GUARANTEE_KINDS:
        terms.guarantee_ceiling_ore = None
        terms.guarantee_end_date = None
        terms.guarantee_covers_damages = False
    terms.municipality_lease_reference = terms.municipality_lease_reference.strip()
    terms.note = terms.note.strip()


def _apply_terms(contract: Contract, terms: ContractTerms) -> None:
    contract.monthly_rent_ore = terms.monthly_rent_ore
    contract.end_date = terms.end_date
    contract.municipality_lease_reference = terms.municipality_lease_reference
    contract.tenure_waiver_approved = terms.tenure_waiver_approved
    contract.tenure_waiver_date = terms.tenure_waiver_date
    contract.guarantee_ceiling_ore = terms.guarantee_ceiling_ore
    contract.guarantee_end_date = terms.guarantee_end_date
    contract.guarantee_covers_damages = terms.guarantee_covers_damages
    contract.follow_up_interval_months = terms.follow_up_interval_months
    contract.note = terms.note


def carry_out(decision: Decision, on: dt.date) -> None:
    """The decision is carried out (verkställt) on the contract's start: it leaves the queue."""
    decision.status = DecisionStatus.EXECUTED
    decision.executed_date = on


def waiting_decision(
    session: Session, decision_id: int | None, kinds: tuple[DecisionKind, ...]
) -> Decision:
    """The decision a new contract carries out: it must exist, be of `kinds` and still wait."""
    if decision_id is None:
        raise ValidationError(
            "Ett kontrakt som skrivs i programmet måste verkställa ett beslut. Välj beslutet "
            "(registrera det först om det inte finns)."
        )
    decision = session.get(Decision, decision_id)
    if decision is None:
        raise NotFoundError("Beslutet finns inte längre i databasen.")
    if decision.kind not in kinds:
        wanted = " eller ".join(DecisionKind(k).label.lower() for k in kinds)
        raise ValidationError(
            f"Beslutet gäller {DecisionKind(decision.kind).label.lower()}, "
            f"inte {wanted}. Välj ett annat beslut."
        )
    if decision.status != DecisionStatus.WAITING:
        when = decision.executed_date or decision.ended_date
        raise ValidationError(
            f"Beslutet {decision.reference} är redan "
            f"{DecisionStatus(decision.status).label.lower()}"
            + (f" ({when.isoformat()})" if when else "")
            + ". Ett beslut verkställs en gång."
        )
    return decision


def sign_contract(
    db: Database, data: ContractInput, user: str | None = None, today: dt.date | None = None
) -> int:
    """Write a contract that carries out a waiting help-with-housing decision; returns its id.

    The decision is carried out on the start date and leaves the queue, the dwelling is let, an
    offer of it waiting for an answer counts as accepted. Refused, with nothing saved, for a
    missing or already carried-out decision, an end before the start, or a dwelling that
    already has a contract for those days.
    """
    if data.kind not in LEASE_KINDS:
        raise ValidationError(
            "Välj kontraktstyp: socialt kontrakt, bostadssocialt kontrakt eller Bostad först. "
            "Tillfälligt boende registreras under Tillfälligt boende."
        )
    terms = data.terms
    check_end_after_start(data.start_date, terms.end_date)
    with UnitOfWork(db, user) as uow:
        s = uow.session
        decision = waiting_decision(s, data.decision_id, (DecisionKind.HOUSING,))
        check_start_not_before_decision(data.start_date, decision.decision_date)
        if data.dwelling_id is None:
            raise ValidationError("Välj bostaden som kontraktet gäller.")
        dwelling = s.get(Dwelling, data.dwelling_id)
        if dwelling is None:
            raise NotFoundError("Bostaden finns inte längre i databasen.")
        if dwelling.status == DwellingStatus.BLOCKED:
            raise ValidationError(f"Bostaden {dwelling.address} är spärrad och kan inte hyras ut.")
        check_dwelling_free(s, dwelling, data.start_date, terms.end_date)
        held = s.scalar(
            select(Offer.decision_id).where(
                Offer.dwelling_id == dwelling.id,
                Offer.answer == OfferAnswer.PENDING,
                Offer.decision_id != decision.id,
            )
        )
        if held is not None:
            raise ValidationError(
                f"Bostaden {dwelling.address} är erbjuden ett annat hushåll och väntar på svar. "
                "Registrera det svaret först."
            )
        if terms.monthly_rent_ore is None:
            terms.monthly_rent_ore = dwelling.rent_ore
        _check_terms(data.kind, terms)
        person_id = s.scalar(select(applicant_id(decision.household_id)))
        if person_id is None:
            raise ValidationError("Beslutets hushåll har ingen medlem att skriva kontraktet på.")
        contract = Contract(
            kind=data.kind,
            person_id=person_id,
            household_id=decision.household_id,
            dwelling_id=dwelling.id,
            decision_id=decision.id,
            basis=ContractBasis.DECISION,
            start_date=data.start_date,
        )
        _apply_terms(contract, terms)
        contract.responsible = responsible_for_new(s, terms.responsible, uow.user)
        s.add(contract)
        carry_out(decision, data.start_date)
        dwelling.status = DwellingStatus.LET
        for offer in decision.offers:
            if offer.dwelling_id == dwelling.id and offer.answer == OfferAnswer.PENDING:
                offer.answer = OfferAnswer.ACCEPTED
                offer.answer_date = min(data.start_date, today or dt.date.today())
        s.flush()
        uow.audit("create", "contract", contract.id, detail=data.kind)
        uow.audit("execute", "decision", decision.id)
        uow.commit()
        return contract.id


def update_contract_terms(
    db: Database,
    contract_id: int,
    expected_version: int,
    terms: ContractTerms,
    user: str | None = None,
) -> int:
    """Change a lease contract's terms (read at `expected_version`); returns the new version."""
    with UnitOfWork(db, user) as uow:
        contract = fetch_for_edit(
            uow.session, Contract, contract_id, expected_version, CONTRACT_GONE
        )
        if contract.kind not in LEASE_KINDS:
            raise ValidationError("Tillfälligt boende ändras under Tillfälligt boende.")
        check_end_after_start(contract.start_date, terms.end_date)
        _check_terms(contract.kind, terms)
        if contract.dwelling is not None and terms.end_date != contract.end_date:
            check_dwelling_free(
                uow.session, contract.dwelling, contract.start_date, terms.end_date, contract.id
            )
        _apply_terms(contract, terms)
        contract.responsible = responsible_for_change(
            uow.session, terms.responsible, contract.responsible
        )
        uow.audit("update", "contract", contract.id)
        uow.commit()
        return contract.version
