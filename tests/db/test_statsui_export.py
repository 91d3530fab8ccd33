"""A report's result as CSV, Excel and the committee's PDF, and the audit entry of each export."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from bobudget.db.engine import Database
from bobudget.kernel.config import Letterhead
from bobudget.kernel.errors import ValidationError
from bobudget.model import AuditEntry
from bobudget.statistics.export import (
    IDENTITY_MARKER,
    ExportFormat,
    csv_text,
    export_bytes,
    export_to_file,
    propose_file_name,
)
from bobudget.statistics.periods import parse_quarter, year_period
from bobudget.statistics.report import ReportResult
from tests.statsui_fakes import INJECTION, PERSONNUMMER, FakeReport

LETTERHEAD = Letterhead(municipality="Exempelby kommun", administration="Socialförvaltningen")


def _result(*, identities: bool = False) -> ReportResult:
    return FakeReport().run(None, year_period(2026), with_identities=identities)  # type: ignore[arg-type]


def test_proposed_file_names_mark_identities() -> None:
    assert propose_file_name(_result(), ExportFormat.CSV) == "fake-2026.csv"
    marked = propose_file_name(_result(identities=True), ExportFormat.XLSX)
    assert marked == "fake-2026-med-identitet.xlsx"
    quarter = FakeReport().run(None, parse_quarter("2026Q3"))  # type: ignore[arg-type]
    assert propose_file_name(quarter, ExportFormat.PDF) == "fake-2026Q3.pdf"


def test_csv_header_is_the_column_keys_and_values_are_typed() -> None:
    lines = csv_text(_result()).split("\r\n")
    # Two tables with different columns: each its own header, an empty line between.
    assert lines[0] == "typ;jan;feb;mar;totalt;hyra;andel"
    assert lines[1] == "Bostad först;3;1;4;8;8000,00;73,4"
    assert lines[2].startswith("\"'=HYPERLINK(")
    assert lines[3] == ""
    assert lines[4] == "beslut;datum;dagar;orsak"
    assert lines[5] == "BU-7;2026-03-05;120;Ingen bostad"


def test_csv_neutralises_a_formula_and_keeps_negative_money_a_number() -> None:
    text = csv_text(_result())
    row = text.split("\r\n")[2]
    assert row.startswith("\"'=HYPERLINK(")
    assert row.endswith(";0;2;0;2;-249,00;0,0")


def test_tables_with_the_same_columns_share_one_header() -> None:
    result = _result()
    first = result.tables[0]
    same = ReportResult("fake", "x", result.period, (first, first))
    lines = csv_text(same).split("\r\n")
    assert lines[0] == "typ;jan;feb;mar;totalt;hyra;andel"
    assert lines.count("typ;jan;feb;mar;totalt;hyra;andel") == 1
    assert len([line for line in lines if line]) == 5


def test_csv_with_identities_has_the_marker_above_the_header() -> None:
    lines = csv_text(_result(identities=True)).split("\r\n")
    assert lines[0] == IDENTITY_MARKER
    assert lines[1] == "typ;jan;feb;mar;totalt;hyra;andel"
    assert PERSONNUMMER in lines[6]


def test_xlsx_reads_back_with_numbers_as_numbers(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    path.write_bytes(export_bytes(_result(), ExportFormat.XLSX))
    book = load_workbook(path)
    assert len(book.worksheets) == 2
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0][0] == "Förmedlade bostäder (prov) – 2026"
    assert rows[2] == ("Typ", "Jan", "Feb", "Mar", "Totalt", "Hyra", "Andel")
    assert rows[3][1:5] == (3, 1, 4, 8)
    assert Decimal(str(rows[3][5])) == Decimal("8000.00")
    assert Decimal(str(rows[3][6])) == Decimal("73.4")
    assert rows[4][0] == INJECTION  # text, never a formula
    assert book.worksheets[0].cell(5, 1).data_type == "s"
    second = list(book.worksheets[1].iter_rows(values_only=True))
    assert second[2][1] == dt.datetime(2026, 3, 5)
    assert IDENTITY_MARKER not in str(rows)


def test_xlsx_with_identities_says_so_on_its_first_line(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    path.write_bytes(export_bytes(_result(identities=True), ExportFormat.XLSX))
    first = load_workbook(path).worksheets[0].cell(1, 1).value
    assert first == IDENTITY_MARKER


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_committee_pdf_has_letterhead_title_numbers_and_no_identities() -> None:
    text = _pdf_text(export_bytes(_result(), ExportFormat.PDF, LETTERHEAD))
    assert "Exempelby kommun" in text
    assert "Förmedlade bostäder (prov)" in text
    assert "8 000,00 kr" in text.replace("\u00a0", " ")
    assert "73,4 %" in text.replace("\u00a0", " ")
    assert "Sida 1 av" in text
    assert PERSONNUMMER not in text
    assert IDENTITY_MARKER not in text


def test_committee_pdf_with_identities_begins_with_the_marker() -> None:
    text = _pdf_text(export_bytes(_result(identities=True), ExportFormat.PDF, LETTERHEAD))
    assert text.lstrip().startswith(IDENTITY_MARKER)
    assert PERSONNUMMER in text


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_every_export_is_audited_with_the_identity_flag(
    db: Database, tmp_path: Path, fmt: ExportFormat
) -> None:
    report = FakeReport()
    for identities in (False, True):
        result = report.run(None, year_period(2026), with_identities=identities)  # type: ignore[arg-type]
        path = tmp_path / propose_file_name(result, fmt)
        export_to_file(db, report, result, fmt, path, "anna", LETTERHEAD)
        assert path.stat().st_size > 0
    with db.sessions() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(e.action, e.entity, e.username) for e in entries] == [("export", "report", "anna")] * 2
    assert [e.detail for e in entries] == [
        f"fake 2026 {fmt.value} utan identitet",
        f"fake 2026 {fmt.value} med identitet",
    ]
    assert report.exports == [("2026", False), ("2026", True)]


def test_a_file_that_cannot_be_written_leaves_no_audit_entry(db: Database, tmp_path: Path) -> None:
    report = FakeReport()
    target = tmp_path / "no-such-folder" / "r.csv"
    with pytest.raises(ValidationError, match="kan inte sparas"):
        export_to_file(db, report, _result(), ExportFormat.CSV, target, "anna")
    with db.sessions() as session:
        assert session.scalars(select(AuditEntry)).all() == []
    assert report.exports == []
