"""Follow-up meetings: the first a month after move-in, the next booked at once when one is held;
and boendestöd with its reviews."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bobudget.db.engine import Database
from bobudget.follow_up.follow_ups import (
    FollowUpRecord,
    follow_ups_of_contract,
    open_follow_up,
    plan_follow_up,
    record_follow_up,
)
from bobudget.follow_up.housing_support import (
    HousingSupportInput,
    create_housing_support,
    housing_supports_of_person,
    parse_hours,
    record_housing_support_review,
    update_housing_support,
)
from bobudget.kernel.errors import ConflictError, ValidationError
from tests.db.follow_up_helpers import TODAY, USER, staff, tenant


def test_first_follow_up_then_the_next_booked_at_the_contracts_interval(db: Database) -> None:
    staff(db, USER)  # on the staff list: the one who books it answers for it
    t = tenant(db, dt.date(2026, 1, 31), interval=2)
    first_id = open_follow_up(db, t.contract_id, user=USER)
    [first] = follow_ups_of_contract(db, t.contract_id)
    assert first.id == first_id
    assert first.due_date == dt.date(2026, 2, 28)  # within a month of move-in
    assert open_follow_up(db, t.contract_id, user=USER) == first_id  # not booked twice
    recorded = record_follow_up(
        db,
        first.id,
        first.version,
        FollowUpRecord(dt.date(2026, 3, 3), "Hyresgästen, handledaren", "Allt fungerar", "Bra"),
        user=USER,
        today=TODAY,
    )
    assert recorded.next_due == dt.date(2026, 5, 3)  # two months after the meeting held
    rows = follow_ups_of_contract(db, t.contract_id)
    assert [(r.due_date, r.held_date) for r in rows] == [
        (dt.date(2026, 5, 3), None),
        (dt.date(2026, 2, 28), dt.date(2026, 3, 3)),
    ]
    assert rows[0].responsible == USER
    # Overdue: due before today, not held.
    assert rows[0].urgency(TODAY) is not None
    assert rows[0].urgency(TODAY).value == "overdue"  # type: ignore[union-attr]
    assert rows[1].urgency(TODAY) is None


def test_correcting_a_held_follow_up_books_no_second_one(db: Database) -> None:
    t = tenant(db)
    follow_up_id = open_follow_up(db, t.contract_id, user=USER)
    [row] = follow_ups_of_contract(db, t.contract_id)
    recorded = record_follow_up(
        db, follow_up_id, row.version, FollowUpRecord(dt.date(2026, 4, 2), "X"), USER, TODAY
    )
    record_follow_up(
        db,
        follow_up_id,
        recorded.version,
        FollowUpRecord(dt.date(2026, 4, 2), "X och Y", "rättat"),
        USER,
        TODAY,
    )
    rows = follow_ups_of_contract(db, t.contract_id)
    assert len(rows) == 2
    assert rows[1].participants == "X och Y"


def test_no_next_follow_up_after_the_contract_ends(db: Database) -> None:
    t = tenant(db, dt.date(2026, 3, 1), end=dt.date(2026, 6, 30))
    follow_up_id = open_follow_up(db, t.contract_id, user=USER)
    [row] = follow_ups_of_contract(db, t.contract_id)
    recorded = record_follow_up(
        db, follow_up_id, row.version, FollowUpRecord(dt.date(2026, 4, 1), "X"), USER, TODAY
    )
    assert recorded.next_id is None
    assert len(follow_ups_of_contract(db, t.contract_id)) == 1


def test_bad_follow_up_records_are_refused_and_nothing_saved(db: Database) -> None:
    staff(db, "kollega")
    t = tenant(db, dt.date(2026, 3, 1))
    follow_up_id = open_follow_up(db, t.contract_id, user=USER)
    [row] = follow_ups_of_contract(db, t.contract_id)
    with pytest.raises(ValidationError, match="före kontraktets start"):
        record_follow_up(
            db, follow_up_id, row.version, FollowUpRecord(dt.date(2026, 2, 1), "X"), USER, TODAY
        )
    with pytest.raises(ValidationError, match="framtiden"):
        record_follow_up(
            db, follow_up_id, row.version, FollowUpRecord(dt.date(2026, 12, 1), "X"), USER, TODAY
        )
    with pytest.raises(ValidationError, match="deltog"):
        record_follow_up(
            db, follow_up_id, row.version, FollowUpRecord(dt.date(2026, 4, 1), " "), USER, TODAY
        )
    with pytest.raises(ValidationError, match="före kontraktets start"):
        plan_follow_up(db, follow_up_id, row.version, dt.date(2026, 1, 1), "", USER)
    assert follow_ups_of_contract(db, t.contract_id) == [row]
    # "Ansvarig" is a user on the staff list, never any word.
    with pytest.raises(ValidationError, match="ingen användare 'kolega'"):
        plan_follow_up(db, follow_up_id, row.version, dt.date(2026, 4, 10), "kolega", USER)
    assert follow_ups_of_contract(db, t.contract_id) == [row]
    plan_follow_up(db, follow_up_id, row.version, dt.date(2026, 4, 10), "kollega", USER)
    with pytest.raises(ConflictError):
        plan_follow_up(db, follow_up_id, row.version, dt.date(2026, 4, 11), "", USER)
    [moved] = follow_ups_of_contract(db, t.contract_id)
    assert (moved.due_date, moved.responsible) == (dt.date(2026, 4, 10), "kollega")


def test_temporary_housing_is_not_followed_up_with_meetings(db: Database) -> None:
    t = tenant(db, kind="temporary")
    with pytest.raises(ValidationError, match="hyreskontrakt"):
        open_follow_up(db, t.contract_id, user=USER)


# --- boendestöd ----------------------------------------------------------------------------


def test_housing_support_reviews_fall_due_at_its_interval(db: Database) -> None:
    t = tenant(db)
    support_id = create_housing_support(
        db,
        t.person_id,
        HousingSupportInput(
            "Hemtjänstens boendestöd", dt.date(2026, 3, 31), 6, parse_hours("3,5"), None, "Start"
        ),
        user=USER,
    )
    [support] = housing_supports_of_person(db, t.person_id)
    assert support.id == support_id
    assert support.hours_per_week == Decimal("3.5")
    assert support.next_review_date == dt.date(2026, 9, 30)
    assert support.urgency(TODAY).value == "overdue"  # type: ignore[union-attr]
    next_review = record_housing_support_review(
        db, support_id, support.version, dt.date(2026, 10, 5), "Fortsätter", USER, TODAY
    )
    assert next_review == dt.date(2027, 4, 5)
    [reviewed] = housing_supports_of_person(db, t.person_id)
    assert reviewed.last_reviewed_date == dt.date(2026, 10, 5)
    assert reviewed.note.startswith("2026-10-05 omprövning: Fortsätter")
    # A change of hours keeps the booked review; a shorter interval counts it anew.
    data = HousingSupportInput(
        reviewed.provider, reviewed.start_date, 6, Decimal("5"), None, reviewed.note
    )
    version = update_housing_support(db, support_id, reviewed.version, data, USER)
    assert housing_supports_of_person(db, t.person_id)[0].next_review_date == dt.date(2027, 4, 5)
    data.review_interval_months = 3
    update_housing_support(db, support_id, version, data, USER)
    assert housing_supports_of_person(db, t.person_id)[0].next_review_date == dt.date(2027, 1, 5)


def test_bad_housing_support_is_refused(db: Database) -> None:
    t = tenant(db)
    with pytest.raises(ValidationError, match="utföraren"):
        create_housing_support(db, t.person_id, HousingSupportInput(" ", TODAY), USER)
    with pytest.raises(ValidationError, match="före startdatum"):
        create_housing_support(
            db,
            t.person_id,
            HousingSupportInput("X", TODAY, end_date=TODAY - dt.timedelta(days=1)),
            USER,
        )
    with pytest.raises(ValidationError, match="Timmar per vecka"):
        parse_hours("tre")
    with pytest.raises(ValidationError, match="mer än 0"):
        create_housing_support(
            db, t.person_id, HousingSupportInput("X", TODAY, hours_per_week=Decimal(-2)), USER
        )
    assert housing_supports_of_person(db, t.person_id) == []


# --- the Uppföljning page's list ----------------------------------------------------------------


def test_the_follow_up_list_puts_open_notices_first_and_filters(db: Database) -> None:
    from bobudget.follow_up.overview import (
        FILTER_ATTENTION,
        FILTER_EVICTION,
        follow_up_overview,
        person_follow_up,
    )
    from bobudget.follow_up.trouble import EvictionNoticeInput, register_eviction_notice

    calm = tenant(db, dt.date(2026, 11, 20), serial=1, first="Karin", last="Öberg")
    late = tenant(db, dt.date(2026, 1, 10), serial=2, first="Lisa", last="Berg")
    ended = tenant(db, dt.date(2025, 1, 10), serial=3, first="Olle", last="Ek", end=TODAY)
    evicted = tenant(db, dt.date(2025, 6, 1), serial=4, first="Sara", last="Lind")
    register_eviction_notice(
        db, EvictionNoticeInput(evicted.person_id, TODAY, "landlord"), USER, TODAY
    )
    open_follow_up(db, evicted.contract_id, user=USER)  # booked: due 2025-07-01, overdue
    rows = follow_up_overview(db, TODAY)
    # An open notice first, then the most overdue follow-up first.
    assert [r.name for r in rows] == ["Lind, Sara", "Ek, Olle", "Berg, Lisa", "Öberg, Karin"]
    assert rows[0].eviction_open and rows[0].flags[0] == "Underrättelse"
    assert rows[1].contracts == "Socialt kontrakt"  # ends today: still followed up
    assert rows[2].next_follow_up == dt.date(2026, 2, 10)  # the first, never booked
    assert rows[2].next_urgency is not None and rows[2].next_urgency.value == "overdue"
    assert rows[3].next_follow_up == dt.date(2026, 12, 20)
    assert [r.name for r in follow_up_overview(db, TODAY, only=FILTER_EVICTION)] == ["Lind, Sara"]
    attention = [r.name for r in follow_up_overview(db, TODAY, only=FILTER_ATTENTION)]
    assert "Öberg, Karin" not in attention and "Berg, Lisa" in attention
    assert [r.name for r in follow_up_overview(db, TODAY, "lisa berg")] == ["Berg, Lisa"]
    tomorrow = TODAY + dt.timedelta(days=1)
    assert "Ek, Olle" not in [r.name for r in follow_up_overview(db, tomorrow)]
    card = person_follow_up(db, evicted.person_id)
    assert [lease.id for lease in card.leases] == [evicted.contract_id]
    assert [n.open for n in card.open_notices] == [True]
    assert calm and late and ended
