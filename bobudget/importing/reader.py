"""Importing persons and contracts from the lists the unit keeps today (CSV or XLSX).

The file is read twice over, never held: a first pass reads it row by row and validates each
row (every problem found is reported with its row number, and nothing is written if there is
one), keeping the good rows in a temporary file; the writer then reads them back in chunks.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from bobudget.db.engine import Database
from bobudget.importing.rows import (
    CHUNK_ROWS,
    ImportRow,
    RowSpool,
    collector_paused,
    dwelling_key,
    place_key,
)
from bobudget.importing.writer import ImportResult, write_import
from bobudget.kernel.contact import postal_code
from bobudget.kernel.errors import ValidationError
from bobudget.kernel.identity import parse_identity
from bobudget.kernel.money import format_amount, parse_amount_ore
from bobudget.kernel.search_text import fold
from bobudget.kernel.spreadsheet import Cell, SheetData, SheetRow, open_rows
from bobudget.kernel.text_check import has_control_character
from bobudget.model.vocab import ContractKind
from bobudget.placement.rules import MAX_MONTHLY_RENT_ORE

__all__ = [
    "CHUNK_ROWS",
    "MAX_PROBLEMS_SHOWN",
    "CheckedFile",
    "ImportProblem",
    "ImportRejected",
    "ImportResult",
    "ImportRow",
    "check_rows",
    "checked_file",
    "ignored_columns",
    "import_file",
    "parse_import",
    "problem_list_path",
    "write_import",
]

T = TypeVar("T")

# The words the lists use for the contract kinds, folded (å, ä → a, ö → o, spaces → _).
KIND_WORDS = {
    "socialt": ContractKind.SOCIAL,
    "bostadssocialt": ContractKind.TRANSITIONAL,
    "bostad_forst": ContractKind.HOUSING_FIRST,
    "tillfalligt": ContractKind.TEMPORARY,
}
REQUIRED_COLUMNS = (
    "personnummer",
    "efternamn",
    "fornamn",
    "kontraktstyp",
    "startdatum",
    "adress",
    "postnummer",
    "ort",
    "hyresvard",
    "manadshyra",
)
OPTIONAL_COLUMNS = ("slutdatum", "skyddade_personuppgifter")
_KNOWN_COLUMNS = frozenset(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)

# Longest text each column may hold: the database's column widths.
_MAX_LENGTH = {"efternamn": 100, "fornamn": 100, "adress": 200, "ort": 100, "hyresvard": 200}
_LABELS = {
    "efternamn": "Efternamn",
    "fornamn": "Förnamn",
    "adress": "Adress",
    "ort": "Ort",
    "hyresvard": "Hyresvärd",
    "postnummer": "Postnummer",
    "manadshyra": "Månadshyra",
    "startdatum": "Startdatum",
    "slutdatum": "Slutdatum",
    "personnummer": "Personnummer",
    "kontraktstyp": "Kontraktstyp",
}
_LETTER_FOLDS = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e"})
_ISO_DATE_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_COMPACT_DATE_RE = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")
# Years outside this range are typing mistakes, not dates from the unit's lists.
_YEARS = range(1900, 2101)


@functools.lru_cache(maxsize=512)  # asked for every row's kind: a handful of words
def column_word(text: str) -> str:
    """A header or kind word folded for matching: "Månadshyra (kr)" → "manadshyra"."""
    text = re.sub(r"\(.*?\)", " ", fold(text)).translate(_LETTER_FOLDS)
    return re.sub(r"[\s\-]+", "_", text.strip())


@dataclass(frozen=True)
class ImportProblem:
    """What is wrong where: `row` is the spreadsheet's row number, the header being row 1."""

    row: int
    message: str

    def __str__(self) -> str:
        where = "Rad 1 (rubrikraden)" if self.row == 1 else f"Rad {self.row}"
        return f"{where}: {self.message}"


# More problems than this are not all shown: the whole list goes to a file beside the input.
MAX_PROBLEMS_SHOWN = 100


