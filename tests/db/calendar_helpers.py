"""A tenant with meetings of every booked kind, for the calendar tests (core and window)."""

from __future__ import annotations

import datetime as dt

from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork
from bobudget.follow_up.follow_ups import open_follow_up
from bobudget.follow_up.startup_meetings import (
    StartupMeetingInput,
    get_startup_meeting,
    open_startup_meeting,
    update_startup_meeting,
)
from bobudget.model import MultipartyMeeting, Person, User
from tests.db.follow_up_helpers import USER, tenant

NAME = ("Karin", "Öberg")
ADDRESS = "Kvarngatan 12"


def booked_for_calendar(db: Database) -> tuple[int, int]:
    """A tenant with a booked start-up meeting (at home), a follow-up and a flerpartssamtal."""
    t = tenant(db, dt.date(2026, 12, 1), first=NAME[0], last=NAME[1], address=ADDRESS)
    with UnitOfWork(db, USER) as uow:
        person = uow.session.get(Person, t.person_id)
        assert person is not None
        person.address = ADDRESS
        uow.session.add(User(username=USER, full_name="Hanna Handledare"))
        uow.session.add(User(username="annan", full_name="Anna Annan"))
        uow.session.add(
            MultipartyMeeting(
                person_id=t.person_id,
                contract_id=t.contract_id,
                due_date=dt.date(2026, 12, 10),
                meeting_date=dt.date(2026, 12, 9),
                meeting_time="13:15",
                place="Sjöviksbostäders kontor, Storgatan 1",
                responsible="annan",
            )
        )
        uow.commit()
    meeting_id = open_startup_meeting(db, t.contract_id, user=USER)
    version = get_startup_meeting(db, meeting_id).version
    update_startup_meeting(
        db,
        meeting_id,
        version,
        StartupMeetingInput(
            dt.date(2026, 12, 1),
            "09:30",
            f"{ADDRESS}, lägenheten",
            participants="Karin Öberg, Hanna",
            responsible=USER,
        ),
        user=USER,
    )
    open_follow_up(db, t.contract_id, user=USER)
    return t.person_id, meeting_id
