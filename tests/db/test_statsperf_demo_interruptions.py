"""The demo makes interrupted executions, so the IVO report's avbrott rows show in a demo."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bobudget.db.engine import Database
from bobudget.demo.generate import fill_demo
from bobudget.model import Contract, Decision
from bobudget.model.vocab import ContractKind, DecisionStatus
from bobudget.placement.rules import three_months_date
from bobudget.statistics.ivo import IvoReport
from bobudget.statistics.report import PeriodKind, ReportPeriod

TODAY = dt.date(2026, 11, 27)


def _quarter(day: dt.date) -> ReportPeriod:
    first = dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    after = dt.date(first.year + first.month // 10, (first.month + 2) % 12 + 1, 1)
    label = f"{day.year}Q{(day.month - 1) // 3 + 1}"
    return ReportPeriod(PeriodKind.QUARTER, first, after - dt.timedelta(days=1), label)


def test_a_demo_placement_left_with_no_decision_shows_as_avbrott_in_the_ivo_report(
    sqlite_db: Database,
) -> None:
    fill_demo(sqlite_db, 300, seed=3, today=TODAY)
    with sqlite_db.sessions() as session:
        ended = session.execute(
            select(Contract.decision_id, Contract.end_date, Contract.end_decision_date)
            .where(Contract.kind == ContractKind.TEMPORARY, Contract.end_date.is_not(None))
            .where(
                ~Contract.id.in_(
                    select(Contract.moved_from_id).where(Contract.moved_from_id.is_not(None))
                )
            )
        ).all()
        interrupted = [(d, end) for d, end, decided in ended if decided is None]
        # A few percent of the ended placements: most still end by a decision.
        assert 0 < len(interrupted) < len(ended) * 0.2
        statuses = {
            d.id: d.status
            for d in session.scalars(
                select(Decision).where(Decision.id.in_([d for d, _ in interrupted]))
            )
        }
        # The decision still stands: that is what makes the end an interruption.
        assert set(statuses.values()) == {DecisionStatus.EXECUTED}
        shown = 0
        for _decision_id, end in interrupted:
            due = three_months_date(end) + dt.timedelta(days=1)
            if due > TODAY:
                continue
            table = IvoReport().run(session, _quarter(due)).tables[0]
            bistand = [row.cells[2] for row in table.rows]
            assert any(f"avbrott från {end.isoformat()}" in str(b) for b in bistand)
            shown += 1
        assert shown
