"""Egna medel ledger rules: categories, signs, the voucher chain, no overdraw, the validator.

Pure: no database, no clock. The services load entries into LedgerEntry values and ask here.
A client's money is accounted for like a bookkeeping system does it (beancount's habits):
one money type (integer öre), entries never changed (a correction is a reversal pointing at
the original and cancelling it exactly), and a validator that returns every problem it finds
instead of stopping at the first.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from bobudget.kernel.errors import ValidationError
from bobudget.kernel.formatting import SWEDISH_MONTHS, format_date
from bobudget.kernel.money import format_amount
from bobudget.kernel.months import (
    add_months,
    day_in_month,
    first_of_month,
    next_month,
    previous_month,
)
from bobudget.kernel.urgency import Urgency
from bobudget.model.vocab import BudgetDirection, EntryKind

__all__ = [
    "CATEGORIES",
    "ENTRY_KINDS",
    "GENESIS_HASH",
    "POWER_OF_ATTORNEY_REVIEW_MONTHS",
    "RENT_PAID_AHEAD_AFTER_DAY",
    "REVIEW_WINDOW_DAYS",
    "AccountFacts",
    "Category",
    "LedgerEntry",
    "RentAlreadyPaidError",
    "RentPayment",
    "categories_for",
    "category_label",
    "category_of",
    "check_category",
    "check_entry_date",
    "check_not_overdrawn",
    "check_reversible",
    "default_power_of_attorney_end",
    "default_review_date",
    "default_statement_month",
    "direction_of_kind",
    "entry_hash",
    "expected_day",
    "ledger_entry_from_row",
    "lowest_balance_from",
    "next_voucher_number",
    "rent_already_paid",
    "rent_month_for",
    "review_urgency",
    "seal",
    "signed_amount",
    "why_not_reversible",
]

ENTRY_KINDS = tuple(EntryKind)
# What each kind a user posts draws on: income adds, payments and cash take away.
_KIND_DIRECTION = {
    EntryKind.INCOME: BudgetDirection.INCOME,
    EntryKind.PAYMENT: BudgetDirection.EXPENSE,
    EntryKind.CASH: BudgetDirection.EXPENSE,
}

# The unit's routine: a power of attorney is reviewed six months after it starts unless staff
# set another day; a fixed-term one is proposed to run as long.
POWER_OF_ATTORNEY_REVIEW_MONTHS = 6
# A review falling due within this many days shows as due soon (amber), as on Att göra.
REVIEW_WINDOW_DAYS = 30
# Rent is paid ahead: a rent payment made after this day of a month is for the month after.
RENT_PAID_AHEAD_AFTER_DAY = 15

# The chain's first link: what the first voucher of every account is hashed onto.
GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class Category:
    code: str
    label: str
    direction: BudgetDirection


# A fixed list, not a table: the budget, the statement and the rent follow-up all read the
# categories, and a category a user could rename or delete would change what old entries mean.
# "Övrig inkomst" / "Övrig utgift" with a note take what the list lacks.
CATEGORIES: tuple[Category, ...] = (
    Category("ingående saldo", "Ingående saldo", BudgetDirection.INCOME),
    Category("lön", "Lön", BudgetDirection.INCOME),
    Category("pension", "Pension", BudgetDirection.INCOME),
    Category("bostadstillägg", "Bostadstillägg", BudgetDirection.INCOME),
    Category("sjukersättning", "Sjukersättning", BudgetDirection.INCOME),
    Category("aktivitetsersättning", "Aktivitetsersättning", BudgetDirection.INCOME),
    Category("bostadsbidrag", "Bostadsbidrag", BudgetDirection.INCOME),
    Category("försörjningsstöd", "Försörjningsstöd", BudgetDirection.INCOME),
    Category("aktivitetsstöd", "Aktivitetsstöd", BudgetDirection.INCOME),
    Category("a-kassa", "A-kassa", BudgetDirection.INCOME),
    Category("barnbidrag", "Barnbidrag", BudgetDirection.INCOME),
    Category("underhållsstöd", "Underhållsstöd", BudgetDirection.INCOME),
    Category("återbetalning", "Återbetalning", BudgetDirection.INCOME),
    Category("övrig inkomst", "Övrig inkomst", BudgetDirection.INCOME),
    Category("hyra", "Hyra", BudgetDirection.EXPENSE),
    Category("el", "El", BudgetDirection.EXPENSE),
    Category("hemförsäkring", "Hemförsäkring", BudgetDirection.EXPENSE),
    Category("mobil", "Mobil och telefon", BudgetDirection.EXPENSE),
    Category("bredband", "Bredband", BudgetDirection.EXPENSE),
    Category("skuld", "Avbetalning på skuld", BudgetDirection.EXPENSE),
    Category("levnadsomkostnader", "Pengar att leva på", BudgetDirection.EXPENSE),
    Category("läkemedel", "Läkemedel och vård", BudgetDirection.EXPENSE),
    Category("tandvård", "Tandvård", BudgetDirection.EXPENSE),
    Category("kläder", "Kläder", BudgetDirection.EXPENSE),
    Category("resor", "Resor", BudgetDirection.EXPENSE),
    Category("avgift", "Avgifter", BudgetDirection.EXPENSE),
    Category("avslut", "Överfört vid avslut", BudgetDirection.EXPENSE),
    Category("övrig utgift", "Övrig utgift", BudgetDirection.EXPENSE),
)
_BY_CODE = {c.code: c for c in CATEGORIES}


def category_of(code: str) -> Category | None:
    return _BY_CODE.get(code)


def direction_of_kind(kind: EntryKind) -> BudgetDirection:
    """What an entry a user posts draws on: income or expense."""
    return _KIND_DIRECTION[EntryKind(kind)]


def category_label(code: str) -> str:
    """The category as the users say it; an unknown code is shown as it is."""
    category = _BY_CODE.get(code)
    return category.label if category else code


def categories_for(direction: BudgetDirection) -> list[Category]:
    return [c for c in CATEGORIES if c.direction == direction]


def check_category(code: str, direction: BudgetDirection) -> None:
    """Refuse a category not in the list, or one of the wrong side (rent as income)."""
    category = _BY_CODE.get(code)
    if category is None:
        raise ValidationError(
            f"Kategorin '{code}' finns inte. Välj en kategori i listan (till exempel Hyra, "
            "El eller Pension); finns ingen som passar, välj Övrig inkomst eller Övrig utgift "
            "och skriv vad det gäller i anteckningen."
        )
    if category.direction != direction:
        side = "en inkomst" if category.direction == BudgetDirection.INCOME else "en utgift"
        raise ValidationError(
            f"Kategorin {category.label} är {side} och kan inte användas här. Välj en annan "
            "kategori."
        )


def signed_amount(kind: EntryKind, amount_ore: int) -> int:
    """The entry's signed amount from what the user typed (always positive) and its kind."""
    if kind not in _KIND_DIRECTION:
        raise ValidationError(
            f"Okänd typ av transaktion '{kind}'. Välj insättning, betalning eller "
            "kontantutbetalning."
        )
    if amount_ore <= 0:
        raise ValidationError(
            f"Beloppet måste vara större än noll, inte {format_amount(amount_ore)}. Skriv "
            "beloppet utan minustecken: om det är en in- eller utbetalning avgörs av typen."
        )
    return amount_ore if _KIND_DIRECTION[EntryKind(kind)] == BudgetDirection.INCOME else -amount_ore


