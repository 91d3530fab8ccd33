"""A report's result as a file: CSV, Excel (XLSX) or the committee's PDF, and the record of it.

The files are drawn from the same `ReportResult` the window shows, through the program's one
CSV/XLSX writer (kernel/spreadsheet.py: text that could run as a formula is neutralised, numbers
stay numbers). Every export is recorded: an audit entry (which report, period, format, with or
without identities, who; never a name) and then the report's own `exported()` (the IVO report
keeps what was reported). The file is written inside that unit of work, so a file exists only
where its audit entry does.

A result that names persons (`with_identities`) is marked where a reader cannot miss it: the
proposed file name ends in "med-identitet", and the first line of the file (the CSV's line
above the header, the Excel sheet's first line, the PDF's first line) says that it holds
personal data under secrecy.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from bobudget.db.access import record_access
from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork
from bobudget.kernel.config import Letterhead
from bobudget.kernel.errors import ValidationError
from bobudget.kernel.spreadsheet import CellValue, SheetBlock, csv_cell, write_csv_rows, xlsx_bytes
from bobudget.model import Decision
from bobudget.model.vocab import AccessKind
from bobudget.placement.common import applicant_id
from bobudget.statistics.cells import IDENTITY_MARKER, file_value
from bobudget.statistics.report import Report, ReportResult, ReportTable

__all__ = [
    "AUDIT_ACTION",
    "AUDIT_ENTITY",
    "IDENTITY_MARKER",
    "IDENTITY_SUFFIX",
    "ExportFormat",
    "audit_detail",
    "csv_text",
    "export_bytes",
    "export_to_file",
    "propose_file_name",
    "record_export",
    "table_rows",
    "write_csv_result",
]

IDENTITY_SUFFIX = "med-identitet"
AUDIT_ACTION = "export"
AUDIT_ENTITY = "report"


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    PDF = "pdf"


# --- file names --------------------------------------------------------------------------------


def propose_file_name(result: ReportResult, fmt: ExportFormat) -> str:
    """E.g. "placements-2026.csv", "ivo-2026Q3-med-identitet.xlsx"; safe on every file system."""
    period = re.sub(r"[^0-9A-Za-z]+", "-", result.period.label).strip("-")
    parts = [result.report_key, period]
    if result.with_identities:
        parts.append(IDENTITY_SUFFIX)
    return "-".join(p for p in parts if p) + f".{fmt.value}"


# --- CSV ---------------------------------------------------------------------------------------


def table_rows(table: ReportTable) -> list[list[CellValue]]:
    """The table's rows as typed file values, in column order (the heading column included)."""
    kinds = [column.kind for column in table.columns]
    return [
        [file_value(value, kind) for value, kind in zip(row.cells, kinds, strict=False)]
        for row in table.rows
    ]


def _shares_columns(result: ReportResult) -> bool:
    keys = {tuple(c.key for c in table.columns) for table in result.tables}
    return len(keys) <= 1


def write_csv_result(result: ReportResult, out: TextIO, *, newline: str) -> None:
    """Write the result as ';'-separated CSV to `out` (a text stream).

    Tables with the same columns share one header row and follow each other in table order
    (the first line is then exactly the header, which scripts rely on); tables with different
    columns each get their own header, separated by an empty line. A result with identities
    has IDENTITY_MARKER as its first line, above the header.
    """
    if result.with_identities:
        out.write(csv_cell(IDENTITY_MARKER) + newline)
    if not result.tables:
        return
    if _shares_columns(result):
        headers = [c.key for c in result.tables[0].columns]
        rows = [row for table in result.tables for row in table_rows(table)]
        write_csv_rows(out, headers, rows, lineterminator=newline)
        return
    for number, table in enumerate(result.tables):
        if number:
            out.write(newline)
        write_csv_rows(
            out, [c.key for c in table.columns], table_rows(table), lineterminator=newline
        )


def csv_text(result: ReportResult, *, newline: str = "\r\n") -> str:
    buffer = io.StringIO(newline="")
    write_csv_result(result, buffer, newline=newline)
    return buffer.getvalue()


# --- XLSX --------------------------------------------------------------------------------------


