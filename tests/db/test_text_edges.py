"""Text at the edges on both engines: formula-like names in every CSV the program writes,
control characters refused at the import, the forms and the searches, and a search too long."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select, update

from bobudget.cli import main, placement_cmd
from bobudget.db.engine import Database
from bobudget.follow_up.overview import follow_up_overview
from bobudget.follow_up.overview_order import follow_up_order
from bobudget.funds import accounts as funds_accounts
from bobudget.funds import posting as funds_posting
from bobudget.funds.export import export_entries
from bobudget.funds.queries import AccountInput, EntryInput, search_accounts
from bobudget.importing.reader import ImportRejected, import_file
from bobudget.kernel.errors import ValidationError
from bobudget.kernel.identity import demo_identity
from bobudget.kernel.spreadsheet import read_rows
from bobudget.model import Base, Landlord, Person
from bobudget.persons.registry import (
    PersonInput,
    create_person,
    search_persons,
    update_person,
)
from bobudget.placement.decisions import DecisionInput, register_decision
from bobudget.placement.housing_stock import (
    DwellingFilter,
    DwellingInput,
    LandlordInput,
    list_dwellings,
    save_dwelling,
    save_landlord,
)
from bobudget.placement.queue import QueueFilter, queue_rows
from bobudget.placement.temporary import PlacementInput, place_person
from bobudget.placement.temporary_places import PlaceInput, save_place
from tests.db.placement_data import TODAY, decision, person, place
from tests.db.test_import import GOOD_ROWS, HEADERS, counts, write_csv

# What a spreadsheet would run as a formula, as someone might type it into a name.
FORMULAS = ['=HYPERLINK("http://x";"klicka")', "+SUM(1+1)", "-2+3", "@Evil"]
# A tab cannot be typed into a name any more; one stored before is still exported safely.
TAB_NAME = "\t=1+1"
SEARCH_REFUSED = "Sökningen innehåller ett otillåtet tecken"
SEARCH_TOO_LONG = "Sökningen är för lång: den får ha högst 10 ord och 100 tecken"
THOUSAND_WORDS = " ".join(f"ord{n}" for n in range(1000))


def _url(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


def _csv(out: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(out), delimiter=";"))


def _set_last_name(db: Database, person_id: int, last: str) -> None:
    """As if stored before control characters were refused."""
    with db.sessions() as s:
        s.execute(update(Person).where(Person.id == person_id).values(last_name=last))
        s.commit()


def _persons_with_formula_names(db: Database) -> list[int]:
    ids = [person(db, "Karin", last) for last in FORMULAS]
    ids.append(person(db, "Karin", "Tabb"))
    _set_last_name(db, ids[-1], TAB_NAME)
    return ids


def _names(rows: list[dict[str, str]]) -> set[str]:
    return {r["namn"] for r in rows}


EXPECTED_NAMES = {f"'{last}, Karin" for last in [*FORMULAS, TAB_NAME]}


# --- every CSV the program writes -----------------------------------------------------------


def test_queue_csv_neutralises_formula_names(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    for who in _persons_with_formula_names(db):
        decision(db, who, decided=dt.date(2026, 8, 1))
    assert main(["queue", "--db", _url(db), "--format", "csv", "--date", "2026-11-27"]) == 0
    rows = _csv(capsys.readouterr().out)
    assert _names(rows) == EXPECTED_NAMES
    # The program's own numbers and dates are not touched.
    assert {r["vantedagar"] for r in rows} == {"118"}
    assert {r["beslutsdatum"] for r in rows} == {"2026-08-01"}


def test_placements_and_due_csv_neutralise_formula_names_and_places(
    db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(placement_cmd, "_today", lambda: TODAY)
    hostel = place(db, "=Vandrarhem")
    for who in _persons_with_formula_names(db):
        decision_id = decision(db, who, kind="temporary", decided=TODAY)
        place_person(db, PlacementInput(decision_id, hostel, dt.date(2026, 11, 30)))

    assert main(["placements", "--db", _url(db), "--format", "csv", "--date", "2027-02-20"]) == 0
    rows = _csv(capsys.readouterr().out)
    assert _names(rows) == EXPECTED_NAMES
    assert {r["plats"] for r in rows} == {"'=Vandrarhem"}
    assert {r["dagar_kvar"] for r in rows} == {"8"}

    args = ["due", "--db", _url(db), "--format", "csv", "--date", "2027-02-20", "--within", "14"]
    assert main(args) == 0
    rows = _csv(capsys.readouterr().out)
    assert rows and _names(rows) == EXPECTED_NAMES


def _funds_account(db: Database) -> int:
    number = demo_identity(dt.date(1950, 1, 1), 7)
    who = create_person(db, PersonInput(number.display, "Karin", "Öberg"), today=TODAY)
    return funds_accounts.open_account(
        db,
        who,
        AccountInput(dt.date(2026, 1, 1), review_date=dt.date(2026, 12, 15)),
        user="testare",
    )


def _post_formula_entries(db: Database, account: int) -> None:
    day = dt.date(2026, 10, 1)
    funds_posting.post_entry(
        db, account, EntryInput("income", day, "1 000", "pension", "Pensionsmyndigheten"),
        user="testare", today=TODAY,
    )  # fmt: skip
    for n, text in enumerate(FORMULAS):
        entry = EntryInput(
            "cash", day + dt.timedelta(days=n + 1), "1,00", "levnadsomkostnader",
            counterparty=text, note=text, handed_out_by=text, receipt_signed=True,
        )  # fmt: skip
        funds_posting.post_entry(db, account, entry, user=text, today=TODAY)


def test_funds_export_csv_neutralises_every_text_column(db: Database, tmp_path: Path) -> None:
    account = _funds_account(db)
    _post_formula_entries(db, account)
    path = tmp_path / "utdrag.csv"
    assert export_entries(db, account, dt.date(2026, 10, 1), dt.date(2026, 10, 31), path) == 5
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    cash = rows[2:]
    for column in ("Motpart", "Anteckning", "Utlämnat av", "Registrerad av"):
        assert [r[column] for r in cash] == [f"'{text}" for text in FORMULAS], column
    # Amounts the program writes stay numbers, negative ones included.
    assert [r["Belopp (kr)"] for r in cash] == ["-1,00"] * 4
    assert rows[0]["Saldo (kr)"] == "0,00" and cash[-1]["Saldo (kr)"] == "996,00"
    assert cash[0]["Datum"] == "2026-10-02"


def test_funds_export_xlsx_keeps_formula_text_as_text(db: Database, tmp_path: Path) -> None:
    account = _funds_account(db)
    _post_formula_entries(db, account)
    path = tmp_path / "utdrag.xlsx"
    export_entries(db, account, dt.date(2026, 10, 1), dt.date(2026, 10, 31), path)
    sheet = load_workbook(path).active
    counterparty = [sheet.cell(row=n, column=5) for n in range(4, 8)]
    assert [c.value for c in counterparty] == FORMULAS
    assert {c.data_type for c in counterparty} == {"s"}
    assert sheet.cell(row=4, column=8).value == -1  # an amount stays a number
    assert read_rows(path).rows[2].cells[4] == FORMULAS[0]


# --- the import -----------------------------------------------------------------------------


def test_the_import_refuses_a_nul_naming_row_and_column(db: Database, tmp_path: Path) -> None:
    rows = [list(r) for r in GOOD_ROWS[:3]]
    rows[1][HEADERS.index("efternamn")] = "Nul\x00Person"
    rows[2][HEADERS.index("fornamn")] = "\t=1+1"
    with pytest.raises(ImportRejected) as raised:
        import_file(db, write_csv(tmp_path / "nul.csv", rows), TODAY)
    problems = raised.value.problems
    assert [p.row for p in problems] == [3, 4]
    assert problems[0].message.startswith(
        "Efternamn (kolumnen efternamn) innehåller ett otillåtet tecken"
    )
    assert problems[1].message.startswith("Förnamn (kolumnen fornamn) innehåller")
    assert "Rad 3: Efternamn" in str(raised.value)
    assert set(counts(db).values()) == {0}


def test_the_import_keeps_a_formula_like_name_as_typed(db: Database, tmp_path: Path) -> None:
    rows = [list(GOOD_ROWS[0])]
    rows[0][HEADERS.index("efternamn")] = "=1+1"
    import_file(db, write_csv(tmp_path / "lika.csv", rows), TODAY)
    with db.sessions() as s:
        assert s.scalar(select(Person.last_name)) == "=1+1"


# --- the person form ------------------------------------------------------------------------


def test_person_input_with_a_nul_is_refused_naming_the_field(db: Database) -> None:
    number = demo_identity(dt.date(1980, 1, 1), 3).display
    with pytest.raises(ValidationError, match=r"^Efternamn innehåller ett otillåtet tecken"):
        create_person(db, PersonInput(number, "Karin", "Nul\x00Person"), today=TODAY)
    with pytest.raises(ValidationError, match=r"^Ort innehåller"):
        create_person(db, PersonInput(number, "Karin", "Öberg", city="Små\x00stad"), today=TODAY)
    with db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 0

    person_id = create_person(
        db, PersonInput(number, "Karin", "Öberg", note="Rad ett\n\tRad två"), today=TODAY
    )
    with pytest.raises(ValidationError, match=r"^Anteckning innehåller"):
        update_person(db, person_id, 1, PersonInput(number, "Karin", "Öberg", note="a\x00"))
    with db.sessions() as s:
        saved = s.get(Person, person_id)
        assert saved is not None and saved.note == "Rad ett\n\tRad två" and saved.version == 1


def test_any_other_form_text_with_a_nul_is_refused_naming_its_field(db: Database) -> None:
    """The unit of work's last guard names the field as the form does, on both engines."""
    with pytest.raises(ValidationError, match=r"^Namn innehåller ett otillåtet"):
        save_landlord(db, LandlordInput("Sjöviks\x00Bostäder", contact_name="Eva"))
    with db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Landlord)) == 0
    # A tab or a line break in a text is left to each field's own check.
    save_landlord(db, LandlordInput("Sjöviks Bostäder", contact_name="Eva\tKontor"))


