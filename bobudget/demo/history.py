"""A city's demo: households come back to the unit, so each has earlier, ended contracts.

Ten years of caseload leave a household with a lease it left, a stay in temporary housing, a
lease after that: each spell a whole story of its own (decision, offer, contract, follow-up
and maybe egna medel), ended before the household's scenario of today begins.
"""

from __future__ import annotations

import datetime as dt

from bobudget.demo import data as words
from bobudget.demo.housing import HouseholdMaker
from bobudget.demo.persons import HouseholdFacts
from bobudget.demo.places import Places
from bobudget.demo.rows import DemoRows, days
from bobudget.demo.scenarios import Shape
from bobudget.model.vocab import (
    ContractKind,
    DecisionKind,
    DecisionStatus,
    DwellingStatus,
    OfferAnswer,
)

# The kind of an earlier spell, and how often: most had a lease, many a temporary stay.
_KINDS = (
    ContractKind.SOCIAL,
    ContractKind.TRANSITIONAL,
    ContractKind.HOUSING_FIRST,
    ContractKind.TEMPORARY,
)
_KIND_WEIGHTS = (45, 22, 3, 30)
# (kind, decided, start, end) of an earlier spell.
_Spell = tuple[ContractKind, dt.date, dt.date, dt.date]


class CityHouseholdMaker(HouseholdMaker):
    """A household maker that gives each household its earlier spells in the unit's care."""

    def __init__(self, rows: DemoRows, places: Places, shape: Shape) -> None:
        super().__init__(rows, places)
        self._spell_weights = shape.earlier_spells
        self._spell_counts = tuple(range(len(shape.earlier_spells)))

    def _new_household(self, adults: int, children: int, since: dt.date) -> HouseholdFacts:
        spells = self._earlier_spells(since)
        first = spells[-1][1] if spells else since
        hh = self.persons.household(adults, children, first)
        for kind, decided, start, end in reversed(spells):
            if kind == ContractKind.TEMPORARY:
                self._ended_placement(hh, start, end, self.rows.pick(words.TEMPORARY_END_REASONS))
            else:
                self._earlier_lease(hh, kind, decided, start, end)
        return hh

    def _earlier_spells(self, before: dt.date) -> list[_Spell]:
        """Spells counted back from `before`, each ended a month or a year before the next;
        none that would begin before the history does.
        """
        rows, rng = self.rows, self.rows.rng
        spells: list[_Spell] = []
        cursor = before
        for _ in range(rows.weighted(self._spell_counts, self._spell_weights)):
            kind = rows.weighted(_KINDS, _KIND_WEIGHTS)
            end = cursor - days(rng.randint(30, 400))
            if kind == ContractKind.TEMPORARY:
                start = end - days(rng.randint(10, 360))
                decided = start - days(3)
            else:
                start = end - days(rng.randint(150, 1500))
                decided = start - days(rng.randint(20, 240))
            if decided < rows.history_start:
                break
            spells.append((kind, decided, start, end))
            cursor = decided
        return spells

    def _earlier_lease(
        self, hh: HouseholdFacts, kind: ContractKind, decided: dt.date, start: dt.date, end: dt.date
    ) -> None:
        """A lease the household had and left: its dwelling is let to someone else or held."""
        rows = self.rows
        decided_by = rows.pick(words.SOCIAL_WORKERS)
        dwelling = self.places.dwelling(hh.rooms, DwellingStatus.LET, start)
        decision_id = self._decision(
            hh,
            DecisionKind.HOUSING,
            decided,
            status=DecisionStatus.EXECUTED,
            executed=start,
            decided_by=decided_by,
        )
        accepted = max(decided, start - days(rows.rng.randint(10, 30)))
        self._offer(decision_id, dwelling.id, accepted, OfferAnswer.ACCEPTED, answered_by=start)
        reason = rows.pick(words.LEASE_END_REASONS)
        lease = self._sign(hh, kind, dwelling, decision_id, decided_by, (start, end, reason, None))
        self._vacated(dwelling)
        self.leases.append(lease)
