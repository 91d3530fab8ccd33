"""Building blocks for the IVO report tests: persons, decisions, offers and contracts written
straight into the database with the dates a test needs (the services refuse dates to come)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from sqlalchemy.orm import Session

from bobudget.db.engine import Database
from bobudget.kernel.identity import IdentityKind, demo_identity
from bobudget.model import Contract, Decision, Household, HouseholdMember, Offer, Person
from bobudget.model.vocab import (
    ContractBasis,
    ContractKind,
    DecisionKind,
    DecisionStatus,
    HouseholdRole,
    OfferAnswer,
)
from bobudget.statistics.ivo_rules import quarter_bounds
from bobudget.statistics.report import PeriodKind, ReportPeriod

USER = "testare"
_serial: Iterator[int] = iter(range(1, 100_000))


def quarter(label: str) -> ReportPeriod:
    first, last = quarter_bounds(label)
    return ReportPeriod(PeriodKind.QUARTER, first, last, label)


def person(
    s: Session, first: str = "Karin", last: str = "Öberg", born: dt.date = dt.date(1985, 3, 12)
) -> Person:
    n = next(_serial)
    number = demo_identity(born + dt.timedelta(days=n // 20), n % 20)
    p = Person(
        identity=number.canonical,
        identity_kind=IdentityKind.PERSONNUMMER,
        first_name=first,
        last_name=last,
    )
    household = Household(name=f"Hushåll {last}")
    household.members.append(HouseholdMember(person=p, role=HouseholdRole.APPLICANT))
    s.add_all([p, household])
    s.flush()
    return p


def decision(
    s: Session,
    who: Person,
    decided: dt.date,
    *,
    kind: DecisionKind = DecisionKind.HOUSING,
    reference: str | None = None,
    executed: dt.date | None = None,
    ended: dt.date | None = None,
    end_reason: str = "",
) -> Decision:
    household_id = who.memberships[0].household_id
    status = (
        DecisionStatus.EXECUTED
        if executed
        else DecisionStatus.ENDED
        if ended
        else DecisionStatus.WAITING
    )
    d = Decision(
        household_id=household_id,
        kind=kind,
        decision_date=decided,
        reference=reference if reference is not None else f"SN 2026/{next(_serial):05d}",
        status=status,
        executed_date=executed,
        ended_date=ended,
        end_reason=end_reason,
    )
    s.add(d)
    s.flush()
    return d


def carry_out(s: Session, d: Decision, start: dt.date, kind: ContractKind) -> Contract:
    """A contract (or placement) that carries out `d` from `start`, as the services write it."""
    d.status = DecisionStatus.EXECUTED
    d.executed_date = d.executed_date or start
    return contract(s, d, start, kind=kind)


def contract(
    s: Session,
    d: Decision,
    start: dt.date,
    *,
    kind: ContractKind = ContractKind.TEMPORARY,
    end: dt.date | None = None,
    end_decision: dt.date | None = None,
    moved_from: Contract | None = None,
) -> Contract:
    person_id = d.household.members[0].person_id
    c = Contract(
        kind=kind,
        person_id=person_id,
        household_id=d.household_id,
        decision_id=d.id,
        basis=ContractBasis.DECISION,
        start_date=start,
        end_date=end,
        end_reason="Lämnade platsen" if end else "",
        end_decision_date=end_decision,
        moved_from_id=moved_from.id if moved_from else None,
    )
    s.add(c)
    s.flush()
    return c


def offer(
    s: Session,
    d: Decision,
    offered: dt.date,
    answer: OfferAnswer,
    answered: dt.date | None = None,
    reason: str = "",
) -> Offer:
    o = Offer(
        decision_id=d.id,
        offered_date=offered,
        answer=answer,
        answer_date=answered,
        decline_reason=reason,
    )
    s.add(o)
    s.flush()
    return o


def session_of(db: Database) -> Session:
    s = db.sessions()
    s.info["user"] = USER
    return s