def next_voucher_number(last_voucher: int | None) -> int:
    """Vouchers run 1, 2, 3… per account: the next one follows the last, whatever its date."""
    return 1 if last_voucher is None else last_voucher + 1


@dataclass(frozen=True)
class AccountFacts:
    """What the ledger rules need to know about an account."""

    id: int
    power_of_attorney_start: dt.date
    power_of_attorney_end: dt.date | None = None
    closed_date: dt.date | None = None


def check_entry_date(account: AccountFacts, entry_date: dt.date, today: dt.date) -> None:
    """An entry lies inside the power of attorney, not in the future, on an open account."""
    if account.closed_date is not None:
        raise ValidationError(
            f"Kontot avslutades {format_date(account.closed_date)} och kan inte längre "
            "bokföras på. Öppna ett nytt konto om klienten har lämnat en ny fullmakt."
        )
    if entry_date < account.power_of_attorney_start:
        raise ValidationError(
            f"Datumet {format_date(entry_date)} ligger före fullmaktens början "
            f"({format_date(account.power_of_attorney_start)}). Ange ett datum från och med "
            f"{format_date(account.power_of_attorney_start)}."
        )
    if account.power_of_attorney_end is not None and entry_date > account.power_of_attorney_end:
        raise ValidationError(
            f"Datumet {format_date(entry_date)} ligger efter fullmaktens slut "
            f"({format_date(account.power_of_attorney_end)}). Fullmakten måste förlängas "
            "innan något mer bokförs."
        )
    if entry_date > today:
        raise ValidationError(
            f"Datumet {format_date(entry_date)} ligger i framtiden. Bokför en transaktion "
            "när den har skett, med dagens eller ett tidigare datum."
        )


