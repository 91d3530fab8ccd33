"""The retention rules (gallring), pure: no database, no clock; `as_of` is the day asked about.

DOMAIN.md, "Personal data", after 12 kap. 2 § socialtjänstlagen and Bokföringslagen:

- a case record is purged five years after its last entry, and by the end of the following
  year at the latest; five years count as lag (1930:173) counts a period (kernel/months.py):
  an entry on 2020-03-10 has its five years end on 2025-03-10, the last day it is kept, so the
  record is due from 2025-03-11 and must be gone by 2026-12-31;
- not while other information about the person is still kept: persons who share a household,
  a contract or any other row are one *group* (retention/graph.py), judged and purged together,
  and every row of the group is an entry (its latest date counts);
- records of persons born on the 5th, 15th or 25th of a month are kept for research; the whole
  group stays, because the kept person's records hold the others' too. A person whose birth
  date is unknown (a reserve number without one) cannot be shown to be outside the sample and
  is kept until someone records it;
- the archive authority may decide more: the municipality's decision is RESEARCH_DAYS below
  (README, "Gallring");
- letters are documents in the case record: a letter's print date is an entry, and the letter
  goes with the record (one the archive must keep is exported as PDF/A before);
- the egna medel ledger is räkenskapsinformation: kept to the end of the seventh year after
  the calendar year of its entry (Bokföringslagen 7 kap. 2 §). A group whose ledger must still
  be kept is NOT purged at all, rather than purged around a pseudonymous ledger: a ledger row
  is never changed (its hash chains it to the one before, funds/rules.py), so its counterparty
  and notes cannot be blanked without breaking the chain, and an auditor must be able to tell
  whose money it was. The five years of the case record have then long run out by the time the
  ledger's seven are over, so the group goes in one piece as soon as the ledger may go.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from bobudget.kernel.formatting import format_date
from bobudget.kernel.months import add_months

__all__ = [
    "LEDGER_YEARS",
    "RECORD_YEARS",
    "RESEARCH_DAYS",
    "GroupFacts",
    "Outcome",
    "Verdict",
    "judge",
    "ledger_kept_until",
    "purge_deadline",
    "record_due_from",
]

RECORD_YEARS = 5
LEDGER_YEARS = 7
# Birth days of the research sample (12 kap. 2 § SoL); the archive authority's decision.
RESEARCH_DAYS = frozenset({5, 15, 25})


class Outcome(Enum):
    DUE = "due"
    KEPT = "kept"


@dataclass(frozen=True)
class GroupFacts:
    """What the rules need to know about one group of persons and their rows."""

    person_ids: tuple[int, ...]
    birth_dates: tuple[dt.date | None, ...]
    last_entry: dt.date
    last_ledger_entry: dt.date | None = None


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    # The ground in a word or two (what the preview counts the kept groups by), and the reason.
    ground: str
    reason: str
    # The day the group's five years ran out (the first day it may be purged); a date.
    due_from: dt.date
    # The last day the law allows it to be kept, once due; None while it is kept.
    deadline: dt.date | None = None

    @property
    def due(self) -> bool:
        return self.outcome is Outcome.DUE


def record_due_from(last_entry: dt.date) -> dt.date:
    """The first day a record whose last entry was `last_entry` may be purged."""
    return add_months(last_entry, 12 * RECORD_YEARS) + dt.timedelta(days=1)


def purge_deadline(due_from: dt.date) -> dt.date:
    """By the end of the year after the one in which the five years ran out, at the latest."""
    return dt.date(due_from.year + 1, 12, 31)


def ledger_kept_until(last_ledger_entry: dt.date) -> dt.date:
    """The last day a ledger row from `last_ledger_entry` is kept (Bokföringslagen)."""
    return dt.date(last_ledger_entry.year + LEDGER_YEARS, 12, 31)


def _research_day(birth_dates: Sequence[dt.date | None]) -> int | None:
    for birth in birth_dates:
        if birth is not None and birth.day in RESEARCH_DAYS:
            return birth.day
    return None


def judge(facts: GroupFacts, as_of: dt.date) -> Verdict:
    """Whether the group is due for purging on `as_of`, and why (a sentence without names)."""
    due_from = record_due_from(facts.last_entry)
    last = format_date(facts.last_entry)
    day = _research_day(facts.birth_dates)
    if day is not None:
        return Verdict(
            Outcome.KEPT,
            "Forskningsurval",
            f"Forskningsurval: född den {day}:e i månaden.",
            due_from,
        )
    if any(birth is None for birth in facts.birth_dates):
        return Verdict(
            Outcome.KEPT,
            "Födelsedag okänd",
            "Födelsedagen är okänd (reservnummer): kan inte visas ligga utanför "
            "forskningsurvalet. Registrera födelsedatum.",
            due_from,
        )
    if as_of < due_from:
        return Verdict(
            Outcome.KEPT,
            "Fem år har inte gått",
            f"Senaste anteckning {last}: gallras tidigast {format_date(due_from)}.",
            due_from,
        )
    if facts.last_ledger_entry is not None:
        kept_until = ledger_kept_until(facts.last_ledger_entry)
        if as_of <= kept_until:
            return Verdict(
                Outcome.KEPT,
                "Bokföringslagen",
                "Egna medel-bokföring sparas enligt bokföringslagen till och med "
                f"{format_date(kept_until)}.",
                kept_until + dt.timedelta(days=1),
            )
        due_from = max(due_from, kept_until + dt.timedelta(days=1))
    return Verdict(
        Outcome.DUE,
        "Gallras",
        f"Fem år sedan senaste anteckningen ({last}).",
        due_from,
        purge_deadline(due_from),
    )
