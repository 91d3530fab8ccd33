"""What opening an egna medel account costs with a million entries in the ledger.

Fills a fresh database with 1 000 000 entries over 100 accounts of 10 000 entries each,
interleaved as real postings are (day by day, every account in turn), every entry sealed with
its running balance and hash chain as the service writes it, then times on the open account:

- the balance query (the last voucher's running balance: what the account card shows),
- the whole account card (get_account),
- the first page of entries the window's table shows,
- the sum of all the account's entries (what a statement's opening balance costs),
- one posting (lock, overdraw check, seal, insert, commit),
- and the validator over the whole ledger.

    python benchmarks/bench_funds.py [--engine sqlite|postgresql|both] [--entries 1000000]

The SQLite file is /tmp/bobudget-bench-funds.db; the PostgreSQL database is a throwaway
`bobudget_bench_funds` on the server of BOBUDGET_BENCH_POSTGRES_URL (default the local one as
user postgres), dropped afterwards. Aim: the balance query under 5 ms on both.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import URL

from bobudget.db import migrate
from bobudget.db.engine import Database, connect, parse_url
from bobudget.funds import check as funds_check
from bobudget.funds import posting as funds_posting
from bobudget.funds import queries as funds
from bobudget.funds.queries import EntryInput
from bobudget.funds.reports import opening_balance
from bobudget.funds.rules import GENESIS_HASH, LedgerEntry, entry_hash
from bobudget.model import Household, Person
from bobudget.model.funds import FundsTransaction, ManagedFundsAccount
from bobudget.model.vocab import EntryKind, IdentityKind

SQLITE_PATH = Path("/tmp/bobudget-bench-funds.db")
PG_ADMIN = os.environ.get(
    "BOBUDGET_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
PG_NAME = "bobudget_bench_funds"
START = dt.date(2000, 1, 1)
CREATED = dt.datetime(2026, 1, 1, 8, 0, tzinfo=dt.UTC)
BATCH = 20_000


def fill(db: Database, accounts: int, per_account: int) -> float:
    """Insert persons, accounts and sealed entries with Core executemany; returns seconds."""
    began = time.perf_counter()
    stamp = {
        "version": 1,
        "created_at": CREATED,
        "created_by": "bench",
        "updated_at": CREATED,
        "updated_by": "bench",
    }
    with db.engine.begin() as c:
        c.execute(insert(Household), [{"id": 1, "name": "", "note": "", **stamp}])
        c.execute(
            insert(Person),
            [
                {
                    "id": i,
                    "identity": f"R{i:07d}",
                    "identity_kind": IdentityKind.RESERVE,
                    "first_name": "Test",
                    "last_name": f"Person {i}",
                    "address": "",
                    "postal_code": "",
                    "city": "",
                    "phone": "",
                    "email": "",
                    "protected_identity": False,
                    "note": "",
                    "search_text": f"person {i}",
                    **stamp,
                }
                for i in range(1, accounts + 1)
            ],
        )
        c.execute(
            insert(ManagedFundsAccount),
            [
                {
                    "id": i,
                    "person_id": i,
                    "power_of_attorney_start": START,
                    "power_of_attorney_end": None,
                    "review_date": None,
                    "bank_account_reference": "",
                    "closed_date": None,
                    "note": "",
                    **stamp,
                }
                for i in range(1, accounts + 1)
            ],
        )
    balance = dict.fromkeys(range(1, accounts + 1), 0)
    chain = dict.fromkeys(range(1, accounts + 1), GENESIS_HASH)
    rows: list[dict[str, Any]] = []
    total = accounts * per_account
    next_id = 1
    with db.engine.begin() as c:
        for n in range(per_account):
            day = START + dt.timedelta(days=n // 2)
            for account in range(1, accounts + 1):
                # Income on even vouchers, a smaller payment on odd ones: never negative.
                amount = 1_000_00 if n % 2 == 0 else -(900_00 + account)
                balance[account] += amount
                entry = LedgerEntry(
                    id=next_id,
                    account_id=account,
                    voucher_number=n + 1,
                    entry_date=day,
                    amount_ore=amount,
                    kind=EntryKind.INCOME if amount > 0 else EntryKind.PAYMENT,
                    category="pension" if amount > 0 else "hyra",
                    counterparty="Motpart",
                    balance_after_ore=balance[account],
                    created_by="bench",
                    created_at=CREATED,
                )
                chain[account] = entry_hash(chain[account], entry)
                rows.append(
                    {
                        "id": next_id,
                        "account_id": account,
                        "voucher_number": n + 1,
                        "entry_date": day,
                        "amount_ore": amount,
                        "kind": entry.kind,
                        "category": entry.category,
                        "counterparty": "Motpart",
                        "note": "",
                        "handed_out_by": "",
                        "receipt_signed": False,
                        "reverses_id": None,
                        "covers_month": None,
                        "recurring_payment_id": None,
                        "balance_after_ore": balance[account],
                        "entry_hash": chain[account],
                        "created_at": CREATED,
                        "created_by": "bench",
                    }
                )
                next_id += 1
                if len(rows) >= BATCH:
                    c.execute(insert(FundsTransaction), rows)
                    rows = []
                    print(f"\r  {next_id - 1:>9,} / {total:,} rader", end="", flush=True)
        if rows:
            c.execute(insert(FundsTransaction), rows)
    if db.engine.dialect.name == "postgresql":
        c2 = db.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        c2.execute(text("VACUUM ANALYZE"))
        c2.close()
        # The id sequences would otherwise start at 1 and collide with the ids given above.
        with db.engine.begin() as c:
            for table in ("persons", "households", "managed_funds_accounts", "funds_transactions"):
                c.execute(text(f"SELECT setval('{table}_id_seq', (SELECT max(id) FROM {table}))"))
    else:
        with db.engine.begin() as c:
            c.execute(text("ANALYZE"))
    print()
    return time.perf_counter() - began


def timed(work: Callable[[], object], runs: int) -> tuple[float, float]:
    """(median, worst) in milliseconds over `runs`, after one warm-up."""
    work()
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), max(times)


def measure(db: Database, account: int) -> list[tuple[str, float, float]]:
    results = []
    with db.sessions() as session:
        results.append(
            (
                "saldo (sista verifikationens saldo)",
                *timed(lambda: funds.balance_in_session(session, account), 500),
            )
        )
        results.append(
            (
                "summa av alla kontots transaktioner",
                *timed(lambda: opening_balance(session, account, dt.date(2100, 1, 1)), 50),
            )
        )
    results.append(
        (
            "saldo via account_balance (egen session)",
            *timed(lambda: funds.account_balance(db, account), 200),
        )
    )
    results.append(
        ("kontokortet (get_account)", *timed(lambda: funds.get_account(db, account), 200))
    )
    results.append(
        (
            "första sidan, 200 transaktioner",
            *timed(lambda: funds.entries_page(db, account, limit=200), 50),
        )
    )
    day = START + dt.timedelta(days=10_000)

    def post() -> None:
        funds_posting.post_entry(
            db,
            account,
            EntryInput(EntryKind.INCOME, day, 1_00, "pension"),
            user="bench",
            today=dt.date(2100, 1, 1),
        )

    results.append(("en bokföring (lås, kontroll, insert, commit)", *timed(post, 20)))
    return results


def run(engine_name: str, entries: int, per_account: int) -> None:
    accounts = max(1, entries // per_account)
    if engine_name == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        url: URL = parse_url(f"sqlite:///{SQLITE_PATH}")
        admin = None
    else:
        admin = create_engine(parse_url(PG_ADMIN), isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)'))
            c.execute(text(f'CREATE DATABASE "{PG_NAME}"'))
        url = parse_url(PG_ADMIN).set(database=PG_NAME)
    db = connect(url)
    try:
        migrate.upgrade(db)
        print(
            f"{db.engine_name}: {accounts * per_account:,} transaktioner i {accounts} konton "
            f"à {per_account:,}"
        )
        seconds = fill(db, accounts, per_account)
        print(f"  fyllning: {seconds:.1f} s ({accounts * per_account / seconds:,.0f} rader/s)")
        for what, median, worst in measure(db, accounts // 2 or 1):
            print(f"  {what:<46} median {median:7.3f} ms   värst {worst:7.3f} ms")
        began = time.perf_counter()
        result = funds_check.check_funds(db)
        print(
            f"  validatorn över hela huvudboken: {time.perf_counter() - began:.1f} s, "
            f"{len(result.problems)} fel"
        )
    finally:
        db.dispose()
        if admin is not None:
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)'))
            admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--per-account", type=int, default=10_000)
    args = parser.parse_args()
    engines = ["sqlite", "postgresql"] if args.engine == "both" else [args.engine]
    for name in engines:
        run(name, args.entries, args.per_account)


if __name__ == "__main__":
    main()
