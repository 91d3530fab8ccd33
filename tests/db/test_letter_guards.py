"""What stops a letter before it is drawn: a blank letterhead, an officer without name or phone,
a letter about something already past, a landlord's letter without the tenant's consent."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from bobudget.app.letters import (
    LetterRequest,
    letters_for_person,
    render_letter,
    renewal_letters_due,
    stale_warning,
)
from bobudget.app.users import own_details, set_own_details
from bobudget.cli import main
from bobudget.db.engine import Database
from bobudget.follow_up.multiparty import record_consent
from bobudget.kernel.config import Letterhead, Settings
from bobudget.kernel.errors import ValidationError
from bobudget.model import MultipartyMeeting
from tests.conftest import write_older_settings_file
from tests.db.test_letters import SETTINGS, TODAY, Home, add_officers, add_person, pdf_text


@pytest.fixture
def home(db: Database) -> Home:
    return add_person(
        db, serial=1, first="Åsa", last="Öberg", town="Sjövik", code="734 31", protected=False
    )


def _url(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


def test_a_blank_letterhead_is_refused_naming_what_to_fill_in_and_where(
    db: Database, home: Home
) -> None:
    add_officers(db)
    blank = Settings(letterhead=Letterhead(forwarding_address="Skatteverket, Box 2820"))
    request = LetterRequest("social_contract", home.person_id)
    with pytest.raises(ValidationError) as refused:
        render_letter(db, blank, request, user="anna", today=TODAY)
    message = str(refused.value)
    assert "brevhuvudet saknar kommun, postadress och telefon" in message
    assert "Administration → Enhetens inställningar" in message


def test_the_officer_is_the_signed_in_users_name_and_phone_never_the_login_name(
    db: Database, home: Home, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    request = LetterRequest("social_contract", home.person_id)
    with pytest.raises(ValidationError) as refused:
        render_letter(db, SETTINGS, request, user="kalle", today=TODAY)
    message = str(refused.value)
    assert "du som handläggare (kalle) saknar namn och telefonnummer" in message
    assert "Arkiv → Mina uppgifter" in message and "bobudget user set" in message

    # The command line: refused with exit 1 and no file, then the user fills in their details.
    write_older_settings_file(SETTINGS)
    out = tmp_path / "brev.pdf"
    argv = ["letter", "social_contract", "--person", home.identity, "--out", str(out)]
    argv += ["--db", _url(db), "--date", "2026-11-27"]
    assert main(argv) == 1
    assert "saknar namn och telefonnummer" in capsys.readouterr().err and not out.exists()
    details = ["user", "set", "--full-name", "Kalle Ämnesson", "--phone", "0522-69 70 55"]
    assert main([*details, "--email", "kalle@exempelby.example", "--db", _url(db)]) == 0
    assert main(argv) == 0
    text = pdf_text(out.read_bytes())
    assert "Kalle Ämnesson" in text and "0522-69 70 55" in text
    assert "kalle@exempelby.example" in text
    assert main(["user", "show", "--db", _url(db)]) == 0
    assert "Kalle Ämnesson" in capsys.readouterr().out


def test_own_details_are_checked_and_kept(db: Database) -> None:
    with pytest.raises(ValidationError, match="Telefonnumret 'ring mig'"):
        set_own_details(db, full_name="Kalle", phone="ring mig", user="kalle")
    with pytest.raises(ValidationError, match="för- och efternamn"):
        set_own_details(db, full_name="  ", phone="010-1", user="kalle")
    assert own_details(db, "kalle").full_name == ""
    set_own_details(db, full_name="Kalle Ämnesson", phone="+46 522 69 70 55", user="kalle")
    saved = own_details(db, "kalle")
    assert (saved.full_name, saved.phone, saved.email) == ("Kalle Ämnesson", "+46 522 69 70 55", "")


def test_a_letterhead_without_an_email_still_prints(db: Database, home: Home) -> None:
    add_officers(db)
    settings = replace(SETTINGS, letterhead=replace(SETTINGS.letterhead, email=""))
    request = LetterRequest("social_contract", home.person_id)
    text = pdf_text(render_letter(db, settings, request, user="anna", today=TODAY).pdf)
    assert "Anna Ärlig" in text and "010-123 45 99" in text
    assert dt.date(2026, 11, 27).isoformat() in text


def test_a_letter_about_something_past_warns_and_the_cli_needs_force(
    db: Database, home: Home, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_officers(db)
    # The start-up meeting on 3 December and the multiparty meeting on 10 December 2026.
    assert (
        stale_warning(db, SETTINGS, LetterRequest("startup_meeting", home.person_id), today=TODAY)
        == ""
    )
    later = dt.date(2026, 12, 11)
    for kind in ("multiparty_meeting_tenant", "startup_meeting"):
        warning = stale_warning(db, SETTINGS, LetterRequest(kind, home.person_id), today=later)
        assert "redan har passerat: mötet hölls" in warning, kind
    ended = stale_warning(db, SETTINGS, LetterRequest("temporary_end", home.person_id), today=TODAY)
    assert "boendet upphörde 31 juli 2026" in ended
    guarantee = LetterRequest("housing_first_rent_guarantee", home.person_id)
    assert stale_warning(db, SETTINGS, guarantee, today=TODAY) == ""
    assert "garantin gick ut 30 juni 2028" in stale_warning(
        db, SETTINGS, guarantee, today=dt.date(2028, 7, 1)
    )

    write_older_settings_file(SETTINGS)
    out = tmp_path / "slut.pdf"
    argv = ["letter", "temporary_end", "--person", home.identity, "--out", str(out)]
    argv += ["--db", _url(db), "--date", "2026-11-27"]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "boendet upphörde 31 juli 2026" in err and "--force" in err and not out.exists()
    assert main([*argv, "--force"]) == 0 and out.exists()


def test_letters_renewals_takes_only_renewals_still_to_act_on_and_says_what_it_skipped(
    db: Database, home: Home, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_officers(db)
    write_older_settings_file(SETTINGS)
    # The renewed period runs 1 November 2026 – 1 February 2027.
    due = renewal_letters_due(db, on=dt.date(2026, 10, 25), within_days=14)
    assert len(due.requests) == 1 and due.skipped == {}
    past = renewal_letters_due(db, on=dt.date(2027, 2, 5), within_days=14)
    assert past.requests == []
    assert past.skipped_text == (
        "Hoppade över 1 registrerad förlängning: 1 där den nya perioden redan har tagit slut."
    )
    out = tmp_path / "förlängningar.pdf"
    argv = ["letters", "renewals", "--within", "14", "--out", str(out), "--db", _url(db)]
    assert main([*argv, "--date", "2026-10-25"]) == 0
    assert main([*argv, "--date", "2026-10-26"]) == 0
    captured = capsys.readouterr()
    assert "Inga förlängningsbrev" in captured.out
    assert "1 där förlängningsbrevet redan har skickats" in captured.err
    assert main([*argv, "--date", "2027-02-05"]) == 0
    assert "den nya perioden redan har tagit slut" in capsys.readouterr().err


def test_the_landlords_invitation_needs_recorded_consent_and_names_only_consented_participants(
    db: Database, home: Home
) -> None:
    add_officers(db)
    with db.sessions() as s:
        meeting = s.get(MultipartyMeeting, home.multiparty_meeting_id)
        assert meeting is not None
        meeting.participants = "Gösta Ärlig (socialsekreterare); Ylva Åberg (bostadshandledare)"
        meeting.consent_recorded_at = None
        s.commit()
        version = meeting.version
    landlord = LetterRequest("multiparty_meeting_landlord", home.person_id)
    with pytest.raises(ValidationError, match="samtycke är inte registrerat"):
        render_letter(db, SETTINGS, landlord, user="anna", today=TODAY)
    choices = letters_for_person(db, SETTINGS, home.person_id, today=TODAY).kinds
    [choice] = [c for c in choices if c.kind == "multiparty_meeting_landlord"]
    assert not choice.available and "Samtycke" in choice.reason

    record_consent(
        db,
        home.multiparty_meeting_id,
        version,
        "",
        participants="Ylva Åberg (bostadshandledare)",
        form="written",
        given_on=TODAY,
        today=TODAY,
    )
    text = pdf_text(render_letter(db, SETTINGS, landlord, user="anna", today=TODAY).pdf)
    assert "Ylva Åberg (bostadshandledare)" in text
    assert "Gösta" not in text and "socialsekreterare" not in text
    tenant = LetterRequest("multiparty_meeting_tenant", home.person_id)
    text = pdf_text(render_letter(db, SETTINGS, tenant, user="anna", today=TODAY).pdf)
    assert "Gösta Ärlig (socialsekreterare)" in text