def problem_list_path(source: Path) -> Path:
    """Where the whole list of a file's problems is written: `lista.csv` → `lista.csv.fel.txt`."""
    return source.with_name(f"{source.name}.fel.txt")


class ImportRejected(ValidationError):
    """The file was refused as a whole; nothing was saved. Carries every problem found.

    With more than MAX_PROBLEMS_SHOWN problems the message shows the first ones, and, when the
    file's path is known, writes them all to `<file>.fel.txt` beside it and says so.
    """

    def __init__(self, problems: Sequence[ImportProblem], source: Path | None = None) -> None:
        self.problems = sorted(problems, key=lambda p: p.row)
        self.problem_file: Path | None = None
        count = len(self.problems)
        summary = (
            f"Filen importerades inte: {count} fel hittades och "
            "ingenting sparades. Rätta raderna nedan och importera filen igen."
        )
        lines = [summary, *(f"  {p}" for p in self.problems[:MAX_PROBLEMS_SHOWN])]
        if count > MAX_PROBLEMS_SHOWN:
            lines.append(self._write_all(count, source))
        super().__init__("\n".join(lines))

    def _write_all(self, count: int, source: Path | None) -> str:
        shown = f"De första {MAX_PROBLEMS_SHOWN} av {count} fel visas ovan."
        if source is None:
            return shown
        path = problem_list_path(source)
        try:
            path.write_text("".join(f"{p}\n" for p in self.problems), encoding="utf-8")
        except OSError as error:
            return (
                f"{shown} Hela listan kunde inte sparas i {path} ({error.strerror}): rätta "
                "de här raderna först och importera igen."
            )
        self.problem_file = path
        return f"{shown} Hela listan finns i filen {path}."


def parse_import(sheet: SheetData, today: dt.date, source: Path | None = None) -> list[ImportRow]:
    """Validate the whole sheet; return its rows, or raise ImportRejected listing every problem.

    `source`, the file read, is where a long list of problems is written beside.
    """
    rows: list[ImportRow] = []
    check_rows(sheet.headers, sheet.rows, today, rows.append, source)
    return rows


def check_rows(
    headers: Sequence[str],
    sheet_rows: Iterable[SheetRow],
    today: dt.date,
    keep: Callable[[ImportRow], None],
    source: Path | None = None,
) -> int:
    """Validate rows as they are read, handing each good one to `keep`; return how many.

    Only what the checks across rows need is held (the first row of each contract): the rows
    themselves go to `keep`. Raises ImportRejected listing every problem in the file, or
    ValidationError when there are no rows; rows kept before then are to be thrown away.
    """
    columns, problems = _columns(headers)
    if problems:
        raise ImportRejected(problems, source)
    count = 0
    first_row_of: dict[tuple[str, str, dt.date], int] = {}
    for sheet_row in sheet_rows:
        count += 1
        row, messages = _parse_row(sheet_row, columns, today)
        problems.extend(ImportProblem(sheet_row.number, m) for m in messages)
        if row is None:
            continue
        earlier = first_row_of.setdefault(row.contract_key, row.number)
        if earlier != row.number:
            problems.append(
                ImportProblem(
                    row.number,
                    f"Samma person, kontraktstyp och startdatum som rad {earlier}: ett kontrakt "
                    "får bara stå på en rad. Ta bort dubbletten.",
                )
            )
        elif not problems:
            keep(row)  # after the first problem nothing will be written: nothing is kept
    if not count:
        raise ValidationError(
            "Filen har en rubrikrad men inga rader under den. Ingenting importerades."
        )
    if problems:
        raise ImportRejected(problems, source)
    return count


@dataclass
class CheckedFile:
    """A file read through and found good: its headers and its rows, to be written."""

    headers: tuple[str, ...]
    rows: RowSpool

    @property
    def ignored_columns(self) -> list[str]:
        return ignored_columns(self.headers)


