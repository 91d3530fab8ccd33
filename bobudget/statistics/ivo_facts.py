"""The facts the IVO report is read from: each candidate decision with its applicant, what
carried it out, its placements' interruptions and its offers. Read in a few batched queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session, aliased

from bobudget.model import Contract, Decision, HousingSupport, Offer, Person
from bobudget.model.vocab import ContractKind, DecisionKind, DecisionStatus, OfferAnswer
from bobudget.placement.common import applicant_id
from bobudget.placement.rules import latest_passed_decision_date
from bobudget.statistics.ivo_rules import Episode, carried_out_on, resumed_on

__all__ = ["DecisionFacts", "OfferFact", "candidate_ids", "read_facts"]


@dataclass(frozen=True)
class OfferFact:
    offered: dt.date
    answer: OfferAnswer
    answered: dt.date | None
    decline_reason: str


@dataclass
class DecisionFacts:
    id: int
    reference: str
    kind: DecisionKind
    decision_date: dt.date
    executed: dt.date | None
    ended: dt.date | None
    end_reason: str
    delay_reason: str
    person_id: int | None = None
    identity: str = ""
    birth_date: dt.date | None = None
    first_name: str = ""
    last_name: str = ""
    # Starts of what carries the decision out: contracts, placements, boendestöd.
    starts: list[dt.date] = field(default_factory=list)
    # Starts of the temporary placements on the decision, and of every contract of the
    # household: after an interruption, the first of them on or after it resumes (a new
    # placement) or supersedes (a lease of its own) the execution.
    resumption_starts: list[dt.date] = field(default_factory=list)
    household_id: int | None = None
    # Days a placement on the decision ended with no decision to end it and no move onward.
    interruptions: list[dt.date] = field(default_factory=list)
    offers: list[OfferFact] = field(default_factory=list)

    @property
    def interruptions_possible(self) -> bool:
        return self.kind == DecisionKind.TEMPORARY

    def episodes(self) -> list[Episode]:
        """The waiting from the decision date, then one episode per interruption."""
        waiting = Episode(
            self.decision_date,
            carried_out=carried_out_on(self.executed, self.starts),
            ended=self.ended,
        )
        interrupted = [
            Episode(
                day,
                interrupted=True,
                carried_out=resumed_on(day, self.resumption_starts),
                ended=self.ended if self.ended is not None and self.ended >= day else None,
            )
            for day in sorted(self.interruptions)
        ]
        return [waiting, *interrupted]


def _interrupted_placements() -> tuple[object, ...]:
    """A temporary placement that ended while its decision still stands: no decision ended it
    (the person left, or was sent away by the place) and it did not move to another place."""
    onward = aliased(Contract)
    return (
        Contract.kind == ContractKind.TEMPORARY,
        Contract.decision_id.is_not(None),
        Contract.end_date.is_not(None),
        Contract.end_decision_date.is_(None),
        ~exists().where(onward.moved_from_id == Contract.id),
    )


def candidate_ids(
    session: Session, first: dt.date, last: dt.date, reported_open: Sequence[int]
) -> list[int]:
    """Decisions that may belong in the quarter: three months passed by its last day and not
    settled before it began, an interruption whose three months passed, or one reported open."""
    passed = latest_passed_decision_date(last)
    waiting = select(Decision.id).where(
        Decision.decision_date <= passed,
        or_(
            Decision.status == DecisionStatus.WAITING,
            Decision.executed_date >= first,
            Decision.ended_date >= first,
            Decision.executed_date.is_(None) & Decision.ended_date.is_(None),
        ),
    )
    interrupted = select(Contract.decision_id).where(
        *_interrupted_placements(),  # type: ignore[arg-type]
        Contract.end_date <= passed,
    )
    ids = set(session.scalars(waiting)) | {i for i in session.scalars(interrupted) if i}
    return sorted(ids | set(reported_open))


def read_facts(session: Session, ids: Sequence[int]) -> dict[int, DecisionFacts]:
    """Everything the report needs of the decisions `ids`, keyed by id."""
    facts: dict[int, DecisionFacts] = {}
    # Well under every engine's limit of bound parameters (SQLite 32 766, PostgreSQL 65 535),
    # and large enough that a big municipality's quarter is one round of queries: at 500 each
    # of the seven queries ran three times over for 20 000 households (1 145 candidates).
    chunk = 5000
    for at in range(0, len(ids), chunk):
        facts.update(_read_chunk(session, list(ids[at : at + chunk])))
    return facts


def _read_chunk(session: Session, ids: list[int]) -> dict[int, DecisionFacts]:
    rows = session.execute(
        select(
            Decision.id,
            Decision.reference,
            Decision.kind,
            Decision.decision_date,
            Decision.executed_date,
            Decision.ended_date,
            Decision.end_reason,
            Decision.delay_reason,
            Decision.household_id,
            applicant_id(Decision.household_id).label("person_id"),
        ).where(Decision.id.in_(ids))
    ).all()
    facts = {
        r.id: DecisionFacts(
            id=r.id,
            reference=r.reference,
            kind=DecisionKind(r.kind),
            decision_date=r.decision_date,
            executed=r.executed_date,
            ended=r.ended_date,
            end_reason=r.end_reason,
            delay_reason=r.delay_reason,
            person_id=r.person_id,
            household_id=r.household_id,
        )
        for r in rows
    }
    person_ids = {f.person_id for f in facts.values() if f.person_id is not None}
    people = {
        p.id: p
        for p in session.execute(
            select(
                Person.id, Person.identity, Person.birth_date, Person.first_name, Person.last_name
            ).where(Person.id.in_(person_ids))
        )
    }
    for f in facts.values():
        p = people.get(f.person_id) if f.person_id is not None else None
        if p is not None:
            f.identity, f.birth_date = p.identity, p.birth_date
            f.first_name, f.last_name = p.first_name, p.last_name
    contracts = session.execute(
        select(Contract.decision_id, Contract.kind, Contract.start_date).where(
            Contract.decision_id.in_(ids)
        )
    ).all()
    for c in contracts:
        facts[c.decision_id].starts.append(c.start_date)
        if c.kind == ContractKind.TEMPORARY:
            facts[c.decision_id].resumption_starts.append(c.start_date)
    by_household: dict[int, list[DecisionFacts]] = defaultdict(list)
    for f in facts.values():
        if f.interruptions_possible and f.household_id is not None:
            by_household[f.household_id].append(f)
    if by_household:
        for other in session.execute(
            select(Contract.household_id, Contract.decision_id, Contract.start_date).where(
                Contract.household_id.in_(list(by_household))
            )
        ):
            for f in by_household[other.household_id]:
                if other.decision_id != f.id:  # the decision's own are counted above
                    f.resumption_starts.append(other.start_date)
    supports = session.execute(
        select(HousingSupport.decision_id, HousingSupport.start_date).where(
            HousingSupport.decision_id.in_(ids)
        )
    ).all()
    for h in supports:
        if h.decision_id is not None:
            facts[h.decision_id].starts.append(h.start_date)
    ended = session.execute(
        select(Contract.decision_id, Contract.end_date).where(
            Contract.decision_id.in_(ids),
            *_interrupted_placements(),  # type: ignore[arg-type]
        )
    ).all()
    for e in ended:
        facts[e.decision_id].interruptions.append(e.end_date)
    offers: dict[int, list[OfferFact]] = defaultdict(list)
    for o in session.execute(
        select(
            Offer.decision_id,
            Offer.offered_date,
            Offer.answer,
            Offer.answer_date,
            Offer.decline_reason,
        )
        .where(Offer.decision_id.in_(ids))
        .order_by(Offer.offered_date, Offer.id)
    ):
        offers[o.decision_id].append(
            OfferFact(o.offered_date, OfferAnswer(o.answer), o.answer_date, o.decline_reason)
        )
    for decision_id, listed in offers.items():
        facts[decision_id].offers = listed
    return facts
