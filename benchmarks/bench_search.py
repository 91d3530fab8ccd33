"""Search as you type at city scale: 200 random prefixes against a given database.

    python benchmarks/bench_search.py DATABASE_URL [--count 200] [--seed 15] [--limit 200]

The database must be migrated to head (0017_search or later) and should hold the demo of
`bobudget demo --households 100000`; the script only reads it. The prefixes are drawn (seeded)
from the surnames and first names in the database, lower-cased as a user types them: about a
tenth of one letter, a fifth of two, the rest of three to six, and about 70 that hold å, ä or ö.

For each prefix it times, after one untimed round that prepares the statements:

- "orm": the search as the window runs it (persons/search.py find_person_rows through a
  SQLAlchemy session, the page of `--limit` rows), without the access log's INSERT;
- "raw": the same SQL statements, captured from the ORM run, executed on the driver's own
  cursor and fetched: what the query costs without SQLAlchemy;
- "before": the search as it was before 0017_search, `search_text LIKE '%term%'` ordered by
  name (a scan and a sort of every person on SQLite, trigram or scan on PostgreSQL).

It prints p50 / p95 / max in milliseconds for each, the ORM / raw ratio at p50 and p95, and how
many prefixes found a full page. The goal (issue 15): p95 within 10 ms, ORM within 3x raw.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import and_, event, select

from bobudget.db.engine import connect, parse_url
from bobudget.kernel.search_text import search_terms
from bobudget.model import Person
from bobudget.persons.search import find_person_rows

SWEDISH = set("åäö")


def prefixes(names: list[str], count: int, seed: int) -> list[str]:
    """`count` lower-case prefixes of real names: short ones, and about 35 % with å, ä or ö."""
    rng = random.Random(seed)
    plain = [n.lower() for n in names if not SWEDISH & set(n.lower())]
    swedish = [n.lower() for n in names if SWEDISH & set(n.lower())]
    chosen: list[str] = []
    with_swedish = round(count * 0.35)
    for i in range(count):
        if i < with_swedish and swedish:
            name = rng.choice(swedish)
            # Cut at or after the first å, ä or ö, so the prefix holds it.
            first = min(name.index(c) for c in SWEDISH if c in name)
            length = rng.randint(first + 1, max(first + 1, min(len(name), first + 4)))
        else:
            name = rng.choice(plain)
            draw = rng.random()
            length = 1 if draw < 0.1 else 2 if draw < 0.3 else rng.randint(3, 6)
        chosen.append(name[: min(length, len(name))])
    rng.shuffle(chosen)
    return chosen


def percentiles(times: list[float]) -> tuple[float, float, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]
    return statistics.median(ordered), p95, ordered[-1]


def old_search(session: Any, terms: list[str], limit: int) -> list[Any]:
    """The query before 0017_search (persons/registry.py at revision 0016)."""
    stmt = select(
        Person.id,
        Person.identity,
        Person.first_name,
        Person.last_name,
        Person.city,
        Person.protected_identity,
    )
    if terms:
        stmt = stmt.where(and_(*(Person.search_text.contains(t, autoescape=True) for t in terms)))
    stmt = stmt.order_by(Person.last_name, Person.first_name, Person.id).limit(limit)
    return list(session.execute(stmt).all())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5, help="runs of each prefix")
    parser.add_argument("--skip-before", action="store_true", help="time only the new search")
    args = parser.parse_args()

    db = connect(parse_url(args.url))
    with db.sessions() as session:
        names = sorted(
            set(session.scalars(select(Person.last_name).distinct()))
            | set(session.scalars(select(Person.first_name).distinct()))
        )
        persons = session.query(Person).count()
    typed = prefixes(names, args.count, args.seed)
    short = sum(len(p) <= 2 for p in typed)
    swedish = sum(bool(SWEDISH & set(p)) for p in typed)
    print(f"{db.engine.dialect.name}: {persons} persons, {len(names)} distinct names")
    print(f"{len(typed)} prefixes (seed {args.seed}): {short} of 1-2 letters, {swedish} with åäö")

    captured: dict[str, list[tuple[str, Any]]] = {}
    current: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        current.append((statement, parameters))

    def run_orm(prefix: str) -> int:
        with db.sessions() as session:
            return len(find_person_rows(session, search_terms(prefix), args.limit))

    # One untimed round: SQLAlchemy compiles each statement shape once; the SQL is captured.
    event.listen(db.engine, "before_cursor_execute", capture)
    full = 0
    for prefix in typed:
        current.clear()
        full += run_orm(prefix) >= args.limit
        captured[prefix] = list(current)
    event.remove(db.engine, "before_cursor_execute", capture)

    raw = db.engine.raw_connection()

    def run_raw(prefix: str) -> int:
        cursor = raw.cursor()
        found = 0
        for statement, parameters in captured[prefix]:
            cursor.execute(statement, parameters)
            found = len(cursor.fetchall())
        cursor.close()
        raw.rollback()
        return found

    def run_before(prefix: str) -> int:
        with db.sessions() as session:
            return len(old_search(session, search_terms(prefix), args.limit))

    def timed(run: Callable[[str], int]) -> list[list[float]]:
        times: list[list[float]] = [[] for _ in typed]
        for _ in range(args.repeat):
            for i, prefix in enumerate(typed):
                start = time.perf_counter()
                run(prefix)
                times[i].append((time.perf_counter() - start) * 1000)
        return times

    results = {"orm": timed(run_orm), "raw": timed(run_raw)}
    if not args.skip_before:
        run_before(typed[0])
        results["before"] = timed(run_before)
    raw.close()
    print(f"{full} of {len(typed)} prefixes filled a page of {args.limit}")
    # Per prefix the best and the median of its runs: on a busy machine the best is the query's
    # own cost, the median what a user waits while other programs share the processor.
    summary: dict[str, dict[str, list[float]]] = {
        kind: {label: [pick(t) for t in times] for label, times in results.items()}
        for kind, pick in (("best", min), ("median", statistics.median))
    }
    print(f"{'':16}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}   ({args.repeat} runs of each prefix)")
    for kind, by_label in summary.items():
        for label, per_prefix in by_label.items():
            p50, p95, most = percentiles(per_prefix)
            print(f"{label + ' ' + kind:16}{p50:9.2f}{p95:9.2f}{most:9.2f}")
    for kind, by_label in summary.items():
        orm50, orm95, _ = percentiles(by_label["orm"])
        raw50, raw95, _ = percentiles(by_label["raw"])
        print(f"orm/raw {kind:6}  p50 {orm50 / raw50:.2f}x  p95 {orm95 / raw95:.2f}x  (goal: 3x)")
    best = summary["best"]["orm"]
    slow = sorted(zip(best, typed, strict=True), reverse=True)[:5]
    print("slowest (orm best):", ", ".join(f"{p!r} {t:.1f} ms" for t, p in slow))
    db.dispose()


if __name__ == "__main__":
    main()
