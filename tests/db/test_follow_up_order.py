"""The Uppföljning list read a page at a time is the list follow_up_overview gives: the same
persons, in the same order, with the same rows, on both engines; and the day arithmetic the
database does for it is the program's, day by day."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Date, literal, select

from bobudget.db.engine import Database
from bobudget.db.sql_dates import add_months_sql, day_number, day_number_sql
from bobudget.db.uow import UnitOfWork
from bobudget.demo.generate import fill_demo
from bobudget.follow_up.overview import (
    FILTER_ALL,
    FILTER_ATTENTION,
    FILTER_EVICTION,
    follow_up_overview,
    follow_up_page,
)
from bobudget.follow_up.overview_order import follow_up_head, follow_up_order
from bobudget.kernel.months import add_months
from bobudget.model import (
    EvictionNotice,
    FollowUp,
    HousingSupport,
    MultipartyMeeting,
    StartupMeeting,
)
from tests.db.follow_up_helpers import TODAY, USER, add_lease, make_person, tenant

D = dt.date
FILTERS = (FILTER_ALL, FILTER_ATTENTION, FILTER_EVICTION)


def test_months_and_day_numbers_in_sql_are_the_programs_every_day(db: Database) -> None:
    with db.sessions() as s:
        dialect = s.get_bind().dialect.name
        day = D(2023, 1, 1)
        while day < D(2029, 1, 1):
            days = [day + dt.timedelta(days=n) for n in range(62)]
            columns = []
            for d in days:
                columns += [
                    add_months_sql(literal(d, Date), 1, dialect),
                    add_months_sql(literal(d, Date), 24, dialect),
                    day_number_sql(literal(d, Date), dialect),
                ]
            got = list(s.execute(select(*columns)).one())
            want = []
            for d in days:
                want += [add_months(d, 1), add_months(d, 24), day_number(d)]
            assert got == want
            day = days[-1] + dt.timedelta(days=1)


def _paged(db: Database, today: dt.date, text: str, only: str, page: int) -> list[object]:
    order = follow_up_order(db, today, text, only)
    rows: list[object] = []
    for offset in range(0, len(order), page):
        rows += follow_up_page(db, today, order[offset : offset + page], offset)
    return rows


def _assert_same(db: Database, today: dt.date, texts: tuple[str, ...]) -> None:
    for text in texts:
        for only in FILTERS:
            whole = follow_up_overview(db, today, text, only)
            assert follow_up_order(db, today, text, only) == [r.person_id for r in whole]
            assert _paged(db, today, text, only, 3) == whole


def _assert_heads(db: Database, today: dt.date) -> None:
    """Every head follow_up_head cuts is the whole list's first persons, as many as asked."""
    whole = follow_up_order(db, today)
    cut = 0
    for rows in range(1, len(whole) + 2):
        head = follow_up_head(db, today, rows)
        if head is not None:
            cut += 1
            assert head == whole[: len(head)]
            assert len(head) >= rows
    assert cut  # the data here lets heads be cut


def _add(db: Database, *rows: object) -> None:
    with UnitOfWork(db, USER) as uow:
        for row in rows:
            uow.session.add(row)
        uow.commit()