@contextmanager
def checked_file(
    path: Path, today: dt.date, *, chunk_rows: int = CHUNK_ROWS
) -> Iterator[CheckedFile]:
    """Read and validate a .csv or .xlsx file row by row: the first of the import's two passes.

    Raises ImportRejected (every problem, by row) or ValidationError before anything is
    written. The good rows wait in a temporary file, not in memory, for `write_import`.
    """
    with RowSpool(chunk_rows) as spool:
        with collector_paused(), open_rows(path) as sheet:
            check_rows(sheet.headers, sheet, today, spool.add, path)
            headers = sheet.headers
        yield CheckedFile(headers, spool)


def ignored_columns(headers: Sequence[str]) -> list[str]:
    """Headers the import does not read: worth telling, since a misspelt one is silently lost."""
    return [h.strip() for h in headers if h.strip() and column_word(h) not in _KNOWN_COLUMNS]


def import_file(
    db: Database,
    path: Path,
    today: dt.date,
    *,
    user: str | None = None,
    period_months: int | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> ImportResult:
    """Read, validate and import a .csv or .xlsx file: all of it, or nothing.

    Two passes: the file is read and checked row by row, then the good rows are written in
    chunks inside one transaction. Memory follows the chunk, not the file.
    """
    with checked_file(path, today, chunk_rows=chunk_rows) as checked:
        return write_import(db, checked.rows, today, user=user, period_months=period_months)


def _columns(headers: Sequence[str]) -> tuple[dict[str, int], list[ImportProblem]]:
    columns: dict[str, int] = {}
    problems: list[ImportProblem] = []
    for index, header in enumerate(headers):
        word = column_word(header)
        if word not in _KNOWN_COLUMNS:
            continue
        if word in columns:
            problems.append(
                ImportProblem(
                    1,
                    f"Kolumnen {word} finns två gånger (kolumn {columns[word] + 1} och "
                    f"{index + 1}). Ta bort den ena.",
                )
            )
            continue
        columns[word] = index
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        problems.append(
            ImportProblem(
                1,
                f"{'Kolumnen' if len(missing) == 1 else 'Kolumnerna'} {', '.join(missing)} "
                f"saknas. Rubrikraden ska ha kolumnerna {', '.join(REQUIRED_COLUMNS)} "
                f"och får ha {', '.join(OPTIONAL_COLUMNS)}.",
            )
        )
    return columns, problems


def _parse_row(
    sheet_row: SheetRow, columns: dict[str, int], today: dt.date
) -> tuple[ImportRow | None, list[str]]:
    problems: list[str] = []

    def cell(name: str) -> Cell:
        index = columns.get(name)
        if index is None or index >= len(sheet_row.cells):
            return ""
        return sheet_row.cells[index]

    def text(name: str, *, required: bool = False) -> str:
        value = cell(name)
        if isinstance(value, str) and has_control_character(value):
            # Checked before spaces are tidied: "\t=1+1" must not become "=1+1" by losing its
            # tab. Every imported field is one line, so a tab or line break is refused too.
            problems.append(
                f"{_LABELS.get(name, name)} (kolumnen {name}) innehåller ett otillåtet tecken (ett "
                "styrtecken, t.ex. tabb eller NUL). Skriv om texten i cellen utan det."
            )
            return ""
        value = value.isoformat() if isinstance(value, dt.date) else " ".join(value.split())
        if required and not value:
            problems.append(f"{_LABELS[name]} saknas.")
        elif name in _MAX_LENGTH and len(value) > _MAX_LENGTH[name]:
            problems.append(
                f"{_LABELS[name]}: texten är för lång (högst {_MAX_LENGTH[name]} tecken)."
            )
        return value

    identity = _guarded(problems, lambda: parse_identity(text("personnummer"), today))
    last_name = text("efternamn", required=True)
    first_name = text("fornamn", required=True)
    kind = _kind(text("kontraktstyp"), problems)
    start = _date(cell("startdatum"), "startdatum", problems, required=True)
    end = _date(cell("slutdatum"), "slutdatum", problems, required=False)
    if start is not None and end is not None and end < start:
        problems.append(
            f"Slutdatum {end.isoformat()} ligger före startdatum {start.isoformat()}. "
            "Rätta ett av datumen."
        )
    needs_dwelling = kind not in (None, ContractKind.TEMPORARY)
    address = text("adress", required=needs_dwelling)
    postal_code = _postal_code(text("postnummer", required=needs_dwelling), problems)
    city = text("ort", required=needs_dwelling)
    landlord = text("hyresvard", required=needs_dwelling)
    if kind == ContractKind.TEMPORARY and not address and not landlord:
        problems.append(
            "Adress eller hyresvärd (boendets namn) måste fyllas i för tillfälligt boende."
        )
    rent_text = text("manadshyra", required=needs_dwelling)
    rent = (
        _guarded(problems, lambda: parse_amount_ore(rent_text), "Månadshyra: ")
        if rent_text
        else None
    )
    if rent is not None and rent < 0:
        problems.append(f"Månadshyran '{rent_text}' är negativ. Skriv hyran utan minustecken.")
    elif rent is not None and rent > MAX_MONTHLY_RENT_ORE:
        problems.append(
            f"Månadshyran '{rent_text}' är orimligt hög: högst "
            f"{format_amount(MAX_MONTHLY_RENT_ORE)} i månaden. Rätta beloppet (skriv hyran i "
            "kronor per månad)."
        )
    protected = _yes_no(text("skyddade_personuppgifter"), problems)

    if problems or identity is None or kind is None or start is None:
        return None, problems
    return (
        ImportRow(
            number=sheet_row.number,
            identity=identity,
            last_name=last_name,
            first_name=first_name,
            kind=kind,
            start_date=start,
            end_date=end,
            address=address,
            postal_code=postal_code,
            city=city,
            landlord=landlord,
            rent_ore=rent,
            protected=protected,
            site=place_key(landlord or address)
            if kind == ContractKind.TEMPORARY
            else dwelling_key(address, postal_code),
        ),
        problems,
    )


def _guarded(problems: list[str], parse: Callable[[], T], prefix: str = "") -> T | None:
    try:
        return parse()
    except ValidationError as error:
        problems.append(f"{prefix}{error}")
        return None


def _kind(value: str, problems: list[str]) -> ContractKind | None:
    if not value:
        problems.append("Kontraktstyp saknas.")
        return None
    word = re.sub(r"_(kontrakt|boende)\Z", "", column_word(value))
    kind = KIND_WORDS.get(word)
    if kind is None:
        problems.append(
            f"Okänd kontraktstyp '{value}'. Skriv socialt, bostadssocialt, bostad_forst "
            "eller tillfalligt."
        )
    return kind


def _date(value: Cell, name: str, problems: list[str], *, required: bool) -> dt.date | None:
    if isinstance(value, dt.date):
        date, written = value, value.isoformat()
    elif not (written := value.strip()):
        if required:
            problems.append(f"{_LABELS[name]} saknas.")
        return None
    elif match := _ISO_DATE_RE.fullmatch(written) or _COMPACT_DATE_RE.fullmatch(written):
        try:
            date = dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            problems.append(f"{_LABELS[name]} {written} finns inte i kalendern. Rätta datumet.")
            return None
    else:
        problems.append(
            f"{_LABELS[name]} '{written}' är inget datum. Skriv datum som ÅÅÅÅ-MM-DD, till "
            "exempel 2026-11-27."
        )
        return None
    if date.year not in _YEARS:
        problems.append(f"{_LABELS[name]} {written} är inte rimligt. Rätta årtalet.")
        return None
    return date


def _postal_code(value: str, problems: list[str]) -> str:
    # One written form, so the same dwelling is found again whether typed "12345" or "123 45".
    try:
        return postal_code(value)
    except ValidationError as error:
        problems.append(str(error))
        return value


def _yes_no(value: str, problems: list[str]) -> bool:
    word = value.casefold()
    if word in ("", "nej"):
        return False
    if word == "ja":
        return True
    problems.append(f"Skyddade personuppgifter '{value}': skriv ja eller nej (tomt betyder nej).")
    return False
