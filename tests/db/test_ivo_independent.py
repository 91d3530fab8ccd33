"""The IVO report against a computation of its own, written from DOMAIN.md's words alone (months
counted with the calendar module, no code of the report's), for a small random dataset."""

from __future__ import annotations

import calendar
import datetime as dt
import random

from bobudget.db.engine import Database
from bobudget.model.vocab import ContractKind
from bobudget.statistics.ivo import IvoReport
from bobudget.statistics.report import ReportResult
from tests.db.ivo_data import USER, carry_out, decision, person, quarter, session_of

D = dt.date
REPORT = IvoReport()


def _three_months(day: dt.date) -> dt.date:
    """The last day within three months: the same day number three months on, or that
    month's last day when it has none (lag 1930:173)."""
    month0 = day.month - 1 + 3
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return D(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _expected(
    facts: dict[int, tuple[dt.date, dt.date | None, dt.date | None]],
    first: dt.date,
    last: dt.date,
    open_before: set[int],
) -> dict[int, tuple[int, dt.date | None, dt.date | None]]:
    """decision id → (days waited, carried out, ended) as known on `last`."""
    out = {}
    for decision_id, (decided, carried, ended) in facts.items():
        carried = carried if carried and carried <= last else None
        ended = ended if ended and ended <= last else None
        settled = carried or ended
        if _three_months(decided) >= last:
            continue  # three months not passed by the quarter's last day
        if settled is not None and settled <= _three_months(decided):
            continue  # carried out (or ended) in time
        if settled is not None and settled < first and decision_id not in open_before:
            continue  # told in an earlier report
        out[decision_id] = ((settled or last) - decided).days, carried, ended
    return out


def _read(result: ReportResult) -> dict[int, tuple[int, dt.date | None, dt.date | None]]:
    keys = [c.key for c in result.tables[0].columns]
    out = {}
    for row in result.tables[0].rows:
        cells = dict(zip(keys, row.cells, strict=True))
        assert row.record_id is not None
        out[row.record_id] = (cells["vantedagar"], cells["verkstallt"], cells["avslutat"])
    return out  # type: ignore[return-value]


def test_the_report_agrees_with_an_independent_computation(sqlite_db: Database) -> None:
    rng = random.Random(20261130)
    facts: dict[int, tuple[dt.date, dt.date | None, dt.date | None]] = {}
    with session_of(sqlite_db) as s:
        for _ in range(80):
            decided = D(2025, 9, 1) + dt.timedelta(days=rng.randrange(400))
            fate = rng.random()
            later = decided + dt.timedelta(days=rng.randrange(1, 250))
            carried = later if fate < 0.5 else None
            ended = later if 0.5 <= fate < 0.7 else None
            d = decision(s, person(s), decided, ended=ended, end_reason="Flyttat" if ended else "")
            if carried:
                carry_out(s, d, carried, rng.choice(list(ContractKind)))
            facts[d.id] = (decided, carried, ended)
        s.commit()
    for label in ("2025Q4", "2026Q1", "2026Q2", "2026Q3", "2026Q4"):
        period = quarter(label)
        with sqlite_db.sessions() as s:
            result = REPORT.run(s, period)
        assert _read(result) == _expected(facts, period.first_day, period.last_day, set()), label
        dates = [row.cells[1] for row in result.tables[0].rows]
        assert dates == sorted(dates)  # type: ignore[type-var]
    # Q1 told IVO; Q2 was never sent: Q3 also gives what Q1 left waiting and Q2 settled.
    with sqlite_db.sessions() as s:
        q1 = REPORT.run(s, quarter("2026Q1"))
        REPORT.exported(s, q1, USER)
    open_in_q1 = {i for i, (_, c, e) in _read(q1).items() if c is None and e is None}
    q3 = quarter("2026Q3")
    with sqlite_db.sessions() as s:
        got = _read(REPORT.run(s, q3))
    expected = _expected(facts, q3.first_day, q3.last_day, open_in_q1)
    assert got == expected
    assert set(expected) - set(_expected(facts, q3.first_day, q3.last_day, set()))
