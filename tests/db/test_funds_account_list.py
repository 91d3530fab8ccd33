"""The Egna medel list's balances: each account's balance after its last voucher, as the
account's own ledger says, also when the ledger was kept out of date order."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bobudget.db.engine import Database
from bobudget.demo.generate import fill_demo
from bobudget.funds.queries import search_accounts
from bobudget.model import FundsTransaction

TODAY = dt.date(2026, 11, 30)


def test_every_listed_balance_is_the_balance_after_the_accounts_last_voucher(
    db: Database,
) -> None:
    fill_demo(db, 300, seed=3)
    rows = search_accounts(db, today=TODAY, limit=10_000)
    assert len(rows) > 3
    with db.sessions() as s:
        ledger = s.execute(
            select(
                FundsTransaction.account_id,
                FundsTransaction.voucher_number,
                FundsTransaction.balance_after_ore,
            )
        ).all()
    last: dict[int, tuple[int, int]] = {}
    for account_id, voucher, balance in ledger:
        if account_id not in last or voucher > last[account_id][0]:
            last[account_id] = (voucher, balance)
    assert {r.id: r.balance_ore for r in rows} == {
        r.id: last[r.id][1] if r.id in last else 0 for r in rows
    }
    assert any(r.balance_ore > 0 for r in rows)
