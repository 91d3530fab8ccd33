"""Temporary housing (tillfälligt boende): placing a person or household on a decision, the
three-month period, renewing with an assessment, ending, and moving to another place.

Each action is one unit of work: refused with a Swedish message and nothing saved, or done.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bobudget.db.engine import Database
from bobudget.db.responsible import responsible_for_change, responsible_for_new
from bobudget.db.uow import UnitOfWork
from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.kernel.periods import (
    DEFAULT_PERIOD_MONTHS,
    check_period_length,
    renewal_period,
    temporary_period_end,
)
from bobudget.model import Contract, ContractPeriod, TemporaryPlace
from bobudget.model.base import utc_now
from bobudget.model.vocab import ContractBasis, ContractKind, CostUnit, DecisionKind, PeriodOutcome
from bobudget.placement.common import applicant_id, fetch_for_edit, require_text
from bobudget.placement.contracts import (
    CONTRACT_GONE,
    carry_out,
    check_end_after_start,
    waiting_decision,
)
from bobudget.placement.rules import check_client_fee

__all__ = [
    "ClientFee",
    "DecisionFacts",
    "PlacementInput",
    "end_placement",
    "move_placement",
    "place_person",
    "record_renewal_decision",
    "renew_placement",
    "set_client_fee",
]

PLACEMENT_BASES = (ContractBasis.DECISION, ContractBasis.LEASE)


@dataclass(frozen=True)
class ClientFee:
    """What the client pays under the decision (egenavgift): öre per night or per month.

    `ore` None: the decision sets no fee (the letters say nothing of money).
    """

    ore: int | None = None
    unit: str = ""  # CostUnit, or "" with no fee


@dataclass(frozen=True)
class DecisionFacts:
    """The decision behind a renewal or an end: when, by whom, its diarienummer (all optional
    here; the letter that communicates the decision refuses to print without them).
    """

    decision_date: dt.date | None = None
    decided_by: str = ""
    reference: str = ""


@dataclass
class PlacementInput:
    decision_id: int | None
    place_id: int | None
    start_date: dt.date
    # A first period set shorter by hand; None: the full period by the rule.
    period_end: dt.date | None = None
    # decision: rests on the decision on bistånd; lease: the place is let for payment.
    basis: ContractBasis = ContractBasis.DECISION
    note: str = ""
    client_fee: ClientFee = ClientFee()
    # The user who answers for the placement (its contract's responsible; "" for nobody);
    # None: not said, so the one who places answers for it.
    responsible: str | None = None


def _place(session: Session, place_id: int | None) -> TemporaryPlace:
    if place_id is None:
        raise ValidationError("Välj platsen (vandrarhem, hotell, lägenhet eller härbärge).")
    place = session.get(TemporaryPlace, place_id)
    if place is None:
        raise NotFoundError("Platsen finns inte längre i databasen.")
    if not place.active:
        raise ValidationError(f"{place.name} används inte längre för placeringar. Välj en annan.")
    return place


def _period(start: dt.date, end: dt.date | None, months: int) -> tuple[dt.date, dt.date]:
    if end is None:
        return start, temporary_period_end(start, months)
    check_period_length(start, end, months)
    return start, end


def _check_no_other_placement(session: Session, person_id: int, start: dt.date) -> None:
    other = session.scalars(
        select(Contract)
        .where(
            Contract.person_id == person_id,
            Contract.kind == ContractKind.TEMPORARY,
            (Contract.end_date.is_(None)) | (Contract.end_date > start),
        )
        .limit(1)
    ).first()
    if other is not None:
        where = other.temporary_place.name if other.temporary_place else "en plats"
        raise ValidationError(
            f"Personen har redan ett pågående tillfälligt boende ({where}, från "
            f"{other.start_date.isoformat()}). Använd Flytta för att byta plats, eller avsluta "
            "det först."
        )


def _new_placement(
    person_id: int,
    household_id: int | None,
    decision_id: int,
    place: TemporaryPlace,
    basis: ContractBasis,
    start: dt.date,
) -> Contract:
    # The place's price now is the placement's price; a later change applies to new ones.
    return Contract(
        kind=ContractKind.TEMPORARY,
        person_id=person_id,
        household_id=household_id,
        decision_id=decision_id,
        temporary_place_id=place.id,
        basis=basis,
        start_date=start,
        placement_cost_ore=place.cost_ore,
        placement_cost_unit=place.cost_unit if place.cost_ore is not None else "",
        monthly_rent_ore=place.cost_ore if place.cost_unit == CostUnit.MONTH else None,
    )


def place_person(
    db: Database,
    data: PlacementInput,
    *,
    months: int = DEFAULT_PERIOD_MONTHS,
    user: str | None = None,
) -> int:
    """Place the household of a waiting temporary-housing decision at a place; returns the id.

    The first period runs `months` months from the start by the rule (or shorter, set by hand,
    never longer). The decision is carried out on the start date.
    """
    if data.basis not in PLACEMENT_BASES:
        raise ValidationError("Välj om placeringen vilar på beslutet eller på en upplåtelse.")
    check_client_fee(data.client_fee.ore, data.client_fee.unit)
    with UnitOfWork(db, user) as uow:
        s = uow.session
        decision = waiting_decision(s, data.decision_id, (DecisionKind.TEMPORARY,))
        if data.start_date < decision.decision_date:
            raise ValidationError(
                f"Startdatum {data.start_date.isoformat()} ligger före beslutsdatum "
                f"{decision.decision_date.isoformat()}. Placeringen kan börja tidigast den dag "
                "beslutet fattades."
            )
        start, end = _period(data.start_date, data.period_end, months)
        place = _place(s, data.place_id)
        person_id = s.scalar(select(applicant_id(decision.household_id)))
        if person_id is None:
            raise ValidationError("Beslutets hushåll har ingen medlem att placera.")
        _check_no_other_placement(s, person_id, start)
        contract = _new_placement(
            person_id, decision.household_id, decision.id, place, data.basis, start
        )
        contract.note = data.note.strip()
        contract.responsible = responsible_for_new(s, data.responsible, uow.user)
        _set_fee(contract, data.client_fee)
        contract.periods.append(ContractPeriod(sequence=1, start_date=start, end_date=end))
        s.add(contract)
        carry_out(decision, start)
        s.flush()
        uow.audit("create", "contract", contract.id, detail=ContractKind.TEMPORARY)
        uow.audit("execute", "decision", decision.id)
        uow.commit()
        return contract.id


def _set_fee(contract: Contract, fee: ClientFee) -> None:
    contract.client_fee_ore = fee.ore
    contract.client_fee_unit = fee.unit if fee.ore is not None else ""


def _check_decision(facts: DecisionFacts, today: dt.date | None = None) -> None:
    if facts.decision_date is not None and today is not None and facts.decision_date > today:
        raise ValidationError(
            f"Beslutsdatum {facts.decision_date.isoformat()} ligger i framtiden. Skriv dagen då "
            "beslutet fattades."
        )


def set_client_fee(
    db: Database,
    contract_id: int,
    expected_version: int,
    fee: ClientFee,
    *,
    user: str | None = None,
) -> None:
    """Record (or clear) the client fee the decision sets on an open placement."""
    check_client_fee(fee.ore, fee.unit)
    with UnitOfWork(db, user) as uow:
        contract = _open_placement(uow.session, contract_id, expected_version)
        _set_fee(contract, fee)
        uow.audit("client_fee", "contract", contract.id)
        uow.commit()


def record_renewal_decision(
    db: Database,
    contract_id: int,
    expected_version: int,
    decision: DecisionFacts,
    *,
    user: str | None = None,
) -> None:
    """Record the decision behind the latest renewal (its date, decision-maker, diarienummer),
    when it was not written down as the placement was renewed.
    """
    _check_decision(decision, dt.date.today())
    with UnitOfWork(db, user) as uow:
        contract = _open_placement(uow.session, contract_id, expected_version)
        current = contract.periods[-1]
        if current.sequence < 2:
            raise ValidationError(
                "Placeringen har inte förlängts: beslutet om placeringen är det beslut den "
                "vilar på. Förläng placeringen för att registrera ett beslut om förlängning."
            )
        current.decision_date = decision.decision_date
        current.decided_by = decision.decided_by.strip()
        current.decision_reference = decision.reference.strip()
        contract.updated_at = utc_now()
        uow.audit("renewal_decision", "contract", contract.id, detail=f"period {current.sequence}")
        uow.commit()


def _open_placement(session: Session, contract_id: int, expected_version: int) -> Contract:
    contract = fetch_for_edit(session, Contract, contract_id, expected_version, CONTRACT_GONE)
    if contract.kind != ContractKind.TEMPORARY:
        raise ValidationError("Kontraktet är inte ett tillfälligt boende.")
    if contract.end_date is not None:
        raise ValidationError(
            f"Placeringen avslutades {contract.end_date.isoformat()} och kan inte förlängas, "
            "avslutas eller flyttas. Gör en ny placering om behovet finns kvar."
        )
    if not contract.periods:
        raise ValidationError("Placeringen saknar period. Kontakta IT.")
    return contract


def renew_placement(
    db: Database,
    contract_id: int,
    expected_version: int,
    assessment: str,
    *,
    period_end: dt.date | None = None,
    months: int = DEFAULT_PERIOD_MONTHS,
    client_fee: ClientFee | None = None,
    decision: DecisionFacts = DecisionFacts(),
    responsible: str | None = None,
    user: str | None = None,
) -> tuple[dt.date, dt.date]:
    """Renew an open placement after assessing the need anew; returns the new (start, end).

    The new period runs from the day the previous one ended (renewal_period), so month ends
    carry on: 2026-11-30 → 2027-02-28 → 2027-05-28. It may be set shorter by hand.
    `responsible` names who answers for the placement from now ("" nobody; None: as it was).
    """
    assessment = require_text(
        assessment,
        "Skriv bedömningen som ligger till grund för förlängningen: behovet ska prövas på nytt "
        "inför varje förlängning.",
    )
    if client_fee is not None:
        check_client_fee(client_fee.ore, client_fee.unit)
    _check_decision(decision, dt.date.today())
    with UnitOfWork(db, user) as uow:
        contract = _open_placement(uow.session, contract_id, expected_version)
        current = contract.periods[-1]
        start, full_end = renewal_period(current.end_date, months)
        end = full_end if period_end is None else _period(start, period_end, months)[1]
        current.outcome = PeriodOutcome.RENEWED
        contract.periods.append(
            ContractPeriod(
                sequence=current.sequence + 1,
                start_date=start,
                end_date=end,
                assessment=assessment,
                decision_date=decision.decision_date,
                decided_by=decision.decided_by.strip(),
                decision_reference=decision.reference.strip(),
            )
        )
        if client_fee is not None:  # None: the fee stays as the placement had it
            _set_fee(contract, client_fee)
        contract.responsible = responsible_for_change(
            uow.session, responsible, contract.responsible
        )
        # The placement itself changes too (its version), so that a second renewal from a
        # window that read it before this one is refused rather than renewing twice.
        contract.updated_at = utc_now()
        uow.session.flush()
        uow.audit("renew", "contract", contract.id, detail=f"period {current.sequence + 1}")
        uow.commit()
        return start, end


def end_placement(
    db: Database,
    contract_id: int,
    expected_version: int,
    end_date: dt.date,
    reason: str,
    user: str | None = None,
    decision: DecisionFacts = DecisionFacts(),
) -> None:
    """End an open placement on `end_date` (the day the person leaves) for `reason`.

    The end lies within the placement and no later than its last period's end: staying on after
    it needs a renewal, not an end. The period running that day ends then; a renewal decided in
    advance for days after it is void and removed.
    """
    reason = require_text(reason, "Skriv varför det tillfälliga boendet upphör.")
    _check_decision(decision, dt.date.today())
    with UnitOfWork(db, user) as uow:
        contract = _open_placement(uow.session, contract_id, expected_version)
        last = contract.periods[-1]
        check_end_after_start(contract.start_date, end_date)
        if end_date > last.end_date:
            raise ValidationError(
                f"Slutdatum {end_date.isoformat()} ligger efter periodens slut "
                f"{last.end_date.isoformat()}. Förläng placeringen om personen ska bo kvar, "
                "eller välj ett slutdatum inom perioden."
            )
        kept, later = _split_at(contract, end_date)
        for period in later:
            contract.periods.remove(period)
            uow.session.delete(period)
        _close(contract, kept, end_date, reason, PeriodOutcome.ENDED)
        contract.end_decision_date = decision.decision_date
        contract.end_decided_by = decision.decided_by.strip()
        contract.end_decision_reference = decision.reference.strip()
        uow.audit("end", "contract", contract.id)
        uow.commit()


def _split_at(contract: Contract, day: dt.date) -> tuple[ContractPeriod, list[ContractPeriod]]:
    """The period running on `day` (the earlier one on a boundary), and those starting later.

    A renewal starts on the day its previous period ended, so on that day the earlier period is
    the one that ends: the later one has not begun.
    """
    periods = list(contract.periods)
    later = [p for p in periods if p.start_date >= day and p is not periods[0]]
    running = [p for p in periods if p not in later]
    return running[-1], later


def _close(
    contract: Contract, period: ContractPeriod, end: dt.date, reason: str, outcome: PeriodOutcome
) -> None:
    contract.end_date = end
    contract.end_reason = reason
    period.outcome = PeriodOutcome(outcome)
    # A period left early ends that day: a period may be shorter, never longer.
    period.end_date = min(period.end_date, max(end, period.start_date))


def move_placement(
    db: Database,
    contract_id: int,
    expected_version: int,
    place_id: int,
    move_date: dt.date,
    note: str = "",
    user: str | None = None,
) -> int:
    """Move the person to another place on `move_date`; returns the new placement's id.

    The placement at the old place ends that day; the new one carries on the same decision and
    the same periods (the running one from the move day, and any renewal decided in advance),
    so its end and its renewal count do not change. It has the new place's price.
    """
    with UnitOfWork(db, user) as uow:
        s = uow.session
        contract = _open_placement(s, contract_id, expected_version)
        last = contract.periods[-1]
        place = _place(s, place_id)
        if place.id == contract.temporary_place_id:
            raise ValidationError(f"Personen bor redan på {place.name}. Välj en annan plats.")
        if not contract.start_date < move_date < last.end_date:
            raise ValidationError(
                f"Flyttdatum {move_date.isoformat()} måste ligga efter placeringens start "
                f"{contract.start_date.isoformat()} och före periodens slut "
                f"{last.end_date.isoformat()}."
            )
        if contract.decision_id is None:
            raise ValidationError(
                "Placeringen saknar beslut (importerad). Registrera beslutet och gör en ny "
                "placering i stället för att flytta."
            )
        moved = _new_placement(
            contract.person_id,
            contract.household_id,
            contract.decision_id,
            place,
            contract.basis,
            move_date,
        )
        moved.moved_from_id = contract.id
        moved.responsible = contract.responsible  # a move to another place is the same case
        moved.note = note.strip()
        running, later = _split_at(contract, move_date)
        if running.end_date > move_date:
            # The rest of the running period goes along, with its number and assessment.
            moved.periods.append(
                ContractPeriod(
                    sequence=running.sequence,
                    start_date=move_date,
                    end_date=running.end_date,
                    assessment=running.assessment,
                    outcome=running.outcome,
                )
            )
        for period in later:
            contract.periods.remove(period)
            moved.periods.append(period)
        _close(contract, running, move_date, f"Flyttade till {place.name}", PeriodOutcome.MOVED)
        s.add(moved)
        s.flush()
        uow.audit("move", "contract", contract.id, detail=f"till {moved.id}")
        uow.audit("create", "contract", moved.id, detail=ContractKind.TEMPORARY)
        uow.commit()
        return moved.id
