"""Rent paid twice for one month is refused until the user says it is meant, naming the voucher
that paid it first; a reversed payment has paid nothing. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from bobudget.db.engine import Database
from bobudget.funds.accounts import open_account
from bobudget.funds.posting import post_entry, reverse_entry
from bobudget.funds.queries import AccountInput, EntryInput
from bobudget.funds.rules import RentAlreadyPaidError
from bobudget.model.funds import FundsTransaction
from tests.db.follow_up_helpers import make_person

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def account(db: Database) -> int:
    person = make_person(db)
    account_id = open_account(db, person, AccountInput(dt.date(2026, 1, 1)), user="anna")
    post_entry(
        db,
        account_id,
        EntryInput("income", dt.date(2026, 10, 19), 30_000_00, "pension", "Pensionsmyndigheten"),
        user="anna",
        today=TODAY,
    )
    return account_id


def rent(day: dt.date, covers: dt.date | None = dt.date(2026, 12, 1)) -> EntryInput:
    return EntryInput(
        "payment", day, 7_000_00, "hyra", "Åkerbo Fastigheter AB", covers_month=covers
    )


def entries(db: Database, account_id: int) -> int:
    with db.sessions() as s:
        return int(
            s.scalar(select(func.count()).where(FundsTransaction.account_id == account_id)) or 0
        )


def test_a_second_rent_for_a_paid_month_is_refused_naming_the_first_voucher(
    db: Database, account: int
) -> None:
    first = post_entry(db, account, rent(dt.date(2026, 11, 20)), user="anna", today=TODAY)
    with pytest.raises(RentAlreadyPaidError) as refused:
        post_entry(db, account, rent(dt.date(2026, 11, 25)), user="anna", today=TODAY)
    message = str(refused.value)
    assert "december 2026" in message
    assert f"verifikation {first.voucher_number} den 2026-11-20" in message
    assert refused.value.first.voucher_number == first.voucher_number
    assert entries(db, account) == 2  # nothing was booked


def test_told_and_sure_the_second_rent_is_booked(db: Database, account: int) -> None:
    post_entry(db, account, rent(dt.date(2026, 11, 20)), user="anna", today=TODAY)
    second = post_entry(
        db, account, rent(dt.date(2026, 11, 25)), user="anna", today=TODAY, force=True
    )
    assert second.voucher_number == 3


def test_rent_for_another_month_and_other_payments_are_not_asked_about(
    db: Database, account: int
) -> None:
    post_entry(db, account, rent(dt.date(2026, 11, 20)), user="anna", today=TODAY)
    post_entry(
        db, account, rent(dt.date(2026, 11, 21), dt.date(2026, 11, 1)), user="anna", today=TODAY
    )
    electricity = EntryInput("payment", dt.date(2026, 11, 22), 500_00, "el", "Elbolaget")
    post_entry(db, account, electricity, user="anna", today=TODAY)
    assert entries(db, account) == 4


def test_a_reversed_rent_payment_has_paid_nothing(db: Database, account: int) -> None:
    first = post_entry(db, account, rent(dt.date(2026, 11, 20)), user="anna", today=TODAY)
    with db.sessions() as s:
        first_id = s.scalar(
            select(FundsTransaction.id).where(
                FundsTransaction.account_id == account,
                FundsTransaction.voucher_number == first.voucher_number,
            )
        )
    assert first_id is not None
    reverse_entry(db, first_id, "fel belopp", user="anna", today=TODAY)
    again = post_entry(db, account, rent(dt.date(2026, 11, 25)), user="anna", today=TODAY)
    assert again.voucher_number == 4
