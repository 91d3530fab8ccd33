"""Reading the unit's lists from CSV (UTF-8 or Windows-1252, ; or ,) and XLSX, and writing XLSX."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from bobudget.kernel.errors import ValidationError
from bobudget.kernel.money import parse_amount_ore
from bobudget.kernel.spreadsheet import (
    SheetRow,
    csv_cell,
    read_rows,
    write_csv_rows,
    write_xlsx,
)


def test_windows_1252_csv_with_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "lista.csv"
    path.write_bytes(
        "efternamn;förnamn;månadshyra\r\nÖberg;Åsa;1 234,50\r\nÄrlig;Märta;900\r\n".encode("cp1252")
    )
    sheet = read_rows(path)
    assert sheet.headers == ("efternamn", "förnamn", "månadshyra")
    assert sheet.rows == (
        SheetRow(2, ("Öberg", "Åsa", "1 234,50")),
        SheetRow(3, ("Ärlig", "Märta", "900")),
    )


def test_utf8_bom_csv_with_commas_and_a_quoted_amount(tmp_path: Path) -> None:
    path = tmp_path / "lista.csv"
    path.write_bytes(
        b"\xef\xbb\xbf" + 'efternamn,fornamn,manadshyra\nÖberg,Åsa,"1 234,50"\n'.encode()
    )
    sheet = read_rows(path)
    assert sheet.headers == ("efternamn", "fornamn", "manadshyra")  # no BOM left on the first
    assert sheet.rows[0].cells == ("Öberg", "Åsa", "1 234,50")
    assert parse_amount_ore(str(sheet.rows[0].cells[2])) == 123450


def test_utf8_without_bom_is_not_read_as_windows_text(tmp_path: Path) -> None:
    path = tmp_path / "lista.csv"
    path.write_text("efternamn;fornamn\nÖberg;Åsa\n", encoding="utf-8")
    assert read_rows(path).rows[0].cells == ("Öberg", "Åsa")


def test_blank_lines_are_skipped_but_keep_the_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "lista.CSV"
    path.write_text("a;b\n1;2\n\n;\n3;4\n", encoding="utf-8")
    assert [r.number for r in read_rows(path).rows] == [2, 5]


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_xlsx_date_cells_numbers_and_text(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "lista.xlsx",
        [
            ["Personnummer", "Startdatum", "Månadshyra", "Postnummer", "Skyddad"],
            [198503149802, dt.date(2026, 11, 27), 1234.5, 12345, True],
            [None, None, None, None, None],
            ["19850314-9802", dt.datetime(2026, 11, 30, 0, 0), 6543.21, "123 45", False],
            ["", dt.datetime(2026, 11, 30, 14, 5), 7000.0, None, None],
        ],
    )
    sheet = read_rows(path)
    assert sheet.headers == ("Personnummer", "Startdatum", "Månadshyra", "Postnummer", "Skyddad")
    first, second, third = sheet.rows
    assert first == SheetRow(2, ("198503149802", dt.date(2026, 11, 27), "1234.5", "12345", "ja"))
    assert second.number == 4
    assert second.cells == ("19850314-9802", dt.date(2026, 11, 30), "6543.21", "123 45", "nej")
    assert type(second.cells[1]) is dt.date
    assert third.cells[1] == "2026-11-30 14:05"
    assert third.cells[2] == "7000"
    # The rent reaches öre exactly, never through float arithmetic.
    assert parse_amount_ore(str(first.cells[2])) == 123450
    assert parse_amount_ore(str(second.cells[2])) == 654321


def test_xlsx_header_not_in_column_a_keeps_columns_and_row_numbers(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet["B1"] = "efternamn"
    sheet["B2"] = "Öberg"
    sheet["C2"] = "extra"
    workbook.save(tmp_path / "lista.xlsx")
    data = read_rows(tmp_path / "lista.xlsx")
    assert data.headers == ("", "efternamn")
    assert data.rows == (SheetRow(2, ("", "Öberg", "extra")),)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("saknas.csv", None, "finns inte"),
        ("lista.txt", b"a;b\n", "varken CSV eller XLSX"),
        ("lista.xls", b"\xd0\xcf\x11\xe0", "gamla format"),
        ("tom.csv", b"", "tom"),
        ("tomrad.csv", b"\na;b\n1;2\n", "tom rad"),
        ("trasig.xlsx", b"inte en zip-fil", "kan inte läsas som en Excel-arbetsbok"),
    ],
)
def test_files_that_cannot_be_read_give_a_clear_message(
    tmp_path: Path, name: str, content: bytes | None, expected: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ValidationError, match=expected):
        read_rows(path)


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "mapp.csv"
    folder.mkdir()
    with pytest.raises(ValidationError, match="ingen fil"):
        read_rows(folder)


def test_empty_xlsx_is_refused(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "tom.xlsx", [])
    with pytest.raises(ValidationError, match="tom"):
        read_rows(path)


def test_write_xlsx_round_trip_with_dates_and_no_formulas(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    aware = dt.datetime(2026, 11, 27, 13, 5, tzinfo=dt.UTC)
    write_xlsx(
        path,
        ["Namn", "Start", "Hyra", "Antal", "Notering", "Ändrad"],
        [
            ["Åsa Öberg", dt.date(2026, 11, 30), Decimal("1234.50"), 3, "=1+1", aware],
            ["Per", None, None, 0, "", None],
        ],
    )
    workbook = load_workbook(path)
    sheet = workbook.active
    assert sheet["A1"].value == "Namn" and sheet["A1"].font.bold
    assert sheet["B2"].value == dt.datetime(2026, 11, 30)
    assert sheet["B2"].number_format == "yyyy-mm-dd"
    assert sheet["E2"].data_type == "s" and sheet["E2"].value == "=1+1"
    assert sheet["F2"].value == "2026-11-27 14:05"  # Swedish local time, winter
    back = read_rows(path)
    assert back.rows[0].cells[:5] == ("Åsa Öberg", dt.date(2026, 11, 30), "1234.5", "3", "=1+1")
    assert back.rows[1].cells[:4] == ("Per", "", "", "0")


def test_write_xlsx_to_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="kan inte sparas"):
        write_xlsx(tmp_path / "finns-inte" / "export.xlsx", ["a"], [])


@pytest.mark.parametrize(
    ("encoding", "named"),
    [
        ("utf-16", "UTF-16"),  # with its byte-order mark, as Excel's "Unicode text"
        ("utf-16-le", "UTF-16"),  # without one: told by the NUL bytes
        ("utf-32", "UTF-32"),
    ],
)
def test_a_utf16_or_utf32_file_is_named_by_its_encoding(
    tmp_path: Path, encoding: str, named: str
) -> None:
    path = tmp_path / "lista.csv"
    path.write_bytes("personnummer;efternamn\n19850314-0000;Öberg\n".encode(encoding))
    with pytest.raises(ValidationError) as refused:
        read_rows(path)
    message = str(refused.value)
    assert f"lista.csv är sparad som {named}" in message
    assert "spara den som CSV UTF-8 eller Windows-1252" in message
    assert "saknas" not in message


def test_a_huge_field_is_refused_naming_its_row_and_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "lista.csv"
    # Row 3 opens a quote that is never closed: the rest of the file becomes one 50 MB field.
    path.write_bytes('efternamn;fornamn\nÖberg;Åsa\n"Ek;'.encode() + b"x" * 50_000_000 + b"\n")
    with pytest.raises(ValidationError) as refused:
        read_rows(path)
    message = str(refused.value)
    assert "lista.csv, rad 3: ett fält är längre än 131 072 tecken" in message
    assert "citattecken" in message
    assert "field" not in message and "limit" not in message


# --- CSV: formula injection ------------------------------------------------------------------

DANGEROUS = ['=HYPERLINK("http://x")', "+SUM(1+1)", "-2+3", "@Evil", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_a_text_cell_that_could_run_as_a_formula_gets_a_quote(text: str) -> None:
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["Åsa", "", "'=1+1", "1+1", " =1", "a=b"])
def test_other_text_is_written_as_it_is(text: str) -> None:
    assert csv_cell(text) == text


def test_numbers_and_dates_the_program_writes_stay_numbers() -> None:
    assert csv_cell(Decimal("-249.00")) == "-249,00"
    assert csv_cell(Decimal(-24900).scaleb(-2)) == "-249,00"
    assert csv_cell(-3) == "-3"
    assert csv_cell(dt.date(2026, 11, 27)) == "2026-11-27"
    assert csv_cell(dt.datetime(2026, 11, 27, 13, 5, tzinfo=dt.UTC)) == "2026-11-27 14:05"
    assert csv_cell(dt.datetime(2026, 11, 27, 13, 5)) == "2026-11-27 13:05"
    assert (csv_cell(True), csv_cell(False), csv_cell(None)) == ("ja", "nej", "")


def test_write_csv_rows_neutralises_every_text_cell_and_reads_back() -> None:
    out = io.StringIO()
    write_csv_rows(out, ["Namn", "Belopp"], [[name, Decimal("-1.50")] for name in DANGEROUS])
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline=""), delimiter=";"))
    assert rows[0] == ["Namn", "Belopp"]
    assert [r[0] for r in rows[1:]] == ["'" + name for name in DANGEROUS]
    assert {r[1] for r in rows[1:]} == {"-1,50"}


def test_xlsx_keeps_formula_like_text_as_text(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    write_xlsx(path, ["Namn"], [[name] for name in DANGEROUS[:4]])
    sheet = load_workbook(path).active
    cells = [sheet.cell(row=n, column=1) for n in range(2, 6)]
    assert [c.value for c in cells] == DANGEROUS[:4]
    assert {c.data_type for c in cells} == {"s"}
