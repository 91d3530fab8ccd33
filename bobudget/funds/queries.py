"""Egna medel: the account list, the account card and its entries, as plain values.

Writing lives beside this: funds_accounts (open, change, close an account) and funds_posting
(book and reverse entries under the account's lock). The ledger's rules are in
bobudget.funds.rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from bobudget.db.access import record_access
from bobudget.db.engine import Database
from bobudget.db.responsible import responsible_names
from bobudget.funds import rules
from bobudget.kernel.errors import NotFoundError
from bobudget.kernel.identity import display_canonical
from bobudget.kernel.search_text import search_terms
from bobudget.kernel.urgency import Urgency
from bobudget.model import Person
from bobudget.model.funds import FundsTransaction, ManagedFundsAccount
from bobudget.model.vocab import AccessKind, EntryKind

__all__ = [
    "AccountCard",
    "AccountInput",
    "AccountRow",
    "EntryInput",
    "EntryLine",
    "Posted",
    "account_balance",
    "account_facts",
    "balance_in_session",
    "entries_page",
    "entry_count",
    "entry_lines",
    "get_account",
    "get_entry",
    "last_entry",
    "search_accounts",
]

# Re-exported for the callers that read it here; the rule lives in rules.funds.
REVIEW_WINDOW_DAYS = rules.REVIEW_WINDOW_DAYS


@dataclass(frozen=True)
class AccountRow:
    """One account in the list: whose, the balance, and whether the review is due."""

    id: int
    person_id: int
    identity: str
    name: str
    balance_ore: int
    review_date: dt.date | None
    review_status: Urgency | None  # None: no review date
    closed_date: dt.date | None
    responsible_name: str = ""  # the responsible user's full name; "" for nobody


@dataclass(frozen=True)
class AccountCard:
    id: int
    version: int
    person_id: int
    identity: str
    name: str
    protected: bool
    power_of_attorney_start: dt.date
    power_of_attorney_end: dt.date | None
    review_date: dt.date | None
    review_status: Urgency | None  # None: no review date
    bank_account_reference: str
    closed_date: dt.date | None
    note: str
    balance_ore: int
    entry_count: int
    updated_by: str
    updated_at: dt.datetime
    responsible: str = ""  # the responsible user's username; "" for nobody

    @property
    def is_open(self) -> bool:
        return self.closed_date is None


@dataclass(frozen=True)
class AccountInput:
    """The facts of a power of attorney, as a form gives them."""

    power_of_attorney_start: dt.date
    power_of_attorney_end: dt.date | None = None
    review_date: dt.date | None = None
    bank_account_reference: str = ""
    note: str = ""
    # The handläggare egna medel who answers for the account ("" for nobody); None: not said,
    # so a new account is its opener's and a change keeps its responsible.
    responsible: str | None = None


@dataclass(frozen=True)
class EntryInput:
    """An entry as the user gives it: the amount is positive, the kind says which way it goes."""

    kind: EntryKind  # income, payment or cash
    entry_date: dt.date
    amount: int | str  # öre, or the text typed ("1 234,50")
    category: str
    counterparty: str = ""
    note: str = ""
    handed_out_by: str = ""
    receipt_signed: bool = False
    covers_month: dt.date | None = None
    recurring_payment_id: int | None = None


@dataclass(frozen=True)
class EntryLine:
    id: int
    voucher_number: int
    entry_date: dt.date
    kind: EntryKind
    category: str
    counterparty: str
    note: str
    amount_ore: int
    balance_after_ore: int
    handed_out_by: str
    receipt_signed: bool
    covers_month: dt.date | None
    reverses_voucher: int | None
    reversed_by_voucher: int | None
    created_by: str
    created_at: dt.datetime

    @property
    def kind_label(self) -> str:
        return EntryKind(self.kind).label

    @property
    def category_label(self) -> str:
        return rules.category_label(self.category)

    @property
    def text(self) -> str:
        """What the entry was, in one line: for lists, exports and the statement."""
        parts = [self.category_label, self.counterparty.strip()]
        if self.reverses_voucher is not None:
            parts.insert(0, f"Rättelse av verifikation {self.reverses_voucher}")
        if self.covers_month is not None:
            parts.append(f"avser {self.covers_month:%Y-%m}")
        return " – ".join(p for p in parts if p)


@dataclass(frozen=True)
class Posted:
    entry_id: int
    voucher_number: int
    balance_ore: int


# --- reading ---------------------------------------------------------------------------------


def last_entry(session: Session, account_id: int) -> FundsTransaction | None:
    # The unique (account_id, voucher_number) index answers this without reading the ledger.
    return session.scalars(
        select(FundsTransaction)
        .where(FundsTransaction.account_id == account_id)
        .order_by(FundsTransaction.voucher_number.desc())
        .limit(1)
    ).first()


def balance_in_session(session: Session, account_id: int) -> int:
    balance = session.scalar(
        select(FundsTransaction.balance_after_ore)
        .where(FundsTransaction.account_id == account_id)
        .order_by(FundsTransaction.voucher_number.desc())
        .limit(1)
    )
    return int(balance or 0)


def account_balance(db: Database, account_id: int) -> int:
    """The balance now, in öre: the running balance of the last voucher."""
    with db.sessions() as session:
        return balance_in_session(session, account_id)


def entry_count(db: Database, account_id: int) -> int:
    """How many entries the account has: vouchers run 1…n, so the last number is the count."""
    with db.sessions() as session:
        last = session.scalar(
            select(func.max(FundsTransaction.voucher_number)).where(
                FundsTransaction.account_id == account_id
            )
        )
        return int(last or 0)


def search_accounts(
    db: Database,
    query: str = "",
    *,
    include_closed: bool = True,
    today: dt.date | None = None,
    limit: int = 200,
) -> list[AccountRow]:
    """Accounts whose holder's name or personnummer contains every typed term; open first."""
    today = today or dt.date.today()
    # The balance after the account's last voucher, looked up per account through the
    # (account, voucher) key: grouping the whole ledger to find each account's last voucher
    # read every entry (100-250 ms at a million entries) for the 200 accounts shown.
    balance = (
        select(FundsTransaction.balance_after_ore)
        .where(FundsTransaction.account_id == ManagedFundsAccount.id)
        .order_by(FundsTransaction.voucher_number.desc())
        .limit(1)
        .correlate(ManagedFundsAccount)
        .scalar_subquery()
    )
    stmt = select(ManagedFundsAccount, Person, balance).join(
        Person, Person.id == ManagedFundsAccount.person_id
    )
    terms = search_terms(query)
    if terms:
        stmt = stmt.where(and_(*(Person.search_text.contains(t, autoescape=True) for t in terms)))
    if not include_closed:
        stmt = stmt.where(ManagedFundsAccount.closed_date.is_(None))
    stmt = stmt.order_by(
        ManagedFundsAccount.closed_date.is_not(None),
        Person.last_name,
        Person.first_name,
        ManagedFundsAccount.id,
    ).limit(limit)
    with db.sessions() as session:
        rows = session.execute(stmt).all()
        names = responsible_names(session)
    record_access(
        db, AccessKind.LIST_SHOWN, [person.id for _a, person, _b in rows], "egna medel, konton"
    )
    return [
        AccountRow(
            id=account.id,
            person_id=person.id,
            identity=display_canonical(person.identity),
            name=f"{person.last_name}, {person.first_name}",
            balance_ore=int(balance or 0),
            review_date=account.review_date,
            review_status=rules.review_urgency(
                account.review_date,
                today,
                REVIEW_WINDOW_DAYS,
                closed=account.closed_date is not None,
            ),
            closed_date=account.closed_date,
            responsible_name=names.get(account.responsible or "", account.responsible or ""),
        )
        for account, person, balance in rows
    ]


