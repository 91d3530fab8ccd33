"""What the access log costs a search-as-you-type: 100 000 persons, each keystroke's search
(at most 200 shown) timed with its ids written to access_log at once (one INSERT and one
commit per search: the command line), through the window's background writer, and without.

    python benchmarks/bench_access_log.py [--engine sqlite|postgresql|both] [--persons 100000]

The SQLite file is /tmp/bobudget-bench-access.db; the PostgreSQL database is a throwaway
`bobudget_bench_access` on BOBUDGET_BENCH_POSTGRES_URL (default the local one as user
postgres), dropped afterwards.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, func, insert, select, text

from bobudget.db import access, migrate
from bobudget.db.engine import Database, connect, parse_url
from bobudget.kernel.identity import demo_identity
from bobudget.kernel.search_text import person_search_text
from bobudget.model import AccessLog, Person
from bobudget.persons import registry

FIRST = ["Anna", "Anders", "Karin", "Erik", "Maria", "Johan", "Elsa", "Lars", "Åsa", "Nils"]
LAST = ["Andersson", "Öberg", "Lindqvist", "Johansson", "Karlsson", "Nilsson", "Berg", "Holm"]
TYPED = ["a", "an", "and", "ande", "ander", "anders", "anders s", "anders sv"]
ROUNDS = 5


def fill(db: Database, persons: int) -> None:
    rows = []
    for n in range(persons):
        born = dt.date(1940, 1, 1) + dt.timedelta(days=n // 9)
        number = demo_identity(born, n % 9 + 1)
        first, last = FIRST[n % len(FIRST)], f"{LAST[n % len(LAST)]}{n // 80 or ''}"
        rows.append(
            {
                "identity": number.canonical,
                "identity_kind": number.kind,
                "first_name": first,
                "last_name": last,
                "search_text": person_search_text(last, first, number.display, number.canonical),
            }
        )
    with db.sessions() as session:
        for start in range(0, len(rows), 5000):
            session.execute(insert(Person), rows[start : start + 5000])
        session.commit()


def timed(db: Database) -> list[float]:
    times = []
    for _ in range(ROUNDS):
        for typed in TYPED:
            start = time.perf_counter()
            registry.search_persons(db, typed, limit=200, user="bench")
            times.append((time.perf_counter() - start) * 1000)
    return times


def run(db: Database, persons: int, label: str) -> None:
    migrate.upgrade(db)
    fill(db, persons)
    registry.search_persons(db, "x")  # the first query of a process prepares SQLAlchemy
    logged = timed(db)
    access.start_access_writer(db)
    try:
        background = timed(db)
    finally:
        access.stop_access_writer(db)
    real = registry.record_access
    registry.record_access = lambda *a, **k: 0  # type: ignore[assignment]
    try:
        bare = timed(db)
    finally:
        registry.record_access = real
    alone = []
    for _ in range(40):
        start = time.perf_counter()
        access.record_access(db, access.AccessKind.SEARCH, range(1, 201), user="bench")
        alone.append((time.perf_counter() - start) * 1000)
    print(
        f"{label}: writing 200 ids at once (one INSERT, one commit) median "
        f"{statistics.median(alone):.1f} ms (worst {max(alone):.1f})"
    )
    with db.sessions() as session:
        written = session.scalar(select(func.count(AccessLog.id)))
    print(
        f"{label}: {persons} persons, {len(TYPED)} keystrokes x {ROUNDS}: "
        f"search with access log median {statistics.median(logged):.1f} ms "
        f"(worst {max(logged):.1f}), written in the background "
        f"{statistics.median(background):.1f} ms (worst {max(background):.1f}), "
        f"without {statistics.median(bare):.1f} ms "
        f"(worst {max(bare):.1f}); {written} access rows written"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--persons", type=int, default=100_000)
    args = parser.parse_args()
    if args.engine in ("sqlite", "both"):
        path = Path("/tmp/bobudget-bench-access.db")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        db = connect(parse_url(f"sqlite:///{path}"))
        run(db, args.persons, "SQLite")
        db.dispose()
    if args.engine in ("postgresql", "both"):
        server = parse_url(
            os.environ.get(
                "BOBUDGET_BENCH_POSTGRES_URL",
                "postgresql+psycopg://postgres@127.0.0.1:5432/postgres",
            )
        )
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text("DROP DATABASE IF EXISTS bobudget_bench_access WITH (FORCE)"))
            c.execute(text("CREATE DATABASE bobudget_bench_access"))
        try:
            db = connect(server.set(database="bobudget_bench_access"))
            run(db, args.persons, "PostgreSQL")
            db.dispose()
        finally:
            with admin.connect() as c:
                c.execute(text("DROP DATABASE IF EXISTS bobudget_bench_access WITH (FORCE)"))
            admin.dispose()


if __name__ == "__main__":
    main()
