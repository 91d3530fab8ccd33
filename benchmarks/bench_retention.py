"""How long the gallring preview, a backup and the restore drill take on a demo database.

    python benchmarks/bench_retention.py [--households 20000]

Fills /tmp/bobudget-bench-retention.db with `bobudget demo --households N` (fill_demo), then
times the preview of gallring on a day far ahead (everyone outside the research sample due, so
the whole walk is done), a backup (SQLite's online backup API) and a restore drill (backup,
restore into a scratch file, compare every table, balance and chain). Run by hand; the tests
never time anything.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select, table

from bobudget.backup.copies import backup
from bobudget.backup.drill import drill
from bobudget.db.open import open_database
from bobudget.demo.generate import fill_demo
from bobudget.retention.purge import preview

FILE = Path("/tmp/bobudget-bench-retention.db")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=20000)
    args = parser.parse_args()
    FILE.unlink(missing_ok=True)
    db = open_database(f"sqlite:///{FILE}")
    fill_demo(db, args.households, seed=7)
    with db.engine.connect() as connection:
        for name in ("persons", "funds_transactions"):
            rows = connection.scalar(select(func.count()).select_from(table(name)))
            print(f"{name}: {rows}")
    start = time.perf_counter()
    found = preview(db, dt.date(2040, 1, 1))
    print(f"preview: {time.perf_counter() - start:.1f} s, {len(found.person_ids)} persons due")
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        backup(db, Path(folder) / "kopia.db")
        print(f"backup: {time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        result = drill(db, Path(folder) / "prov.db", take_backup=True)
        print(f"drill: {time.perf_counter() - start:.1f} s, ok={result.ok}")
    db.dispose()


if __name__ == "__main__":
    main()
