"""Letters read as their recipient reads them: page by page, from the rendered PDF's text.

Each test here is a defect found by rendering every kind for an ordinary and a protected
person from the demo data and reading the pages (issue 10's second review).
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from bobudget.app.letters import (
    LetterRequest,
    render_letter,
    renewal_letters_due,
    stale_warning,
)
from bobudget.cli import main
from bobudget.db.engine import Database
from bobudget.demo.generate import fill_demo
from bobudget.kernel.config import Settings
from bobudget.kernel.errors import DomainError
from bobudget.letters.templates import TemplateError
from bobudget.model import Landlord, MultipartyMeeting, Person
from bobudget.placement.rules import client_call_by
from tests.conftest import write_older_settings_file
from tests.db.test_letters import (
    SETTINGS,
    TODAY,
    Home,
    add_officers,
    add_person,
    with_unit_text,
)


def page_texts(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture
def home(db: Database) -> Home:
    add_officers(db)
    return add_person(
        db, serial=3, first="Åsa", last="Öberg", town="Sjövik", code="734 31", protected=False
    )


def _with_template(db: Database, kind: str, text: str) -> Settings:
    return with_unit_text(db, kind, text)


def test_a_sign_off_is_never_split_from_its_lines_nor_from_the_text_above_it(
    db: Database, home: Home, tmp_path: Path
) -> None:
    # A heading with space above it, a line, then the sign-off: the decision_not_executed
    # letter once printed the sign-off's last line ("Telefon …") alone on page 2.
    request = LetterRequest("follow_up_meeting", home.person_id)
    seen_two_pages = False
    # Paragraphs (20 pt each) and the lines of one more (14 pt each) step the ending down the
    # page 2 pt at a time, so some step puts it where the heading's space above decides.
    for paragraphs, lines in itertools.product(range(12, 22), range(10)):
        body = "\n\n".join(f"Stycke {n} som fyller ut sidan." for n in range(paragraphs))
        block = " \\\n".join(f"Rad {n}" for n in range(lines + 1))
        template = (
            f"# Inbjudan\n\n{body}\n\n{block}\n\n## Frågor\nHar du frågor är du välkommen att "
            "höra av dig.\n\nMed vänliga hälsningar \\\n{handläggare} \\\n{enhet} \\\nSista "
            "raden\n"
        )
        settings = _with_template(db, "follow_up_meeting", template)
        pages = page_texts(render_letter(db, settings, request, user="anna", today=TODAY).pdf)
        seen_two_pages |= len(pages) > 1
        ending = next(p for p in pages if "Med vänliga hälsningar" in p)
        where = f"{paragraphs} stycken och {lines} rader"
        assert "Sista raden" in ending, f"{where}: hälsningen delades mellan två sidor"
        assert "Har du frågor" in ending and "Frågor" in ending, f"{where}: texten blev kvar"
    assert seen_two_pages


def test_a_letter_about_a_protected_person_to_their_landlord_is_not_sent_via_skatteverket(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The CLI once told staff to put the landlord's 12:39 notice in an inner envelope to
    # Skatteverket: the landlord would never have got it.
    add_officers(db)
    hidden = add_person(
        db, serial=4, first="Saga", last="Heikkilä", town="Östanå", code="734 94", protected=True
    )
    write_older_settings_file(SETTINGS)
    url = db.url.render_as_string(hide_password=False)
    common = ["--person", hidden.identity, "--db", url, "--date", TODAY.isoformat()]
    to_landlord = tmp_path / "underrattelse.pdf"
    assert main(["letter", "sublet_notice", "--out", str(to_landlord), *common]) == 0
    said = capsys.readouterr().err
    assert "Skatteverket" not in said and "innerkuvert" not in said
    first_page = page_texts(to_landlord.read_bytes())[0]
    assert "Skatteverket" not in first_page and "Innerkuvert" not in first_page
    assert (
        render_letter(
            db, SETTINGS, LetterRequest("sublet_notice", hidden.person_id), user="anna", today=TODAY
        ).protected
        is False
    )

    to_person = tmp_path / "kontrakt.pdf"
    assert main(["letter", "social_contract", "--out", str(to_person), *common]) == 0
    assert "Skatteverkets förmedling" in capsys.readouterr().err
    assert "Innerkuvert: Saga Heikkilä" in page_texts(to_person.read_bytes())[0]


def test_the_warning_for_a_period_already_ended_names_the_last_day_the_letter_prints(
    db: Database, home: Home
) -> None:
    # The first period reads "1 augusti – 31 oktober 2026" and its renewal starts 1 november:
    # the warning once said the period ended on 1 november, a day the letter gives the renewal.
    request = LetterRequest("temporary_placement", home.person_id)
    text = " ".join(page_texts(render_letter(db, SETTINGS, request, user="anna").pdf))
    assert "Till och med 31 oktober 2026" in text
    warning = stale_warning(db, SETTINGS, request, today=TODAY)
    assert "perioden tog slut 31 oktober 2026" in warning
    assert stale_warning(db, SETTINGS, request, today=dt.date(2026, 10, 31)) == ""
    assert "31 oktober" in stale_warning(db, SETTINGS, request, today=dt.date(2026, 11, 1))


def test_the_reminder_asks_for_a_call_a_week_before_the_period_ends_not_on_its_last_day(
    db: Database, home: Home
) -> None:
    # The period's last day is Sunday 31 January 2027. The reminder once asked the client to
    # call by Friday 29 January, and then said a late call leaves no time to assess the need.
    request = LetterRequest("temporary_reminder", home.person_id)
    text = " ".join(page_texts(render_letter(db, SETTINGS, request, user="anna", today=TODAY).pdf))
    assert "till och med den 31 januari 2027" in text
    assert "senast den 22 januari 2027" in text and "29 januari" not in text
    # Printed after that day, it asks for a call by the period's last working day.
    assert client_call_by(dt.date(2027, 1, 31), dt.date(2027, 1, 25)) == dt.date(2027, 1, 29)
    assert client_call_by(dt.date(2027, 1, 31), dt.date(2027, 1, 30)) == dt.date(2027, 1, 30)


# In running text a date reads "den 5 oktober 2026" (issue 10, point 8); the power of attorney
# once read "från och med 1 juni 2026 och och tills vidare".
RUNNING_DATES = {
    "managed_funds_agreement": [
        r"Fullmakten gäller från och med den \d+ \w+ \d{4} och tills vidare, eller tills jag",
    ],
    "managed_funds_payer": [r"inkomster från och med den \d+ \w+ \d{4}\."],
    "follow_up_meeting": [r"Mötet ska hållas senast den \d+ \w+ \d{4}\."],
    "offer": [r"Svara senast den \d+ \w+ \d{4}\.", r"Svarar du inte senast den \d+ \w+ \d{4}"],
    "sublet_notice": [r"i andra hand från och med den \d+ \w+ \d{4}\.", r"daterad den \d+"],
    "lease_termination": [r"nycklar senast den \d+ \w+ \d{4}\.", r"daterad den \d+"],
    "rent_arrears_notice": [r"i dag, den \d+ \w+ \d{4}, är sista dagen att betala den \d+"],
    "housing_first_welcome": [r"från och med den \d+ \w+ \d{4}\."],
}


@pytest.mark.parametrize("kind", sorted(RUNNING_DATES))
def test_dates_in_running_text_read_den_and_a_power_of_attorney_reads_och_once(
    db: Database, home: Home, kind: str
) -> None:
    request = LetterRequest(kind, home.person_id)
    text = " ".join(page_texts(render_letter(db, SETTINGS, request, user="anna", today=TODAY).pdf))
    assert "och och" not in text
    for pattern in RUNNING_DATES[kind]:
        assert re.search(pattern, text), f"{kind}: '{pattern}' saknas i: {text}"


def test_the_funds_agreement_states_its_term_in_one_phrase(db: Database, home: Home) -> None:
    # The table once read "Gäller till | och tills vidare".
    request = LetterRequest("managed_funds_agreement", home.person_id)
    text = " ".join(page_texts(render_letter(db, SETTINGS, request, user="anna", today=TODAY).pdf))
    assert re.search(r"Gäller från och med den \d+ \w+ \d{4} (och tills vidare|till och med)", text)
    assert "Gäller till" not in text


@pytest.mark.parametrize("rents_three", [True, False])
@pytest.mark.parametrize("kind", ["tenure_waiver_agreement", "tenure_waiver"])
def test_a_waiver_states_the_three_flats_only_where_they_are_a_fact(
    db: Database, home: Home, rents_three: bool, kind: str
) -> None:
    # The waiver and its application to the rent tribunal said the municipality rents at least
    # three flats from the landlord, for every landlord: false where the record says otherwise.
    with db.sessions() as s:
        for landlord in s.scalars(select(Landlord)):
            landlord.municipality_rents_three = rents_three
        s.commit()
    request = LetterRequest(kind, home.person_id)
    text = " ".join(page_texts(render_letter(db, SETTINGS, request, user="anna", today=TODAY).pdf))
    assert ("minst två andra lägenheter" in text) is rents_three
    if kind == "tenure_waiver_agreement":
        assert ("besittningsskydd från första dagen" in text) is rents_three
        assert ("när hyresförhållandet har varat i två år" in text) is not rents_three


def test_an_invitation_to_the_client_lists_the_client_as_du_not_as_hyresgasten(
    db: Database, home: Home
) -> None:
    # The tenant's invitation once listed "Hyresgästen" among those who will be there.
    with db.sessions() as s:
        meeting = s.scalars(select(MultipartyMeeting)).one()
        meeting.participants = "Hyresgästen; Åsa Öberg; Ylva Åberg (bostadshandledare)"
        s.commit()
    request = LetterRequest("multiparty_meeting_tenant", home.person_id)
    text = " ".join(page_texts(render_letter(db, SETTINGS, request, user="anna", today=TODAY).pdf))
    listed = text.split("deltar", 1)[1]
    assert "• Du • Du" not in listed and "• Du" in listed
    assert "Hyresgästen" not in listed and "Åsa Öberg •" not in listed
    assert "Ylva Åberg (bostadshandledare)" in listed


@pytest.mark.parametrize("kind", ["housing_first_rent_guarantee", "multiparty_meeting_landlord"])
def test_a_letterhead_without_an_email_leaves_no_dangling_or_in_a_landlords_letter(
    db: Database, home: Home, kind: str
) -> None:
    # The e-mail is optional; these letters once read "Skicka begäran till Box 1 … eller ."
    # The landlord's invitation named the officer with the unit's switchboard number: it now
    # gives the officer's own phone.
    no_email = replace(SETTINGS, letterhead=replace(SETTINGS.letterhead, email=""))
    request = LetterRequest(kind, home.person_id)
    text = " ".join(page_texts(render_letter(db, no_email, request, user="anna", today=TODAY).pdf))
    assert " eller ." not in text and "eller  " not in text
    if kind == "multiparty_meeting_landlord":
        assert "kontakta Anna Ärlig på telefon 010-123 45 99." in text
    else:
        assert "Skicka begäran till Box 1, 111 11 Exempelby." in text


def test_an_appeal_part_with_a_lease_word_is_refused_in_a_temporary_housing_letter(
    db: Database, home: Home, tmp_path: Path
) -> None:
    # The temporary templates were checked, but the shared appeal text printed in them was not:
    # an administrator's copy could put "hyresgästen" into a placement decision.
    text = "Du som hyresgäst kan överklaga beslutet till {kommun} inom tre veckor.\n"
    settings = with_unit_text(db, "delar/overklagande", text)
    for kind in ("temporary_placement", "temporary_renewal", "temporary_end"):
        with pytest.raises(TemplateError) as refused:
            render_letter(db, settings, LetterRequest(kind, home.person_id), user="anna")
        message = str(refused.value)
        assert "overklagande.txt (enhetens mall), rad 1" in message, kind
        assert "'hyresgäst'" in message, kind
    # A decision about a lease may say "hyresgäst": the takeover decision takes the same part.
    request = LetterRequest("takeover_decision", home.person_id)
    text = " ".join(page_texts(render_letter(db, settings, request, user="anna", today=TODAY).pdf))
    assert "Du som hyresgäst kan överklaga beslutet till Exempelby kommun" in text


def test_letters_renewals_leaves_out_a_renewal_whose_period_ended_yesterday(
    db: Database, home: Home
) -> None:
    # The renewal runs 1 november 2026 – 31 januari 2027. On 1 februari it is over, and the
    # batch once still printed its letter (it compared with the stored end, 1 februari).
    on_last_day = renewal_letters_due(db, on=dt.date(2027, 1, 31), within_days=30)
    assert [r.kind for r in on_last_day.requests] == ["temporary_renewal"]
    day_after = renewal_letters_due(db, on=dt.date(2027, 2, 1), within_days=30)
    assert day_after.requests == []
    assert "1 där den nya perioden redan har tagit slut" in day_after.skipped_text


def test_the_notice_to_the_landlord_does_not_tie_a_protected_subtenant_to_the_flat(
    db: Database, home: Home
) -> None:
    # The 12:39 notice named the subtenant beside the object number: for a person with
    # protected personal data that told the landlord where they live.
    add_person(
        db, serial=5, first="Saga", last="Heikkilä", town="Östanå", code="734 94", protected=True
    )
    for who, shown in (("Åsa Öberg", True), ("Saga Heikkilä", False)):
        with db.sessions() as s:
            person_id = s.scalars(select(Person.id).where(Person.first_name == who.split()[0]))
            request = LetterRequest("sublet_notice", person_id.one())
        text = " ".join(page_texts(render_letter(db, SETTINGS, request, user="anna").pdf))
        assert "upplåten i andra hand" in text and "Mottagningsbevis" in text
        assert (who in text) is shown
        assert ("Andrahandshyresgäst" in text) is shown


# Staff's journal words for the client: a letter to the client says "du".
THIRD_PERSON = re.compile(r"\b(Sökanden|Hyresgästen|Klienten)\b|(^|\. )Har flyttat")
CLIENT_TEXTS = {
    "temporary_end": "Varför boendet upphör",
    "decision_not_executed": "Varför det dröjer",
    "housing_plan": "Vem som ansvarar för vad",
}


def test_the_demos_letters_to_the_client_speak_to_them_not_about_them(
    sqlite_db: Database,
) -> None:
    # The demo printed "Har flyttat till socialt kontrakt.", "Sökanden har tackat nej …" and
    # "Hyresgästen har deltagit och godkänt planen." to the client.
    fill_demo(sqlite_db, 120, seed=7, today=TODAY)  # signs as whoever runs it, as the demo has
    with sqlite_db.sessions() as s:
        people = s.scalars(select(Person.id).order_by(Person.id)).all()
    read = dict.fromkeys(CLIENT_TEXTS, 0)
    for person_id in people:
        for kind, heading in CLIENT_TEXTS.items():
            if read[kind] >= 6:
                continue
            try:
                letter = render_letter(
                    sqlite_db, SETTINGS, LetterRequest(kind, person_id), today=TODAY
                )
            except DomainError:
                continue
            text = " ".join(page_texts(letter.pdf))
            body = text.split(heading, 1)[-1].split("Med vänliga hälsningar", 1)[0]
            assert not THIRD_PERSON.search(body), f"{kind}: {body}"
            read[kind] += 1
    assert all(read.values()), read
