"""Rent debts and the two-debts rule, disturbances, eviction notices and flerpartssamtal."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from bobudget.db.engine import Database
from bobudget.follow_up.multiparty import (
    MultipartyBooking,
    book_multiparty_meeting,
    get_multiparty_meeting,
    multiparty_meetings_of_person,
    record_consent,
    record_multiparty_meeting,
)
from bobudget.follow_up.trouble import (
    DisturbanceInput,
    EvictionNoticeInput,
    RentArrearInput,
    close_eviction_notice,
    register_disturbance,
    register_eviction_notice,
    register_rent_arrear,
    update_prevention,
    update_rent_arrear,
)
from bobudget.kernel.errors import ConflictError, ValidationError
from bobudget.model import MultipartyMeeting, RentArrear
from bobudget.model.vocab import ConsentForm
from tests.db.follow_up_helpers import TODAY, USER, make_person, staff, tenant


def counts(db: Database) -> tuple[int, int]:
    with db.sessions() as s:
        return (
            s.scalar(select(func.count(RentArrear.id))) or 0,
            s.scalar(select(func.count(MultipartyMeeting.id))) or 0,
        )


def test_two_debts_exactly_six_months_apart_make_a_meeting_due(db: Database) -> None:
    staff(db, USER)
    t = tenant(db, dt.date(2025, 12, 1))
    first = register_rent_arrear(
        db,
        RentArrearInput(t.person_id, dt.date(2026, 1, 15), 350_000, dt.date(2026, 1, 20)),
        user=USER,
        today=TODAY,
    )
    assert first.multiparty_meeting_id is None
    second = register_rent_arrear(
        db,
        RentArrearInput(t.person_id, dt.date(2026, 7, 1), 120_050, dt.date(2026, 7, 22)),
        user=USER,
        today=TODAY,
    )
    assert second.multiparty_meeting_id is not None
    assert second.multiparty_due == dt.date(2026, 8, 5)  # two weeks after the second debt
    meeting = get_multiparty_meeting(db, second.multiparty_meeting_id)
    assert meeting.contract_id == t.contract_id
    assert meeting.responsible == USER
    assert not meeting.held
    # A third debt while that meeting waits makes no second invitation.
    third = register_rent_arrear(
        db,
        RentArrearInput(t.person_id, dt.date(2026, 8, 1), 10_000, dt.date(2026, 8, 20)),
        user=USER,
        today=TODAY,
    )
    assert third.multiparty_meeting_id is None
    assert counts(db) == (3, 1)


def test_seven_months_apart_is_not_within_six(db: Database) -> None:
    t = tenant(db, dt.date(2025, 12, 1))
    for month in (dt.date(2026, 1, 1), dt.date(2026, 8, 1)):
        result = register_rent_arrear(
            db,
            RentArrearInput(t.person_id, month, 350_000, month + dt.timedelta(days=20)),
            user=USER,
            today=TODAY,
        )
        assert result.multiparty_meeting_id is None
    assert counts(db) == (2, 0)


def test_a_meeting_held_after_the_first_debt_suppresses_the_new_one(db: Database) -> None:
    t = tenant(db, dt.date(2025, 12, 1))
    register_rent_arrear(
        db,
        RentArrearInput(t.person_id, dt.date(2026, 1, 1), 350_000, dt.date(2026, 1, 20)),
        user=USER,
        today=TODAY,
    )
    second = register_rent_arrear(
        db,
        RentArrearInput(t.person_id, dt.date(2026, 2, 1), 350_000, dt.date(2026, 2, 20)),
        user=USER,
        today=TODAY,
    )
    assert second.multiparty_meeting_id is not None
    meeting = get_multiparty_meeting(db, second.multiparty_meeting_id)
    record_multiparty_meeting(
        db,
        meeting.id,
        meeting.version,
        meeting_date=dt.date(2026, 3, 2),
        participants="Hyresgästen, Sjöviksbostäder, handledaren",
        agreed="Avbetalningsplan",
        user=USER,
        today=TODAY,
    )
    # March's debt lies within six months of January's, but the meeting since answers for it.
    third = register_rent_arrear(
        db,
        RentArrearInput(t.person_id, dt.date(2026, 3, 1), 350_000, dt.date(2026, 3, 25)),
        user=USER,
        today=TODAY,
    )
    assert third.multiparty_meeting_id is None
    # A debt after the meeting, with another after it, makes a new meeting due.
    fourth = register_rent_arrear(
        db,
        RentArrearInput(t.person_id, dt.date(2026, 5, 1), 350_000, dt.date(2026, 5, 20)),
        user=USER,
        today=TODAY,
    )
    assert fourth.multiparty_meeting_id is not None
    assert counts(db) == (4, 2)


def test_bad_rent_debts_are_refused_and_nothing_saved(db: Database) -> None:
    t = tenant(db, dt.date(2026, 3, 1))
    with pytest.raises(ValidationError, match="större än noll"):
        register_rent_arrear(
            db,
            RentArrearInput(t.person_id, dt.date(2026, 4, 1), -50_000, dt.date(2026, 4, 20)),
            user=USER,
            today=TODAY,
        )
    with pytest.raises(ValidationError, match="inget kontrakt 2026-02-01–2026-02-28"):
        register_rent_arrear(
            db,
            RentArrearInput(t.person_id, dt.date(2026, 2, 1), 50_000, dt.date(2026, 4, 20)),
            user=USER,
            today=TODAY,
        )
    with pytest.raises(ValidationError, match="efter februari 2026"):
        register_rent_arrear(
            db,
            RentArrearInput(
                t.person_id, dt.date(2026, 2, 1), 50_000, dt.date(2026, 4, 20), "", t.contract_id
            ),
            user=USER,
            today=TODAY,
        )
    homeless = make_person(db, "Anna", "Andersson", serial=2)
    with pytest.raises(ValidationError, match="inget kontrakt"):
        register_rent_arrear(
            db,
            RentArrearInput(homeless, dt.date(2026, 4, 1), 50_000, dt.date(2026, 4, 20)),
            user=USER,
            today=TODAY,
        )
    with pytest.raises(ValidationError, match="framtiden"):
        register_rent_arrear(
            db,
            RentArrearInput(t.person_id, dt.date(2026, 11, 1), 50_000, dt.date(2026, 12, 2)),
            user=USER,
            today=TODAY,
        )
    assert counts(db) == (0, 0)
    ok = register_rent_arrear(
        db,
        RentArrearInput(t.person_id, dt.date(2026, 4, 9), 50_000, dt.date(2026, 4, 20)),
        user=USER,
        today=TODAY,
    )
    with pytest.raises(ValidationError, match="redan en hyresskuld för april 2026"):
        register_rent_arrear(
            db,
            RentArrearInput(t.person_id, dt.date(2026, 4, 1), 9_000, dt.date(2026, 4, 21)),
            user=USER,
            today=TODAY,
        )
    with pytest.raises(ValidationError, match="större än noll"):
        update_rent_arrear(db, ok.arrear_id, 1, 0, "", USER)
    update_rent_arrear(db, ok.arrear_id, 1, 25_000, "Halva betald", USER)
    with pytest.raises(ConflictError):
        update_rent_arrear(db, ok.arrear_id, 1, 20_000, "", USER)
    with db.sessions() as s:
        row = s.get(RentArrear, ok.arrear_id)
        assert row is not None
        assert (row.month, row.amount_ore, row.note) == (
            dt.date(2026, 4, 1),
            25_000,
            "Halva betald",
        )


def test_disturbance_needs_a_contract_that_day(db: Database) -> None:
    t = tenant(db, dt.date(2026, 3, 1))
    with pytest.raises(ValidationError, match="inget kontrakt 2026-02-10"):
        register_disturbance(
            db, DisturbanceInput(t.person_id, dt.date(2026, 2, 10), "Hög musik"), USER, TODAY
        )
    with pytest.raises(ValidationError, match="vad störningsanmälan gäller"):
        register_disturbance(db, DisturbanceInput(t.person_id, TODAY, ""), USER, TODAY)
    register_disturbance(db, DisturbanceInput(t.person_id, TODAY, "Hög musik"), USER, TODAY)


def test_eviction_notice_prevention_checklist_until_closed(db: Database) -> None:
    t = tenant(db)
    notice_id = register_eviction_notice(
        db,
        EvictionNoticeInput(t.person_id, dt.date(2026, 11, 2), "kronofogden", "Mål nr 12-3456-26"),
        USER,
        TODAY,
    )
    with pytest.raises(ValidationError, match="egna medel övervägt, boendestöd övervägt"):
        version = update_prevention(
            db,
            notice_id,
            1,
            contacts_made=True,
            managed_funds_considered=False,
            housing_support_considered=False,
            note="Ringt hyresvärden",
            user=USER,
        )
        close_eviction_notice(db, notice_id, version, TODAY, USER, TODAY)
    version = update_prevention(
        db,
        notice_id,
        2,
        contacts_made=True,
        managed_funds_considered=True,
        housing_support_considered=True,
        note="Klart",
        user=USER,
    )
    with pytest.raises(ValidationError, match="före dagen underrättelsen kom"):
        close_eviction_notice(db, notice_id, version, dt.date(2026, 11, 1), USER, TODAY)
    close_eviction_notice(db, notice_id, version, TODAY, USER, TODAY)
    with pytest.raises(ValidationError, match="avslutades"):
        update_prevention(
            db,
            notice_id,
            version + 1,
            contacts_made=False,
            managed_funds_considered=False,
            housing_support_considered=False,
            note="",
            user=USER,
        )
    with pytest.raises(ValidationError, match="hyresvärden eller Kronofogden"):
        register_eviction_notice(
            db, EvictionNoticeInput(t.person_id, TODAY, "grannen"), USER, TODAY
        )


def test_multiparty_meeting_consent_booking_and_record(db: Database) -> None:
    t = tenant(db, dt.date(2026, 3, 1))
    for month in (dt.date(2026, 8, 1), dt.date(2026, 10, 1)):
        register_rent_arrear(
            db,
            RentArrearInput(t.person_id, month, 350_000, month + dt.timedelta(days=15)),
            user=USER,
            today=TODAY,
        )
    [meeting] = multiparty_meetings_of_person(db, t.person_id)
    assert "Inget samtycke är registrerat" in meeting.consent_text
    with pytest.raises(ValidationError, match="före kontraktets start"):
        book_multiparty_meeting(
            db, meeting.id, meeting.version, MultipartyBooking(dt.date(2026, 2, 1)), USER
        )
    version = book_multiparty_meeting(
        db,
        meeting.id,
        meeting.version,
        MultipartyBooking(dt.date(2026, 12, 3), "10.00", "Sjöviksbostäder, kundcenter"),
        USER,
    )
    version = record_consent(
        db,
        meeting.id,
        version,
        "Att en avbetalningsplan diskuteras",
        USER,
        form=ConsentForm.WRITTEN,
        given_on=TODAY,
        today=TODAY,
    )
    booked = get_multiparty_meeting(db, meeting.id)
    assert booked.meeting_time == "10:00"
    assert booked.consent_recorded
    assert booked.consent_text.endswith("Att en avbetalningsplan diskuteras")
    assert booked.action_date == dt.date(2026, 12, 3)
    with pytest.raises(ValidationError, match="framtiden"):
        record_multiparty_meeting(
            db,
            meeting.id,
            version,
            meeting_date=dt.date(2026, 12, 3),
            participants="X",
            agreed="Y",
            user=USER,
            today=TODAY,
        )
    with pytest.raises(ValidationError, match="kom överens"):
        record_multiparty_meeting(
            db,
            meeting.id,
            version,
            meeting_date=TODAY,
            participants="X",
            agreed="",
            user=USER,
            today=TODAY,
        )
    record_multiparty_meeting(
        db,
        meeting.id,
        version,
        meeting_date=TODAY,
        participants="Hyresgästen, hyresvärden",
        agreed="Avbetalningsplan",
        user=USER,
        today=TODAY,
    )
    assert get_multiparty_meeting(db, meeting.id).held
    # Nothing consented: the landlord is told only that there is a meeting.
    version = get_multiparty_meeting(db, meeting.id).version
    record_consent(db, meeting.id, version, "", USER, form="oral", given_on=TODAY, today=TODAY)
    assert "Hyresgästen har inte samtyckt" in get_multiparty_meeting(db, meeting.id).consent_text