def test_the_list_read_a_page_at_a_time_is_the_whole_list(db: Database) -> None:
    # Never followed up, moved in on the 31st: the first meeting on the month's last day.
    never = tenant(db, D(2026, 1, 31), serial=1, first="Karin", last="Öberg")
    leap = tenant(db, D(2024, 1, 30), serial=2, first="Lisa", last="Berg")
    # Namesakes, and names that sort differently by language than by character.
    same1 = tenant(db, D(2026, 9, 15), serial=3, first="Anna", last="Åberg")
    same2 = tenant(db, D(2026, 9, 15), serial=4, first="Anna", last="Åberg")
    lower = tenant(db, D(2026, 9, 15), serial=5, first="Eva", last="de Wit")
    zed = tenant(db, D(2026, 9, 15), serial=6, first="Olle", last="Zorn")
    # Booked and overdue; every meeting held (no next one known); ended today; ended before.
    booked = tenant(db, D(2025, 6, 1), serial=7, first="Sara", last="Lind")
    held = tenant(db, D(2025, 6, 1), serial=8, first="Per", last="Holm")
    tenant(db, D(2025, 1, 10), serial=9, first="Olof", last="Ek", end=TODAY)
    tenant(db, D(2025, 1, 10), serial=10, first="Gun", last="Ask", end=D(2026, 1, 1))
    # Two leases, the earlier follow-up counts; an unfinished start-up meeting.
    two = tenant(db, D(2026, 5, 2), serial=11, first="Mats", last="Dahl")
    add_lease(db, two.person_id, D(2026, 10, 5), kind="transitional")
    started = tenant(db, D(2026, 11, 1), serial=12, first="Ida", last="Berg")
    # Never followed up, the first meeting next month; booked before it: a head cut on a day
    # before both holds neither.
    tenant(db, D(2026, 11, 20), serial=17, first="Ulla", last="Ahl")
    booked_later = tenant(db, D(2026, 6, 1), serial=18, first="Kurt", last="Falk")
    # No lease: an open notice, a flerpartssamtal not yet held, boendestöd due or later.
    notice_only = make_person(db, "Nils", "Ström", 13)
    meeting_only = make_person(db, "Maj", "Ek", 14)
    review_soon = make_person(db, "Bo", "Ek", 15)
    review_later = make_person(db, "Siv", "Ek", 16)
    _add(
        db,
        FollowUp(contract_id=booked.contract_id, due_date=D(2025, 7, 1)),
        FollowUp(contract_id=booked.contract_id, due_date=D(2026, 12, 1)),
        FollowUp(contract_id=booked_later.contract_id, due_date=D(2026, 12, 15)),
        FollowUp(contract_id=held.contract_id, due_date=D(2025, 7, 1), held_date=D(2025, 7, 2)),
        StartupMeeting(contract_id=started.contract_id, due_date=D(2026, 11, 10)),
        EvictionNotice(person_id=booked.person_id, received_date=TODAY, sender="landlord"),
        EvictionNotice(person_id=notice_only, received_date=TODAY, sender="kronofogden"),
        EvictionNotice(
            person_id=held.person_id,
            received_date=D(2026, 1, 5),
            sender="landlord",
            closed_date=D(2026, 2, 1),
        ),
        MultipartyMeeting(person_id=meeting_only, due_date=D(2026, 12, 3)),
        HousingSupport(person_id=review_soon, start_date=D(2026, 6, 1), next_review_date=TODAY),
        HousingSupport(
            person_id=review_later, start_date=D(2026, 6, 1), next_review_date=D(2027, 6, 1)
        ),
    )
    whole = follow_up_overview(db, TODAY)
    ids = [r.person_id for r in whole]
    assert ids[:2] == sorted([booked.person_id, notice_only])  # open notices first, by name
    assert {never.person_id, leap.person_id, two.person_id, review_later} <= set(ids)
    assert ids.index(same1.person_id) < ids.index(same2.person_id)
    assert ids.index(lower.person_id) > ids.index(zed.person_id)  # "d" after "Z", as Python
    _assert_same(db, TODAY, ("", "berg", "ek", "anna åberg"))
    _assert_heads(db, TODAY)
    # Another day: what is due today, this week and overdue moves.
    _assert_same(db, D(2026, 12, 31), ("",))
    _assert_heads(db, D(2026, 12, 31))


@pytest.mark.parametrize("today", [TODAY, D(2026, 1, 31)])
def test_the_demo_list_read_a_page_at_a_time_is_the_whole_list(
    sqlite_db: Database, today: dt.date
) -> None:
    fill_demo(sqlite_db, 60, seed=5, today=TODAY)
    assert len(follow_up_overview(sqlite_db, today)) > 20
    _assert_same(sqlite_db, today, ("", "an", "a b"))
    _assert_heads(sqlite_db, today)