def _decision_with(
    db: Database, who: int, decided_by: str = "Eva Ek", reference: str = "SN 2026/1", **texts: str
) -> int:
    data = DecisionInput(who, "housing", dt.date(2026, 10, 1), decided_by, reference, **texts)
    return register_decision(db, data, today=TODAY)


def _all_rows(db: Database) -> dict[str, int]:
    with db.sessions() as s:
        return {
            t.name: s.scalar(select(func.count()).select_from(t)) or 0
            for t in Base.metadata.sorted_tables
        }


# What each service refused before without naming the field ("En text innehåller …").
NAMED_FIELDS = {
    "Kontaktperson": lambda db, _: save_landlord(db, LandlordInput("Hem AB", contact_name="E\x00")),
    "Adress": lambda db, _: save_dwelling(db, DwellingInput("Kvarngatan\x007")),
    "Objektnummer": lambda db, _: save_dwelling(db, DwellingInput("Gatan 7", object_number="\x1b")),
    "Namn": lambda db, _: save_place(db, PlaceInput("Gläntan\x00")),
    "Platsens regler": lambda db, _: save_place(db, PlaceInput("Gläntan", rules="Tyst\x7f")),
    "Enhet": lambda db, who: _decision_with(db, who, unit="Vuxen\x00"),
    "Önskade områden": lambda db, who: _decision_with(db, who, need_areas_wished="Centrum\x00"),
    "Anteckning": lambda db, who: _decision_with(db, who, note="Rad ett\n\x00"),
    # Found by the fuzzing: the reference is looked up before anything is written, and
    # PostgreSQL refused the NUL in that query with a raw DataError.
    "Diarienummer": lambda db, who: _decision_with(db, who, reference="SN\x00"),
    "Beslutsfattare": lambda db, who: _decision_with(db, who, decided_by="Eva\tEk"),
}  # fmt: skip


