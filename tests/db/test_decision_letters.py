"""Decision letters and what a lawyer checks on paper: the decision named, how to appeal (one
shared text), socialjouren, the boplan on its own, tenure stated as the fact, nothing about the
tenant's case to the landlord, nothing that locates a protected person's home."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from bobudget.app.letters import LetterRequest, list_letters, render_letter
from bobudget.cli import main
from bobudget.db.engine import Database
from bobudget.kernel.config import Settings
from bobudget.kernel.errors import ValidationError
from bobudget.model import Contract, ContractPeriod
from bobudget.placement.housing_stock import list_landlords, save_landlord
from bobudget.placement.takeover import get_takeover_review, record_takeover_review
from bobudget.placement.temporary import DecisionFacts, record_renewal_decision
from bobudget.placement.temporary_list import get_placement
from tests.conftest import write_older_settings_file
from tests.db.test_letters import (
    SETTINGS,
    TODAY,
    Home,
    add_officers,
    add_person,
    pdf_text,
    with_unit_text,
)

APPEAL = (
    "Skriv ett brev till socialnämnden i Exempelby kommun och skicka det till "
    "Bo- och budgetenheten, Box 1, 111 11 Exempelby. Brevet måste ha kommit fram inom tre "
    "veckor från den dag du fick beslutet."
)
DECISION_KINDS = ("temporary_renewal", "temporary_end", "temporary_refusal", "takeover_decision")
# Every letter that communicates a decision says how to appeal it, the placement too.
APPEALABLE = ("temporary_placement", *DECISION_KINDS)


@pytest.fixture
def homes(db: Database) -> tuple[Home, Home]:
    add_officers(db)
    ordinary = add_person(
        db, serial=1, first="Åsa", last="Öberg", town="Sjövik", code="734 31", protected=False
    )
    protected = add_person(
        db, serial=2, first="Märta", last="Lindström", town="Tallbacka", code="735 99",
        protected=True,
    )  # fmt: skip
    return ordinary, protected


def text_of(db: Database, kind: str, person_id: int, settings: Settings = SETTINGS) -> str:
    letter = render_letter(db, settings, LetterRequest(kind, person_id), user="anna", today=TODAY)
    return pdf_text(letter.pdf)


def _contract(db: Database, person_id: int, kind: str, *, ended: bool = False) -> Contract:
    with db.sessions() as s:
        stmt = select(Contract).where(Contract.person_id == person_id, Contract.kind == kind)
        stmt = stmt.where(Contract.end_date.is_not(None) if ended else Contract.end_date.is_(None))
        return s.scalars(stmt).one()


def test_every_decision_letter_names_its_decision_and_how_to_appeal(
    db: Database, homes: tuple[Home, Home]
) -> None:
    for home in homes:
        assert APPEAL in text_of(db, "temporary_placement", home.person_id)
        for kind in DECISION_KINDS:
            text = text_of(db, kind, home.person_id)
            assert "Eva Berg, enhetschef" in text, kind
            assert APPEAL in text, kind
            assert "förvaltningsrätten" in text, kind
            assert "hur du vill att beslutet ska ändras och varför" in text, kind


def test_the_end_and_the_refusal_give_socialjouren_and_refuse_without_its_number(
    db: Database, homes: tuple[Home, Home]
) -> None:
    person = homes[0].person_id
    for kind in ("temporary_end", "temporary_refusal"):
        assert "socialjouren, telefon 010-123 99 99" in text_of(db, kind, person)
        blank = dataclasses.replace(SETTINGS.letterhead, emergency_phone="")
        with pytest.raises(ValidationError, match="Socialjourens telefonnummer saknas"):
            text_of(db, kind, person, dataclasses.replace(SETTINGS, letterhead=blank))


def test_the_refusal_is_a_decision_not_to_renew_with_its_reasons(
    db: Database, homes: tuple[Home, Home]
) -> None:
    text = text_of(db, "temporary_refusal", homes[0].person_id)
    assert "Beslut om att inte förlänga ditt tillfälliga boende" in text
    assert "till och med den 30 juli 2026" in text and "senast den 31 juli 2026" in text
    assert "Varför vi inte förlänger Du har fått en egen lägenhet." in text


def test_a_decision_letter_without_its_decision_says_what_to_fill_in(
    db: Database, homes: tuple[Home, Home]
) -> None:
    person = homes[0].person_id
    placement = _contract(db, person, "temporary")
    with db.sessions() as s:
        period = s.scalars(
            select(ContractPeriod).where(ContractPeriod.contract_id == placement.id)
        ).all()[-1]
        period.decided_by = ""
        period.decision_reference = ""
        s.commit()
    with pytest.raises(ValidationError, match="saknar beslutsfattare och diarienummer"):
        text_of(db, "temporary_renewal", person)
    # Recorded afterwards, in the window's "Beslut om förlängningen…": the letter prints.
    version = get_placement(db, placement.id, TODAY).version
    facts = DecisionFacts(dt.date(2026, 10, 26), "Eva Berg, enhetschef", "SN 2026/0202")
    record_renewal_decision(db, placement.id, version, facts)
    assert "SN 2026/0202" in text_of(db, "temporary_renewal", person)


def test_the_appeal_text_is_one_part_an_administrator_can_change_once(
    db: Database, homes: tuple[Home, Home], tmp_path: Path
) -> None:
    text = "%% Egen text\nÖverklaga hos {kommun} inom tre veckor.\n"
    own = with_unit_text(db, "delar/overklagande", text)
    for kind in APPEALABLE:
        text = text_of(db, kind, homes[0].person_id, own)
        assert "Överklaga hos Exempelby kommun inom tre veckor." in text, kind
        assert APPEAL not in text and "Egen text" not in text, kind


def test_the_takeover_decision_follows_the_outcome(db: Database, homes: tuple[Home, Home]) -> None:
    person = homes[0].person_id
    contract = _contract(db, person, "transitional")
    text = text_of(db, "takeover_decision", person)
    assert "Prövotiden förlängs." in text and "Du får ta över" not in text
    review = get_takeover_review(db, contract.id, TODAY)
    record_takeover_review(
        db, contract.id, review.version, dt.date(2026, 11, 20), "Du har skött allt.",
        today=TODAY, outcome="not_taken_over", decided_by="Eva Berg, enhetschef",
        reference="SN 2026/0300",
    )  # fmt: skip
    text = text_of(db, "takeover_decision", person)
    assert "Du får inte ta över kontraktet." in text and APPEAL in text
    # The letter after two years is refused for a review held at twelve months, and the other
    # way round.
    with pytest.raises(ValidationError, match="före tvåårsdagen 2027-11-27"):
        text_of(db, "takeover_24_months", person)


def test_the_decision_after_two_years(db: Database, homes: tuple[Home, Home]) -> None:
    for home in homes:
        contract = _contract(db, home.person_id, "transitional")
        with db.sessions() as s:
            row = s.get(Contract, contract.id)
            assert row is not None
            row.start_date = dt.date(2024, 11, 1)
            row.takeover_reviewed_date = dt.date(2026, 11, 5)
            s.commit()
        text = text_of(db, "takeover_24_months", home.person_id)
        assert "Beslut efter två år med bostadssocialt kontrakt" in text
        assert "Den 1 november 2026 hade det gått två år" in text
        assert "Prövotiden förlängs." in text and APPEAL in text
        with pytest.raises(ValidationError, match="efter tvåårsdagen"):
            text_of(db, "takeover_decision", home.person_id)


def test_the_boplan_is_its_own_letter_and_not_in_the_lease(
    db: Database, homes: tuple[Home, Home], capsys: pytest.CaptureFixture[str]
) -> None:
    person = homes[0].person_id
    lease = text_of(db, "social_contract", person)
    assert "Att behålla bostaden" not in lease and "Boendestöd två timmar" not in lease
    assert "Boplanen är en egen handling som du skriver under för sig" in lease
    plan = text_of(db, "housing_plan", person)
    assert "Boplan" in plan and "Att behålla bostaden och trivas." in plan
    assert "Boplanen gäller från och med den 20 januari 2026" in plan
    assert "inget villkor för att du ska få bo kvar" in plan
    assert "Åsa Öberg" in plan and "För Bo- och budgetenheten" in plan  # its own signatures
    write_older_settings_file(SETTINGS)
    assert main(["letter", "--list"]) == 0
    assert "housing_plan" in capsys.readouterr().out


def test_tenure_is_stated_as_the_fact_that_applies(db: Database, homes: tuple[Home, Home]) -> None:
    person = homes[0].person_id
    # The social contract's tenant waived tenure before the rent tribunal.
    social = text_of(db, "social_contract", person)
    assert "Du har inget besittningsskydd. Du har avstått från det" in social
    assert "den 10 januari 2026" in social
    # The transitional contract: the municipality rents few flats from this landlord ...
    transitional = text_of(db, "transitional_contract", person)
    assert "Du har inget besittningsskydd under de två första åren" in transitional
    assert "från första dagen" not in transitional
    # ... until it rents at least three, recorded on the landlord: then tenure from day one.
    [row] = list_landlords(db)
    assert not row.data.municipality_rents_three
    data = dataclasses.replace(row.data, municipality_rents_three=True)
    save_landlord(db, data, row.id, row.version)
    assert list_landlords(db)[0].data.municipality_rents_three
    transitional = text_of(db, "transitional_contract", person)
    assert "Du har besittningsskydd från första dagen" in transitional


def test_the_lease_wording_a_lawyer_checks(db: Database, homes: tuple[Home, Home]) -> None:
    text = text_of(db, "social_contract", homes[0].person_id)
    assert "(12 kap. 4 och 8 §§ jordabalken)" in text
    assert "inom tre veckor från den dag du fick meddelandet" in text
    assert "från och med den 15 januari 2026 och tills vidare" in text


def test_the_guarantee_to_the_landlord_carries_no_case_number_and_states_a_condition(
    db: Database, homes: tuple[Home, Home]
) -> None:
    text = text_of(db, "housing_first_rent_guarantee", homes[0].person_id)
    assert "SN 2025/0100" not in text and "Diarienummer" not in text
    assert "Garantin lämnas på villkor att hyresvärden inte begär deposition" in text


def test_the_start_up_letter_speaks_to_the_tenant_not_from_the_staff_checklist(
    db: Database, homes: tuple[Home, Home]
) -> None:
    text = text_of(db, "startup_meeting", homes[0].person_id)
    assert text.count("Kallelse") >= 1 and "Vi kallar dig till ett uppstartsmöte" in text
    assert "din hemförsäkring" in text and "ditt elavtal" in text
    assert "bjuder in" not in text


def test_no_object_number_reaches_a_protected_person(
    db: Database, homes: tuple[Home, Home]
) -> None:
    ordinary, protected = homes
    for kind in ("social_contract", "transitional_contract", "tenure_waiver", "housing_plan"):
        assert "OBJ-2" not in text_of(db, kind, protected.person_id), kind
    assert "OBJ-11" in text_of(db, "social_contract", ordinary.person_id)


def test_the_new_kinds_print_from_the_command_line_and_are_logged(
    db: Database, homes: tuple[Home, Home], tmp_path: Path
) -> None:
    write_older_settings_file(SETTINGS)
    url = db.url.render_as_string(hide_password=False)
    for n, kind in enumerate(("housing_plan", "temporary_refusal", "takeover_decision")):
        out = tmp_path / f"brev{n}.pdf"
        argv = ["letter", kind, "--person", homes[1].identity, "--out", str(out), "--db", url]
        # The fixture's refusal is about a placement that ended in July: past, so --force.
        assert main([*argv, "--date", "2026-11-27", "--force"]) == 0, kind
        text = pdf_text(out.read_bytes())
        assert "Förmedlingsuppdrag" in text and "Tallbacka" not in text, kind
    logged = [entry.kind for entry in list_letters(db, homes[1].person_id)]
    assert sorted(logged) == ["housing_plan", "takeover_decision", "temporary_refusal"]
