"""The monthly statement's "Planerat": a date on every line (the day last month's income came,
or "under" the month when no one day is known), and its heading never alone at the foot of a
page. Read from the rendered PDF, as the client reads it."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader
from sqlalchemy import select

from bobudget.app.letters import LetterRequest, render_letter
from bobudget.db.engine import Database
from bobudget.funds.accounts import open_account
from bobudget.funds.budget import BudgetInput, save_budget
from bobudget.funds.posting import post_entry
from bobudget.funds.queries import AccountInput, EntryInput
from bobudget.funds.recurring import RecurringInput, add_recurring
from bobudget.kernel.identity import demo_identity
from bobudget.model.funds import ManagedFundsAccount
from bobudget.model.vocab import BudgetDirection
from bobudget.persons.registry import PersonInput, create_person
from tests.db.test_letters import SETTINGS, add_officers

TODAY = dt.date(2026, 12, 3)
NOVEMBER = dt.date(2026, 11, 1)


def pages_of(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def statement_pages(db: Database, person: int) -> list[str]:
    request = LetterRequest("managed_funds_statement", person, month=NOVEMBER)
    return pages_of(render_letter(db, SETTINGS, request, user="anna", today=TODAY).pdf)


def account_with_budget(db: Database) -> int:
    add_officers(db)
    person = create_person(
        db,
        PersonInput(
            demo_identity(dt.date(1950, 2, 2), 3).display,
            "Karin",
            "Öberg",
            address="Storgatan 4",
            postal_code="734 30",
            city="Sjövik",
        ),
        user="anna",
        today=TODAY,
    )
    account = open_account(db, person, AccountInput(dt.date(2026, 1, 1)), user="anna")
    save_budget(
        db,
        account,
        [
            BudgetInput(BudgetDirection.INCOME, "pension", 15_000_00),
            BudgetInput(BudgetDirection.EXPENSE, "hyra", 7_000_00),
            BudgetInput(BudgetDirection.EXPENSE, "levnadsomkostnader", 3_000_00),
        ],
        {},
        user="anna",
    )
    add_recurring(db, account, RecurringInput(25, 7_000_00, "hyra", "Åkerbo Fastigheter AB"))

    def book(day: dt.date, kind: str, amount: int, category: str) -> None:
        entry = EntryInput(kind, day, amount, category, "Motpart", handed_out_by="Ylva Åberg")
        post_entry(db, account, entry, user="anna", today=TODAY)

    book(dt.date(2026, 10, 19), "income", 15_000_00, "pension")
    book(dt.date(2026, 11, 19), "income", 15_000_00, "pension")
    book(dt.date(2026, 11, 6), "cash", 500_00, "levnadsomkostnader")
    book(dt.date(2026, 11, 13), "cash", 500_00, "levnadsomkostnader")
    return person


def test_every_planned_line_has_its_date(db: Database) -> None:
    text = " ".join(statement_pages(db, account_with_budget(db)))
    planned = text[text.index("Planerat för december 2026") :]
    # The pension came on the 19th in November: expected on the 19th in December.
    assert "2026-12-19 Pension" in planned
    # The rent is paid on its recurring day.
    assert "2026-12-25 Hyra – Åkerbo Fastigheter AB" in planned
    # Cash is handed out several times a month: no one day, the month is named instead.
    assert "under december Pengar att leva på" in planned


def test_the_planned_heading_is_never_alone_at_the_foot_of_a_page(sqlite_db: Database) -> None:
    """More and more entries push "Planerat" down the page and over onto the next; wherever
    it falls, its table's first row is on the same page as the heading."""
    person = account_with_budget(sqlite_db)
    with sqlite_db.sessions() as s:
        account = s.scalar(select(ManagedFundsAccount.id))
    assert account is not None
    checked_on_later_page = False
    for n in range(60):
        if n:
            entry = EntryInput(
                "cash", dt.date(2026, 11, 1 + n % 28), 1_00, "övrig utgift", "Motpart",
                handed_out_by="Ylva Åberg",
            )  # fmt: skip
            post_entry(sqlite_db, account, entry, user="anna", today=TODAY)
        pages = statement_pages(sqlite_db, person)
        [page] = [p for p in pages if "Planerat för december 2026" in p]
        after = page[page.index("Planerat för december 2026") :]
        assert "Datum Post Belopp" in after, f"{n} entries: the heading ends its page alone"
        assert "Pension" in after
        checked_on_later_page |= page is not pages[0]
    assert checked_on_later_page