@pytest.mark.parametrize("label", list(NAMED_FIELDS))
def test_every_service_names_the_field_a_control_character_is_in(db: Database, label: str) -> None:
    who = person(db, "Karin", "Öberg")
    before = _all_rows(db)
    with pytest.raises(ValidationError, match=rf"^{label} innehåller ett otillåtet tecken"):
        NAMED_FIELDS[label](db, who)
    assert _all_rows(db) == before


# --- the searches ---------------------------------------------------------------------------

SEARCHES = {
    "personer": lambda db, text: search_persons(db, text),
    "egna medel": lambda db, text: search_accounts(db, text, today=TODAY),
    "kön": lambda db, text: queue_rows(db, QueueFilter(text=text), TODAY),
    "bostäder": lambda db, text: list_dwellings(db, DwellingFilter(text=text)),
    "uppföljning": lambda db, text: follow_up_overview(db, TODAY, text),
    "uppföljning sidvis": lambda db, text: follow_up_order(db, TODAY, text),
}


@pytest.mark.parametrize("where", list(SEARCHES))
def test_a_search_with_nul_or_a_thousand_words_is_refused(db: Database, where: str) -> None:
    search = SEARCHES[where]
    person(db, "Karin", "Öberg")
    with pytest.raises(ValidationError, match=SEARCH_REFUSED):
        search(db, "\x00")
    with pytest.raises(ValidationError, match=SEARCH_TOO_LONG):
        search(db, THOUSAND_WORDS)
    search(db, "Öberg")  # an ordinary search still runs


def test_a_dwelling_search_takes_percent_and_underscore_as_typed(db: Database) -> None:
    """Found beside the fuzzing: "%" or "_" in the dwelling search was a LIKE wildcard, so "_"
    listed every dwelling."""
    owner = save_landlord(db, LandlordInput("Sjöviks Bostäder"))
    for address in ("Kvarngatan 7", "Storgatan 12", "Gränd_5"):
        save_dwelling(db, DwellingInput(address, owner))

    def found(text: str) -> list[str]:
        return sorted(r.data.address for r in list_dwellings(db, DwellingFilter(text=text)))

    assert found("_") == ["Gränd_5"]
    assert found("%") == []
    assert found("gatan 1") == ["Storgatan 12"]
    assert found("SJÖVIKS") == found("sjöviks") == ["Gränd_5", "Kvarngatan 7", "Storgatan 12"]