def lowest_balance_from(balance_through_day: int, later_amounts: Iterable[int]) -> int:
    """The lowest balance from the end of a day on, given the entries dated after that day."""
    lowest = balance = balance_through_day
    for amount in later_amounts:
        balance += amount
        lowest = min(lowest, balance)
    return lowest


def check_not_overdrawn(
    entry_date: dt.date, amount_ore: int, balance_through_day: int, later_amounts: Sequence[int]
) -> None:
    """Refuse an amount that would make the balance negative at any point in time.

    `balance_through_day` is the balance at the end of `entry_date` before this entry;
    `later_amounts` the entries dated after it in date order. A back-dated payment lowers every
    balance from its date on, so it must fit under the lowest of them, not only under today's.
    """
    if amount_ore >= 0:
        return
    lowest = lowest_balance_from(balance_through_day, later_amounts)
    if lowest + amount_ore >= 0:
        return
    needed = format_amount(-amount_ore)
    if not later_amounts or lowest == balance_through_day + sum(later_amounts):
        raise ValidationError(
            f"Det finns inte pengar till {needed}: saldot är {format_amount(lowest)}. Kontot "
            "får inte bli negativt. Vänta tills pengarna har kommit in, eller minska beloppet."
        )
    raise ValidationError(
        f"{needed} den {format_date(entry_date)} skulle göra saldot negativt längre fram: "
        f"som lägst är saldot {format_amount(lowest)} efter det datumet. Kontot får inte "
        "bli negativt vid någon tidpunkt. Välj ett senare datum eller ett mindre belopp."
    )


@dataclass(frozen=True)
class LedgerEntry:
    """One entry as the rules see it: every column that is part of what was booked."""

    id: int
    account_id: int
    voucher_number: int
    entry_date: dt.date
    amount_ore: int
    kind: EntryKind
    category: str = ""
    counterparty: str = ""
    note: str = ""
    handed_out_by: str = ""
    receipt_signed: bool = False
    reverses_id: int | None = None
    covers_month: dt.date | None = None
    recurring_payment_id: int | None = None
    balance_after_ore: int = 0
    created_by: str = ""
    created_at: dt.datetime | None = None
    entry_hash: str = ""


_LEDGER_FIELDS = tuple(f.name for f in fields(LedgerEntry))


def ledger_entry_from_row(row: Mapping[Any, Any]) -> LedgerEntry:
    """A LedgerEntry from a row mapping (a Core result row or the demo's dict)."""
    return LedgerEntry(**{name: row[name] for name in _LEDGER_FIELDS if name in row})


def _hashed_text(entry: LedgerEntry) -> str:
    created = entry.created_at
    if created is not None:
        created = created.astimezone(dt.UTC)
    values = [
        entry.account_id,
        entry.voucher_number,
        entry.entry_date.isoformat(),
        entry.amount_ore,
        entry.kind,
        entry.category,
        entry.counterparty,
        entry.note,
        entry.handed_out_by,
        bool(entry.receipt_signed),
        entry.reverses_id,
        entry.covers_month.isoformat() if entry.covers_month else None,
        entry.recurring_payment_id,
        entry.balance_after_ore,
        entry.created_by,
        created.isoformat(timespec="microseconds") if created else None,
    ]
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def entry_hash(previous_hash: str, entry: LedgerEntry) -> str:
    """SHA-256 over the previous entry's hash and everything booked in this one.

    Changing any booked value of an entry, afterwards and by any means, makes its hash differ
    from the stored one; rewriting the stored hash too breaks the next entry's link. The
    serialisation is frozen: migration 0003 carries a copy of it for the entries it seals.
    """
    return hashlib.sha256(f"{previous_hash}|{_hashed_text(entry)}".encode()).hexdigest()


def seal(previous: LedgerEntry | None, draft: LedgerEntry) -> LedgerEntry:
    """The draft as it is booked: its voucher number, running balance and chained hash."""
    sealed = replace(
        draft,
        voucher_number=next_voucher_number(previous.voucher_number if previous else None),
        balance_after_ore=(previous.balance_after_ore if previous else 0) + draft.amount_ore,
    )
    previous_hash = previous.entry_hash if previous else GENESIS_HASH
    return replace(sealed, entry_hash=entry_hash(previous_hash, sealed))


def why_not_reversible(
    kind: EntryKind, voucher_number: int, already_reversed_by: int | None
) -> str | None:
    """Why an entry cannot be reversed (None when it can): it is a reversal itself, or it was
    reversed already. The window says it beside a disabled "Rätta…"; the service refuses."""
    if kind == EntryKind.REVERSAL:
        return (
            f"Verifikation {voucher_number} är själv en rättelse och kan inte rättas. "
            "Bokför i stället den riktiga transaktionen på nytt."
        )
    if already_reversed_by is not None:
        return (
            f"Verifikation {voucher_number} är redan rättad (av verifikation "
            f"{already_reversed_by}). En transaktion kan bara rättas en gång."
        )
    return None


