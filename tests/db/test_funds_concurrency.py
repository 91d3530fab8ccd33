"""Two staff posting to the same account at the same moment: no duplicate voucher, no wrong
balance, no overdraw. Each runs in its own thread with its own engine (its own connections),
released together by a barrier; on PostgreSQL for real, and on SQLite."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator

import pytest

from bobudget.db.engine import Database, connect
from bobudget.db.uow import UnitOfWork
from bobudget.funds import accounts as funds_accounts
from bobudget.funds import check as funds_check
from bobudget.funds import posting as funds_posting
from bobudget.funds import queries as funds
from bobudget.funds.queries import AccountInput, EntryInput
from bobudget.kernel.errors import ValidationError
from bobudget.kernel.identity import demo_identity
from bobudget.persons.registry import PersonInput, create_person

TODAY = dt.date(2026, 11, 27)
DAY = dt.date(2026, 11, 2)


@pytest.fixture
def account(db: Database) -> int:
    person = create_person(
        db,
        PersonInput(demo_identity(dt.date(1979, 2, 3), 4).display, "Karin", "Öberg"),
        user="t",
        today=TODAY,
    )
    return funds_accounts.open_account(db, person, AccountInput(dt.date(2026, 1, 1)), user="t")


@pytest.fixture
def two_engines(db: Database) -> Iterator[tuple[Database, Database]]:
    """Two separate engines on the same database, as two staff members' programs."""
    first, second = connect(db.url), connect(db.url)
    try:
        yield first, second
    finally:
        first.dispose()
        second.dispose()


def race(workers: list[Callable[[], None]]) -> list[BaseException]:
    """Run the workers in threads at the same moment; return what they raised."""
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(work: Callable[[], None]) -> None:
        try:
            work()
        except BaseException as error:  # collected and asserted on in the test thread
            with lock:
                errors.append(error)

    threads = [threading.Thread(target=run, args=(w,)) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
        assert not t.is_alive(), "a posting never finished: a deadlock"
    return errors


def test_two_staff_posting_at_once_never_share_a_voucher_or_lose_an_amount(
    db: Database, account: int, two_engines: tuple[Database, Database]
) -> None:
    rounds = 15
    barrier = threading.Barrier(2, timeout=60)
    funds_posting.post_entry(
        db, account, EntryInput("income", DAY, 10_000_00, "pension"), user="t", today=TODAY
    )

    def staff(
        engine: Database, who: str, amount: int, kind: str, category: str
    ) -> Callable[[], None]:
        def work() -> None:
            for _ in range(rounds):
                barrier.wait()
                funds_posting.post_entry(
                    engine,
                    account,
                    EntryInput(kind, DAY, amount, category, "Motpart"),
                    user=who,
                    today=TODAY,
                )

        return work

    errors = race(
        [
            staff(two_engines[0], "anna", 100_01, "income", "lön"),
            staff(two_engines[1], "bo", 37_00, "payment", "el"),
        ]
    )
    assert errors == []
    card = funds.get_account(db, account, today=TODAY)
    assert card.entry_count == 1 + 2 * rounds
    assert card.balance_ore == 10_000_00 + rounds * (100_01 - 37_00)
    lines = funds.entries_page(db, account, limit=1000)
    assert sorted(e.voucher_number for e in lines) == list(range(1, 2 + 2 * rounds))
    assert funds_check.check_funds(db, account_id=account).problems == []


def test_two_payments_racing_for_the_last_money_only_one_is_booked(
    db: Database, account: int, two_engines: tuple[Database, Database]
) -> None:
    funds_posting.post_entry(
        db, account, EntryInput("income", DAY, 1_000_00, "pension"), user="t", today=TODAY
    )
    barrier = threading.Barrier(2, timeout=60)

    def pay(engine: Database, who: str) -> Callable[[], None]:
        def work() -> None:
            barrier.wait()
            funds_posting.post_entry(
                engine,
                account,
                EntryInput("payment", DAY, 700_00, "el", "Sjöviks Energi AB"),
                user=who,
                today=TODAY,
            )

        return work

    errors = race([pay(two_engines[0], "anna"), pay(two_engines[1], "bo")])
    assert len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert "inte pengar" in str(errors[0])
    card = funds.get_account(db, account, today=TODAY)
    assert (card.entry_count, card.balance_ore) == (2, 300_00)
    assert funds_check.check_funds(db, account_id=account).problems == []


def test_a_posting_waits_for_the_one_holding_the_account(
    db: Database, account: int, two_engines: tuple[Database, Database]
) -> None:
    """While one transaction holds the account, another's posting waits, then follows it."""
    funds_posting.post_entry(
        db, account, EntryInput("income", DAY, 1_000_00, "pension"), user="t", today=TODAY
    )
    holding = threading.Event()
    release = threading.Event()
    order: list[str] = []

    def holder() -> None:
        with UnitOfWork(two_engines[0], "anna") as uow:
            funds_posting.lock_account(uow.session, account)
            holding.set()
            release.wait(timeout=30)
            posted = funds_posting.book_entry(
                uow, account, EntryInput("payment", DAY, 600_00, "hyra", "X"), today=TODAY
            )
            order.append(f"anna {posted.voucher_number}")

    def waiter() -> None:
        holding.wait(timeout=30)
        # Released only once this thread is on its way into the lock.
        threading.Timer(0.3, release.set).start()
        try:
            funds_posting.post_entry(
                two_engines[1],
                account,
                EntryInput("payment", DAY, 600_00, "el", "Y"),
                user="bo",
                today=TODAY,
            )
        except ValidationError:
            order.append("bo refused")
        else:
            order.append("bo booked")

    assert race([holder, waiter]) == []
    # Bo saw Anna's payment: the 400 kr left could not pay his 600 kr.
    assert order == ["anna 2", "bo refused"]
    assert funds.account_balance(db, account) == 400_00
