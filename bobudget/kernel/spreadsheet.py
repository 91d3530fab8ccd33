"""Reading CSV and XLSX lists into plain rows, and writing CSV and XLSX: the one place csv and
openpyxl live.

Every CSV the program writes goes through `write_csv_rows`, every cell through `csv_cell`, which
neutralises formula injection (OWASP's rule): a text cell beginning with "=", "+", "-", "@", tab
or carriage return is written with a single quote in front, so that a name typed as
"=HYPERLINK(…)" is shown as text by Excel and never runs. Only text is neutralised, decided by
the value's type before it is formatted: an int, a Decimal amount, a date or a timestamp is
written by the program itself and stays a number or date Excel reads (-249,00 stays -249,00).
So a caller hands the writer typed values, never an amount it has already made text.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO, TextIO

from bobudget.kernel.errors import ValidationError
from bobudget.kernel.formatting import format_timestamp

__all__ = [
    "FORMULA_STARTS",
    "Cell",
    "CellValue",
    "SheetBlock",
    "SheetData",
    "SheetRow",
    "SheetStream",
    "csv_cell",
    "open_rows",
    "read_rows",
    "write_csv_rows",
    "write_xlsx",
    "write_xlsx_sheets",
    "xlsx_bytes",
]

# What a cell reads as: text, or a date when the spreadsheet holds a real date.
Cell = str | dt.date
# What may be written to a cell of an export.
CellValue = str | int | Decimal | dt.date | dt.datetime | bool | None

# What makes a spreadsheet program read a CSV text cell as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_CSV_SUFFIXES = (".csv",)
_XLSX_SUFFIXES = (".xlsx",)
# Excel in Sweden saves "CSV (semikolonavgränsad)" in Windows-1252 unless told "UTF-8".
_FALLBACK_ENCODING = "cp1252"
# The csv module's longest field (its default limit); a longer one is refused with its row.
_FIELD_LIMIT = csv.field_size_limit()
# The csv module's own words for a broken file, in Swedish.
_CSV_ERRORS = {
    "line contains NUL": "raden innehåller nolltecken",
    "new-line character seen in unquoted field - do you need to open the file with "
    "newline=''?": "radbrytning mitt i ett fält",
}


@dataclass(frozen=True)
class SheetRow:
    """One row under the header; `number` is the row number the spreadsheet shows (header = 1)."""

    number: int
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class SheetData:
    """The header row and the rows under it; wholly empty rows are left out but keep numbering."""

    headers: tuple[str, ...]
    rows: tuple[SheetRow, ...]


def read_rows(path: Path) -> SheetData:
    """Read a .csv or .xlsx file: header row first, then its data rows.

    Raises ValidationError (Swedish) when the file is missing, is neither CSV nor XLSX, cannot be
    read, or has no header row. Holds the whole file; `open_rows` streams it.
    """
    with open_rows(path) as sheet:
        return SheetData(headers=sheet.headers, rows=tuple(sheet))


class SheetStream:
    """The header row of an open file, and its data rows read one at a time as iterated.

    Made by `open_rows`; wholly empty rows are left out but keep the numbering. A file broken
    further down (a CSV line that cannot be parsed) raises ValidationError when that row is
    reached. Iterated once.
    """

    def __init__(self, path: Path, headers: tuple[str, ...], rows: Iterator[SheetRow]) -> None:
        self.path = path
        self.headers = headers
        self._rows = rows

    def __iter__(self) -> Iterator[SheetRow]:
        return self._rows


@contextmanager
def open_rows(path: Path) -> Iterator[SheetStream]:
    """Open a .csv or .xlsx file for reading row by row: memory stays flat whatever its size.

    Raises ValidationError (Swedish) as `read_rows` does: at once for a file that is missing,
    of another kind, unreadable or without a header row; while iterating for a broken row.
    """
    suffix = path.suffix.lower()
    if not path.exists():
        raise ValidationError(f"Filen {path} finns inte. Kontrollera namnet och mappen.")
    if not path.is_file():
        raise ValidationError(f"{path} är ingen fil. Ange en CSV- eller XLSX-fil.")
    if suffix in _CSV_SUFFIXES:
        opened = _open_csv(path)
    elif suffix in _XLSX_SUFFIXES:
        opened = _open_xlsx(path)
    elif suffix == ".xls":
        raise ValidationError(
            f"Filen {path.name} är i Excels gamla format (.xls). Öppna den i Excel och spara "
            "den som Excel-arbetsbok (.xlsx) eller som CSV, och försök igen."
        )
    else:
        raise ValidationError(
            f"Filen {path.name} är varken CSV eller XLSX. Spara listan som .csv eller .xlsx "
            "och försök igen."
        )
    with opened as table:
        yield _sheet(path, table)


def _sheet(path: Path, table: Iterator[Sequence[Cell]]) -> SheetStream:
    first = next(table, None)
    if first is None or _is_blank(first):
        # Blank lines above the header would make every row number wrong; refuse them.
        raise ValidationError(
            f"Filen {path.name} är tom eller börjar med en tom rad. Första raden ska vara "
            "rubrikraden med kolumnnamnen."
        )
    headers = tuple(str(c).strip() for c in first)

    def rows() -> Iterator[SheetRow]:
        for number, cells in enumerate(table, start=2):
            if not _is_blank(cells):
                yield SheetRow(number=number, cells=tuple(cells))

    return SheetStream(path, headers, rows())


def _is_blank(cells: Sequence[Cell]) -> bool:
    return all(isinstance(c, str) and not c.strip() for c in cells)


# Read this much at a time: big enough to be quick, small enough to keep memory flat.
_BLOCK = 1 << 20


@contextmanager
def _open_csv(path: Path) -> Iterator[Iterator[list[Cell]]]:
    encoding = _encoding(path)
    try:
        stream = path.open(encoding=encoding, newline="")
    except OSError as error:
        raise ValidationError(f"Filen {path} kan inte läsas ({error.strerror}).") from None
    with stream:
        first_line = stream.readline()
        stream.seek(0)
        delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
        yield _csv_records(path, csv.reader(stream, delimiter=delimiter))


def _csv_records(path: Path, reader: Iterator[list[str]]) -> Iterator[list[Cell]]:
    read = 0
    try:
        for record in reader:
            read += 1
            yield list(record)
    except csv.Error as error:
        # The row being read is the next one; numbered as the spreadsheet shows it.
        row = read + 1
        if "field larger than field limit" in str(error):
            limit = f"{_FIELD_LIMIT:,}".replace(",", " ")
            raise ValidationError(
                f"Filen {path.name}, rad {row}: ett fält är längre än {limit} tecken, mer än "
                'någon uppgift i listan kan vara. Oftast saknas ett avslutande citattecken (") '
                "så att resten av filen blir ett enda fält. Rätta raden, eller spara listan på "
                "nytt som CSV från Excel, och försök igen."
            ) from None
        what = _CSV_ERRORS.get(str(error), "raden kan inte tolkas")
        raise ValidationError(
            f"Filen {path.name}, rad {row}, är ingen läsbar CSV ({what}). Spara listan på nytt "
            "som CSV från Excel och försök igen."
        ) from None
    except OSError as error:
        raise ValidationError(f"Filen {path} kan inte läsas ({error.strerror}).") from None


def _encoding(path: Path) -> str:
    """The file's text encoding, decided by reading it through once in blocks: UTF-8 (with or
    without Excel's byte-order mark) when every byte of it is, else Windows-1252."""
    try:
        with path.open("rb") as stream:
            head = stream.read(4096)
            wide = _wide_encoding(head)
            if wide is not None:
                raise ValidationError(
                    f"Filen {path.name} är sparad som {wide}, som bobudget inte läser: spara "
                    "den som CSV UTF-8 eller Windows-1252 (i Excel: Spara som → CSV UTF-8 eller "
                    "CSV (semikolonavgränsad)) och försök igen."
                )
            if _decodes(stream, head, "utf-8"):
                return "utf-8-sig"  # utf-8-sig drops the byte-order mark Excel writes
            if head.startswith(b"\xef\xbb\xbf"):
                raise ValidationError(
                    f"Filen {path.name} är trasig: den säger sig vara UTF-8 men är det inte. "
                    "Spara den på nytt från Excel och försök igen."
                )
            if _decodes(stream, head, _FALLBACK_ENCODING):
                return _FALLBACK_ENCODING
    except OSError as error:
        raise ValidationError(f"Filen {path} kan inte läsas ({error.strerror}).") from None
    raise ValidationError(
        f"Filen {path.name} är varken UTF-8 eller Windows-text och kan inte läsas. Spara "
        "den som CSV (UTF-8) från Excel och försök igen."
    )


