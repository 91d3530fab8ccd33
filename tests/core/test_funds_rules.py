"""The egna medel ledger rules: signs, categories, dates, no overdraw, the chain, the validator."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bobudget.funds import rules
from bobudget.funds.rules import AccountFacts, LedgerEntry
from bobudget.funds.validator import Problem, check_ledger
from bobudget.kernel.errors import ValidationError
from bobudget.kernel.urgency import Urgency
from bobudget.model.vocab import EntryKind

START = dt.date(2026, 1, 1)
TODAY = dt.date(2026, 11, 27)
ACCOUNT = AccountFacts(id=7, power_of_attorney_start=START)
CREATED = dt.datetime(2026, 11, 27, 9, 30, tzinfo=dt.UTC)


class Ledger:
    """An account booked exactly as the service books it, in memory."""

    def __init__(self, account: AccountFacts = ACCOUNT) -> None:
        self.account = account
        self.entries: list[LedgerEntry] = []

    @property
    def balance(self) -> int:
        return self.entries[-1].balance_after_ore if self.entries else 0

    def _fits(self, day: dt.date, amount: int) -> None:
        later = [
            e.amount_ore
            for e in sorted(self.entries, key=lambda e: (e.entry_date, e.voucher_number))
            if e.entry_date > day
        ]
        rules.check_not_overdrawn(day, amount, self.balance - sum(later), later)

    def _book(self, draft: LedgerEntry) -> LedgerEntry:
        sealed = rules.seal(self.entries[-1] if self.entries else None, draft)
        sealed = replace(sealed, id=len(self.entries) + 1)
        # The id is given at insert; it is not part of what the hash covers.
        assert sealed.entry_hash == rules.entry_hash(
            self.entries[-1].entry_hash if self.entries else rules.GENESIS_HASH, sealed
        )
        self.entries.append(sealed)
        return sealed

    def post(self, kind: str, day: dt.date, amount_ore: int, category: str) -> LedgerEntry:
        amount = rules.signed_amount(kind, amount_ore)
        rules.check_category(category, "income" if kind == "income" else "expense")
        rules.check_entry_date(self.account, day, TODAY)
        self._fits(day, amount)
        return self._book(
            LedgerEntry(
                id=0,
                account_id=self.account.id,
                voucher_number=0,
                entry_date=day,
                amount_ore=amount,
                kind=kind,
                category=category,
                handed_out_by="Lena Berg" if kind == "cash" else "",
                created_by="testare",
                created_at=CREATED,
            )
        )

    def reverse(self, original: LedgerEntry, day: dt.date) -> LedgerEntry:
        already = next(
            (e.voucher_number for e in self.entries if e.reverses_id == original.id), None
        )
        rules.check_reversible(original, already)
        if day < original.entry_date:
            raise ValidationError("före originalet")
        rules.check_entry_date(self.account, day, TODAY)
        self._fits(day, -original.amount_ore)
        return self._book(
            LedgerEntry(
                id=0,
                account_id=self.account.id,
                voucher_number=0,
                entry_date=day,
                amount_ore=-original.amount_ore,
                kind="reversal",
                category=original.category,
                reverses_id=original.id,
                note="Fel belopp",
                created_by="testare",
                created_at=CREATED,
            )
        )

    def problems(self) -> list[Problem]:
        return check_ledger(self.account, self.entries)


def day(n: int) -> dt.date:
    return START + dt.timedelta(days=n)


# --- what the user types --------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["income", "payment", "cash"])
@pytest.mark.parametrize("amount", [0, -1, -100_00])
def test_zero_or_negative_amounts_are_refused_with_a_swedish_message(
    kind: str, amount: int
) -> None:
    with pytest.raises(ValidationError, match="större än noll"):
        rules.signed_amount(kind, amount)


def test_the_sign_comes_from_the_kind() -> None:
    assert rules.signed_amount("income", 500_00) == 500_00
    assert rules.signed_amount("payment", 500_00) == -500_00
    assert rules.signed_amount("cash", 500_00) == -500_00


def test_an_unknown_category_is_refused() -> None:
    with pytest.raises(ValidationError, match="Kategorin 'godis' finns inte"):
        rules.check_category("godis", "expense")


def test_rent_cannot_be_booked_as_income() -> None:
    with pytest.raises(ValidationError, match="Hyra är en utgift"):
        rules.check_category("hyra", "income")


def test_the_demo_categories_are_all_known() -> None:
    for code in ("ingående saldo", "pension", "försörjningsstöd", "lön", "bostadsbidrag"):
        rules.check_category(code, "income")
    for code in ("hyra", "el", "hemförsäkring", "mobil", "levnadsomkostnader", "avslut"):
        rules.check_category(code, "expense")


def test_a_date_before_the_power_of_attorney_is_refused() -> None:
    with pytest.raises(ValidationError, match="före fullmaktens början"):
        rules.check_entry_date(ACCOUNT, START - dt.timedelta(days=1), TODAY)
    rules.check_entry_date(ACCOUNT, START, TODAY)


def test_a_date_after_the_power_of_attorney_ended_is_refused() -> None:
    account = replace(ACCOUNT, power_of_attorney_end=dt.date(2026, 6, 30))
    with pytest.raises(ValidationError, match="efter fullmaktens slut"):
        rules.check_entry_date(account, dt.date(2026, 7, 1), TODAY)


def test_nothing_is_booked_on_a_closed_account() -> None:
    account = replace(ACCOUNT, closed_date=dt.date(2026, 6, 30))
    with pytest.raises(ValidationError, match="avslutades 2026-06-30"):
        rules.check_entry_date(account, dt.date(2026, 6, 1), TODAY)


def test_a_future_date_is_refused() -> None:
    with pytest.raises(ValidationError, match="i framtiden"):
        rules.check_entry_date(ACCOUNT, TODAY + dt.timedelta(days=1), TODAY)


# --- never negative -------------------------------------------------------------------------


def test_a_payment_larger_than_the_balance_is_refused() -> None:
    ledger = Ledger()
    ledger.post("income", day(10), 1_000_00, "pension")
    with pytest.raises(ValidationError, match="saldot är 1\u00a0000,00"):
        ledger.post("payment", day(11), 1_000_01, "hyra")
    assert ledger.balance == 1_000_00 and len(ledger.entries) == 1
    ledger.post("payment", day(11), 1_000_00, "hyra")
    assert ledger.balance == 0


def test_a_back_dated_payment_that_would_make_an_earlier_point_negative_is_refused() -> None:
    ledger = Ledger()
    ledger.post("income", day(10), 1_000_00, "pension")
    ledger.post("payment", day(12), 800_00, "hyra")
    ledger.post("income", day(20), 5_000_00, "lön")
    # Today's balance (5 200 kr) covers it, but after the 12th only 200 kr was left.
    with pytest.raises(ValidationError, match="som lägst är saldot 200,00"):
        ledger.post("payment", day(11), 300_00, "el")
    ledger.post("payment", day(11), 200_00, "el")
    assert ledger.problems() == []


def test_reversing_an_income_already_spent_is_refused() -> None:
    ledger = Ledger()
    income = ledger.post("income", day(1), 500_00, "pension")
    ledger.post("cash", day(2), 400_00, "levnadsomkostnader")
    with pytest.raises(ValidationError, match="inte pengar"):
        ledger.reverse(income, day(3))


def test_lowest_balance_from() -> None:
    assert rules.lowest_balance_from(100, [-50, 20, -60]) == 10
    assert rules.lowest_balance_from(100, []) == 100


# --- reversals ------------------------------------------------------------------------------


def test_a_reversal_cancels_the_entry_exactly() -> None:
    ledger = Ledger()
    ledger.post("income", day(1), 2_000_00, "pension")
    payment = ledger.post("payment", day(2), 1_234_56, "el")
    reversal = ledger.reverse(payment, day(3))
    assert reversal.amount_ore == 1_234_56
    assert reversal.reverses_id == payment.id
    assert ledger.balance == 2_000_00
    assert ledger.problems() == []


def test_a_reversal_cannot_be_reversed_and_an_entry_is_reversed_once() -> None:
    ledger = Ledger()
    income = ledger.post("income", day(1), 2_000_00, "pension")
    reversal = ledger.reverse(income, day(1))
    with pytest.raises(ValidationError, match="själv en rättelse"):
        ledger.reverse(reversal, day(2))
    with pytest.raises(ValidationError, match="redan rättad"):
        ledger.reverse(income, day(2))


# --- the validator finds what is wrong ------------------------------------------------------


@pytest.fixture
def booked() -> Ledger:
    ledger = Ledger()
    ledger.post("income", day(1), 3_000_00, "pension")
    ledger.post("payment", day(2), 1_000_00, "hyra")
    ledger.post("cash", day(3), 500_00, "levnadsomkostnader")
    ledger.post("income", day(4), 200_00, "bostadsbidrag")
    assert ledger.problems() == []
    return ledger


def messages(problems: list[Problem]) -> str:
    return "\n".join(str(p) for p in problems)


def test_a_changed_amount_is_found(booked: Ledger) -> None:
    booked.entries[1] = replace(booked.entries[1], amount_ore=-100_00)
    found = messages(booked.problems())
    assert "verifikation 2: transaktionen har ändrats" in found
    assert "stämmer inte med summan" in found


def test_a_changed_note_is_found_even_with_the_balance_right(booked: Ledger) -> None:
    booked.entries[2] = replace(booked.entries[2], note="ändrad i efterhand")
    problems = booked.problems()
    assert [p.voucher_number for p in problems] == [3]
    assert "ändrats efter att den bokfördes" in problems[0].message


def test_a_rehashed_change_breaks_the_next_link(booked: Ledger) -> None:
    previous = booked.entries[0].entry_hash
    changed = replace(booked.entries[1], counterparty="Någon annan")
    booked.entries[1] = replace(changed, entry_hash=rules.entry_hash(previous, changed))
    assert [p.voucher_number for p in booked.problems()] == [3]


def test_a_missing_voucher_is_a_gap(booked: Ledger) -> None:
    del booked.entries[1]
    assert "verifikation 2 saknas" in messages(booked.problems())


def test_a_duplicate_voucher_is_found(booked: Ledger) -> None:
    booked.entries.append(replace(booked.entries[3], id=99))
    assert "förekommer mer än en gång" in messages(booked.problems())


def test_a_negative_point_in_time_is_found() -> None:
    ledger = Ledger()
    ledger.post("income", day(5), 100_00, "pension")
    # Entered around the rules: a payment dated before the income that paid for it.
    entry = LedgerEntry(
        id=0,
        account_id=ACCOUNT.id,
        voucher_number=0,
        entry_date=day(4),
        amount_ore=-100_00,
        kind="payment",
        category="el",
        created_at=CREATED,
    )
    ledger._book(entry)
    assert "saldot blir negativt den 2026-01-05" in messages(ledger.problems())


def test_a_reversal_that_does_not_cancel_exactly_is_found(booked: Ledger) -> None:
    original = booked.entries[1]
    draft = LedgerEntry(
        id=0,
        account_id=ACCOUNT.id,
        voucher_number=0,
        entry_date=day(5),
        amount_ore=999_00,
        kind="reversal",
        category="hyra",
        reverses_id=original.id,
        created_at=CREATED,
    )
    booked._book(draft)
    assert "tar inte exakt ut verifikation 2" in messages(booked.problems())


def test_a_reversal_pointing_nowhere_is_found(booked: Ledger) -> None:
    draft = LedgerEntry(
        id=0,
        account_id=ACCOUNT.id,
        voucher_number=0,
        entry_date=day(5),
        amount_ore=10_00,
        kind="reversal",
        category="hyra",
        reverses_id=12345,
        created_at=CREATED,
    )
    booked._book(draft)
    assert "pekar inte på någon transaktion" in messages(booked.problems())


def test_a_second_reversal_of_the_same_entry_is_found(booked: Ledger) -> None:
    original = booked.entries[1]
    booked.reverse(original, day(5))
    booked._book(replace(booked.entries[-1], id=0, voucher_number=0, entry_hash=""))
    assert "redan rättad" in messages(booked.problems())


def test_an_unknown_category_in_the_ledger_is_found(booked: Ledger) -> None:
    draft = LedgerEntry(
        id=0,
        account_id=ACCOUNT.id,
        voucher_number=0,
        entry_date=day(5),
        amount_ore=-10_00,
        kind="payment",
        category="godis",
        created_at=CREATED,
    )
    booked._book(draft)
    assert "okänd kategori 'godis'" in messages(booked.problems())


def test_review_urgency() -> None:
    assert rules.review_urgency(None, TODAY) is None
    assert rules.review_urgency(TODAY - dt.timedelta(days=1), TODAY) is Urgency.OVERDUE
    assert rules.review_urgency(TODAY, TODAY) is Urgency.SOON
    assert rules.review_urgency(TODAY + dt.timedelta(days=30), TODAY) is Urgency.SOON
    assert rules.review_urgency(TODAY + dt.timedelta(days=31), TODAY) is Urgency.LATER


# --- random sequences of operations ---------------------------------------------------------

operations = st.lists(
    st.one_of(
        st.tuples(st.just("income"), st.integers(0, 300), st.integers(1, 2_000_000)),
        st.tuples(st.just("payment"), st.integers(0, 300), st.integers(1, 2_000_000)),
        st.tuples(st.just("cash"), st.integers(0, 300), st.integers(1, 200_000)),
        st.tuples(st.just("reverse"), st.integers(0, 300), st.integers(0, 10_000)),
        st.tuples(st.just("overdraw"), st.integers(0, 300), st.integers(1, 100_000)),
        st.tuples(st.just("before_attorney"), st.integers(1, 30), st.integers(1, 100_000)),
        st.tuples(st.just("zero"), st.integers(0, 300), st.integers(-100, 0)),
    ),
    max_size=60,
)
CATEGORY = {"income": "pension", "payment": "hyra", "cash": "levnadsomkostnader"}


@settings(max_examples=300, deadline=None)
@given(operations)
def test_random_operations_never_leave_a_problem(ops: list[tuple[str, int, int]]) -> None:
    ledger = Ledger()
    for op, offset, number in ops:
        before = list(ledger.entries)
        when = day(offset)
        try:
            if op in CATEGORY:
                ledger.post(op, when, number, CATEGORY[op])
            elif op == "reverse" and ledger.entries:
                original = ledger.entries[number % len(ledger.entries)]
                ledger.reverse(original, max(when, original.entry_date))
            elif op == "overdraw":
                ledger.post("payment", when, ledger.balance + number, "el")
                raise AssertionError("an overdraw was booked")
            elif op == "before_attorney":
                ledger.post("income", START - dt.timedelta(days=offset), number, "pension")
                raise AssertionError("an entry before the power of attorney was booked")
            elif op == "zero":
                ledger.post("payment", when, number, "el")
                raise AssertionError("a zero or negative payment was booked")
        except ValidationError:
            # Refused whole: nothing half-booked.
            assert ledger.entries == before
        assert ledger.problems() == []
        assert ledger.balance == sum(e.amount_ore for e in ledger.entries)
        assert [e.voucher_number for e in ledger.entries] == list(range(1, len(ledger.entries) + 1))


# --- rent paid twice, reversing, the statement's expected days -------------------------------


def _rent(
    voucher: int, day: dt.date, covers: dt.date | None, *, reversed_: bool = False
) -> rules.RentPayment:
    return rules.RentPayment(voucher, day, covers, -700_000, EntryKind.PAYMENT, reversed_)


def test_rent_already_paid_finds_the_first_standing_payment_for_the_month() -> None:
    december = dt.date(2026, 12, 1)
    paid = [
        _rent(3, dt.date(2026, 11, 20), december, reversed_=True),
        _rent(5, dt.date(2026, 11, 22), december),
        _rent(2, dt.date(2026, 10, 20), dt.date(2026, 11, 1)),
    ]
    found = rules.rent_already_paid("hyra", EntryKind.PAYMENT, dt.date(2026, 12, 15), paid)
    assert found is not None and found.voucher_number == 5
    assert rules.rent_already_paid("hyra", EntryKind.PAYMENT, dt.date(2027, 1, 1), paid) is None
    assert rules.rent_already_paid("el", EntryKind.PAYMENT, december, paid) is None
    assert rules.rent_already_paid("hyra", EntryKind.REVERSAL, december, paid) is None
    # Without "avser", a payment counts for the month it was made in.
    assert rules.rent_already_paid(
        "hyra", EntryKind.PAYMENT, dt.date(2026, 9, 1), [_rent(1, dt.date(2026, 9, 5), None)]
    )


def test_why_an_entry_cannot_be_reversed() -> None:
    assert rules.why_not_reversible(EntryKind.PAYMENT, 4, None) is None
    assert "redan rättad (av verifikation 9)" in (
        rules.why_not_reversible(EntryKind.PAYMENT, 4, 9) or ""
    )
    assert "själv en rättelse" in (rules.why_not_reversible(EntryKind.REVERSAL, 9, None) or "")


def test_expected_day_is_last_months_day_when_it_came_once() -> None:
    december = dt.date(2026, 12, 1)
    assert rules.expected_day(december, [dt.date(2026, 11, 19)]) == dt.date(2026, 12, 19)
    assert rules.expected_day(dt.date(2027, 2, 1), [dt.date(2027, 1, 31)]) == dt.date(2027, 2, 28)
    assert rules.expected_day(december, []) is None
    assert rules.expected_day(december, [dt.date(2026, 11, 5), dt.date(2026, 11, 12)]) is None
