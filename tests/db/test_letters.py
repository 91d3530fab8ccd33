"""Letters from the database, on SQLite and PostgreSQL: every kind, the rules, the log, the CLI."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from bobudget.app.letters import (
    LetterRequest,
    letters_for_person,
    list_letters,
    logged_pdf,
    produce_letter,
    record_batch,
    render_batch,
    render_letter,
    renewal_requests_due,
)
from bobudget.cli import main
from bobudget.db.engine import Database
from bobudget.db.settings_in_use import effective_settings
from bobudget.db.uow import current_username
from bobudget.funds.posting import post_entry
from bobudget.funds.queries import EntryInput
from bobudget.kernel.config import Letterhead, Settings, TemplateText
from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.kernel.identity import demo_identity
from bobudget.letters.kinds import KINDS, LEASE_WORDS, TEMPORARY_KINDS
from bobudget.letters.render import RenderCancelled
from bobudget.letters.templates import TemplateError
from bobudget.letters.unit_templates import carry_over, save_template
from bobudget.model import (
    BudgetLine,
    Contract,
    ContractPeriod,
    Decision,
    Disturbance,
    Dwelling,
    FollowUp,
    Household,
    HouseholdMember,
    HousingPlan,
    Landlord,
    ManagedFundsAccount,
    MultipartyMeeting,
    Offer,
    Person,
    PrintedLetter,
    RentArrear,
    StartupChecklistItem,
    StartupMeeting,
    TemporaryPlace,
    User,
)
from bobudget.model.vocab import UserRole
from tests.conftest import write_older_settings_file

TODAY = dt.date(2026, 11, 27)
SETTINGS = Settings(
    letterhead=Letterhead(
        municipality="Exempelby kommun",
        administration="Socialförvaltningen",
        unit="Bo- och budgetenheten",
        postal_address="Box 1, 111 11 Exempelby",
        phone="010-123 45 67",
        email="bbe@exempelby.example",
        forwarding_address="Skatteverket\nFörmedlingsuppdrag\nBox 2820\n403 20 Göteborg",
        emergency_phone="010-123 99 99",
    )
)


def with_unit_text(db: Database, name: str, text: str, settings: Settings = SETTINGS) -> Settings:
    """The unit's own text for `name` saved in the database as an administrator saves it, and
    the settings a letter then takes (effective_settings' template texts)."""
    username = current_username(db)
    with db.sessions() as s:
        user = s.scalar(select(User).where(User.username == username))
        if user is None:
            s.add(User(username=username, full_name="Ada Admin", role=UserRole.ADMINISTRATOR))
        else:
            user.role = UserRole.ADMINISTRATOR
        s.commit()
    save_template(db, name, text)
    return replace(settings, template_overrides=dict(effective_settings(db).template_overrides))


# What must be true of each kind for the ordinary person (dates in prose, amounts as shown).
FACTS = {
    "social_contract": ["5 234,50 kr", "15 januari 2026", "12 kap. 4 och 8 §§"],
    "transitional_contract": ["27 november 2026", "6 112,00 kr", "inte stört"],
    "housing_first_rent_guarantee": ["31 407,00 kr", "30 juni 2028", "Åkerbo Fastigheter AB"],
    "temporary_placement": [
        "1 augusti 2026",
        "31 oktober 2026",
        "egenavgift på 1 500,00 kr per månad",
    ],
    "temporary_renewal": [
        "1 november 2026",
        "31 januari 2027",
        "Du behöver fortfarande boendet",
        "SN 2026/0201",
        "Eva Berg, enhetschef",
    ],
    "temporary_end": ["31 juli 2026", "Du har fått en egen lägenhet", "SN 2026/0150"],
    "startup_meeting": ["3 december 2026", "13.30", "din hemförsäkring", "Ylva Åberg"],
    "multiparty_meeting_tenant": ["10 december 2026", "4 321,00 kr", "september 2026"],
    "multiparty_meeting_landlord": ["10 december 2026", "Åkerbo Fastigheter AB"],
    "tenure_waiver": ["10 januari 2026", "45 a §"],
    "decision_not_executed": ["20 juni 2026", "20 september 2026", "För långt från skolan"],
    "managed_funds_statement": ["10 000,00 kr", "12 345,67 kr", "-5 234,50 kr", "15 611,17 kr"],
    "managed_funds_budget": ["12 345,67 kr", "5 646,50 kr", "6 699,17 kr"],
    "housing_plan": ["Att behålla bostaden", "Boendestöd två timmar", "20 januari 2026"],
    "temporary_refusal": ["inte förlänga", "30 juli 2026", "31 juli 2026", "SN 2026/0150"],
    "takeover_decision": ["Prövotiden förlängs", "20 november 2026", "SN 2026/0300"],
    "takeover_24_months": ["två år", "Prövotiden förlängs", "27 november 2026"],
    "offer": [
        "Erbjudandegatan 1B",
        "30 november 2026",
        "Antal rum 2",
        "tackar nej",
        "20 juni 2026",
    ],
    "temporary_reminder": ["31 januari 2027", "egen bostad", "legitimation"],
    "follow_up_meeting": ["15 december 2026", "Ylva Åberg", "socialt kontrakt"],
    "sublet_notice": ["15 januari 2026", "KL-2026-7", "OBJ-11", "Mottagningsbevis"],
    "lease_termination": ["28 februari 2027", "Störande grannar", "Delgivningskvitto"],
    "rent_arrears_notice": ["september 2026", "8 642,00 kr", "18 december 2026", "Delgivning"],
    "tenure_waiver_agreement": ["45 a §", "Ansökan till hyresnämnden", "6 112,00 kr"],
    "managed_funds_agreement": ["återkalla", "12 345,67 kr", "Fullmakt", "Swedbank 8327-9"],
    "managed_funds_payer": ["Pensionsmyndigheten", "Box 38190", "Swedbank 8327-9"],
    "housing_first_welcome": ["5 234,50 kr", "1 juni 2026", "Åkerbo Fastigheter AB", "112"],
}
# The decision after two years and the one after the review at twelve months are the same
# review seen at two dates: the fixture's review is the earlier; a test of its own moves it.
ONE_AT_A_TIME = {"takeover_24_months"}


def pdf_text(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


@dataclass(frozen=True)
class Home:
    """A person and everything that would betray where they live."""

    person_id: int
    identity: str
    address_parts: tuple[str, ...]
    social_contract_id: int
    multiparty_meeting_id: int


def add_person(
    db: Database, *, serial: int, first: str, last: str, town: str, code: str, protected: bool
) -> Home:
    """A fictional person with one of everything a letter can be about, living in `town`."""
    identity = demo_identity(dt.date(1984, 5, serial), serial)
    with db.sessions() as s:
        person = Person(
            identity=identity.canonical,
            identity_kind=identity.kind.value,
            first_name=first,
            last_name=last,
            address=f"Ängsvägen {serial}",
            postal_code=code,
            city=town,
            protected_identity=protected,
        )
        child = Person(
            identity=demo_identity(dt.date(2015, 3, serial), 10).canonical,
            identity_kind="personnummer",
            first_name="Elis",
            last_name=last,
        )
        household = Household(name=f"Hushåll {last}")
        household.members += [
            HouseholdMember(person=person, role="applicant"),
            HouseholdMember(person=child, role="child"),
        ]
        s.add(household)
        landlord = s.scalar(select(Landlord)) or Landlord(
            name="Åkerbo Fastigheter AB",
            contact_name="Örjan Ek",
            address="Box 77, 451 80 Uddevalla",
        )

        def dwelling(n: int) -> Dwelling:
            # They live in every dwelling they rent: each address is theirs to protect.
            return Dwelling(
                landlord=landlord,
                address=f"Ängsvägen {serial}{n}",
                postal_code=code,
                city=town,
                object_number=f"OBJ-{serial}{n}",
                rooms=2,
                area_m2=Decimal("54.5"),
                rent_ore=500_000,
            )

        executed = Decision(
            household=household,
            kind="housing",
            decision_date=dt.date(2025, 10, 1),
            status="executed",
            reference="SN 2025/0100",
            decided_by="Gösta Ärlig",
        )
        common = {"person": person, "household": household, "decision": executed}
        social = Contract(
            kind="social",
            dwelling=dwelling(1),
            start_date=dt.date(2026, 1, 15),
            monthly_rent_ore=523_450,
            municipality_lease_reference="KL-2026-7",
            end_reason="Störande grannar har anmält upprepade störningar nattetid.",
            tenure_waiver_approved=True,
            tenure_waiver_date=dt.date(2026, 1, 10),
            **common,
        )
        transitional = Contract(
            kind="transitional",
            dwelling=dwelling(2),
            start_date=dt.date(2025, 11, 27),
            monthly_rent_ore=611_200,
            takeover_reviewed_date=dt.date(2026, 11, 20),
            takeover_review_note="Du har betalat hyran i tid men haft en störning i oktober.",
            takeover_outcome="extended",
            takeover_decided_by="Eva Berg, enhetschef",
            takeover_decision_reference="SN 2026/0300",
            **common,
        )
        housing_first = Contract(
            kind="housing_first",
            dwelling=dwelling(3),
            start_date=dt.date(2026, 6, 1),
            monthly_rent_ore=523_450,
            guarantee_ceiling_ore=3_140_700,
            guarantee_end_date=dt.date(2028, 6, 30),
            guarantee_covers_damages=True,
            **common,
        )
        place = TemporaryPlace(
            name=f"Vandrarhemmet Åsen {serial}",
            address=f"Ängsvägen {serial}4",
            postal_code=code,
            city=town,
            cost_ore=25_000,
            cost_unit="night",
            rules="Tyst efter klockan 22. Inga gäster på rummen.",
        )
        placement = Contract(
            kind="temporary",
            temporary_place=place,
            start_date=dt.date(2026, 8, 1),
            client_fee_ore=150_000,
            client_fee_unit="month",
            **common,
        )
        placement.periods += [
            ContractPeriod(
                sequence=1,
                start_date=dt.date(2026, 8, 1),
                end_date=dt.date(2026, 11, 1),
                outcome="renewed",
            ),
            ContractPeriod(
                sequence=2,
                start_date=dt.date(2026, 11, 1),
                end_date=dt.date(2027, 2, 1),
                outcome="pending",
                assessment="Du behöver fortfarande boendet: du har sökt fjorton lägenheter.",
                decision_date=dt.date(2026, 10, 25),
                decided_by="Eva Berg, enhetschef",
                decision_reference="SN 2026/0201",
            ),
        ]
        ended = Contract(
            kind="temporary",
            temporary_place=place,
            start_date=dt.date(2026, 5, 1),
            end_date=dt.date(2026, 7, 31),
            end_reason="Du har fått en egen lägenhet.",
            end_decision_date=dt.date(2026, 7, 10),
            end_decided_by="Eva Berg, enhetschef",
            end_decision_reference="SN 2026/0150",
            **common,
        )
        ended.periods.append(
            ContractPeriod(
                sequence=1,
                start_date=dt.date(2026, 5, 1),
                end_date=dt.date(2026, 7, 31),
                outcome="ended",
            )
        )
        s.add_all([social, transitional, housing_first, placement, ended])
        s.flush()
        s.add(
            HousingPlan(
                contract_id=social.id,
                goals="Att behålla bostaden och trivas.",
                support="Boendestöd två timmar i veckan.",
                adopted_date=dt.date(2026, 1, 20),
            )
        )
        meeting = StartupMeeting(
            contract=social,
            due_date=dt.date(2026, 12, 1),
            meeting_date=dt.date(2026, 12, 3),
            meeting_time="13.30",
            place="Stadshuset, rum Ärlan",
            participants="Gösta Ärlig (socialsekreterare); Ylva Åberg",
        )
        meeting.items += [
            StartupChecklistItem(position=1, text="Hemförsäkring"),
            StartupChecklistItem(position=2, text="Elavtal"),
        ]
        s.add(meeting)
        s.add(
            FollowUp(
                contract=social,
                due_date=dt.date(2026, 12, 15),
                participants="Ylva Åberg (bostadshandledare)",
            )
        )
        s.add_all(
            [
                RentArrear(
                    contract_id=social.id,
                    person_id=person.id,
                    month=dt.date(2026, 9, 1),
                    amount_ore=432_100,
                    registered_date=dt.date(2026, 10, 5),
                ),
                RentArrear(
                    contract_id=social.id,
                    person_id=person.id,
                    month=dt.date(2026, 10, 1),
                    amount_ore=432_100,
                    registered_date=dt.date(2026, 11, 5),
                ),
                Disturbance(
                    contract_id=social.id,
                    person_id=person.id,
                    reported_date=dt.date(2026, 10, 2),
                    description="Hög musik nattetid",
                ),
            ]
        )
        s.flush()
        multiparty = MultipartyMeeting(
            person_id=person.id,
            contract_id=social.id,
            due_date=dt.date(2026, 11, 20),
            meeting_date=dt.date(2026, 12, 10),
            meeting_time="10.00",
            place="Åkerbo Fastigheter, kundtjänst",
            participants="Hyresgästen; Ylva Åberg (bostadshandledare)",
            consent_recorded_at=dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC),
            consented_participants="Ylva Åberg (bostadshandledare)",
        )
        waiting = Decision(
            household=household,
            kind="housing",
            decision_date=dt.date(2026, 6, 20),
            reference="SN 2026/0042",
            decided_by="Gösta Ärlig",
            delay_reason="Det finns få lägenheter med två rum.",
        )
        waiting.offers.append(
            Offer(
                dwelling=Dwelling(
                    landlord=landlord,
                    address=f"Erbjudandegatan {serial}",
                    postal_code="451 50",
                    city="Uddevalla",
                ),
                offered_date=dt.date(2026, 8, 3),
                answer="declined",
                decline_reason="För långt från skolan.",
            )
        )
        offered = Dwelling(
            landlord=landlord,
            address=f"Erbjudandegatan {serial}B",
            postal_code="451 50",
            city="Uddevalla",
            rooms=2,
            rent_ore=612_300,
        )
        waiting.offers.append(
            Offer(
                dwelling=offered,
                offered_date=dt.date(2026, 11, 20),
                reply_by=dt.date(2026, 11, 30),
                answer="pending",
            )
        )
        account = ManagedFundsAccount(
            bank_account_reference="Swedbank 8327-9, 994 123 456-7",
            person=person,
            power_of_attorney_start=dt.date(2026, 3, 1),
            review_date=dt.date(2027, 3, 1),
        )
        s.add_all([multiparty, waiting, account])
        s.flush()
        s.add_all(
            BudgetLine(account_id=account.id, direction=d, category=c, monthly_amount_ore=amount)
            for d, c, amount in [
                ("income", "pension", 1_234_567),
                ("expense", "hyra", 523_450),
                ("expense", "el", 41_200),
            ]
        )
        s.commit()
        account_id = account.id
        streets = {
            person.address,
            *(c.dwelling.address for c in (social, transitional, housing_first)),
            place.address,
            offered.address,
        }
        home = Home(person.id, identity.canonical, (*streets, code, town), social.id, multiparty.id)
    for day, amount, kind, category, who in [
        (dt.date(2026, 9, 25), 1_000_000, "income", "pension", ""),
        (dt.date(2026, 10, 5), 150_000, "cash", "levnadsomkostnader", ""),
        (dt.date(2026, 10, 25), 1_234_567, "income", "pension", "Pensionsmyndigheten"),
        (dt.date(2026, 10, 28), 523_450, "payment", "hyra", "Åkerbo Fastigheter AB"),
    ]:
        entry = EntryInput(kind, day, amount, category, who, handed_out_by="Ylva Åberg")
        post_entry(db, account_id, entry, user="anna", today=TODAY)
    return home


def add_officers(db: Database) -> None:
    """The users who sign the letters: the tests' "anna" and whoever runs the tests."""
    with db.sessions() as s:
        for username in dict.fromkeys(("anna", current_username(db))):
            s.add(User(username=username, full_name="Anna Ärlig", phone="010-123 45 99"))
        s.commit()


@pytest.fixture
def homes(db: Database) -> tuple[Home, Home]:
    add_officers(db)
    ordinary = add_person(
        db, serial=1, first="Åsa", last="Öberg", town="Sjövik", code="734 31", protected=False
    )
    protected = add_person(
        db,
        serial=2,
        first="Märta",
        last="Lindström",
        town="Tallbacka",
        code="735 99",
        protected=True,
    )
    return ordinary, protected


def render(db: Database, kind: str, person_id: int, **kwargs: object) -> str:
    request = LetterRequest(kind, person_id, **kwargs)  # type: ignore[arg-type]
    return pdf_text(render_letter(db, SETTINGS, request, user="anna", today=TODAY).pdf)


def test_every_kind_renders_with_swedish_letters_and_its_facts(
    db: Database, homes: tuple[Home, Home]
) -> None:
    ordinary = homes[0]
    for kind in KINDS.keys() - ONE_AT_A_TIME:
        text = render(db, kind, ordinary.person_id, month=dt.date(2026, 10, 1))
        assert "Åsa" in text and "Exempelby kommun" in text, kind
        assert "27 november 2026" in text or "2026-11-27" in text, kind
        for fact in FACTS[kind]:
            assert fact in text, (kind, fact)
        assert "å" in text and "ä" in text and "ö" in text, kind


def test_no_letter_to_a_protected_person_carries_any_part_of_their_address(
    db: Database, homes: tuple[Home, Home]
) -> None:
    protected = homes[1]
    for kind in KINDS.keys() - ONE_AT_A_TIME:
        text = render(db, kind, protected.person_id)
        for part in protected.address_parts:
            assert part not in text, (kind, part)
        if KINDS[kind].recipient.value == "person":
            assert "Förmedlingsuppdrag" in text and "Box 2820" in text, kind
            assert protected.identity[:8] in text.replace("-", ""), kind
        else:  # to the landlord, not even that the tenant's data is protected
            assert "skyddade" not in text and "Förmedling" not in text, kind


def test_a_protected_person_placed_is_told_how_to_learn_where_to_go(
    db: Database, homes: tuple[Home, Home]
) -> None:
    # The place's name and address are withheld; the letter once still said "Här kan du läsa
    # var du ska bo" above a table that showed neither, and nothing more.
    ordinary, protected = homes
    for kind in ("temporary_placement", "temporary_renewal"):
        text = render(db, kind, protected.person_id)
        assert "därför står inte platsens namn och adress i brevet" in text, kind
        assert "Ring Anna Ärlig på telefon 010-123 45 99" in text, kind
        assert "läsa var du ska bo" not in text, kind
        shown = render(db, kind, ordinary.person_id)
        assert "platsens namn och adress" not in shown, kind
    assert "Här kan du läsa var du ska bo" in render(db, "temporary_placement", ordinary.person_id)


def test_the_window_is_told_to_warn_for_protected_persons(
    db: Database, homes: tuple[Home, Home]
) -> None:
    ordinary, protected = homes
    assert letters_for_person(db, SETTINGS, protected.person_id, today=TODAY).protected
    options = letters_for_person(db, SETTINGS, ordinary.person_id, today=TODAY)
    assert not options.protected
    assert all(choice.available for choice in options.kinds if choice.kind not in ONE_AT_A_TIME)
    letter = render_letter(
        db, SETTINGS, LetterRequest("temporary_end", protected.person_id), today=TODAY
    )
    assert letter.protected


def test_temporary_letters_never_use_lease_words(db: Database, homes: tuple[Home, Home]) -> None:
    for home in homes:
        for kind in TEMPORARY_KINDS:
            text = render(db, kind, home.person_id).lower()
            for word in LEASE_WORDS:
                assert word not in text, (kind, word)


def test_the_landlord_learns_nothing_about_the_tenant_without_consent(
    db: Database, homes: tuple[Home, Home]
) -> None:
    ordinary = homes[0]
    text = render(db, "multiparty_meeting_landlord", ordinary.person_id).lower()
    for word in (
        "skuld",
        "obetal",
        "4 321",
        "störning",
        "musik",
        "avhysning",
        "bistånd",
        "boendestöd",
        "egna medel",
        "ekonomi",
        "socialsekreterare",
        "pension",
    ):
        assert word not in text, word
    with db.sessions() as s:
        meeting = s.get(MultipartyMeeting, ordinary.multiparty_meeting_id)
        assert meeting is not None
        meeting.consent_to_share = "Att en avbetalningsplan för hyresskulden har gjorts upp."
        s.commit()
    text = render(db, "multiparty_meeting_landlord", ordinary.person_id)
    assert "Att en avbetalningsplan för hyresskulden har gjorts upp." in text
    assert "4 321" not in text


def test_letters_without_the_data_they_need_say_what_is_missing(
    db: Database, homes: tuple[Home, Home]
) -> None:
    ordinary = homes[0]
    with db.sessions() as s:
        social = s.get(Contract, ordinary.social_contract_id)
        assert social is not None
        social.tenure_waiver_approved = False
        lonely = Person(
            identity=demo_identity(dt.date(1990, 1, 1), 5).canonical,
            identity_kind="personnummer",
            first_name="Ensam",
            last_name="Utanadress",
        )
        s.add(lonely)
        s.commit()
        lonely_id = lonely.id
    with pytest.raises(ValidationError, match="hyresnämnden"):
        render(db, "tenure_waiver", ordinary.person_id)
    with pytest.raises(NotFoundError, match=r"Personen har inget aktivt tillfälligt boende\."):
        render(db, "temporary_placement", lonely_id)
    with db.sessions() as s:
        household = Household(name="Utanadress")
        household.members.append(HouseholdMember(person_id=lonely_id))
        s.add(Decision(household=household, kind="housing", decision_date=dt.date(2026, 1, 2)))
        s.commit()
    with pytest.raises(ValidationError, match="Ensam Utanadress saknar adress"):
        render(db, "decision_not_executed", lonely_id)


def test_an_address_typed_on_two_lines_prints_on_one_in_sentences_and_the_footer(
    db: Database, homes: tuple[Home, Home]
) -> None:
    # Administration takes the unit's address on several lines. Printed as typed, the appeal's
    # sentence broke after "Box 100" and the footer drew the line break as a missing glyph.
    typed = replace(SETTINGS.letterhead, postal_address="Box 100,\n123 45 Exempelby\n")
    settings = replace(SETTINGS, letterhead=typed)
    letter = render_letter(
        db, settings, LetterRequest("temporary_renewal", homes[0].person_id), today=TODAY
    )
    pages = PdfReader(io.BytesIO(letter.pdf)).pages
    # Each page's footer: the unit's address, phone and e-mail on one line.
    footers = [
        next(line for line in page.extract_text().splitlines() if "bbe@exempelby" in line)
        for page in pages
    ]
    assert footers and all(f.startswith("Box 100, 123 45 Exempelby ") for f in footers), footers
    text = pdf_text(letter.pdf)
    assert "Bo- och budgetenheten, Box 100, 123 45 Exempelby. Brevet måste" in text


def test_the_log_keeps_the_exact_pdf_and_its_hash(db: Database, homes: tuple[Home, Home]) -> None:
    ordinary = homes[0]
    letter = produce_letter(
        db, SETTINGS, LetterRequest("social_contract", ordinary.person_id), user="anna", today=TODAY
    )
    assert letter.log_id is not None
    with db.sessions() as s:
        row = s.get(PrintedLetter, letter.log_id)
        assert row is not None and row.pdf is not None
        assert (row.kind, row.person_id, row.contract_id) == (
            "social_contract",
            ordinary.person_id,
            ordinary.social_contract_id,
        )
        assert row.created_by == "anna"
        assert row.template_version.startswith("social_contract.txt (standard) ")
        assert row.sha256 == hashlib.sha256(bytes(row.pdf)).hexdigest() == letter.sha256
    assert logged_pdf(db, letter.log_id) == letter.pdf
    [entry] = list_letters(db, ordinary.person_id)
    assert (entry.id, entry.kind_name) == (letter.log_id, "Hyreskontrakt – socialt kontrakt")


def test_a_batch_is_one_pdf_and_each_letter_is_logged_on_its_own(
    db: Database, homes: tuple[Home, Home]
) -> None:
    requests = [LetterRequest("temporary_renewal", h.person_id) for h in homes]
    seen: list[tuple[int, int]] = []
    batch = render_batch(
        db, SETTINGS, requests, user="anna", today=TODAY, progress=lambda d, t: seen.append((d, t))
    )
    assert batch.protected_count == 1
    assert seen[-1][0] == seen[-1][1] and len(PdfReader(io.BytesIO(batch.pdf)).pages) == batch.pages
    with pytest.raises(RenderCancelled):
        record_batch(db, SETTINGS, batch, user="anna", cancelled=lambda: True)
    assert list_letters(db, homes[0].person_id) == []
    ids = record_batch(db, SETTINGS, batch, user="anna")
    for home, letter_id in zip(homes, ids, strict=True):
        [entry] = list_letters(db, home.person_id)
        assert entry.id == letter_id and entry.kind == "temporary_renewal"
        assert "Du behöver fortfarande boendet" in pdf_text(logged_pdf(db, letter_id))


def test_a_broken_template_stops_a_batch_before_any_page(
    db: Database, homes: tuple[Home, Home], tmp_path: Path
) -> None:
    # A text saved before a check was added (the service refuses it now) stops the batch too.
    broken = {"temporary_end": TemplateText(1, "# Slut\n\n{hyresskuld}\n")}
    settings = Settings(letterhead=SETTINGS.letterhead, template_overrides=broken)
    requests = [
        LetterRequest("temporary_renewal", homes[0].person_id),
        LetterRequest("temporary_end", homes[0].person_id),
    ]
    seen: list[tuple[int, int]] = []
    refused = r"temporary_end.txt \(enhetens mall\), rad 3: okänd platshållare"
    with pytest.raises(TemplateError, match=refused):
        render_batch(db, settings, requests, today=TODAY, progress=lambda d, t: seen.append((d, t)))
    assert seen == []


def test_renewal_letters_fall_due_for_recorded_renewals_until_sent(
    db: Database, homes: tuple[Home, Home]
) -> None:
    with db.sessions() as s:
        # Moved to another place: the period carried over is no renewal.
        moved = Contract(
            kind="temporary", person_id=homes[0].person_id, start_date=dt.date(2026, 10, 20)
        )
        moved.periods.append(
            ContractPeriod(
                sequence=2, start_date=dt.date(2026, 11, 1), end_date=dt.date(2027, 2, 1)
            )
        )
        s.add(moved)
        s.commit()
    due = renewal_requests_due(db, on=dt.date(2026, 10, 25), within_days=14)
    assert sorted(r.person_id for r in due) == sorted(h.person_id for h in homes)
    assert renewal_requests_due(db, on=dt.date(2026, 10, 1), within_days=14) == []
    produce_letter(db, SETTINGS, due[0], today=TODAY)
    assert [r.person_id for r in renewal_requests_due(db, on=TODAY, within_days=14)] == [
        due[1].person_id
    ]


def _url(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


def test_cli_lists_kinds_and_writes_one_letter(
    db: Database, homes: tuple[Home, Home], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_older_settings_file(SETTINGS)
    assert main(["letter", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(KINDS)
    assert lines[3].split()[0] == "temporary_placement" and "Tillfälligt boende" in lines[3]

    (tmp_path / "ut").mkdir()
    out = tmp_path / "ut" / "brev.pdf"
    identity = homes[0].identity
    assert (
        main(
            [
                "letter",
                "temporary_placement",
                "--person",
                identity,
                "--out",
                str(out),
                "--db",
                _url(db),
                "--date",
                "2026-11-27",
                # The first period ended on 1 November: a letter about it needs --force.
                "--force",
            ]
        )
        == 0
    )
    assert "Vandrarhemmet Åsen 1" in pdf_text(out.read_bytes())
    [entry] = list_letters(db, homes[0].person_id)
    assert logged_pdf(db, entry.id) == out.read_bytes()
    assert list(out.parent.iterdir()) == [out]


@pytest.mark.parametrize(
    ("kind", "message"),
    [("nonsens", "Okänd brevtyp 'nonsens'"), ("managed_funds_budget", "inget öppet konto")],
)
def test_cli_refuses_with_one_line_and_leaves_no_file(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, message: str
) -> None:
    write_older_settings_file(SETTINGS)
    # This PC's letterhead went into the database at its first open (which said so, once).
    carry_over(db)
    add_officers(db)
    identity = demo_identity(dt.date(1990, 1, 1), 5)
    with db.sessions() as s:
        s.add(
            Person(
                identity=identity.canonical,
                identity_kind="personnummer",
                first_name="Ola",
                last_name="Ödman",
            )
        )
        s.commit()
    (tmp_path / "ut").mkdir()
    out = tmp_path / "ut" / "brev.pdf"
    code = main(["letter", kind, "--person", identity.display, "--out", str(out), "--db", _url(db)])
    err = capsys.readouterr().err
    assert code == 1 and message in err and err.count("\n") == 1
    assert list(out.parent.iterdir()) == []


def test_cli_renewals_batch(
    db: Database, homes: tuple[Home, Home], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_older_settings_file(SETTINGS)
    out = tmp_path / "förlängningar.pdf"
    argv = [
        "letters",
        "renewals",
        "--within",
        "14",
        "--out",
        str(out),
        "--date",
        "2026-10-25",
        "--db",
        _url(db),
    ]
    assert main(argv) == 0
    assert "Skrev 2 förlängningsbrev" in capsys.readouterr().out
    assert pdf_text(out.read_bytes()).count("Beslut om förlängning av tillfälligt boende") == 2
    out.unlink()
    assert main(argv) == 0
    assert "Inga förlängningsbrev" in capsys.readouterr().out
    assert not out.exists()


def test_every_kind_renders_for_demo_data(db: Database) -> None:
    from bobudget.demo.generate import fill_demo

    fill_demo(db, 150, seed=1, today=TODAY)
    with db.sessions() as s:
        people = s.execute(select(Person.id, Person.protected_identity).order_by(Person.id)).all()
    wanted = {(kind, protected) for kind in KINDS for protected in (False, True)}
    for person_id, protected in people:
        options = letters_for_person(db, SETTINGS, person_id, today=TODAY)
        for choice in options.kinds:
            if (choice.kind, protected) not in wanted or not choice.available:
                continue
            wanted.discard((choice.kind, protected))
            letter = render_letter(db, SETTINGS, LetterRequest(choice.kind, person_id), today=TODAY)
            text = pdf_text(letter.pdf)
            assert "Sida 1 av" in text and letter.protected == protected
        if not {kind for kind, p in wanted if not p}:
            break
    assert not {kind for kind, protected in wanted if not protected}


def test_the_place_price_never_reaches_the_client_only_the_fee_the_decision_sets(
    db: Database, homes: tuple[Home, Home]
) -> None:
    ordinary = homes[0]
    for kind in ("temporary_placement", "temporary_renewal"):
        text = render(db, kind, ordinary.person_id)
        assert "250,00" not in text and "per natt" not in text, kind
        assert "Enligt beslutet betalar du en egenavgift på 1 500,00 kr per månad" in text, kind
    with db.sessions() as s:
        contract = s.scalars(
            select(Contract).where(
                Contract.person_id == ordinary.person_id,
                Contract.kind == "temporary",
                Contract.end_date.is_(None),
            )
        ).one()
        contract.client_fee_ore = None
        contract.client_fee_unit = ""
        s.commit()
    text = render(db, "temporary_placement", ordinary.person_id)
    assert "avgift" not in text.lower() and "250,00" not in text


def test_successive_periods_share_no_day_on_paper(db: Database, homes: tuple[Home, Home]) -> None:
    placed = render(db, "temporary_placement", homes[0].person_id)
    renewed = render(db, "temporary_renewal", homes[0].person_id)
    # The first period runs out the day the renewal starts: it reads "till och med" the day before.
    assert "Till och med 31 oktober 2026" in placed
    assert "Från och med 1 november 2026" in renewed and "1 november 2026" not in placed
