"""`bobudget import`: the lists in, all or nothing, twice without duplicates, on both engines."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from bobudget.db.engine import Database
from bobudget.importing import writer as import_writer
from bobudget.importing.reader import (
    ImportRejected,
    ImportRow,
    ignored_columns,
    import_file,
    parse_import,
)
from bobudget.kernel.errors import ValidationError
from bobudget.kernel.identity import demo_identity
from bobudget.kernel.spreadsheet import SheetData, SheetRow, read_rows
from bobudget.model import (
    AuditEntry,
    Contract,
    ContractPeriod,
    Dwelling,
    Household,
    HouseholdMember,
    Landlord,
    Person,
    TemporaryPlace,
)
from bobudget.persons.registry import PersonInput, create_person, search_persons
from tests.conftest import write_older_settings_file

TODAY = dt.date(2026, 12, 15)
HEADERS = [
    "personnummer", "efternamn", "fornamn", "kontraktstyp", "startdatum", "slutdatum",
    "adress", "postnummer", "ort", "hyresvard", "manadshyra", "skyddade_personuppgifter",
]  # fmt: skip

ASA = demo_identity(dt.date(1985, 3, 14), 0).display
PER = demo_identity(dt.date(1990, 7, 1), 1).display
KIM = demo_identity(dt.date(1979, 12, 24), 2).display
LISA = demo_identity(dt.date(2001, 2, 28), 3).display
OMAR = demo_identity(dt.date(1968, 5, 5), 4).display

GOOD_ROWS = [
    [ASA, "Öberg", "Åsa", "socialt", "2025-03-01", "", "Storgatan 1", "123 45", "Småstad",
     "Småstadshem AB", "6 543,50", "nej"],
    [PER, "Persson", "Per", "bostadssocialt", "2024-06-01", "2026-05-31", "Lillgatan 2",
     "12346", "Småstad", "småstadshem ab", "5000", ""],
    [KIM, "Berg", "Kim", "bostad_forst", "2026-01-15", "", "Ekvägen 3", "123 47", "Småstad",
     "Fastighets AB Eken", "7200.00", "ja"],
    [LISA, "Lund", "Lisa", "tillfalligt", "2026-11-30", "", "Skogsvägen 9", "123 48",
     "Småstad", "Vandrarhemmet Gläntan", "", ""],
    [OMAR, "Ali", "Omar", "tillfalligt", "2026-01-15", "2026-11-20", "Parkgatan 5", "123 49",
     "Småstad", "", "4 000", ""],
    [ASA, "Öberg", "Åsa", "tillfalligt", "2024-10-01", "2024-12-20", "Skogsvägen 9", "123 48",
     "Småstad", "Vandrarhemmet Gläntan", "", ""],
]  # fmt: skip

TABLES = (
    Person, Household, HouseholdMember, Contract, ContractPeriod, Dwelling, Landlord,
    TemporaryPlace, AuditEntry,
)  # fmt: skip


def write_csv(
    path: Path,
    rows: Sequence[Sequence[str]],
    headers: Sequence[str] = HEADERS,
    *,
    delimiter: str = ";",
    encoding: str = "utf-8",
) -> Path:
    with path.open("w", encoding=encoding, newline="") as out:
        writer = csv.writer(out, delimiter=delimiter)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def counts(db: Database) -> dict[str, int]:
    with db.sessions() as session:
        return {
            t.__tablename__: session.scalar(select(func.count()).select_from(t)) or 0
            for t in TABLES
        }


def person(db: Database, identity: str) -> Person:
    with db.sessions() as session:
        return session.scalars(
            select(Person).where(Person.identity == identity.replace("-", ""))
        ).one()


def contracts_of(db: Database, identity: str) -> list[Contract]:
    with db.sessions() as session:
        found = session.scalars(
            select(Contract)
            .join(Person, Contract.person_id == Person.id)
            .where(Person.identity == identity.replace("-", ""))
            .order_by(Contract.start_date)
        ).all()
        for contract in found:  # loaded while the session is open
            _ = (contract.periods, contract.dwelling, contract.temporary_place)
            if contract.dwelling is not None:
                _ = contract.dwelling.landlord
        return list(found)


def periods(contract: Contract) -> list[tuple[str, str, str]]:
    return [(p.start_date.isoformat(), p.end_date.isoformat(), p.outcome) for p in contract.periods]


def test_a_good_file_imports_persons_households_contracts_and_places(
    db: Database, tmp_path: Path
) -> None:
    result = import_file(db, write_csv(tmp_path / "lista.csv", GOOD_ROWS), TODAY)

    assert (result.persons_new, result.persons_existing) == (5, 0)
    assert (result.contracts_new, result.contracts_existing) == (6, 0)
    assert result.summary == (
        "Importen klar: 5 personer (5 nya, 0 fanns redan), 6 kontrakt (6 nya, 0 fanns redan)."
    )
    assert counts(db) | {"audit_entries": 0} == {
        "persons": 5, "households": 5, "household_members": 5, "contracts": 6,
        "contract_periods": 6, "dwellings": 3, "landlords": 2, "temporary_places": 2,
        "audit_entries": 0,
    }  # fmt: skip

    asa = person(db, ASA)
    assert (asa.first_name, asa.last_name, asa.address, asa.city) == (
        "Åsa",
        "Öberg",
        "Storgatan 1",
        "Småstad",
    )
    assert [r.id for r in search_persons(db, "öberg")] == [asa.id]
    assert [r.id for r in search_persons(db, ASA)] == [asa.id]
    kim = person(db, KIM)
    assert kim.protected_identity is True
    assert kim.address == "Ekvägen 3"  # kept internally; lists hide it

    social, old_temporary = contracts_of(db, ASA)[::-1]
    assert social.kind == "social" and social.basis == "import" and social.decision_id is None
    assert social.monthly_rent_ore == 654350 and social.end_date is None
    assert social.dwelling is not None and social.dwelling.status == "let"
    assert social.dwelling.rent_ore == 654350
    assert social.dwelling.landlord is not None
    assert social.dwelling.landlord.name == "Småstadshem AB"
    assert social.dwelling.landlord.kind == "private"
    with db.sessions() as session:
        household_ids = set(
            session.scalars(
                select(HouseholdMember.household_id).where(
                    HouseholdMember.person_id == asa.id, HouseholdMember.role == "applicant"
                )
            )
        )
    assert household_ids == {social.household_id} == {old_temporary.household_id}

    (transitional,) = contracts_of(db, PER)
    assert transitional.kind == "transitional"
    assert transitional.end_date == dt.date(2026, 5, 31)
    assert transitional.end_reason == "Avslutat (import)"
    assert transitional.dwelling is not None and transitional.dwelling.status == "available"
    assert transitional.dwelling.postal_code == "123 46"  # one written form for postal codes
    assert transitional.dwelling.landlord_id == social.dwelling.landlord_id  # case folded

    (housing_first,) = contracts_of(db, KIM)
    assert housing_first.kind == "housing_first" and housing_first.monthly_rent_ore == 720000

    (lisa,) = contracts_of(db, LISA)
    assert lisa.kind == "temporary" and lisa.end_date is None and lisa.dwelling_id is None
    assert lisa.temporary_place is not None
    assert lisa.temporary_place.name == "Vandrarhemmet Gläntan"
    assert lisa.temporary_place.kind == "hostel"
    assert lisa.temporary_place.address == "Skogsvägen 9"
    assert periods(lisa) == [("2026-11-30", "2027-02-28", "pending")]
    assert old_temporary.temporary_place_id == lisa.temporary_place_id
    assert periods(old_temporary) == [("2024-10-01", "2024-12-20", "ended")]

    (omar,) = contracts_of(db, OMAR)
    assert omar.temporary_place is not None
    assert omar.temporary_place.name == "Parkgatan 5"
    assert omar.temporary_place.kind == "temporary_flat"
    assert periods(omar) == [
        ("2026-01-15", "2026-04-15", "renewed"),
        ("2026-04-15", "2026-07-15", "renewed"),
        ("2026-07-15", "2026-10-15", "renewed"),
        ("2026-10-15", "2026-11-20", "ended"),
    ]
    assert omar.end_date == dt.date(2026, 11, 20) and omar.monthly_rent_ore == 400000


def test_every_person_and_contract_is_audited_by_id(db: Database, tmp_path: Path) -> None:
    import_file(db, write_csv(tmp_path / "lista.csv", GOOD_ROWS), TODAY, user="konsulent")
    with db.sessions() as session:
        entries = session.execute(
            select(AuditEntry.entity, AuditEntry.entity_id, AuditEntry.username).where(
                AuditEntry.action == "import"
            )
        ).all()
        person_ids = set(session.scalars(select(Person.id)))
        contract_ids = set(session.scalars(select(Contract.id)))
    assert {e.entity_id for e in entries if e.entity == "person"} == person_ids
    assert {e.entity_id for e in entries if e.entity == "contract"} == contract_ids
    assert sum(e.entity in ("person", "contract") for e in entries) == 11
    assert {e.username for e in entries} == {"konsulent"}


def test_a_long_placement_still_running_is_chained_up_to_its_end(
    db: Database, tmp_path: Path
) -> None:
    row = [LISA, "Lund", "Lisa", "Tillfälligt", "2026-11-30", "2027-06-01", "Skogsvägen 9",
           "12348", "Småstad", "Härbärget", "", ""]  # fmt: skip
    import_file(db, write_csv(tmp_path / "lista.csv", [row]), TODAY)
    (contract,) = contracts_of(db, LISA)
    assert contract.end_date is None
    assert contract.temporary_place is not None and contract.temporary_place.kind == "shelter"
    # Each renewal runs from the previous end, so the short February stays short.
    assert periods(contract) == [
        ("2026-11-30", "2027-02-28", "renewed"),
        ("2027-02-28", "2027-05-28", "renewed"),
        ("2027-05-28", "2027-06-01", "pending"),
    ]


def test_the_same_file_twice_adds_nothing(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "lista.csv", GOOD_ROWS)
    import_file(db, path, TODAY)
    before = counts(db)
    again = import_file(db, path, TODAY)
    assert (again.persons_new, again.persons_existing) == (0, 5)
    assert (again.contracts_new, again.contracts_existing) == (0, 6)
    assert again.summary == (
        "Importen klar: 5 personer (0 nya, 5 fanns redan), 6 kontrakt (0 nya, 6 fanns redan)."
    )
    assert counts(db) == before  # not even an audit entry: nothing changed


def test_a_second_file_updates_the_person_and_keeps_the_id(db: Database, tmp_path: Path) -> None:
    import_file(db, write_csv(tmp_path / "lista.csv", GOOD_ROWS[:1]), TODAY)
    first = person(db, ASA)
    changed = [ASA, "Öberg-Lind", "Åsa", "bostadssocialt", "2026-12-01", "", "Storgatan 1",
               "12345", "Småstad", "Småstadshem AB", "6 600", "ja"]  # fmt: skip
    result = import_file(db, write_csv(tmp_path / "ny.csv", [GOOD_ROWS[0], changed]), TODAY)
    assert (result.persons_new, result.persons_existing, result.persons_updated) == (0, 1, 1)
    assert (result.contracts_new, result.contracts_existing) == (1, 1)
    updated = person(db, ASA)
    assert updated.id == first.id
    assert (updated.last_name, updated.protected_identity) == ("Öberg-Lind", True)
    assert [r.id for r in search_persons(db, "lind")] == [first.id]
    assert counts(db)["dwellings"] == 1  # "12345" is the same dwelling as "123 45"
    assert counts(db)["households"] == 1


def test_a_row_without_an_address_does_not_blank_the_persons_address(
    db: Database, tmp_path: Path
) -> None:
    import_file(db, write_csv(tmp_path / "lista.csv", GOOD_ROWS[:1]), TODAY)
    hostel = [ASA, "Öberg", "Åsa", "tillfalligt", "2026-12-01", "", "", "", "",
              "Hotell Central", "", ""]  # fmt: skip
    result = import_file(db, write_csv(tmp_path / "ny.csv", [hostel]), TODAY)
    assert (result.persons_updated, result.contracts_new) == (0, 1)
    asa = person(db, ASA)
    assert (asa.address, asa.postal_code, asa.city) == ("Storgatan 1", "123 45", "Småstad")
    place = contracts_of(db, ASA)[-1].temporary_place
    assert place is not None and (place.name, place.kind) == ("Hotell Central", "hotel")


def test_a_person_made_in_the_program_keeps_their_household(db: Database, tmp_path: Path) -> None:
    person_id = create_person(db, PersonInput(ASA, "Åsa", "Öberg"), today=TODAY)
    with db.sessions() as session:
        household_id = session.scalars(
            select(HouseholdMember.household_id).where(HouseholdMember.person_id == person_id)
        ).one()
    result = import_file(db, write_csv(tmp_path / "lista.csv", GOOD_ROWS[:1]), TODAY)
    assert (result.persons_new, result.persons_existing) == (0, 1)
    (contract,) = contracts_of(db, ASA)
    assert contract.household_id == household_id
    assert counts(db)["households"] == 1


def test_a_bad_file_lists_every_bad_row_and_writes_nothing(db: Database, tmp_path: Path) -> None:
    wrong_check_digit = ASA[:-1] + str((int(ASA[-1]) + 1) % 10)
    bad_rows = [
        GOOD_ROWS[0],
        [wrong_check_digit, *GOOD_ROWS[1][1:]],
        [KIM, "Berg", "Kim", "lyxvilla", *GOOD_ROWS[2][4:]],
        [LISA, "Lund", "Lisa", "tillfalligt", "2026-02-30", *GOOD_ROWS[3][5:]],
        [OMAR, "Ali", "Omar", "socialt", "2026-05-01", "2026-04-30", *GOOD_ROWS[0][6:]],
        [PER, "Persson", "Per", "socialt", "2026-05-01", "", "Ån 1", "12345", "Å",
         "Småstadshem AB", "12,345", ""],
        [PER, "", "Per", "bostad_forst", "2026-05-01", "", "Ån 1", "12345", "Å",
         "Småstadshem AB", "100", "kanske"],
        GOOD_ROWS[0],
    ]  # fmt: skip
    with pytest.raises(ImportRejected) as raised:
        import_file(db, write_csv(tmp_path / "fel.csv", bad_rows), TODAY)

    problems = raised.value.problems
    assert [p.row for p in problems] == [3, 4, 5, 6, 7, 8, 8, 9]
    assert "kontrollsiffran" in problems[0].message
    assert "Okänd kontraktstyp 'lyxvilla'" in problems[1].message
    assert "2026-02-30 finns inte" in problems[2].message
    assert "före startdatum" in problems[3].message
    assert "12,345" in problems[4].message and "decimaler" in problems[4].message
    assert problems[5].message == "Efternamn saknas."
    assert "ja eller nej" in problems[6].message
    assert "Samma person, kontraktstyp och startdatum som rad 2" in problems[7].message
    text = str(raised.value)
    lines = text.splitlines()
    assert lines[0].startswith("Filen importerades inte: 8 fel")
    assert "ingenting sparades" in lines[0]
    assert lines[1:4] == [f"  {problems[0]}", f"  {problems[1]}", f"  {problems[2]}"]
    assert lines[1].startswith("  Rad 3: Ogiltigt personnummer")
    assert all(f"Rad {n}:" in text for n in (3, 4, 5, 6, 7, 8, 9))
    assert set(counts(db).values()) == {0}


def test_a_failure_while_writing_leaves_the_database_as_it_was(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: object) -> None:
        raise RuntimeError("the disk fell out")

    monkeypatch.setattr(import_writer._ImportWriter, "_set_dwelling_status", broken)
    with pytest.raises(RuntimeError):
        import_file(db, write_csv(tmp_path / "lista.csv", GOOD_ROWS), TODAY)
    assert set(counts(db).values()) == {0}


def test_missing_columns_are_named(db: Database, tmp_path: Path) -> None:
    headers = [h for h in HEADERS if h not in ("ort", "manadshyra")]
    rows = [[v for h, v in zip(HEADERS, GOOD_ROWS[0], strict=True) if h in headers]]
    with pytest.raises(ImportRejected) as raised:
        import_file(db, write_csv(tmp_path / "lista.csv", rows, headers), TODAY)
    (problem,) = raised.value.problems
    assert problem.row == 1
    assert str(problem).startswith("Rad 1 (rubrikraden): Kolumnerna ort, manadshyra saknas.")
    assert set(counts(db).values()) == {0}


def test_a_file_with_only_a_header_is_refused(db: Database, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="inga rader"):
        import_file(db, write_csv(tmp_path / "lista.csv", []), TODAY)


def test_windows_text_xlsx_and_swedish_headers_import_alike(db: Database, tmp_path: Path) -> None:
    headers = [
        " Förnamn ", "EFTERNAMN", "Hyresvärd", "Månadshyra (kr)", "Personnummer", "Ort",
        "Kontraktstyp", "Startdatum", "Postnummer", "Adress", "Skyddade personuppgifter",
        "Anteckning",
    ]  # fmt: skip
    row = ["Åsa", "Öberg", "Småstadshem AB", "1 234,50", ASA, "Småstad", "Socialt kontrakt",
           "20250301", "123 45", "Storgatan 1", "NEJ", "ignoreras"]  # fmt: skip
    csv_path = write_csv(tmp_path / "lista.csv", [row], headers, encoding="cp1252")

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    sheet.append([*row[:3], 1234.5, ASA, "Småstad", "socialt", dt.date(2025, 3, 1), *row[8:]])
    workbook.save(tmp_path / "lista.xlsx")

    import_file(db, csv_path, TODAY)
    again = import_file(db, tmp_path / "lista.xlsx", TODAY)
    assert (again.persons_existing, again.contracts_existing) == (1, 1)
    (contract,) = contracts_of(db, ASA)
    assert (contract.kind, contract.start_date, contract.monthly_rent_ore) == (
        "social",
        dt.date(2025, 3, 1),
        123450,
    )
    assert person(db, ASA).last_name == "Öberg"


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("socialt", "social"),
        ("Bostadssocialt", "transitional"),
        ("bostad_forst", "housing_first"),
        ("Bostad först", "housing_first"),
        ("tillfälligt", "temporary"),
        ("Tillfälligt boende", "temporary"),
    ],
)
def test_kind_words(word: str, kind: str) -> None:
    row = dict(zip(HEADERS, GOOD_ROWS[0], strict=True)) | {"kontraktstyp": word}
    sheet = SheetData(tuple(HEADERS), (SheetRow(2, tuple(row[h] for h in HEADERS)),))
    (parsed,) = parse_import(sheet, TODAY)
    assert parsed.kind == kind


def test_cli_import_success_and_rejection(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bobudget.cli import main

    url = db.url.render_as_string(hide_password=False)
    good = write_csv(tmp_path / "lista.csv", [[*r, "x"] for r in GOOD_ROWS], [*HEADERS, "Slutdatm"])
    assert main(["import", str(good), "--db", url]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "Importen klar: 5 personer (5 nya, 0 fanns redan), 6 kontrakt (6 nya, 0 fanns redan).",
        "Obs: kolumnen Slutdatm lästes inte (okänt namn).",
    ]
    assert counts(db)["contracts"] == 6

    bad = write_csv(tmp_path / "fel.csv", [[ASA, "", "Åsa", "lyxvilla", *GOOD_ROWS[0][4:]]])
    assert main(["import", str(bad), "--db", url]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("bobudget: Filen importerades inte: 2 fel")
    assert "  Rad 2: Efternamn saknas." in captured.err
    assert "  Rad 2: Okänd kontraktstyp 'lyxvilla'" in captured.err
    assert "Traceback" not in captured.err


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("saknas.csv", None, "finns inte"),
        ("lista.pdf", b"%PDF-1.4", "varken CSV eller XLSX"),
        ("tom.csv", b"", "tom"),
    ],
)
def test_cli_file_problems_are_exit_1_with_a_message(
    db: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes | None,
    expected: str,
) -> None:
    from bobudget.cli import main

    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    url = db.url.render_as_string(hide_password=False)
    assert main(["import", str(path), "--db", url]) == 1
    err = capsys.readouterr().err
    assert err.startswith("bobudget: ") and expected in err and "Traceback" not in err
    assert set(counts(db).values()) == {0}


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2026-01-31", None, [("2026-01-31", "2026-04-30", "pending")]),
        ("2026-01-15", "2026-04-15", [("2026-01-15", "2026-04-15", "ended")]),
        ("2026-01-15", "2026-01-15", [("2026-01-15", "2026-01-15", "ended")]),
        (
            "2026-09-15",
            "2026-12-16",
            [("2026-09-15", "2026-12-15", "renewed"), ("2026-12-15", "2026-12-16", "pending")],
        ),
        ("2026-10-01", "2026-12-15", [("2026-10-01", "2026-12-15", "pending")]),
    ],
)
def test_temporary_periods_by_the_rule(
    start: str, end: str | None, expected: list[tuple[str, str, str]]
) -> None:
    spans = import_writer.temporary_periods(
        dt.date.fromisoformat(start), dt.date.fromisoformat(end) if end else None, TODAY, 3
    )
    assert [(s.isoformat(), e.isoformat(), o) for s, e, o in spans] == expected


def test_the_period_length_setting_is_used(db: Database, tmp_path: Path) -> None:
    from bobudget.kernel.config import Settings

    write_older_settings_file(Settings(temporary_period_months=2))
    import_file(db, write_csv(tmp_path / "lista.csv", [GOOD_ROWS[3]]), TODAY)
    (contract,) = contracts_of(db, LISA)
    assert periods(contract) == [("2026-11-30", "2027-01-30", "pending")]


def test_unknown_columns_are_named_so_a_misspelt_one_is_noticed() -> None:
    headers = [" Anteckning ", "Förnamn", "slutdatm", "", "Skyddade personuppgifter"]
    assert ignored_columns(headers) == ["Anteckning", "slutdatm"]


def _parse_one(**changes: str | dt.date) -> list[ImportRow]:
    row: dict[str, str | dt.date] = dict(zip(HEADERS, GOOD_ROWS[0], strict=True)) | changes
    sheet = SheetData(tuple(HEADERS), (SheetRow(2, tuple(row[h] for h in HEADERS)),))
    return parse_import(sheet, TODAY)


def test_compact_dates_and_date_cells_are_dates() -> None:
    (row,) = _parse_one(startdatum="20250301", slutdatum=dt.date(2026, 1, 31))
    assert (row.start_date, row.end_date) == (dt.date(2025, 3, 1), dt.date(2026, 1, 31))


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"startdatum": "1/3/2025"}, "Startdatum '1/3/2025' är inget datum"),
        ({"startdatum": dt.date(1025, 3, 1)}, "Startdatum 1025-03-01 är inte rimligt"),
        ({"efternamn": "Å" * 101}, "Efternamn: texten är för lång (högst 100 tecken)."),
        ({"postnummer": "1234"}, "Postnumret '1234' ska vara fem siffror"),
        ({"manadshyra": "-100"}, "Månadshyran '-100' är negativ"),
        ({"adress": ""}, "Adress saknas."),
        ({"kontraktstyp": ""}, "Kontraktstyp saknas."),
        ({"personnummer": ""}, "Personnummer saknas"),
    ],
)
def test_row_problems(changes: dict[str, str | dt.date], expected: str) -> None:
    with pytest.raises(ImportRejected) as raised:
        _parse_one(**changes)
    assert [p.row for p in raised.value.problems] == [2]
    assert raised.value.problems[0].message.startswith(expected)


def test_a_rent_above_the_ceiling_from_an_xlsx_number_is_refused_naming_the_row(
    tmp_path: Path,
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    sheet.append([*GOOD_ROWS[0][:10], 6543.5, "nej"])
    sheet.append([*GOOD_ROWS[1][:10], 1_000_000_000, ""])
    workbook.save(tmp_path / "lista.xlsx")
    with pytest.raises(ImportRejected) as raised:
        parse_import(read_rows(tmp_path / "lista.xlsx"), TODAY)
    (problem,) = raised.value.problems
    assert problem.row == 3
    assert str(problem).startswith("Rad 3: Månadshyran '1000000000' är orimligt hög: högst 100")
    assert "i månaden" in problem.message
    # The ceiling itself is a rent.
    (row,) = _parse_one(manadshyra="100 000")
    assert row.rent_ore == 100_000_00


def test_very_many_bad_rows_show_the_first_hundred_and_write_all_to_a_file(
    tmp_path: Path,
) -> None:
    bad = [[*GOOD_ROWS[0][:3], "lyxvilla", *GOOD_ROWS[0][4:]] for _ in range(150)]
    source = write_csv(tmp_path / "lista.csv", bad)
    with pytest.raises(ImportRejected) as raised:
        parse_import(read_rows(source), TODAY, source)

    lines = str(raised.value).splitlines()
    assert lines[0].startswith("Filen importerades inte: 150 fel")
    listed = [line for line in lines if line.startswith("  Rad ")]
    assert [line.split(":")[0] for line in listed] == [f"  Rad {n}" for n in range(2, 102)]
    full = tmp_path / "lista.csv.fel.txt"
    assert lines[-1] == f"De första 100 av 150 fel visas ovan. Hela listan finns i filen {full}."
    written = full.read_text(encoding="utf-8").splitlines()
    assert len(written) == 150
    assert written[0].startswith("Rad 2: Okänd kontraktstyp 'lyxvilla'")
    assert written[-1].startswith("Rad 151: ")


def test_a_hundred_bad_rows_or_fewer_are_all_shown_and_no_file_is_written(
    tmp_path: Path,
) -> None:
    bad = [[*GOOD_ROWS[0][:3], "lyxvilla", *GOOD_ROWS[0][4:]] for _ in range(100)]
    source = write_csv(tmp_path / "lista.csv", bad)
    with pytest.raises(ImportRejected) as raised:
        parse_import(read_rows(source), TODAY, source)
    assert str(raised.value).count("\n  Rad ") == 100
    assert "Hela listan" not in str(raised.value)
    assert not (tmp_path / "lista.csv.fel.txt").exists()