def get_account(db: Database, account_id: int, today: dt.date | None = None) -> AccountCard:
    today = today or dt.date.today()
    with db.sessions() as session:
        account = session.get(ManagedFundsAccount, account_id)
        if account is None:
            raise NotFoundError("Kontot för egna medel finns inte längre i databasen.")
        person = account.person
        last = last_entry(session, account_id)
        return AccountCard(
            id=account.id,
            version=account.version,
            person_id=person.id,
            identity=display_canonical(person.identity),
            name=person.full_name,
            protected=person.protected_identity,
            power_of_attorney_start=account.power_of_attorney_start,
            power_of_attorney_end=account.power_of_attorney_end,
            review_date=account.review_date,
            review_status=rules.review_urgency(
                account.review_date,
                today,
                REVIEW_WINDOW_DAYS,
                closed=account.closed_date is not None,
            ),
            bank_account_reference=account.bank_account_reference,
            closed_date=account.closed_date,
            note=account.note,
            balance_ore=last.balance_after_ore if last else 0,
            entry_count=last.voucher_number if last else 0,
            updated_by=account.updated_by,
            updated_at=account.updated_at,
            responsible=account.responsible or "",
        )


def account_facts(account: ManagedFundsAccount) -> rules.AccountFacts:
    return rules.AccountFacts(
        id=account.id,
        power_of_attorney_start=account.power_of_attorney_start,
        power_of_attorney_end=account.power_of_attorney_end,
        closed_date=account.closed_date,
    )