def _xlsx_bytes(result: ReportResult) -> bytes:
    """One sheet per table, named by its title; above the header the table's title (and on the
    first sheet the privacy marker), under the rows the note that says how it is counted."""
    sheets: list[tuple[str, list[SheetBlock]]] = []
    for number, table in enumerate(result.tables):
        lead = [IDENTITY_MARKER] if result.with_identities else []
        if number == 0:
            lead.append(f"{result.title} – {result.period.label}")
        lead.append(table.title)
        rows: list[list[CellValue]] = table_rows(table)
        if table.note:
            rows = [*rows, [], [table.note]]
        block = SheetBlock(
            headers=[c.label for c in table.columns],
            rows=rows,
            lead=lead,
        )
        sheets.append((table.title, [block]))
    if not sheets:
        lead = [IDENTITY_MARKER] if result.with_identities else []
        sheets.append((result.title, [SheetBlock(headers=[], rows=[], lead=[*lead, result.title])]))
    return xlsx_bytes(sheets)


# --- any format --------------------------------------------------------------------------------


def export_bytes(
    result: ReportResult, fmt: ExportFormat, letterhead: Letterhead | None = None
) -> bytes:
    """The file's content: CSV as UTF-8 with Windows line ends (what Excel in Sweden opens)."""
    if fmt is ExportFormat.CSV:
        return csv_text(result).encode("utf-8")
    if fmt is ExportFormat.XLSX:
        return _xlsx_bytes(result)
    # ReportLab only when a PDF is made: imported with this module it cost the Statistik
    # page's first show four tenths of a second.
    from bobudget.statistics.pdf import committee_pdf

    return committee_pdf(result, letterhead or Letterhead())


def audit_detail(result: ReportResult, fmt: ExportFormat) -> str:
    """Ids only: the report's key, the period's label, the format and the identity flag."""
    identities = "med identitet" if result.with_identities else "utan identitet"
    return f"{result.report_key} {result.period.label} {fmt.value} {identities}"


def record_export(
    db: Database,
    report: Report,
    result: ReportResult,
    fmt: ExportFormat,
    username: str,
    write: Callable[[], None],
) -> None:
    """Run `write`, then audit the export and let the report keep what it needs, in one unit
    of work: a `write` that fails leaves no entry and the report is not told."""
    with UnitOfWork(db, username) as uow:
        write()
        uow.audit(AUDIT_ACTION, AUDIT_ENTITY, None, audit_detail(result, fmt))
        # The access log (issue 13): the persons a file with identities names, or one row
        # without a person for a file that names no one (who exported which report, when).
        person_ids = _exported_persons(uow.session, result) if result.with_identities else [None]
        record_access(
            uow,
            AccessKind.EXPORT,
            person_ids,
            f"rapport {result.report_key} {result.period.label}",
            user=username,
        )
        report.exported(uow.session, result, username)
        uow.commit()


def _exported_persons(session: Session, result: ReportResult) -> list[int | None]:
    """The persons a result with identities names: its rows are decisions (the IVO list,
    the only report that offers identities)."""
    decision_ids = {row.record_id for t in result.tables for row in t.rows if row.record_id}
    if not decision_ids:
        return []
    # The person the IVO list names for a decision: its household's applicant (ivo_facts.py).
    stmt = (
        select(applicant_id(Decision.household_id))
        .where(Decision.id.in_(decision_ids))
        .order_by(Decision.id)
    )
    return list(session.scalars(stmt))


def export_to_file(
    db: Database,
    report: Report,
    result: ReportResult,
    fmt: ExportFormat,
    path: Path,
    username: str,
    letterhead: Letterhead | None = None,
) -> Path:
    """Write the result to `path` and record it; a file whose record fails is removed again."""
    data = export_bytes(result, fmt, letterhead)
    written = False

    def write() -> None:
        nonlocal written
        try:
            path.write_bytes(data)
        except OSError as error:
            raise ValidationError(
                f"Filen {path} kan inte sparas ({error.strerror}). Stäng filen om den är öppen "
                "i ett annat program, eller välj en annan mapp."
            ) from None
        written = True

    try:
        record_export(db, report, result, fmt, username, write)
    except BaseException:
        if written:
            path.unlink(missing_ok=True)
        raise
    return path
