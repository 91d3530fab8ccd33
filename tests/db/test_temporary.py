"""Temporary housing: place, renew through month ends, end, move; the list and the costs."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from bobudget.db.engine import Database
from bobudget.kernel.errors import ConflictError, ValidationError
from bobudget.kernel.urgency import Urgency
from bobudget.model import Contract, ContractPeriod
from bobudget.placement.decisions import get_decision
from bobudget.placement.ending import end_contract
from bobudget.placement.temporary import (
    PlacementInput,
    end_placement,
    move_placement,
    place_person,
    renew_placement,
)
from bobudget.placement.temporary_costs import monthly_costs
from bobudget.placement.temporary_list import (
    PlacementFilter,
    active_placements,
    count_active_placements,
    get_placement,
)
from bobudget.placement.temporary_places import PlaceInput, list_places, save_place
from tests.db.placement_data import TODAY, USER, decision, person, place


def _place(
    db: Database,
    start: dt.date = dt.date(2026, 11, 30),
    *,
    person_id: int | None = None,
    place_id: int | None = None,
    end: dt.date | None = None,
) -> int:
    who = person_id if person_id is not None else person(db)
    decision_id = decision(db, who, kind="temporary", decided=min(start, TODAY))
    return place_person(
        db,
        PlacementInput(decision_id, place_id or place(db), start, period_end=end),
        user=USER,
    )


def _version(db: Database, contract_id: int) -> int:
    return get_placement(db, contract_id, TODAY).version


def _rows(db: Database, model: type) -> int:
    with db.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_renewed_twice_through_month_ends(db: Database) -> None:
    contract_id = _place(db, dt.date(2026, 11, 30))
    detail = get_placement(db, contract_id, TODAY)
    assert [(p.start_date, p.end_date) for p in detail.periods] == [
        (dt.date(2026, 11, 30), dt.date(2027, 2, 28))
    ]
    assert get_decision(db, detail.decision_id or 0).executed_date == dt.date(2026, 11, 30)

    first = renew_placement(db, contract_id, _version(db, contract_id), "Söker aktivt", user=USER)
    second = renew_placement(
        db, contract_id, _version(db, contract_id), "Kö hos bolaget", user=USER
    )
    assert first == (dt.date(2027, 2, 28), dt.date(2027, 5, 28))
    assert second == (dt.date(2027, 5, 28), dt.date(2027, 8, 28))
    periods = get_placement(db, contract_id, TODAY).periods
    assert [(p.sequence, p.outcome, p.assessment) for p in periods] == [
        (1, "renewed", ""),
        (2, "renewed", "Söker aktivt"),
        (3, "pending", "Kö hos bolaget"),
    ]
    row = active_placements(db, TODAY, TODAY)[0]
    assert (row.period_start, row.period_end, row.renewals) == (
        dt.date(2027, 5, 28),
        dt.date(2027, 8, 28),
        2,
    )


def test_a_period_may_be_shorter_by_hand_never_longer(db: Database) -> None:
    short = _place(db, dt.date(2026, 11, 1), end=dt.date(2026, 12, 15))
    assert get_placement(db, short, TODAY).periods[0].end_date == dt.date(2026, 12, 15)
    with pytest.raises(ValidationError, match="längre än tre månader"):
        _place(db, dt.date(2026, 11, 30), end=dt.date(2027, 3, 1))
    with pytest.raises(ValidationError, match="längre än tre månader"):
        renew_placement(
            db, short, _version(db, short), "Bedömt", period_end=dt.date(2027, 3, 16), user=USER
        )
    start, end = renew_placement(
        db, short, _version(db, short), "Bedömt", period_end=dt.date(2027, 1, 31), user=USER
    )
    assert (start, end) == (dt.date(2026, 12, 15), dt.date(2027, 1, 31))
    assert _rows(db, Contract) == 1


def test_bad_placements_and_renewals_are_refused_with_nothing_saved(db: Database) -> None:
    karin = person(db)
    housing = decision(db, karin)
    with pytest.raises(ValidationError, match="måste verkställa ett beslut"):
        place_person(db, PlacementInput(None, place(db), TODAY))
    with pytest.raises(ValidationError, match="inte tillfälligt boende"):
        place_person(db, PlacementInput(housing, place(db, "Hotell Sjöviken"), TODAY))
    contract_id = _place(db, dt.date(2026, 11, 1), person_id=karin)
    with pytest.raises(ValidationError, match="redan ett pågående tillfälligt boende"):
        _place(db, dt.date(2026, 11, 20), person_id=karin)
    with pytest.raises(ValidationError, match="Skriv bedömningen"):
        renew_placement(db, contract_id, _version(db, contract_id), "   ")
    version = _version(db, contract_id)
    with pytest.raises(ValidationError, match="efter periodens slut"):
        end_placement(db, contract_id, version, dt.date(2027, 2, 2), "Fått egen bostad")
    with pytest.raises(ValidationError, match="före startdatum"):
        end_placement(db, contract_id, version, dt.date(2026, 10, 31), "Fått egen bostad")
    end_placement(db, contract_id, version, dt.date(2026, 12, 10), "Fått egen bostad", user=USER)
    with pytest.raises(ValidationError, match="avslutades 2026-12-10 och kan inte förlängas"):
        renew_placement(db, contract_id, _version(db, contract_id), "Bedömt")
    assert _rows(db, ContractPeriod) == 1


def test_two_windows_renewing_the_same_placement(db: Database) -> None:
    contract_id = _place(db)
    read = _version(db, contract_id)
    renew_placement(db, contract_id, read, "Första fönstret", user="konsulent1")
    with pytest.raises(ConflictError, match="konsulent1"):
        renew_placement(db, contract_id, read, "Andra fönstret", user="konsulent2")
    assert len(get_placement(db, contract_id, TODAY).periods) == 2


def test_ending_shortens_the_last_period_and_can_come_from_contracts(db: Database) -> None:
    contract_id = _place(db, dt.date(2026, 10, 1))
    end_contract(db, contract_id, _version(db, contract_id), dt.date(2026, 11, 20), "Egen bostad")
    detail = get_placement(db, contract_id, TODAY)
    assert (detail.end_date, detail.end_reason) == (dt.date(2026, 11, 20), "Egen bostad")
    assert [(p.end_date, p.outcome_label) for p in detail.periods] == [
        (dt.date(2026, 11, 20), "Avslutad")
    ]
    assert active_placements(db, TODAY, TODAY) == []


def test_move_keeps_the_period_and_renewals_at_the_new_place(db: Database) -> None:
    hostel = place(db, "Vandrarhemmet Sjöviken", 45000)
    flat = save_place(
        db,
        PlaceInput(
            "Lägenhet Rönnvägen 8", kind="temporary_flat", cost_ore=900000, cost_unit="month"
        ),
    )
    contract_id = _place(db, dt.date(2026, 8, 1), place_id=hostel)
    renew_placement(db, contract_id, _version(db, contract_id), "Bedömt", user=USER)
    version = _version(db, contract_id)
    with pytest.raises(ValidationError, match="bor redan på"):
        move_placement(db, contract_id, version, hostel, dt.date(2026, 11, 16))
    moved = move_placement(db, contract_id, version, flat, dt.date(2026, 11, 16), user=USER)

    old = get_placement(db, contract_id, TODAY)
    new = get_placement(db, moved, TODAY)
    assert (old.end_date, old.end_reason, old.moved_to_id) == (
        dt.date(2026, 11, 16),
        "Flyttade till Lägenhet Rönnvägen 8",
        moved,
    )
    assert old.periods[-1].outcome_label == "Flyttad"
    assert new.moved_from_id == contract_id
    assert new.decision_id == old.decision_id
    assert [(p.sequence, p.start_date, p.end_date) for p in new.periods] == [
        (2, dt.date(2026, 11, 16), dt.date(2027, 2, 1))
    ]
    row = active_placements(db, TODAY, TODAY)[0]
    assert (row.contract_id, row.place, row.renewals, row.period_end) == (
        moved,
        "Lägenhet Rönnvägen 8",
        1,
        dt.date(2027, 2, 1),
    )
    # Nights at the hostel: 2026-08-01 to 2026-11-16, 107 nights at 450 kr.
    assert old.cost_to_date == 107 * 45000
    # At the flat: 11 of November's 30 nights at 9 000 kr a month, so far.
    assert new.cost_to_date == 330000


def test_the_list_is_soonest_end_first_with_days_left_and_marks(db: Database) -> None:
    due_soon = _place(db, dt.date(2026, 9, 10))  # ends 2026-12-10, inside 14 days
    later = _place(db, dt.date(2026, 11, 1))  # ends 2027-02-01
    overdue = _place(db, dt.date(2026, 8, 20))  # ended 2026-11-20 with no decision
    weekend = _place(db, dt.date(2026, 9, 13))  # ends Sunday 2026-12-13: act by Friday the 11th
    rows = active_placements(db, TODAY, TODAY, reminder_days=14)
    assert [r.contract_id for r in rows] == [overdue, due_soon, weekend, later]
    by_id = {r.contract_id: r for r in rows}
    assert (by_id[overdue].days_left, by_id[overdue].mark) == (-7, Urgency.OVERDUE)
    assert (by_id[due_soon].days_left, by_id[due_soon].mark) == (13, Urgency.SOON)
    assert by_id[weekend].action_date == dt.date(2026, 12, 11)
    assert by_id[weekend].mark is Urgency.SOON
    assert by_id[later].mark is Urgency.LATER
    marked = active_placements(db, TODAY, TODAY, PlacementFilter(marked_only=True))
    assert [r.contract_id for r in marked] == [overdue, due_soon, weekend]
    assert count_active_placements(db, TODAY, TODAY, PlacementFilter(marked_only=True)) == 3
    # The reminder window is the setting's: with 7 days only the overdue one is marked.
    narrow = active_placements(db, TODAY, TODAY, PlacementFilter(marked_only=True), reminder_days=7)
    assert [r.contract_id for r in narrow] == [overdue]


def test_the_list_on_a_chosen_date(db: Database) -> None:
    contract_id = _place(db, dt.date(2026, 5, 31))  # periods end 08-31, 11-30 (Monday)
    renew_placement(db, contract_id, _version(db, contract_id), "Bedömt", user=USER)
    # On 2026-07-01 the first period ran, nothing renewed yet.
    then = active_placements(db, dt.date(2026, 7, 1), TODAY)
    assert [(r.period_start, r.period_end, r.renewals) for r in then] == [
        (dt.date(2026, 5, 31), dt.date(2026, 8, 31), 0)
    ]
    # Before the start: not yet placed.
    assert active_placements(db, dt.date(2026, 5, 30), TODAY) == []
    now = active_placements(db, TODAY, TODAY)[0]
    assert (now.period_start, now.period_end, now.renewals, now.days_left) == (
        dt.date(2026, 8, 31),
        dt.date(2026, 11, 30),
        1,
        3,
    )
    # A placement booked to start later is on today's list.
    booked = _place(db, dt.date(2026, 12, 1))
    assert booked in [r.contract_id for r in active_placements(db, TODAY, TODAY)]


def test_protected_persons_place_is_not_listed(db: Database) -> None:
    _place(db, person_id=person(db, "Elsa", "Lindqvist", protected=True))
    row = active_placements(db, TODAY, TODAY)[0]
    assert (row.protected, row.place) == (True, "Skyddad")
    assert active_placements(db, TODAY, TODAY, PlacementFilter(text="lindqvist"))[0] == row


def test_cost_per_month_in_total(db: Database) -> None:
    hostel = place(db, "Vandrarhemmet Sjöviken", 45000)
    _place(db, dt.date(2026, 10, 20), place_id=hostel)  # until 2027-01-20
    flat = save_place(
        db,
        PlaceInput(
            "Lägenhet Rönnvägen 8", kind="temporary_flat", cost_ore=900000, cost_unit="month"
        ),
    )
    ended = _place(db, dt.date(2026, 11, 1), place_id=flat)
    end_placement(db, ended, _version(db, ended), dt.date(2026, 11, 16), "Egen bostad")
    free = save_place(db, PlaceInput("Härbärget", kind="shelter"))
    _place(db, dt.date(2026, 11, 20), place_id=free)

    months = monthly_costs(db, dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    october, november, december = months
    assert (october.placements, october.nights, october.cost_ore) == (1, 12, 12 * 45000)
    assert november.placements == 3
    assert november.nights == 30 + 15 + 11
    assert november.cost_ore == 30 * 45000 + 450000
    assert november.without_price == 1
    assert december.cost_ore == 31 * 45000
    # A price changed later does not change what a placement made earlier cost.
    save_place(
        db,
        PlaceInput("Vandrarhemmet Sjöviken", kind="hostel", cost_ore=99900),
        place_id=hostel,
        expected_version=list_places(db)[-1].version,
    )
    assert monthly_costs(db, dt.date(2026, 10, 1), dt.date(2026, 10, 1))[0].cost_ore == 540000
    with pytest.raises(ValidationError):
        monthly_costs(db, dt.date(2026, 12, 1), dt.date(2026, 10, 1))


def test_move_and_end_with_a_renewal_decided_in_advance(db: Database) -> None:
    hotel = save_place(db, PlaceInput("Hotell Stationen", kind="hotel", cost_ore=79000))
    contract_id = _place(db, dt.date(2026, 11, 30))
    renew_placement(db, contract_id, _version(db, contract_id), "Bedömt i förväg", user=USER)
    # Moved during the first period: the rest of it and the renewal go to the new place.
    moved = move_placement(db, contract_id, _version(db, contract_id), hotel, dt.date(2026, 12, 20))
    old = get_placement(db, contract_id, TODAY)
    new = get_placement(db, moved, TODAY)
    assert [(p.sequence, p.start_date, p.end_date, p.outcome) for p in old.periods] == [
        (1, dt.date(2026, 11, 30), dt.date(2026, 12, 20), "moved")
    ]
    assert [(p.sequence, p.start_date, p.end_date, p.outcome) for p in new.periods] == [
        (1, dt.date(2026, 12, 20), dt.date(2027, 2, 28), "renewed"),
        (2, dt.date(2027, 2, 28), dt.date(2027, 5, 28), "pending"),
    ]
    # Ended before the renewal began: the renewal is void, the running period ends that day.
    end_placement(db, moved, _version(db, moved), dt.date(2027, 1, 15), "Egen bostad")
    assert [
        (p.sequence, p.end_date, p.outcome) for p in get_placement(db, moved, TODAY).periods
    ] == [(1, dt.date(2027, 1, 15), "ended")]
    with pytest.raises(ValidationError, match="före periodens slut"):
        other = _place(db, dt.date(2026, 11, 1))
        move_placement(db, other, _version(db, other), hotel, dt.date(2027, 2, 1))
