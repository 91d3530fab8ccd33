"""Recording a held meeting by its contract (the command line's `bobudget meeting record`).

The window records the meeting shown on a tab; the command line names the contract, so the
contract's start-up meeting, or its next follow-up, is found (booked when there is none yet)
and recorded through the same services. A day still to come is refused before anything is
written.
"""

from __future__ import annotations

import datetime as dt

from bobudget.db.engine import Database
from bobudget.follow_up.follow_ups import (
    FollowUpRecord,
    RecordedFollowUp,
    get_follow_up,
    open_follow_up,
    record_follow_up,
)
from bobudget.follow_up.rules import held_date_problem
from bobudget.follow_up.startup_meetings import (
    StartupMeetingInput,
    get_startup_meeting,
    open_startup_meeting,
    update_startup_meeting,
)
from bobudget.kernel.errors import FieldError, ValidationError
from bobudget.placement.common import require_text

__all__ = ["HELD_LABEL", "record_follow_up_of_contract", "record_startup_held"]

HELD_LABEL = "Mötesdag"


def _check_held(held: dt.date, today: dt.date) -> None:
    problem = held_date_problem(held, today)
    if problem is not None:
        raise ValidationError(field_errors=[FieldError(HELD_LABEL, problem)])


def record_startup_held(
    db: Database,
    contract_id: int,
    held: dt.date,
    participants: str,
    *,
    user: str | None = None,
    today: dt.date | None = None,
) -> int:
    """The day the contract's start-up meeting was held and who took part; returns its id.

    The checklist is ticked, and the meeting closed, where it is gone through (the window).
    """
    today = today or dt.date.today()
    _check_held(held, today)
    participants = require_text(participants, "Skriv vilka som deltog i mötet.")
    meeting_id = open_startup_meeting(db, contract_id, user)
    meeting = get_startup_meeting(db, meeting_id)
    update_startup_meeting(
        db,
        meeting_id,
        meeting.version,
        StartupMeetingInput(
            meeting_date=held,
            meeting_time=meeting.meeting_time,
            place=meeting.place,
            participants=participants,
            responsible=meeting.responsible,
        ),
        user,
    )
    return meeting_id


def record_follow_up_of_contract(
    db: Database,
    contract_id: int,
    data: FollowUpRecord,
    *,
    user: str | None = None,
    today: dt.date | None = None,
) -> tuple[int, RecordedFollowUp]:
    """Record the contract's next follow-up as held; returns its id and what was booked next."""
    today = today or dt.date.today()
    _check_held(data.held_date, today)
    require_text(data.participants, "Skriv vilka som deltog i mötet.")
    follow_up_id = open_follow_up(db, contract_id, user)
    row = get_follow_up(db, follow_up_id)
    return follow_up_id, record_follow_up(db, follow_up_id, row.version, data, user, today)
