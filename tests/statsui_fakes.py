"""A fake report for the Statistik page, the exports and `bobudget report`: the real reports
are written elsewhere, and the generic parts must work for any report in the catalogue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from bobudget.statistics.report import (
    ChartKind,
    ChartSpec,
    ColumnKind,
    Listing,
    PeriodKind,
    ReportColumn,
    ReportPeriod,
    ReportResult,
    ReportRow,
    ReportTable,
)

PERSONNUMMER = "19121212-1212"
INJECTION = '=HYPERLINK("http://x")'
MONTH_KEYS = ("jan", "feb", "mar")


@dataclass
class FakeReport:
    key: str = "fake"
    title: str = "Förmedlade bostäder (prov)"
    period_kind: PeriodKind = PeriodKind.YEAR
    editable_column: str | None = "orsak"
    offers_identities: bool = True
    runs: list[ReportPeriod] = field(default_factory=list)
    edits: list[tuple[int, str, str]] = field(default_factory=list)
    exports: list[tuple[str, bool]] = field(default_factory=list)
    behind_asked: list[tuple[str, tuple[int, ...]]] = field(default_factory=list)

    def run(
        self, session: Session, period: ReportPeriod, *, with_identities: bool = False
    ) -> ReportResult:
        self.runs.append(period)
        columns = (
            ReportColumn("typ", "Typ", ColumnKind.TEXT),
            *(ReportColumn(k, k.capitalize(), ColumnKind.COUNT) for k in MONTH_KEYS),
            ReportColumn("totalt", "Totalt", ColumnKind.COUNT),
            ReportColumn("hyra", "Hyra", ColumnKind.MONEY),
            ReportColumn("andel", "Andel", ColumnKind.PERCENT),
        )
        rows = (
            ReportRow(
                "Bostad först",
                ("Bostad först", 3, 1, 4, 8, 800000, 734),
                behind=((), (11, 12, 13), (14,), (15, 16, 17, 18), (), (), ()),
            ),
            ReportRow(INJECTION, (INJECTION, 0, 2, 0, 2, -24900, 0), behind=((), (), (21, 22))),
        )
        second_columns = (
            ReportColumn("beslut", "Beslut", ColumnKind.TEXT),
            ReportColumn("datum", "Beslutsdatum", ColumnKind.DATE),
            ReportColumn("dagar", "Dagar", ColumnKind.DAYS),
            *((ReportColumn("pnr", "Personnummer", ColumnKind.TEXT),) if with_identities else ()),
            ReportColumn("orsak", "Orsak", ColumnKind.TEXT),
        )
        second_rows = (
            ReportRow(
                "BU-7",
                (
                    "BU-7",
                    dt.date(2026, 3, 5),
                    120,
                    *((PERSONNUMMER,) if with_identities else ()),
                    "Ingen bostad",
                ),
                record_id=7,
            ),
        )
        return ReportResult(
            report_key=self.key,
            title=self.title,
            period=period,
            tables=(
                ReportTable(
                    "placements",
                    f"Förmedlade {period.label}",
                    columns,
                    rows,
                    note="Räknat per kontrakt.",
                ),
                ReportTable("ivo", "Ej verkställda beslut", second_columns, second_rows),
            ),
            charts=(ChartSpec("placements", ChartKind.BAR, MONTH_KEYS, title="Per månad"),),
            with_identities=with_identities,
        )

    def behind(self, session: Session, table_key: str, ids: Sequence[int]) -> Listing:
        self.behind_asked.append((table_key, tuple(ids)))
        return Listing(
            title=f"{len(ids)} kontrakt",
            columns=(
                ReportColumn("bu", "Ärende", ColumnKind.TEXT),
                ReportColumn("start", "Start", ColumnKind.DATE),
            ),
            rows=tuple((f"BU-{i}", dt.date(2026, 1, 1)) for i in ids),
            person_ids=tuple(i for i in ids),
        )

    def edit(
        self, session: Session, record_id: int, period: ReportPeriod, text: str, username: str
    ) -> None:
        self.edits.append((record_id, text, username))

    def exported(self, session: Session, result: ReportResult, username: str) -> None:
        self.exports.append((result.period.label, result.with_identities))
