"""A reconciliation that leaves a difference is on Att göra until a later one agrees with the
bank. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from bobudget.app.due import due_items
from bobudget.db.engine import Database
from bobudget.funds.accounts import open_account
from bobudget.funds.posting import post_entry
from bobudget.funds.queries import AccountInput, EntryInput
from bobudget.funds.reconcile import record_reconciliation
from tests.db.follow_up_helpers import make_person

TODAY = dt.date(2026, 11, 27)


def differences(db: Database, today: dt.date = TODAY) -> list[tuple[dt.date, str, int | None]]:
    return [
        (i.datum, i.what, i.target_id)
        for i in due_items(db, today, within_days=14, include_overdue=True)
        if i.typ == "egna_medel_avstamning"
    ]


def test_a_difference_is_a_to_do_until_a_reconciliation_agrees(db: Database) -> None:
    person = make_person(db)
    account = open_account(db, person, AccountInput(dt.date(2026, 1, 1)), user="anna")
    pension = EntryInput(
        "income", dt.date(2026, 11, 19), 10_000_00, "pension", "Pensionsmyndigheten"
    )
    post_entry(db, account, pension, user="anna", today=TODAY)
    record_reconciliation(db, account, dt.date(2026, 11, 20), "10 000,00", user="anna", today=TODAY)
    assert differences(db) == []

    record_reconciliation(
        db, account, dt.date(2026, 11, 25), "9 800,00", "200 kr saknas", user="anna", today=TODAY
    )
    [(day, what, target)] = differences(db)
    assert day == dt.date(2026, 11, 25) and target == account
    assert "skiljer -200,00\u00a0kr" in what
    # Still there days later: nothing resolved it.
    assert len(differences(db, dt.date(2026, 12, 10))) == 1

    fee = EntryInput("payment", dt.date(2026, 11, 24), 200_00, "avgift", "Banken")
    post_entry(db, account, fee, user="anna", today=TODAY)
    record_reconciliation(db, account, dt.date(2026, 11, 26), "9 800,00", user="anna", today=TODAY)
    assert differences(db) == []
