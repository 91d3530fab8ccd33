"""Every report over the demo data against a naive count of the same data, on both engines:
loops over ORM objects, written without the reports' SQL, must give the same cells."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from bobudget.db.engine import Database
from bobudget.demo.generate import fill_demo
from bobudget.kernel.months import add_months, iter_months, last_of_month
from bobudget.model import Contract, ContractPeriod, Decision, Offer
from bobudget.model.vocab import ContractKind, DecisionKind
from bobudget.placement.temporary_costs import monthly_costs
from bobudget.statistics.catalogue import REPORTS
from bobudget.statistics.housing_first import HousingFirstReport
from bobudget.statistics.placements import PlacementsReport
from bobudget.statistics.queue_stats import QueueReport
from bobudget.statistics.report import ReportResult
from bobudget.statistics.survey import SurveyReport
from tests.db.stats_fixtures import month_range, week_period, year_period

TODAY = dt.date(2026, 11, 30)
LABELS = {
    ContractKind.HOUSING_FIRST: "Bostad först",
    ContractKind.SOCIAL: "Sociala kontrakt",
    ContractKind.TRANSITIONAL: "Bostadssociala kontrakt",
}


def _cells(result: ReportResult, key: str) -> dict[str, tuple[object, ...]]:
    table = next(t for t in result.tables if t.key == key)
    return {row.label: row.cells for row in table.rows}


def _naive_placements(session: Session, year: int) -> dict[str, list[int]]:
    counts = {label: [0] * 12 for label in LABELS.values()}
    for c in session.scalars(select(Contract)):
        if c.kind in LABELS and c.start_date.year == year:
            counts[LABELS[c.kind]][c.start_date.month - 1] += 1
    return counts


def _naive_renewals(session: Session, year: int) -> list[int]:
    months = [0] * 12
    for p in session.scalars(select(ContractPeriod)):
        if p.sequence > 1 and p.start_date.year == year and p.contract.kind == "temporary":
            months[p.start_date.month - 1] += 1
    return months


def _naive_survey(session: Session, first: dt.date) -> Counter[int]:
    situation: dict[str, int] = {}
    last = first + dt.timedelta(days=6)
    for c in session.scalars(select(Contract)):
        running = c.start_date <= last and (c.end_date is None or c.end_date >= first)
        taken_over = c.takeover_date is not None and c.takeover_date <= first
        if not running or taken_over or c.kind == ContractKind.HOUSING_FIRST:
            continue
        s = 1 if c.kind == ContractKind.TEMPORARY else 3
        situation[c.person.identity] = min(s, situation.get(c.person.identity, 4))
    return Counter(situation.values())


def _naive_queue(session: Session, month: dt.date) -> tuple[int, int | None, int | None]:
    end = last_of_month(month)
    oldest: dict[int, dt.date] = {}
    for d in session.scalars(select(Decision)):
        settled = [x for x in (d.executed_date, d.ended_date) if x is not None]
        if (
            d.kind != DecisionKind.HOUSING
            or d.decision_date > end
            or any(x <= end for x in settled)
        ):
            continue
        oldest[d.household_id] = min(d.decision_date, oldest.get(d.household_id, end))
    waits = [(end - day).days for day in oldest.values()]
    median = int(statistics.median(waits) + 0.5) if waits else None
    return len(waits), median, max(waits, default=None)


def test_every_report_agrees_with_a_naive_count_of_the_demo(db: Database) -> None:
    fill_demo(db, 250, seed=11, today=TODAY)
    with db.sessions() as session:
        placed = PlacementsReport(lambda: TODAY).run(session, year_period(2024, 2025))
        for year in (2024, 2025):
            cells = _cells(placed, f"placements-{year}")
            for label, months in _naive_placements(session, year).items():
                assert cells[label][1:13] == tuple(months), (year, label)
            assert _cells(placed, f"temporary-{year}")["Förlängningar"][1:13] == tuple(
                _naive_renewals(session, year)
            )
        assert sum(_cells(placed, "placements-2025")["Totalt"][1:13]) > 0  # type: ignore[arg-type]
        # Nights and cost as the cost list of temporary housing counts them.
        costs = monthly_costs(db, dt.date(2025, 1, 1), dt.date(2025, 12, 1))
        assert _cells(placed, "temporary-2025")["Nätter"][1:13] == tuple(m.nights for m in costs)
        assert _cells(placed, "temporary-cost-2025")["Kostnad"][1:13] == tuple(
            m.cost_ore for m in costs
        )

        week = week_period(2026, 45)
        survey = SurveyReport().run(session, week).tables[0]
        naive = _naive_survey(session, week.first_day)
        assert [row.cells[1] for row in survey.rows[:4]] == [naive[s] for s in (1, 2, 3, 4)]
        assert naive[1] > 0 and naive[3] > 0

        queue = QueueReport().run(session, month_range(dt.date(2026, 1, 1), TODAY)).tables[0]
        for month, row in zip(iter_months(dt.date(2026, 1, 1), TODAY), queue.rows, strict=True):
            assert (row.cells[1], row.cells[5], row.cells[6]) == _naive_queue(session, month)
        executed = [
            d
            for d in session.scalars(select(Decision))
            if d.kind == DecisionKind.HOUSING and d.executed_date and d.executed_date.year == 2026
        ]
        offers = sum(len(d.offers) for d in executed)
        assert sum(row.cells[7] for row in queue.rows) == offers  # type: ignore[misc]
        assert session.scalar(select(Offer.id).where(Offer.decline_reason != "")) is not None

        first = HousingFirstReport(target=10, today=lambda: TODAY).run(
            session, year_period(2021, 2022, 2023)
        )
        for row in first.tables[0].rows:
            year = int(row.label)
            mine = [
                c
                for c in session.scalars(select(Contract))
                if c.kind == ContractKind.HOUSING_FIRST and c.start_date.year == year
            ]
            assert row.cells[1] == len(mine)
            due = [c for c in mine if add_months(c.start_date, 24) <= TODAY]
            kept = [
                c for c in due if c.end_date is None or c.end_date >= add_months(c.start_date, 24)
            ]
            # Tenths of a per cent, half up.
            share = (2000 * len(kept) + len(due)) // (2 * len(due)) if due else None
            assert row.cells[4] == share


def test_every_report_in_the_catalogue_runs_and_refuses_edits() -> None:
    assert {r.key for r in REPORTS} >= {"placements", "survey", "queue", "bostad-forst"}
    assert all(r.editable_column is None for r in REPORTS if r.key != "ivo")
