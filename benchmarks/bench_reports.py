"""What every statistics report costs on a large municipality's database.

Fills a fresh database with 20 000 demo households over ten years of history, then runs every
report in the catalogue (whoever added it) for its period kind and prints a table: the first
run and the median of the following runs, in milliseconds. Year reports are timed for one
year and for ten years side by side.

    python benchmarks/bench_reports.py [--engine sqlite|postgresql|both] [--households 20000]

The SQLite file is /tmp/bobudget-bench-reports.db; the PostgreSQL database is a throwaway
`bobudget_bench_reports` on the server of BOBUDGET_BENCH_POSTGRES_URL (default the local one
as user postgres), dropped afterwards. Aim: every report under one second.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, text

from bobudget.db import migrate
from bobudget.db.engine import Database, connect, parse_url
from bobudget.demo.generate import fill_demo
from bobudget.statistics.catalogue import REPORTS
from bobudget.statistics.report import PeriodKind, Report, ReportPeriod

SQLITE_PATH = Path("/tmp/bobudget-bench-reports.db")
PG_ADMIN = os.environ.get(
    "BOBUDGET_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
PG_NAME = "bobudget_bench_reports"
TODAY = dt.date(2026, 11, 27)
YEARS = 10
REPEATS = 5
AIM_MS = 1000.0


def periods(kind: PeriodKind) -> list[tuple[str, ReportPeriod]]:
    year = TODAY.year - 1
    if kind == PeriodKind.YEAR:
        ten = tuple(range(TODAY.year - YEARS + 1, TODAY.year + 1))
        return [
            (str(year), ReportPeriod(kind, dt.date(year, 1, 1), dt.date(year, 12, 31), str(year))),
            (
                f"{ten[0]}–{ten[-1]}",
                ReportPeriod(kind, dt.date(ten[0], 1, 1), dt.date(ten[-1], 12, 31), "tio år", ten),
            ),
        ]
    if kind == PeriodKind.WEEK:
        monday = dt.date.fromisocalendar(TODAY.year, 45, 1)
        label = f"{TODAY.year}-W45"
        return [(label, ReportPeriod(kind, monday, monday + dt.timedelta(days=6), label))]
    if kind == PeriodKind.QUARTER:
        label = f"{TODAY.year}Q3"
        return [
            (
                label,
                ReportPeriod(kind, dt.date(TODAY.year, 7, 1), dt.date(TODAY.year, 9, 30), label),
            )
        ]
    first = dt.date(TODAY.year - 1, TODAY.month, 1)
    label = f"{first:%Y-%m}–{TODAY:%Y-%m}"
    return [(label, ReportPeriod(kind, first, TODAY, label))]


def timed(db: Database, report: Report, period: ReportPeriod) -> tuple[float, float]:
    times = []
    for _ in range(REPEATS + 1):
        with db.sessions() as session:
            began = time.perf_counter()
            report.run(session, period)
            times.append((time.perf_counter() - began) * 1000)
    return times[0], statistics.median(times[1:])


@contextmanager
def sqlite_database() -> Iterator[Database]:
    # SQLITE_PATH and PG_NAME may be set by --sqlite-path and --pg-name (main).
    SQLITE_PATH.unlink(missing_ok=True)
    db = connect(parse_url(f"sqlite:///{SQLITE_PATH}"))
    try:
        yield db
    finally:
        db.dispose()
        SQLITE_PATH.unlink(missing_ok=True)


@contextmanager
def postgres_database() -> Iterator[Database]:
    admin = create_engine(parse_url(PG_ADMIN), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)'))
        c.execute(text(f'CREATE DATABASE "{PG_NAME}"'))
    db = connect(parse_url(PG_ADMIN).set(database=PG_NAME))
    try:
        yield db
    finally:
        db.dispose()
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)'))
        admin.dispose()


def bench(engine: str, households: int) -> float:
    opener = sqlite_database if engine == "sqlite" else postgres_database
    worst = 0.0
    with opener() as db:
        migrate.upgrade(db)
        began = time.perf_counter()
        summary = fill_demo(db, households, seed=1, today=TODAY, years=YEARS)
        filled = time.perf_counter() - began
        if engine == "postgresql":
            with db.engine.begin() as c:
                c.execute(text("ANALYZE"))
        print(
            f"{db.engine_name}: {households} hushåll över {YEARS} år, {summary.persons} personer, "
            f"{summary.contracts} kontrakt, {summary.decisions} beslut "
            f"(demodata på {filled:.0f} s)"
        )
        print(f"  {'rapport':14s} {'period':18s} {'första':>10s} {'median':>10s}")
        for report in REPORTS:
            for label, period in periods(report.period_kind):
                first, median = timed(db, report, period)
                worst = max(worst, first, median)
                print(f"  {report.key:14s} {label:18s} {first:7.0f} ms {median:7.0f} ms")
    return worst


def main() -> int:
    global SQLITE_PATH, PG_NAME  # the script's settings, read by its helpers
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engine", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--households", type=int, default=20_000)
    parser.add_argument("--sqlite-path", type=Path, default=SQLITE_PATH, help="throwaway file")
    parser.add_argument("--pg-name", default=PG_NAME, help="throwaway database, dropped after")
    args = parser.parse_args()
    SQLITE_PATH, PG_NAME = args.sqlite_path, args.pg_name
    engines = ("sqlite", "postgresql") if args.engine == "both" else (args.engine,)
    worst = 0.0
    for engine in engines:
        worst = max(worst, bench(engine, args.households))
        print()
    verdict = "inom" if worst <= AIM_MS else "ÖVER"
    print(f"Längsta körning: {worst:.0f} ms ({verdict} målet {AIM_MS:.0f} ms).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
