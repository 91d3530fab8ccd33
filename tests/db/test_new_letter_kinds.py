"""The letters added in issue 10, from the database: what each says, and what stops each."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bobudget.app.letters import LetterRequest, render_letter, stale_warning
from bobudget.db.engine import Database
from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.kernel.formatting import format_date_prose
from bobudget.model import Contract, ContractPeriod, ManagedFundsAccount, Offer
from tests.db.test_letters import SETTINGS, TODAY, Home, add_officers, add_person, pdf_text


@pytest.fixture
def home(db: Database) -> Home:
    add_officers(db)
    return add_person(
        db, serial=1, first="Åsa", last="Öberg", town="Sjövik", code="734 31", protected=False
    )


def text(db: Database, kind: str, home: Home, today: dt.date = TODAY) -> str:
    request = LetterRequest(kind, home.person_id)
    return pdf_text(render_letter(db, SETTINGS, request, user="anna", today=today).pdf)


def test_the_offer_states_the_reply_by_date_and_what_declining_means(
    db: Database, home: Home
) -> None:
    letter = text(db, "offer", home)
    assert "Svara senast 30 november 2026" in letter
    assert "Ditt beslut om hjälp med bostad gäller fortfarande" in letter
    assert "räknar vi det som att du har tackat nej" in letter
    request = LetterRequest("offer", home.person_id)
    assert "sista dagen att svara på erbjudandet var 30 november 2026" in stale_warning(
        db, SETTINGS, request, today=dt.date(2026, 12, 1)
    )
    with db.sessions() as s:
        for offer in s.scalars(select(Offer)):
            offer.answer = "declined"
            offer.decline_reason = "För dyr."
        s.commit()
    with pytest.raises(NotFoundError, match="inget erbjudande om bostad som väntar på svar"):
        text(db, "offer", home)


def test_the_reminder_names_the_period_the_talk_and_what_to_bring(db: Database, home: Home) -> None:
    letter = text(db, "temporary_reminder", home)
    # The period's last day, and a call a week before it, so the talk and the decision fit in
    # the period (placement.rules.client_call_by; tests/db/test_letters_as_read.py).
    assert "till och med den 31 januari 2027" in letter
    assert "senast den 22 januari 2027" in letter and "Ta med dig till samtalet" in letter
    assert "vilka bostäder du har sökt" in letter
    with db.sessions() as s:
        for period in s.scalars(select(ContractPeriod).where(ContractPeriod.sequence == 2)):
            period.outcome = "renewed"
        s.commit()
    with pytest.raises(ValidationError, match="redan ett beslut"):
        text(db, "temporary_reminder", home)


def test_notices_as_sublessor_carry_a_proof_of_service_page(db: Database, home: Home) -> None:
    for kind, receipt in (
        ("sublet_notice", "Mottagningsbevis"),
        ("lease_termination", "Delgivningskvitto"),
        ("rent_arrears_notice", "Delgivningskvitto"),
    ):
        request = LetterRequest(kind, home.person_id)
        letter = render_letter(db, SETTINGS, request, user="anna", today=TODAY)
        assert letter.pages == 2, kind
        assert receipt in pdf_text(letter.pdf).split("Sida 1 av 2")[1], kind
    termination = text(db, "lease_termination", home)
    assert "Hyresavtalet upphör 28 februari 2027" in termination
    assert "12 kap. 4 § jordabalken" in termination
    arrears = text(db, "rent_arrears_notice", home)
    assert "inom tre veckor" in arrears and "18 december 2026" in arrears
    assert "Sammanlagt ska du betala 8 642,00 kr" in arrears
    with db.sessions() as s:
        social = s.get(Contract, home.social_contract_id)
        assert social is not None
        social.end_reason = ""
        s.commit()
    with pytest.raises(ValidationError, match="saknar skäl till uppsägningen"):
        text(db, "lease_termination", home)


def test_the_waiver_agreement_comes_before_approval_with_the_application(
    db: Database, home: Home
) -> None:
    letter = text(db, "tenure_waiver_agreement", home)
    assert "Vad avståendet betyder" in letter and "Ansökan till hyresnämnden" in letter
    assert "bostadssocialt kontrakt" in letter  # the transitional contract, not yet approved
    with db.sessions() as s:
        for contract in s.scalars(select(Contract).where(Contract.kind == "transitional")):
            contract.tenure_waiver_approved = True
        s.commit()
    with pytest.raises(ValidationError, match="redan godkänt avståendet"):
        text(db, "tenure_waiver_agreement", home)


def test_egna_medel_agreement_says_how_to_withdraw_and_the_payer_gets_the_account(
    db: Database, home: Home
) -> None:
    agreement = text(db, "managed_funds_agreement", home)
    assert "Du kan återkalla fullmakten när du vill" in agreement
    assert "Kontot får aldrig bli negativt" in agreement
    payer = text(db, "managed_funds_payer", home)
    assert "Pensionsmyndigheten Box 38190 100 64 Stockholm" in payer
    assert "Swedbank 8327-9, 994 123 456-7" in payer
    with db.sessions() as s:
        for account in s.scalars(select(ManagedFundsAccount)):
            account.bank_account_reference = ""
        s.commit()
    with pytest.raises(ValidationError, match="saknar kontonummer"):
        text(db, "managed_funds_payer", home)


def test_the_welcome_letter_says_who_to_call_and_what_the_team_does_not_do(
    db: Database, home: Home
) -> None:
    letter = text(db, "housing_first_welcome", home)
    assert "Vem du ringer" in letter and "Anna Ärlig, telefon 010-123 45 99" in letter
    assert "Det här gör teamet inte" in letter
    assert "Du behöver inte vara drogfri" in letter


def test_the_follow_up_invitation_is_for_the_next_follow_up_not_yet_held(
    db: Database, home: Home
) -> None:
    letter = text(db, "follow_up_meeting", home)
    assert "Inbjudan till uppföljningsmöte" in letter and "senast den 15 december 2026" in letter
    assert stale_warning(db, SETTINGS, LetterRequest("follow_up_meeting", home.person_id)) == ""


def test_a_protected_tenants_notice_names_the_flat_by_its_contracts_first_day(
    db: Database,
) -> None:
    # Not the object number (it holds the flat's number), and not the program's row number,
    # which the notices once printed ("kontrakt nr 18") and which the tenant has never seen.
    add_officers(db)
    protected = add_person(
        db, serial=2, first="Märta", last="Lind", town="Tallbacka", code="735 99", protected=True
    )
    with db.sessions() as s:
        social = s.get(Contract, protected.social_contract_id)
        assert social is not None
        began = format_date_prose(social.start_date)
    for kind in ("lease_termination", "rent_arrears_notice"):
        shown = text(db, kind, protected)
        assert f"kontrakt från den {began}" in shown, kind
        assert "kontrakt nr" not in shown, kind
