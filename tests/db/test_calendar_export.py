"""Booked meetings as .ics for Outlook: read back with icalendar; no personal data in the file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from bobudget.app.calendar_export import (
    PLACE_HIDDEN,
    MeetingFilter,
    MeetingKind,
    booked_meetings,
    calendar_place,
    export_calendar,
    week_of,
)
from bobudget.cli import main
from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork
from bobudget.follow_up.startup_meetings import (
    StartupMeetingInput,
    get_startup_meeting,
    update_startup_meeting,
)
from bobudget.model import Person
from bobudget.persons.registry import search_persons
from bobudget.placement.temporary import PlacementInput, place_person
from tests.db import placement_data
from tests.db.calendar_helpers import booked_for_calendar
from tests.db.follow_up_helpers import USER

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _events(path: Path) -> list[dict[str, object]]:
    calendar = Calendar.from_ical(path.read_bytes())
    return [
        {
            "uid": str(e["UID"]),
            "summary": str(e["SUMMARY"]),
            "start": e.decoded("DTSTART"),
            "end": e.decoded("DTEND"),
            "location": str(e.get("LOCATION", "")),
            "sequence": int(e["SEQUENCE"]),
        }
        for e in calendar.walk("VEVENT")
    ]


def test_every_kind_read_back_in_stockholm_time_without_personal_data(
    db: Database, tmp_path: Path
) -> None:
    person_id, _meeting_id = booked_for_calendar(db)
    out = tmp_path / "moten.ics"
    count = export_calendar(db, out, MeetingFilter(first=dt.date(2026, 11, 1)))
    events = _events(out)
    assert count == len(events) == 3
    by_summary = {e["summary"]: e for e in events}
    ref = f"BU-{person_id}"
    startup = by_summary[f"Uppstartsmöte {ref}"]
    assert startup["start"] == dt.datetime(2026, 12, 1, 9, 30, tzinfo=STOCKHOLM)
    assert startup["end"] == dt.datetime(2026, 12, 1, 10, 30, tzinfo=STOCKHOLM)
    assert startup["start"].tzinfo.key == "Europe/Stockholm"  # type: ignore[attr-defined]
    # Typed as the tenant's address: the calendar points to the case instead.
    assert startup["location"] == PLACE_HIDDEN
    multiparty = by_summary[f"Flerpartssamtal {ref}"]
    assert multiparty["start"] == dt.datetime(2026, 12, 9, 13, 15, tzinfo=STOCKHOLM)
    assert multiparty["location"] == "Sjöviksbostäders kontor, Storgatan 1"
    follow_up = by_summary[f"Uppföljningsmöte {ref}"]
    assert follow_up["start"] == dt.date(2027, 1, 1)  # a day, no hour: one month after the start
    assert follow_up["end"] == dt.date(2027, 1, 2)

    text = out.read_bytes().decode("utf-8")
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/Stockholm" in text
    unfolded = text.replace("\r\n ", "")
    with db.sessions() as s:
        person = s.get(Person, person_id)
        assert person is not None
        private = [person.first_name, person.last_name, person.address, person.identity]
        private += [person.identity[2:8], person.identity[8:], "Kvarngatan"]
    for secret in private:
        assert secret not in unfolded, secret
    assert "Öberg" not in unfolded and "Karin" not in unfolded


def test_exporting_again_updates_the_same_events(db: Database, tmp_path: Path) -> None:
    _person_id, meeting_id = booked_for_calendar(db)
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    export_calendar(db, first, MeetingFilter(first=dt.date(2026, 11, 1)))
    version = get_startup_meeting(db, meeting_id).version
    update_startup_meeting(
        db,
        meeting_id,
        version,
        StartupMeetingInput(dt.date(2026, 12, 2), "10:00", "Enhetens kontor", responsible=USER),
        user=USER,
    )
    export_calendar(db, second, MeetingFilter(first=dt.date(2026, 11, 1)))
    before = {e["uid"]: e for e in _events(first)}
    after = {e["uid"]: e for e in _events(second)}
    assert before.keys() == after.keys()
    uid = f"startup-{meeting_id}@bobudget"
    assert after[uid]["start"] == dt.datetime(2026, 12, 2, 10, 0, tzinfo=STOCKHOLM)
    assert after[uid]["location"] == "Enhetens kontor"
    assert int(after[uid]["sequence"]) > int(before[uid]["sequence"])  # type: ignore[call-overload]


def test_a_users_week(db: Database, tmp_path: Path) -> None:
    booked_for_calendar(db)
    monday, sunday = week_of(dt.date(2026, 12, 3))
    assert (monday, sunday) == (dt.date(2026, 11, 30), dt.date(2026, 12, 6))
    mine = booked_meetings(db, MeetingFilter(first=monday, last=sunday, user=USER))
    assert [m.kind for m in mine] == [MeetingKind.STARTUP]
    theirs = booked_meetings(db, MeetingFilter(user="annan"))
    assert [m.kind for m in theirs] == [MeetingKind.MULTIPARTY]
    with pytest.raises(Exception, match="ingen användare med användarnamnet 'okand'"):
        booked_meetings(db, MeetingFilter(user="okand"))


def test_protected_identity_has_no_place_and_renewals_are_days(
    db: Database, tmp_path: Path
) -> None:
    person_id = placement_data.person(db)
    with UnitOfWork(db, USER) as uow:
        person = uow.session.get(Person, person_id)
        assert person is not None
        person.protected_identity = True
        uow.commit()
    decision_id = placement_data.decision(db, person_id, kind="temporary")
    place_person(
        db,
        PlacementInput(decision_id, placement_data.place(db), dt.date(2026, 11, 2)),
        user=USER,
    )
    meetings = booked_meetings(db, MeetingFilter(first=dt.date(2026, 11, 1), person_id=person_id))
    assert [m.kind for m in meetings] == [MeetingKind.RENEWAL]
    # The period of three months ends on Tuesday 2027-02-02, a working day: the action day.
    assert meetings[0].day == dt.date(2027, 2, 2)
    assert meetings[0].place == ""
    assert calendar_place("Enhetens kontor", [], protected=True) == ""


def test_place_rule() -> None:
    private = ["Karin", "Öberg", "Kvarngatan 12", "198503121234"]
    assert calendar_place("Enhetens kontor", private, protected=False) == "Enhetens kontor"
    assert calendar_place("hos karin", private, protected=False) == PLACE_HIDDEN
    assert calendar_place("KVARNGATAN  12 lgh 1001", private, protected=False) == PLACE_HIDDEN
    assert calendar_place("ang. 850312-1234", private, protected=False) == PLACE_HIDDEN


def test_the_case_reference_is_found_by_the_search(db: Database) -> None:
    person_id, _ = booked_for_calendar(db)
    assert [r.id for r in search_persons(db, f"BU-{person_id}")] == [person_id]
    assert [r.id for r in search_persons(db, f"bu {person_id}")] == [person_id]


def test_command_line(db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    person_id, _ = booked_for_calendar(db)
    url = db.url.render_as_string(hide_password=False)
    out = tmp_path / "vecka.ics"
    args = ["calendar", "--db", url, "--out", str(out), "--from", "2026-11-30"]
    assert main([*args, "--to", "2026-12-06", "--user", USER]) == 0
    assert "1 möten skrevs" in capsys.readouterr().out
    assert [e["summary"] for e in _events(out)] == [f"Uppstartsmöte BU-{person_id}"]
    assert main([*args, "--to", "2026-11-01"]) == 1
    assert "före startdatumet" in capsys.readouterr().err
    assert main([*args, "--to", "2026-02-31"]) == 1
    assert "31 februari 2026 finns inte" in capsys.readouterr().err
    assert main(["calendar", "--db", url, "--out", str(tmp_path / "x.txt")]) == 1
    assert ".ics" in capsys.readouterr().err
