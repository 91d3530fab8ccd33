"""A batch of letters drawn once: each letter says what the single-letter path says, the log
shows it again exactly as in the batch, and the batch's facts take no query per letter."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import event, select, update

from bobudget.app.letters import (
    LetterRequest,
    batch_place,
    logged_pdf,
    record_batch,
    render_batch,
    render_letter,
    renewal_requests_due,
)
from bobudget.db.engine import Database
from bobudget.db.settings_in_use import effective_settings
from bobudget.demo.generate import fill_demo
from bobudget.kernel.config import Letterhead, Settings
from bobudget.kernel.errors import DomainError
from bobudget.model import Person, PrintedLetter
from tests.conftest import write_older_settings_file

TODAY = dt.date(2026, 11, 27)
LETTERHEAD = Letterhead(
    municipality="Exempelby kommun",
    administration="Socialförvaltningen",
    unit="Bo- och budgetenheten",
    postal_address="Box 1, 111 11 Exempelby",
    phone="010-123 45 67",
    email="bbe@exempelby.example",
    forwarding_address="Skatteverket, Box 2, 222 22 Exempelby",
    emergency_phone="010-765 43 21",
)


@pytest.fixture
def demo(db: Database) -> Iterator[tuple[Database, list[LetterRequest]]]:
    """Demo households with renewal letters due (the kind the batch commands make), one of
    the persons with protected personal data."""
    write_older_settings_file(Settings(letterhead=LETTERHEAD))
    fill_demo(db, 120, seed=7, today=TODAY)
    requests = renewal_requests_due(db, on=TODAY, within_days=30)
    assert len(requests) >= 4
    with db.sessions() as session:
        session.execute(
            update(Person).where(Person.id == requests[1].person_id).values(protected_identity=True)
        )
        session.commit()
    yield db, requests


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_each_letter_of_a_batch_says_what_the_single_letter_says_and_is_shown_again_so(
    demo: tuple[Database, list[LetterRequest]],
) -> None:
    db, requests = demo
    settings = effective_settings(db)
    batch = render_batch(db, settings, requests, today=TODAY)
    assert batch.protected_count >= 1
    pages = page_texts(batch.pdf)
    assert len(pages) == batch.pages == sum(batch.page_counts)
    ids = record_batch(db, settings, batch)
    first = 0
    for request, count, letter_id in zip(requests, batch.page_counts, ids, strict=True):
        single = render_letter(db, settings, request, today=TODAY)
        in_batch = pages[first : first + count]
        assert in_batch == page_texts(single.pdf)
        # Shown again from the log: the very pages the batch had.
        assert page_texts(logged_pdf(db, letter_id)) == in_batch
        place = batch_place(db, letter_id)
        assert place is not None and (place.first_page, place.pages) == (first + 1, count)
        first += count
    with db.sessions() as session:
        rows = session.scalars(select(PrintedLetter).where(PrintedLetter.id.in_(ids))).all()
    # No second PDF per letter: the facts it was drawn from, a few kB.
    assert all(row.pdf is None and row.facts for row in rows)
    assert max(len(row.facts or "") for row in rows) < 8000


def test_a_changed_fact_in_the_log_is_found_when_the_letter_is_shown(
    demo: tuple[Database, list[LetterRequest]],
) -> None:
    db, requests = demo
    settings = effective_settings(db)
    [letter_id] = record_batch(db, settings, render_batch(db, settings, requests[:1], today=TODAY))
    with db.sessions() as session:
        row = session.get(PrintedLetter, letter_id)
        assert row is not None and row.facts is not None
        row.facts = row.facts.replace('"date":"2026-11-27"', '"date":"2026-11-20"')
        session.commit()
    with pytest.raises(DomainError, match="kontrollsumman"):
        logged_pdf(db, letter_id)


def test_a_batch_reads_its_facts_without_a_query_per_letter(
    demo: tuple[Database, list[LetterRequest]],
) -> None:
    db, requests = demo
    settings = effective_settings(db)
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        render_batch(db, settings, requests[:2], today=TODAY)
        few = len(statements)
        statements.clear()
        render_batch(db, settings, requests, today=TODAY)
        many = len(statements)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert many == few, f"{len(requests)} letters: {many} queries, 2 letters: {few}"
