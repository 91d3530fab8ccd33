"""The facts a batch of letters needs, read with a fixed handful of set-based queries.

A letter's builder (bobudget.placement.letters and the others) asks the session for its
person, contract, place, decision and periods one at a time: for one letter that is right, for
a batch of thousands it was five or six queries a letter (round trips that cost more than the
drawing on PostgreSQL). Before a batch is assembled, `prefetch` reads every person and every
contract the batch names, with their places, decisions, dwellings, landlords and periods, a
few hundred ids a query; the builders then find them in the session's identity map and ask
nothing. The builders stay the same code, so every letter says what it said before.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from bobudget.letters.facts import LetterRequest
from bobudget.model import Contract, Dwelling, Person

# The kinds whose subject is a contract (pick_contract): their contracts are read up front.
CONTRACT_KINDS = frozenset(
    {
        "social_contract",
        "transitional_contract",
        "housing_first_rent_guarantee",
        "tenure_waiver",
        "housing_plan",
        "temporary_placement",
        "temporary_renewal",
        "temporary_end",
        "temporary_refusal",
        "temporary_reminder",
        "takeover_decision",
        "takeover_24_months",
    }
)

# Ids per query: well under SQLite's and PostgreSQL's limits on bound parameters.
CHUNK = 500


def prefetch(session: Session, requests: Sequence[LetterRequest]) -> list[object]:
    """Read the batch's persons and contracts into `session`; returns them.

    The caller keeps the returned list while it assembles the letters: the session's identity
    map holds its objects weakly, and would otherwise forget them.
    """
    kept: list[object] = []
    person_ids = sorted({r.person_id for r in requests})
    for chunk in _chunks(person_ids):
        kept.extend(session.scalars(select(Person).where(Person.id.in_(chunk))).all())
    contract_ids = sorted(
        {r.subject_id for r in requests if r.subject_id is not None and r.kind in CONTRACT_KINDS}
    )
    for chunk in _chunks(contract_ids):
        contracts = (
            session.scalars(
                select(Contract)
                .where(Contract.id.in_(chunk))
                .options(
                    selectinload(Contract.periods),
                    joinedload(Contract.temporary_place),
                    joinedload(Contract.decision),
                    joinedload(Contract.dwelling).joinedload(Dwelling.landlord),
                )
            )
            .unique()
            .all()
        )
        kept.extend(contracts)
    return kept


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]