def check_reversible(original: LedgerEntry, already_reversed_by: int | None) -> None:
    """An entry is reversed at most once, and a reversal is never itself reversed."""
    reason = why_not_reversible(original.kind, original.voucher_number, already_reversed_by)
    if reason is not None:
        raise ValidationError(reason)


@dataclass(frozen=True)
class RentPayment:
    """A rent payment already on the account, as the double-payment rule needs it."""

    voucher_number: int
    entry_date: dt.date
    covers_month: dt.date | None
    amount_ore: int  # signed, as booked
    kind: EntryKind
    reversed: bool  # a later entry reverses it

    @property
    def month(self) -> dt.date:
        """The month it pays for: the one it says it covers, else the month it was paid in
        (as the contract's rent per month counts it)."""
        return first_of_month(self.covers_month or self.entry_date)


class RentAlreadyPaidError(ValidationError):
    """A second rent payment for a month already paid: refused unless the user says it is
    meant (a rent paid twice is money the client may never get back)."""

    def __init__(self, month: dt.date, first: RentPayment) -> None:
        self.month = month
        self.first = first
        super().__init__(
            f"Hyran för {SWEDISH_MONTHS[month.month - 1]} {month.year} är redan betald: "
            f"verifikation {first.voucher_number} den {format_date(first.entry_date)}, "
            f"{format_amount(-first.amount_ore)}. Bokför bara en gång till om hyran "
            "verkligen ska betalas två gånger för samma månad."
        )


def rent_already_paid(
    category: str,
    kind: EntryKind,
    month: dt.date | None,
    earlier: Iterable[RentPayment],
) -> RentPayment | None:
    """The first payment still standing (not reversed) of rent for `month`, when a new entry
    is one more rent payment for that month; else None.

    Only payments count: a reversal, or a payment that was reversed, has paid nothing.
    """
    if category != "hyra" or kind != EntryKind.PAYMENT or month is None:
        return None
    month = first_of_month(month)
    standing = [
        p for p in earlier if p.kind == EntryKind.PAYMENT and not p.reversed and p.month == month
    ]
    return min(standing, key=lambda p: p.voucher_number) if standing else None


def review_urgency(
    review_date: dt.date | None,
    today: dt.date,
    within_days: int = REVIEW_WINDOW_DAYS,
    *,
    closed: bool = False,
) -> Urgency | None:
    """The review of a power of attorney on `today`: overdue once its day has passed, soon
    from `within_days` before it (the day itself included), later before that.

    A closed account is done; an account without a review date has nothing falling due (None).
    """
    if closed:
        return Urgency.DONE
    if review_date is None:
        return None
    if review_date < today:
        return Urgency.OVERDUE
    if (review_date - today).days <= within_days:
        return Urgency.SOON
    return Urgency.LATER


def default_review_date(power_of_attorney_start: dt.date) -> dt.date:
    """The review day proposed for a power of attorney: six months after it starts."""
    return add_months(power_of_attorney_start, POWER_OF_ATTORNEY_REVIEW_MONTHS)


def default_power_of_attorney_end(power_of_attorney_start: dt.date) -> dt.date:
    """The end proposed when a fixed term is ticked: as long as one review interval."""
    return add_months(power_of_attorney_start, POWER_OF_ATTORNEY_REVIEW_MONTHS)


def rent_month_for(paid_on: dt.date) -> dt.date:
    """The month (its first day) a rent payment made on `paid_on` is for.

    Rent is paid ahead: paid after the 15th it is for the next month, up to the 15th for the
    month it is paid in (2026-03-16 → 2026-04-01, 2026-03-15 → 2026-03-01).
    """
    if paid_on.day > RENT_PAID_AHEAD_AFTER_DAY:
        return next_month(paid_on)
    return first_of_month(paid_on)


def expected_day(month: dt.date, booked_month_before: Sequence[dt.date]) -> dt.date | None:
    """The day a budget line is expected in `month`, for the statement's "Planerat": the day
    of the month it came the month before, when it came once then (a pension, a benefit, paid
    on its day each month). None when it came several times (cash each week) or not at all:
    the statement then says "under" the month instead of guessing a day.
    """
    if len(booked_month_before) != 1:
        return None
    return day_in_month(first_of_month(month), booked_month_before[0].day)


def default_statement_month(today: dt.date) -> dt.date:
    """The month (its first day) a statement is for unless one is chosen: the one that ended
    last before `today`, since a month still running has no closing balance yet.
    """
    return previous_month(today)
