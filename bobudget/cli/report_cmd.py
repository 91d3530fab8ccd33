"""`bobudget report <rapport>`: a report as a text table, CSV, Excel or the committee's PDF.

One sub-command per report in the catalogue (statistics/catalogue.py), so a new report appears
here by itself; its period options follow the report's period kind.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from bobudget.cli.common import add_db_option, open_for_command
from bobudget.db.unit_settings import unit_settings
from bobudget.db.uow import current_username
from bobudget.kernel.errors import ValidationError
from bobudget.statistics import catalogue
from bobudget.statistics.cells import cell_text, is_number_column
from bobudget.statistics.export import (
    IDENTITY_MARKER,
    IDENTITY_SUFFIX,
    ExportFormat,
    csv_text,
    export_to_file,
    record_export,
)
from bobudget.statistics.periods import (
    default_period,
    parse_month_range,
    parse_quarter,
    parse_week,
    parse_year,
    year_period,
)
from bobudget.statistics.report import (
    PeriodKind,
    Report,
    ReportPeriod,
    ReportResult,
    ReportTable,
)
from bobudget.statistics.service import offers_identities, run_report

TABLE = "table"
FORMATS = (TABLE, *(f.value for f in ExportFormat))


def register(commands: Any) -> None:
    report_parser = commands.add_parser(
        "report",
        help="statistik och rapporter: tabell, CSV, Excel eller PDF till nämnden",
        description="Tar fram en av programmets rapporter för en period. Utan periodflagga "
        "används rapportens standardperiod (innevarande år, senaste hela kvartal eller vecka, "
        "de senaste tolv hela månaderna).",
    )
    sub = report_parser.add_subparsers(
        dest="report_key", metavar="RAPPORT", parser_class=type(report_parser)
    )
    sub.required = True
    for report in catalogue.REPORTS:
        one = sub.add_parser(report.key, help=report.title, description=report.title)
        _period_options(one, report.period_kind)
        one.add_argument(
            "--format",
            choices=list(FORMATS),
            default=TABLE,
            help="table: text i terminalen (standard); csv; xlsx; pdf (till nämnden)",
        )
        one.add_argument(
            "--out",
            type=Path,
            metavar="FIL",
            help="filen att skriva (krävs för xlsx och pdf; csv skrivs annars till terminalen)",
        )
        one.add_argument(
            "--med-identitet",
            dest="with_identities",
            action="store_true",
            help="ta med personnummer (enhetens egen lista); filen märks som sekretess",
        )
        add_db_option(one)
        one.set_defaults(handler=run_report_command, report=report)


def _period_options(parser: argparse.ArgumentParser, kind: PeriodKind) -> None:
    if kind is PeriodKind.YEAR:
        parser.add_argument(
            "--year",
            action="append",
            metavar="ÅÅÅÅ",
            help="året; ange flera gånger för att jämföra år sida vid sida",
        )
    elif kind is PeriodKind.QUARTER:
        parser.add_argument("--quarter", metavar="ÅÅÅÅQN", help="kvartalet, t.ex. 2026Q3")
    elif kind is PeriodKind.WEEK:
        parser.add_argument("--week", metavar="ÅÅÅÅ-WNN", help="ISO-veckan, t.ex. 2026-W45")
    else:
        parser.add_argument("--from", dest="first", metavar="ÅÅÅÅ-MM", help="första månaden")
        parser.add_argument("--to", dest="last", metavar="ÅÅÅÅ-MM", help="sista månaden")


def period_from_args(args: argparse.Namespace, kind: PeriodKind, today: dt.date) -> ReportPeriod:
    """The period the options name, or the report's default period when none is given."""
    if kind is PeriodKind.YEAR and args.year:
        years = [parse_year(text) for text in args.year]
        return year_period(years[0], compare=years[1:])
    if kind is PeriodKind.QUARTER and args.quarter:
        return parse_quarter(args.quarter)
    if kind is PeriodKind.WEEK and args.week:
        return parse_week(args.week)
    if kind is PeriodKind.MONTH_RANGE and (args.first or args.last):
        if not (args.first and args.last):
            raise ValidationError("Ange både --from och --to (t.ex. --from 2026-01 --to 2026-06).")
        return parse_month_range(args.first, args.last)
    return default_period(kind, today)


def run_report_command(args: argparse.Namespace) -> int:
    report: Report = args.report
    fmt: str = args.format
    out: Path | None = args.out
    period = period_from_args(args, report.period_kind, dt.date.today())
    if fmt in (ExportFormat.XLSX, ExportFormat.PDF) and out is None:
        raise ValidationError(f"Ange filen att skriva med --out (t.ex. --out rapport.{fmt}).")
    if out is not None and fmt == TABLE:
        raise ValidationError("--out gäller bara --format csv, xlsx eller pdf.")
    if out is not None and out.suffix.lower() != f".{fmt}":
        raise ValidationError(f"Filen '{out}' ska sluta på .{fmt} för formatet {fmt}.")
    if args.with_identities and not offers_identities(report):
        raise ValidationError(
            f"Rapporten {report.key} har ingen lista med personnummer: ta bort --med-identitet."
        )
    if out is not None and args.with_identities:
        out = marked_path(out)
    db = open_for_command(args)
    try:
        result = run_report(db, report, period, with_identities=args.with_identities)
        if result.hidden_warning is not None:
            print(f"Observera: {result.hidden_warning}", file=sys.stderr)
        user = current_username(db)
        if fmt == TABLE:
            print_table(result)
        elif out is None:
            text = csv_text(result, newline="\n")
            record_export(db, report, result, ExportFormat.CSV, user, lambda: _stdout(text))
        else:
            letterhead = unit_settings(db).letterhead
            export_to_file(db, report, result, ExportFormat(fmt), out, user, letterhead)
            print(f"{report.title} {period.label} skrevs till {out}.", file=sys.stderr)
    finally:
        db.dispose()
    return 0


def marked_path(path: Path) -> Path:
    """A list with personnummer says so in its name: "ivo.xlsx" → "ivo-med-identitet.xlsx"."""
    if IDENTITY_SUFFIX in path.stem:
        return path
    return path.with_name(f"{path.stem}-{IDENTITY_SUFFIX}{path.suffix}")


def _stdout(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def print_table(result: ReportResult) -> None:
    """Each table as aligned text: title, header of column labels, rows, the note."""
    if result.with_identities:
        print(IDENTITY_MARKER)
    print(f"{result.title} – {result.period.label}")
    for table in result.tables:
        print()
        print(table.title)
        for line in table_lines(table):
            print(line)
        if table.note:
            print(table.note)


def table_lines(table: ReportTable) -> list[str]:
    """The header and rows lined up: numbers on the right, text on the left."""
    kinds = [c.kind for c in table.columns]
    texts = [
        [cell_text(v, k).replace("\u00a0", " ") for v, k in zip(r.cells, kinds, strict=False)]
        for r in table.rows
    ]
    headers = [c.label for c in table.columns]
    widths = [len(h) for h in headers]
    for row in texts:
        widths = [max(w, len(v)) for w, v in zip(widths, row, strict=False)]
    return [
        "  ".join(
            v.rjust(w) if is_number_column(k) else v.ljust(w)
            for v, w, k in zip(values, widths, kinds, strict=False)
        ).rstrip()
        for values in [headers, *texts]
    ]