def _decodes(stream: BinaryIO, head: bytes, encoding: str) -> bool:
    """Whether the whole stream (from its start, `head` already read) is text in `encoding`."""
    stream.seek(len(head))
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        decoder.decode(head)
        while block := stream.read(_BLOCK):
            decoder.decode(block)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _wide_encoding(raw: bytes) -> str | None:
    """ "UTF-16" or "UTF-32" when the bytes are text in one of them (by its mark, or by the NUL
    bytes every ASCII letter carries in it), else None."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = raw[:4096]
    # Text in UTF-8 or Windows-1252 has no NUL bytes; in UTF-16 every other byte of a letter
    # A–Z is one, in UTF-32 three of four.
    if head and head.count(0) * 4 >= len(head):
        return "UTF-32" if head.count(0) * 4 >= len(head) * 3 else "UTF-16"
    return None


@contextmanager
def _open_xlsx(path: Path) -> Iterator[Iterator[list[Cell]]]:
    from openpyxl import load_workbook

    try:
        # Read-only: the rows are parsed from the file as they are asked for, never all held.
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ValidationError(
            f"Filen {path.name} kan inte läsas som en Excel-arbetsbok (.xlsx). Öppna den i "
            "Excel och spara den på nytt, eller spara listan som CSV."
        ) from None
    try:
        sheet = workbook.worksheets[0]
        # Some programs write a wrong size into the file; reading without it reads every row.
        sheet.reset_dimensions()
        yield ([_xlsx_cell(v) for v in row] for row in sheet.iter_rows(values_only=True))
    finally:
        workbook.close()


def _xlsx_cell(value: object) -> Cell:
    """A cell as text or date. Numbers go through Decimal(str(…)), never float arithmetic."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date()
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        # str(float) is the shortest text that reads back as the same float, i.e. what Excel
        # showed; 1234.5 stays "1234.5" and is read as 1234,50 kr by the amount parser.
        number = Decimal(str(value))
        if not number.is_finite():
            return str(value)
        if number == number.to_integral_value():
            return str(int(number))
        return format(number.normalize(), "f")
    return str(value)


