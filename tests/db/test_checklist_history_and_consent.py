"""A colleague's tick is taken away only when confirmed, and every tick and untick is kept with
who and when; a multiparty meeting's consent records how, when, until when and its withdrawal,
and a withdrawn or expired consent stops the landlord's invitation. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from bobudget.app.letters import LetterRequest, render_letter
from bobudget.db.engine import Database
from bobudget.follow_up.multiparty import (
    get_multiparty_meeting,
    record_consent,
    withdraw_consent,
)
from bobudget.follow_up.startup_meetings import (
    get_startup_meeting,
    open_startup_meeting,
    save_checklist_template,
    tick_checklist_item,
)
from bobudget.kernel.errors import ValidationError
from bobudget.model import StartupChecklistItem, User
from bobudget.model.vocab import ChecklistAction, ConsentForm
from tests.db.follow_up_helpers import TODAY, USER, tenant
from tests.db.test_letters import SETTINGS, add_officers, add_person, pdf_text

MORNING = dt.datetime(2026, 11, 27, 9, 30, tzinfo=dt.UTC)
NOON = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)


def test_a_colleagues_tick_is_taken_away_only_when_confirmed_and_all_is_kept(
    db: Database,
) -> None:
    with db.sessions() as s:
        s.add(User(username=USER, full_name="Hanna Handledare", phone=""))
        s.commit()
    t = tenant(db)
    save_checklist_template(db, "Elavtal\nHemförsäkring", None, USER)
    meeting_id = open_startup_meeting(db, t.contract_id, user=USER)
    item = get_startup_meeting(db, meeting_id).items[0]
    version = tick_checklist_item(db, item.id, item.version, user=USER, now=MORNING)

    with pytest.raises(ValidationError) as asked:
        tick_checklist_item(db, item.id, version, done=False, user="kollega", now=NOON)
    assert "Bocken sattes av Hanna Handledare den 2026-11-27 10:30, ta bort den?" in str(
        asked.value
    )
    shown = get_startup_meeting(db, meeting_id).items[0]
    assert shown.done and shown.untick_question("kollega") is not None
    assert shown.untick_question(USER) is None  # one's own tick is simply taken away

    version = tick_checklist_item(
        db, item.id, version, done=False, user="kollega", now=NOON, confirmed=True
    )
    version = tick_checklist_item(db, item.id, version, user="kollega", now=NOON)
    # Unticking one's own tick asks nothing.
    tick_checklist_item(db, item.id, version, done=False, user="kollega", now=NOON)

    history = get_startup_meeting(db, meeting_id).items[0].history
    assert [(e.action, e.username) for e in history] == [
        (ChecklistAction.TICKED, USER),
        (ChecklistAction.UNTICKED, "kollega"),
        (ChecklistAction.TICKED, "kollega"),
        (ChecklistAction.UNTICKED, "kollega"),
    ]
    assert history[0].line == "Bockade av: Hanna Handledare 2026-11-27 10:30"
    assert history[1].line == "Tog bort bocken: kollega 2026-11-27 13:00"


@pytest.fixture
def meeting(db: Database) -> tuple[int, int]:
    """The person and their multiparty meeting (booked, with a contract and a landlord)."""
    add_officers(db)
    home = add_person(
        db, serial=1, first="Åsa", last="Öberg", town="Sjövik", code="734 31", protected=False
    )
    return home.person_id, home.multiparty_meeting_id


def landlord_letter(db: Database, person_id: int, today: dt.date = TODAY) -> str:
    request = LetterRequest("multiparty_meeting_landlord", person_id)
    return pdf_text(render_letter(db, SETTINGS, request, user="anna", today=today).pdf)


def test_a_consent_records_how_when_and_until_when(db: Database, meeting: tuple[int, int]) -> None:
    person_id, meeting_id = meeting
    version = get_multiparty_meeting(db, meeting_id).version
    with pytest.raises(ValidationError) as refused:
        record_consent(db, meeting_id, version, "Avbetalningsplan", USER, today=TODAY)
    assert {e.field for e in refused.value.field_errors} == {"Hur samtycket gavs", "Gavs den"}
    with pytest.raises(ValidationError) as refused:
        record_consent(
            db, meeting_id, version, "x", USER, form=ConsentForm.ORAL,
            given_on=dt.date(2026, 11, 28), valid_until=dt.date(2026, 11, 1), today=TODAY,
        )  # fmt: skip
    assert {e.field for e in refused.value.field_errors} == {"Gavs den", "Gäller till"}

    record_consent(
        db, meeting_id, version, "Att en avbetalningsplan diskuteras", USER,
        form=ConsentForm.ORAL, given_on=dt.date(2026, 11, 20),
        valid_until=dt.date(2027, 2, 20), today=TODAY,
    )  # fmt: skip
    saved = get_multiparty_meeting(db, meeting_id)
    assert saved.consent_form == ConsentForm.ORAL
    assert saved.consent_particulars == "Muntligt 2026-11-20, gäller till 2027-02-20."
    assert "avbetalningsplan" in landlord_letter(db, person_id)


def test_a_withdrawn_or_expired_consent_stops_the_landlords_letter(
    db: Database, meeting: tuple[int, int]
) -> None:
    person_id, meeting_id = meeting
    version = record_consent(
        db, meeting_id, get_multiparty_meeting(db, meeting_id).version, "Avbetalningsplan",
        USER, form="written", given_on=dt.date(2026, 11, 20),
        valid_until=dt.date(2026, 12, 31), today=TODAY,
    )  # fmt: skip
    assert "Avbetalningsplan" in landlord_letter(db, person_id)
    # Past its last day: stopped.
    with pytest.raises(ValidationError, match="gällde till och med 2026-12-31"):
        landlord_letter(db, person_id, today=dt.date(2027, 1, 1))

    with pytest.raises(ValidationError) as refused:
        withdraw_consent(
            db, meeting_id, version, withdrawn_on=dt.date(2026, 11, 19), form="", today=TODAY
        )
    assert {e.field for e in refused.value.field_errors} == {
        "Hur det återkallades",
        "Återkallat den",
    }
    version = withdraw_consent(
        db, meeting_id, version, withdrawn_on=TODAY, form=ConsentForm.ORAL, user=USER, today=TODAY
    )
    withdrawn = get_multiparty_meeting(db, meeting_id)
    assert withdrawn.consent_particulars == (
        "Skriftligt 2026-11-20, gäller till 2026-12-31. Återkallat muntligt 2026-11-27."
    )
    assert "återkallades 2026-11-27" in withdrawn.consent_text
    with pytest.raises(ValidationError, match="återkallade samtycket 2026-11-27"):
        landlord_letter(db, person_id)
    with pytest.raises(ValidationError, match="redan återkallat"):
        withdraw_consent(db, meeting_id, version, withdrawn_on=TODAY, form="oral", today=TODAY)

    # Given anew, it holds again.
    record_consent(db, meeting_id, version, "", USER, form="written", given_on=TODAY, today=TODAY)
    assert get_multiparty_meeting(db, meeting_id).consent_withdrawn_on is None
    landlord_letter(db, person_id)


def test_a_tick_from_before_the_history_is_kept_when_it_is_taken_away(db: Database) -> None:
    t = tenant(db)
    save_checklist_template(db, "Elavtal", None, USER)
    meeting_id = open_startup_meeting(db, t.contract_id, user=USER)
    item = get_startup_meeting(db, meeting_id).items[0]
    with db.sessions() as s:
        row = s.get(StartupChecklistItem, item.id)
        assert row is not None
        row.done_by, row.done_at = "kollega", MORNING  # ticked before ticks were kept
        s.commit()
        version = row.version
    shown = get_startup_meeting(db, meeting_id).items[0]
    assert [(e.action, e.username) for e in shown.history] == [(ChecklistAction.TICKED, "kollega")]
    tick_checklist_item(db, item.id, version, done=False, user=USER, now=NOON, confirmed=True)
    history = get_startup_meeting(db, meeting_id).items[0].history
    assert [(e.action, e.username, e.at) for e in history] == [
        (ChecklistAction.TICKED, "kollega", MORNING),
        (ChecklistAction.UNTICKED, USER, NOON),
    ]