def entries_page(
    db: Database, account_id: int, *, below_voucher: int | None = None, limit: int = 200
) -> list[EntryLine]:
    """Up to `limit` entries, newest voucher first, all below `below_voucher` when given."""
    stmt = select(FundsTransaction).where(FundsTransaction.account_id == account_id)
    if below_voucher is not None:
        stmt = stmt.where(FundsTransaction.voucher_number < below_voucher)
    stmt = stmt.order_by(FundsTransaction.voucher_number.desc()).limit(limit)
    with db.sessions() as session:
        return entry_lines(session, list(session.scalars(stmt)))


def get_entry(db: Database, entry_id: int) -> EntryLine:
    with db.sessions() as session:
        entry = session.get(FundsTransaction, entry_id)
        if entry is None:
            raise NotFoundError("Transaktionen finns inte i databasen.")
        return entry_lines(session, [entry])[0]


def entry_lines(session: Session, entries: list[FundsTransaction]) -> list[EntryLine]:
    """Entries as plain lines, with the vouchers they reverse or are reversed by."""
    ids = [e.id for e in entries]
    targets = {e.reverses_id for e in entries if e.reverses_id is not None}
    reversed_by: dict[int, int] = {}
    reverses: dict[int, int] = {}
    if ids:
        for target, voucher in session.execute(
            select(FundsTransaction.reverses_id, FundsTransaction.voucher_number).where(
                FundsTransaction.reverses_id.in_(ids)
            )
        ):
            if target is not None:
                reversed_by[target] = voucher
    if targets:
        for target_id, voucher in session.execute(
            select(FundsTransaction.id, FundsTransaction.voucher_number).where(
                FundsTransaction.id.in_(targets)
            )
        ):
            reverses[target_id] = voucher
    return [
        EntryLine(
            id=e.id,
            voucher_number=e.voucher_number,
            entry_date=e.entry_date,
            kind=e.kind,
            category=e.category,
            counterparty=e.counterparty,
            note=e.note,
            amount_ore=e.amount_ore,
            balance_after_ore=e.balance_after_ore,
            handed_out_by=e.handed_out_by,
            receipt_signed=e.receipt_signed,
            covers_month=e.covers_month,
            reverses_voucher=reverses.get(e.reverses_id) if e.reverses_id else None,
            reversed_by_voucher=reversed_by.get(e.id),
            created_by=e.created_by,
            created_at=e.created_at,
        )
        for e in entries
    ]