def write_xlsx(path: Path, headers: Sequence[str], rows: Iterable[Sequence[CellValue]]) -> None:
    """Write one worksheet: a bold header row, then the rows; dates as real Excel dates.

    A text beginning with "=" is written as text, never as a formula, so that a name typed by
    someone can never run as a formula in whoever opens the export. A timezone-aware timestamp
    is written as Swedish local time text (Excel has no time zones).
    """
    write_xlsx_sheets(path, [("Blad1", [SheetBlock(headers=tuple(headers), rows=rows)])])


@dataclass(frozen=True)
class SheetBlock:
    """A table on a worksheet: lines of text above it (a title, a privacy note), a bold header
    row, then its rows. Blocks on one sheet are separated by an empty row."""

    headers: Sequence[str]
    rows: Iterable[Sequence[CellValue]]
    lead: Sequence[str] = ()


def write_xlsx_sheets(path: Path, sheets: Sequence[tuple[str, Sequence[SheetBlock]]]) -> None:
    """Write a workbook of (sheet name, blocks); cells as `write_xlsx` writes them."""
    # Built in memory and written in one go: a file that cannot be written (open in Excel, no
    # such folder) then fails cleanly instead of leaving openpyxl half-way through a save.
    data = xlsx_bytes(sheets)
    try:
        path.write_bytes(data)
    except OSError as error:
        raise ValidationError(
            f"Filen {path} kan inte sparas ({error.strerror}). Stäng filen om den är öppen i "
            "Excel, eller välj en annan mapp."
        ) from None


def xlsx_bytes(sheets: Sequence[tuple[str, Sequence[SheetBlock]]]) -> bytes:
    """A workbook of (sheet name, blocks) in memory. A sheet name is cut to Excel's 31
    characters without the characters Excel refuses, and made unique."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    used: set[str] = set()
    for name, blocks in sheets:
        sheet = workbook.create_sheet(_sheet_name(name, used))
        widths: dict[int, int] = {}
        for block in blocks:
            for index, header in enumerate(block.headers, start=1):
                widths[index] = max(widths.get(index, 12), len(header) + 2)
        for index, width in widths.items():
            sheet.column_dimensions[get_column_letter(index)].width = width
        for number, block in enumerate(blocks):
            if number:
                sheet.append([])
            for line in block.lead:
                lead = WriteOnlyCell(sheet, value=line)
                lead.font = Font(bold=True)
                lead.data_type = "s"
                sheet.append([lead])
            header_cells = []
            for header in block.headers:
                cell = WriteOnlyCell(sheet, value=header)
                cell.font = Font(bold=True)
                header_cells.append(cell)
            sheet.append(header_cells)
            for row in block.rows:
                sheet.append([_export_cell(sheet, v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_name(name: str, used: set[str]) -> str:
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in name).strip(" '") or "Blad"
    candidate = cleaned[:31]
    number = 2
    while candidate.lower() in used:
        suffix = f" ({number})"
        candidate = cleaned[: 31 - len(suffix)] + suffix
        number += 1
    used.add(candidate.lower())
    return candidate


def _export_cell(sheet: object, value: CellValue) -> object:
    from openpyxl.cell import WriteOnlyCell

    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            return format_timestamp(value)
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd hh:mm"
        return cell
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def csv_cell(value: CellValue) -> str:
    """The text of one CSV cell, by the value's type.

    Text starting with one of FORMULA_STARTS gets a leading "'" (shown as text, never run as a
    formula); every other type is the program's own: an int as it is, a Decimal with a decimal
    comma (Decimal("-249.00") → "-249,00"), a date as 2026-11-27, a timestamp as Swedish local
    time, a bool as ja/nej, None as an empty cell.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            return format_timestamp(value)
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def write_csv_rows(
    out: TextIO,
    headers: Sequence[str],
    rows: Iterable[Sequence[CellValue]],
    *,
    lineterminator: str = "\r\n",
) -> None:
    """Write a ';'-separated CSV (what Excel in Sweden reads): the header row, then the rows,
    every cell through csv_cell."""
    writer = csv.writer(out, delimiter=";", lineterminator=lineterminator)
    writer.writerow([csv_cell(h) for h in headers])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
