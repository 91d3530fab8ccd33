"""How fast Att göra shows its first screenful, its counts and its whole list, on a big database.

Against a database URL (e.g. the 100 000-household demo, `bobudget --db URL demo --households
100000 --seed 7`), times as the median of N runs:

- the first screenful for the signed-in user (Mina uppgifter) and for the whole unit (Hela
  enheten): the groups' counts (one COUNT per kind of due item) and the first group's first
  page, what the page shows before anything is scrolled;
- the counts alone (what the navigation shows);
- the whole list read page by page, as scrolling to the end would;
- the whole list read at once as before this reading by pages (`todo_list`), with --before;
- the first page's queries through the ORM session against the same SQL through the driver's
  own cursor (raw SQL), and the ratio.

    python benchmarks/bench_todo.py URL [URL …] [--user NAME] [--repeats 5] [--before]

The user defaults to the one with the most items of their own. Read-only: the access log's
INSERT of the persons shown is left out (replaced by a no-op), so a shared database is not
written to. PostgreSQL plans need statistics: run ANALYZE on a freshly filled database first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select

from bobudget.app import todo as todo_module
from bobudget.app import todo_query
from bobudget.app.todo import SCOPE_MINE, SCOPE_UNIT, todo_list
from bobudget.app.todo_kinds import KINDS, first_key_on_or_after
from bobudget.app.todo_query import every_item, todo_overview, todo_page
from bobudget.db.engine import Database, connect, parse_url
from bobudget.model import User

AIM_MS = 200.0
# The whole list read as a worker would read the rest: in big pages (the window reads 60).
FULL_PAGE = 1000


def _no_access_log(*_args: Any, **_kwargs: Any) -> int:
    return 0


def timed(action: Callable[[], Any], repeats: int) -> float:
    """The median in milliseconds over `repeats` runs after one to warm up."""
    action()
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        action()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def busiest_user(db: Database, today: dt.date) -> str:
    with db.sessions() as s:
        users = list(s.scalars(select(User.username).where(User.active)))
    totals = {u: todo_overview(db, today=today, user=u, scope=SCOPE_MINE).mine_total for u in users}
    return max(totals, key=lambda u: totals[u])


def first_screen(db: Database, today: dt.date, user: str, scope: str) -> int:
    overview = todo_overview(db, today=today, user=user, scope=scope)
    if not overview.groups:
        return 0
    return len(todo_page(db, overview, overview.groups[0]).items)


def orm_and_raw(db: Database, today: dt.date, repeats: int) -> tuple[float, float, int]:
    """The whole unit's first page, every kind's query: through the session, and as SQL
    through the driver's cursor (the same statements, their values written in)."""
    overview = todo_overview(db, today=today, scope=SCOPE_UNIT)
    group = overview.groups[0]
    statements: list[Any] = []
    with db.sessions() as session:
        dialect = db.engine.dialect
        for kind in KINDS:
            stmt = kind.select(today, dialect.name, True).where(kind.key.is_not(None))
            stmt = stmt.add_columns(kind.key.label("due_key")).order_by(*kind.order, kind.key)
            if group.last:
                bound = first_key_on_or_after(kind, group.last + dt.timedelta(days=1))
                stmt = stmt.where(kind.key < bound)
            statements.append(stmt.limit(todo_query.PAGE_SIZE))
        sql = [
            str(s.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
            for s in statements
        ]

        def orm() -> int:
            return sum(len(session.execute(s).all()) for s in statements)

        raw_connection = db.engine.raw_connection()
        try:

            def raw() -> int:
                cursor = raw_connection.cursor()
                n = 0
                for text in sql:
                    cursor.execute(text)
                    n += len(cursor.fetchall())
                cursor.close()
                return n

            rows = orm()
            assert rows == raw(), "the ORM and the raw SQL read different rows"
            return timed(orm, repeats), timed(raw, repeats), rows
        finally:
            raw_connection.close()


def bench(url: str, user: str | None, repeats: int, before: bool, today: dt.date) -> None:
    db = connect(parse_url(url))
    print(f"\n{db.engine_name}: {db.location}  (today {today}, median of {repeats})")
    user = user or busiest_user(db, today)
    mine = todo_overview(db, today=today, user=user, scope=SCOPE_MINE)
    unit = todo_overview(db, today=today, scope=SCOPE_UNIT)
    print(
        f"user {user}: {mine.mine_total} own, {mine.unassigned_count} unassigned; unit {unit.total}"
    )
    table: list[tuple[str, float, str]] = []

    def row(what: str, ms: float, note: str = "") -> None:
        table.append((what, ms, note))
        print(f"  {what:<44} {ms:9.1f} ms  {note}", flush=True)

    n = first_screen(db, today, user, SCOPE_MINE)
    row(
        "first screenful, Mina uppgifter",
        timed(lambda: first_screen(db, today, user, SCOPE_MINE), repeats),
        f"{n} rows; aim ≤ {AIM_MS:.0f} ms",
    )
    n = first_screen(db, today, user, SCOPE_UNIT)
    row(
        "first screenful, Hela enheten",
        timed(lambda: first_screen(db, today, user, SCOPE_UNIT), repeats),
        f"{n} rows; aim ≤ {AIM_MS:.0f} ms",
    )
    row(
        "counts (navigation), Hela enheten",
        timed(lambda: todo_overview(db, today=today, scope=SCOPE_UNIT), repeats),
    )
    row(
        "counts, Mina uppgifter",
        timed(lambda: todo_overview(db, today=today, user=user, scope=SCOPE_MINE), repeats),
    )
    everything = len(every_item(db, unit, limit=FULL_PAGE))
    row(
        f"whole list in pages of {FULL_PAGE}, Hela enheten",
        timed(lambda: every_item(db, unit, limit=FULL_PAGE), max(1, repeats // 2)),
        f"{everything} items",
    )
    if before:
        old = todo_list(db, today=today, scope=SCOPE_UNIT).total
        row(
            "whole list at once (todo_list, before)",
            timed(lambda: todo_list(db, today=today, scope=SCOPE_UNIT), max(1, repeats // 2)),
            f"{old} items",
        )
    orm_ms, raw_ms, rows = orm_and_raw(db, today, repeats)
    row("first page's queries through the ORM", orm_ms, f"{rows} rows")
    row("the same SQL, raw driver cursor", raw_ms, f"ORM/raw {orm_ms / raw_ms:.2f}× (aim ≤ 3×)")
    db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--user")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--before", action="store_true", help="also time todo_list")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    args = parser.parse_args()
    todo_query.record_access = _no_access_log  # type: ignore[assignment]
    todo_module.record_access = _no_access_log  # type: ignore[assignment]
    for url in args.urls:
        bench(url, args.user, args.repeats, args.before, args.today)


if __name__ == "__main__":
    main()
