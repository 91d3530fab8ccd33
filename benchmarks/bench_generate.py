"""How long `bobudget demo` takes and how much memory it needs, on SQLite and PostgreSQL.

Makes a fresh, migrated database per engine, then runs the generator in a child process
(`python -m bobudget --db URL demo --households N --seed 7 [--stad]`) and prints its wall-clock
seconds, its peak resident memory (the child's own rusage, from os.wait4), and the rows of the
main tables; also its CPU seconds (the PostgreSQL server's work is not in them). Migration is
done before the clock starts.

    python benchmarks/bench_generate.py [--households 100000] [--engine sqlite|postgresql|both]
                                        [--unit] [--source DIR]

--stad (a city's ten years, the default here) or --unit (the normal demo); --source runs the
generator of another checkout (say, a worktree of an older commit) for a before/after figure.
The SQLite file is /tmp/bobudget-bench-generate.db; the PostgreSQL database is a throwaway
`city_bench_generate` (--scratch NAME for other names, to run two at once) on
BOBUDGET_BENCH_POSTGRES_URL (default the local server as user postgres), dropped afterwards.
Aim (issue 15): a few minutes, under 400 MB.

Measured 2026-11-30, 100 000 households --stad, 2 cores shared with a load of 12–15 (so the
wall clock is mostly waiting; compare CPU): SQLite 1855 s wall, 170 s CPU, 231 MB peak;
PostgreSQL 1706 s wall, 112 s CPU (client), 225 MB peak. Both: 179 970 persons, 246 850
decisions, 203 631 contracts, 1 283 144 follow-ups, 5 774 accounts, 1 142 583 ledger entries;
`bobudget funds check` finds no fault. The generator before streaming, the normal demo at the
same size: 1.9 GB and growing after its first CPU minute (issue 15 measured 71 s and 1.8 GB on
SQLite, 106 s on PostgreSQL on a quieter machine).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.engine import make_url

from bobudget.db import migrate
from bobudget.db.engine import connect
from bobudget.model import (
    Contract,
    Decision,
    FollowUp,
    FundsTransaction,
    Household,
    ManagedFundsAccount,
    Person,
)

SCRATCH = "generate"
SQLITE_FILE = Path(f"/tmp/bobudget-bench-{SCRATCH}.db")
PG_DATABASE = f"city_bench_{SCRATCH}"
COUNTED = {
    "households": Household,
    "persons": Person,
    "decisions": Decision,
    "contracts": Contract,
    "follow_ups": FollowUp,
    "funds_accounts": ManagedFundsAccount,
    "ledger_entries": FundsTransaction,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--engine", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--unit", action="store_true", help="the normal demo, not a city's")
    parser.add_argument("--source", type=Path, help="the checkout whose generator to run")
    parser.add_argument("--scratch", default=SCRATCH, help="name of the scratch databases")
    args = parser.parse_args()
    global SQLITE_FILE, PG_DATABASE
    SQLITE_FILE = Path(f"/tmp/bobudget-bench-{args.scratch}.db")
    PG_DATABASE = f"city_bench_{args.scratch}"
    engines = ("sqlite", "postgresql") if args.engine == "both" else (args.engine,)
    shape = "unit" if args.unit else "city"
    source = (args.source or Path(__file__).resolve().parents[1]).resolve()
    print(f"demo --households {args.households} ({shape}), generator from {source}")
    for engine in engines:
        url = _fresh_database(engine)
        try:
            seconds, cpu, peak_mb = _generate(url, args.households, args.unit, source)
            counts = _counts(url)
        finally:
            if engine == "postgresql":
                _drop_postgres()
        print(f"{engine:<10}  {seconds:7.1f} s  CPU {cpu:7.1f} s  peak RSS {peak_mb:6.0f} MB")
        for name, count in counts.items():
            print(f"    {name:<16} {count:>10,}".replace(",", " "))
    return 0


def _generate(url: str, households: int, unit: bool, source: Path) -> tuple[float, float, float]:
    """(wall-clock seconds, CPU seconds, peak RSS in MB) of the generator in a child process.

    The CPU seconds (user + system, the child's alone) are the figure to compare on a busy
    machine, where the wall clock mostly measures the other processes.
    """
    command = [sys.executable, "-m", "bobudget", "--db", url, "demo"]
    command += ["--households", str(households), "--seed", "7"]
    if not unit:
        command.append("--stad")
    env = dict(os.environ, PYTHONPATH=str(source))
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, cwd=source, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"the generator failed with exit code {child.returncode}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # kB on Linux


def _fresh_database(engine: str) -> str:
    if engine == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_FILE}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{SQLITE_FILE}"
    else:
        _drop_postgres()
        with _admin().connect() as connection:
            connection.execute(text(f"CREATE DATABASE {PG_DATABASE}"))
        url = make_url(_admin_url()).set(database=PG_DATABASE).render_as_string(False)
    db = connect(make_url(url))
    try:
        migrate.upgrade(db)
    finally:
        db.dispose()
    return url


def _counts(url: str) -> dict[str, int]:
    db = connect(make_url(url))
    try:
        with db.engine.connect() as connection:
            return {
                name: connection.scalar(select(func.count()).select_from(model)) or 0
                for name, model in COUNTED.items()
            }
    finally:
        db.dispose()


def _admin_url() -> str:
    return os.environ.get(
        "BOBUDGET_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    )


def _admin() -> Engine:
    return create_engine(_admin_url(), isolation_level="AUTOCOMMIT")


def _drop_postgres() -> None:
    engine = _admin()
    with engine.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)"))
    engine.dispose()


if __name__ == "__main__":
    raise SystemExit(main())
