"""What happens to the demo's households, and the demo's two shapes: a unit and a city."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from bobudget.demo.rows import YEARS_OF_HISTORY, DemoRows
from bobudget.model.vocab import ContractKind


class Scenario(enum.StrEnum):
    """What happens to a household: the queue, a contract path, or a decision that ended.

    The contract paths are named by their contract kind (ContractKind(scenario) is the kind).
    """

    QUEUE = "queue"
    SOCIAL = ContractKind.SOCIAL.value
    TRANSITIONAL = ContractKind.TRANSITIONAL.value
    HOUSING_FIRST = ContractKind.HOUSING_FIRST.value
    TEMPORARY = ContractKind.TEMPORARY.value
    ENDED = "ended"


# Each scenario with its share in percent: the queue, the four contract paths (temporary
# housing also comes before leases and beside the queue), and decisions that ended.
SCENARIOS = (
    (Scenario.QUEUE, 10),
    (Scenario.SOCIAL, 40),
    (Scenario.TRANSITIONAL, 12),
    (Scenario.HOUSING_FIRST, 2),
    (Scenario.TEMPORARY, 30),
    (Scenario.ENDED, 6),
)


def scenario_plan(rows: DemoRows, households: int) -> list[Scenario]:
    """Exactly the shares above (at least one of each when there are enough), in random order."""
    names = [name for name, _share in SCENARIOS]
    if households < len(SCENARIOS):
        return [rows.weighted(names, [s for _n, s in SCENARIOS]) for _ in range(households)]
    counts = {name: max(1, round(households * share / 100)) for name, share in SCENARIOS}
    while sum(counts.values()) > households:
        counts[max(counts, key=lambda n: counts[n])] -= 1
    counts[Scenario.SOCIAL] += households - sum(counts.values())
    plan = [name for name in names for _ in range(counts[name])]
    rows.rng.shuffle(plan)
    return plan


@dataclass(frozen=True)
class Shape:
    """How much history each household has.

    earlier_spells: the weights of 0, 1, 2… earlier contracts a household had and left before
    its scenario (none in a unit's demo); funds_share: the share of tenants whose money matters
    the unit manages.
    """

    years: int
    earlier_spells: tuple[int, ...]
    funds_share: float


# A unit's demo: five years, each household one story; small enough to look through.
UNIT = Shape(YEARS_OF_HISTORY, (), 0.05)
# A city's caseload over ten years: households come back, so two contracts a household and
# ten egna medel entries a household, to measure the program at the size of the largest.
CITY = Shape(10, (15, 35, 35, 15), 0.05)
