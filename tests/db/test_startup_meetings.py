"""The uppstartsmöte: its checklist from the administrator's template, ticked by whom and when."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from bobudget.db.engine import Database
from bobudget.follow_up.startup_meetings import (
    StartupMeetingInput,
    close_startup_meeting,
    default_checklist,
    get_checklist_template,
    get_startup_meeting,
    note_checklist_item,
    open_startup_meeting,
    save_checklist_template,
    tick_checklist_item,
    update_startup_meeting,
)
from bobudget.kernel.errors import ConflictError, ValidationError
from bobudget.model import AuditEntry, FollowUp, StartupChecklistItem, StartupMeeting
from tests.db.follow_up_helpers import TODAY, USER, staff, tenant

NOW = dt.datetime(2026, 11, 27, 9, 30, tzinfo=dt.UTC)


def test_the_default_checklist_is_domains() -> None:
    items = default_checklist()
    assert items[0] == "Stöd genomgånget"
    assert "Hemförsäkring" in items
    assert "Nycklar kvitterade" in items
    assert items[-1] == "Första uppföljning bokad"
    assert len(items) == 10


def test_a_meeting_gets_the_template_as_it_stands(db: Database) -> None:
    staff(db, USER)
    first = tenant(db, serial=1)
    template = get_checklist_template(db)
    assert template.is_default
    save_checklist_template(db, "Hemförsäkring\nElavtal\n\nNycklar kvitterade\n", None, USER)
    meeting_id = open_startup_meeting(db, first.contract_id, user=USER)
    meeting = get_startup_meeting(db, meeting_id)
    assert [i.text for i in meeting.items] == ["Hemförsäkring", "Elavtal", "Nycklar kvitterade"]
    assert meeting.due_date == dt.date(2026, 3, 1)
    assert meeting.responsible == USER
    # Opening again gives the same meeting; a later template change leaves it as it is.
    saved = get_checklist_template(db)
    save_checklist_template(db, "Bara en punkt", saved.version, USER)
    assert open_startup_meeting(db, first.contract_id, user=USER) == meeting_id
    assert len(get_startup_meeting(db, meeting_id).items) == 3


def test_template_edits_are_guarded(db: Database) -> None:
    with pytest.raises(ValidationError, match="minst en punkt"):
        save_checklist_template(db, "\n  \n", None, USER)
    version = save_checklist_template(db, "A\nB", None, USER)
    # Someone else saved first (the default was shown to both).
    with pytest.raises(ConflictError):
        save_checklist_template(db, "C", None, "någon")
    with pytest.raises(ConflictError):
        save_checklist_template(db, "C", version + 5, "någon")
    assert get_checklist_template(db).items == ["A", "B"]


def test_a_checklist_ticked_by_whom_and_when_then_closed(db: Database) -> None:
    t = tenant(db)
    meeting_id = open_startup_meeting(db, t.contract_id, user=USER)
    meeting = get_startup_meeting(db, meeting_id)
    update_startup_meeting(
        db,
        meeting_id,
        meeting.version,
        StartupMeetingInput(dt.date(2026, 3, 2), "9.30", "Kontoret", "Handledaren, hyresgästen"),
        user=USER,
    )
    first = meeting.items[0]
    tick_checklist_item(db, first.id, first.version, note="Via hemtjänsten", user=USER, now=NOW)
    ticked = get_startup_meeting(db, meeting_id)
    assert ticked.meeting_time == "09:30"
    assert ticked.items[0].done_by == USER
    assert ticked.items[0].done_at == NOW
    assert ticked.items[0].note == "Via hemtjänsten"
    assert not ticked.complete
    with pytest.raises(ValidationError, match="inte avbockade"):
        close_startup_meeting(db, meeting_id, ticked.version, user=USER, today=TODAY)
    for item in ticked.items[1:]:
        tick_checklist_item(db, item.id, item.version, user="kollega", now=NOW)
    done = get_startup_meeting(db, meeting_id)
    assert done.complete
    assert done.items[1].done_by == "kollega"
    follow_up_id = close_startup_meeting(db, meeting_id, done.version, user=USER, today=TODAY)
    assert get_startup_meeting(db, meeting_id).closed
    # Closing booked the first follow-up a month after move-in.
    with db.sessions() as s:
        follow_up = s.get(FollowUp, follow_up_id)
        assert follow_up is not None
        assert follow_up.due_date == dt.date(2026, 4, 1)
        assert follow_up.held_date is None
        ticks = s.scalar(select(func.count()).where(AuditEntry.action == "tick"))
        assert ticks == len(done.items)


def test_ticking_an_item_on_a_closed_meeting_is_refused(db: Database) -> None:
    t = tenant(db)
    save_checklist_template(db, "Hemförsäkring", None, USER)
    meeting_id = open_startup_meeting(db, t.contract_id, user=USER)
    meeting = get_startup_meeting(db, meeting_id)
    update_startup_meeting(
        db, meeting_id, meeting.version, StartupMeetingInput(dt.date(2026, 3, 1)), user=USER
    )
    item = meeting.items[0]
    version = tick_checklist_item(db, item.id, item.version, user=USER, now=NOW)
    close_startup_meeting(
        db, meeting_id, get_startup_meeting(db, meeting_id).version, user=USER, today=TODAY
    )
    with pytest.raises(ValidationError, match="avslutat"):
        tick_checklist_item(db, item.id, version, done=False, user=USER)
    with pytest.raises(ValidationError, match="avslutat"):
        note_checklist_item(db, item.id, version, "sent påkommet", user=USER)
    with db.sessions() as s:
        row = s.get(StartupChecklistItem, item.id)
        assert row is not None
        assert row.done_by == USER
        assert row.note == ""


def test_a_meeting_dated_before_the_contract_is_refused(db: Database) -> None:
    t = tenant(db, dt.date(2026, 3, 1))
    meeting_id = open_startup_meeting(db, t.contract_id, user=USER)
    meeting = get_startup_meeting(db, meeting_id)
    with pytest.raises(ValidationError, match="före kontraktets start 2026-03-01"):
        update_startup_meeting(
            db,
            meeting_id,
            meeting.version,
            StartupMeetingInput(dt.date(2026, 2, 27), "10:00", "Kontoret"),
            user=USER,
        )
    with pytest.raises(ValidationError, match="Klockslaget"):
        update_startup_meeting(
            db, meeting_id, meeting.version, StartupMeetingInput(None, "kl tio"), user=USER
        )
    unchanged = get_startup_meeting(db, meeting_id)
    assert unchanged.meeting_date is None
    assert unchanged.place == ""
    assert unchanged.version == meeting.version


def test_an_unheld_meeting_cannot_be_closed_and_a_stale_tick_conflicts(db: Database) -> None:
    t = tenant(db)
    save_checklist_template(db, "Elavtal", None, USER)
    meeting_id = open_startup_meeting(db, t.contract_id, user=USER)
    meeting = get_startup_meeting(db, meeting_id)
    item = meeting.items[0]
    tick_checklist_item(db, item.id, item.version, user=USER, now=NOW)
    with pytest.raises(ValidationError, match="hölls"):
        close_startup_meeting(db, meeting_id, meeting.version, user=USER, today=TODAY)
    with pytest.raises(ConflictError):
        tick_checklist_item(db, item.id, item.version, done=False, user="kollega")
    with db.sessions() as s:
        assert (
            s.scalar(select(StartupMeeting.closed).where(StartupMeeting.id == meeting_id)) is False
        )


def test_temporary_housing_has_no_startup_meeting(db: Database) -> None:
    t = tenant(db, kind="temporary")
    with pytest.raises(ValidationError, match="inte för tillfälligt boende"):
        open_startup_meeting(db, t.contract_id, user=USER)
