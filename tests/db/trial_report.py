"""How many trials of a fault-injection or fuzzing case ran and how many held.

The default run (CI) does a few trials per case; BOBUDGET_FAULT_TRIALS=N does N, and gives
the fuzzing its long hypothesis profile (tests/conftest.py). When BOBUDGET_FAULT_REPORT names a
file, each case appends one line "case<TAB>run<TAB>held<TAB>note" to it: `scripts/trials`
prints them as the README's table.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, settings

TRIALS = int(os.environ.get("BOBUDGET_FAULT_TRIALS", "2"))
LONG = "BOBUDGET_FAULT_TRIALS" in os.environ


class Trials:
    """Counts one case's trials; a trial that fails is counted, and the case fails at the end."""

    def __init__(self, case: str) -> None:
        self.case = case
        self.run = 0
        self.held = 0
        self.failures: list[str] = []
        self.notes: dict[str, int] = {}

    @contextmanager
    def trial(self) -> Iterator[None]:
        self.run += 1
        try:
            yield
        except AssertionError:
            self.failures.append(f"trial {self.run}: {traceback.format_exc(limit=3)}")
        else:
            self.held += 1

    def note(self, what: str) -> None:
        """Tally what a trial met (e.g. "killed inside the upgrade"), for the report."""
        self.notes[what] = self.notes.get(what, 0) + 1

    def finish(self) -> None:
        report(self.case, self.run, self.held, self.notes)
        assert not self.failures, "\n".join(self.failures)


def report(case: str, run: int, held: int, notes: dict[str, int] | None = None) -> None:
    target = os.environ.get("BOBUDGET_FAULT_REPORT")
    if not target:
        return
    note = ", ".join(f"{what}: {n}" for what, n in sorted((notes or {}).items()))
    with Path(target).open("a", encoding="utf-8") as out:
        out.write(f"{case}\t{run}\t{held}\t{note}\n")


# The fuzzing's hypothesis profiles: a dozen examples per case in CI, TRIALS × 25 in the
# long run (500 for BOBUDGET_FAULT_TRIALS=20). PostgreSQL gets a third: each example there is
# a round trip to the server.
_EDGE_EXAMPLES = 25 * TRIALS if LONG else 12
settings.register_profile(
    "edges",
    max_examples=_EDGE_EXAMPLES,
    deadline=None,
    derandomize=False,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)
settings.register_profile(
    "edges-postgres", settings.get_profile("edges"), max_examples=max(4, _EDGE_EXAMPLES // 3)
)


def edge_settings(*, postgres: bool) -> settings:
    """The profile for one engine; the long one when BOBUDGET_FAULT_TRIALS is set."""
    return settings(settings.get_profile("edges-postgres" if postgres else "edges"))
