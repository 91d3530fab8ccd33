"""Förmedlade bostäder: the committee's monthly table, cell by cell, and temporary housing."""

from __future__ import annotations

import datetime as dt

import pytest

from bobudget.db.engine import Database
from bobudget.kernel.errors import DomainError
from bobudget.model.vocab import ContractKind
from bobudget.statistics.catalogue import report_by_key
from bobudget.statistics.placements import PlacementsReport
from bobudget.statistics.report import ColumnKind, ReportResult, ReportTable
from tests.db.stats_fixtures import Rows, year_period

MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")

# A table as the committee's monthly report prints it: (row, twelve months).
PUBLISHED_2025 = {
    "Bostad först": (0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0),
    "Sociala kontrakt": (3, 2, 4, 1, 0, 2, 1, 0, 3, 2, 1, 2),
    "Bostadssociala kontrakt": (1, 0, 1, 2, 1, 0, 0, 1, 1, 0, 1, 0),
}
PUBLISHED_2024 = {
    "Bostad först": (1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
    "Sociala kontrakt": (0, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0),
    "Bostadssociala kontrakt": (0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0),
}
KINDS = {
    "Bostad först": ContractKind.HOUSING_FIRST,
    "Sociala kontrakt": ContractKind.SOCIAL,
    "Bostadssociala kontrakt": ContractKind.TRANSITIONAL,
}


def _build_published(rows: Rows, year: int, table: dict[str, tuple[int, ...]]) -> None:
    serial = 0
    for label, months in table.items():
        for month, count in enumerate(months, start=1):
            for n in range(count):
                serial += 1
                # The first and last day of a month belong to it; every third one is imported.
                last_day = (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(1)
                day = dt.date(year, month, 1) if n % 2 == 0 else last_day
                ended = day + dt.timedelta(days=40) if serial % 4 == 0 else None
                rows.lease(KINDS[label], day, ended, imported=serial % 3 == 0)


def _table(result: ReportResult, key: str) -> ReportTable:
    return next(t for t in result.tables if t.key == key)


def _cells(table: ReportTable) -> dict[str, tuple[object, ...]]:
    return {row.label: row.cells for row in table.rows}


def test_the_monthly_table_matches_the_published_one_in_every_cell(db: Database) -> None:
    rows = Rows(db)
    _build_published(rows, 2025, PUBLISHED_2025)
    _build_published(rows, 2024, PUBLISHED_2024)
    # Not counted: temporary housing, and contracts the year before and after.
    rows.placement([(dt.date(2025, 3, 3), dt.date(2025, 6, 3))])
    rows.lease(ContractKind.SOCIAL, dt.date(2023, 12, 31))
    rows.lease(ContractKind.SOCIAL, dt.date(2026, 1, 1))
    rows.commit()

    with db.sessions() as session:
        result = PlacementsReport(lambda: dt.date(2026, 6, 1)).run(session, year_period(2024, 2025))
    assert [t.key for t in result.tables] == [
        "placements-2024",
        "temporary-2024",
        "temporary-cost-2024",
        "placements-2025",
        "temporary-2025",
        "temporary-cost-2025",
    ]
    for year, published in ((2024, PUBLISHED_2024), (2025, PUBLISHED_2025)):
        table = _table(result, f"placements-{year}")
        assert [c.key for c in table.columns] == ["typ", *MONTHS, "totalt"]
        assert [c.label for c in table.columns][:2] == ["Typ", "Jan"]
        assert [r.label for r in table.rows[:3]] == list(published)
        cells = _cells(table)
        for label, months in published.items():
            assert cells[label] == (label, *months, sum(months)), label
        column_sums = tuple(sum(m[i] for m in published.values()) for i in range(12))
        assert cells["Totalt"] == ("Totalt", *column_sums, sum(column_sums))
    chart = next(c for c in result.charts if c.table_key == "placements-2025")
    assert chart.column_keys == MONTHS
    assert chart.row_labels == tuple(PUBLISHED_2025)


def test_each_count_lists_the_contracts_behind_it(sqlite_db: Database) -> None:
    rows = Rows(sqlite_db)
    march = [
        rows.lease(ContractKind.SOCIAL, dt.date(2025, 3, d), imported=d == 31) for d in (1, 31)
    ]
    rows.lease(ContractKind.SOCIAL, dt.date(2025, 4, 1))
    person_ids = [c.person_id for c in march]
    march_ids = sorted(c.id for c in march)
    rows.commit()
    report = report_by_key("placements")
    assert report is not None
    with sqlite_db.sessions() as session:
        result = report.run(session, year_period(2025))
        row = next(
            r for r in _table(result, "placements-2025").rows if r.label == "Sociala kontrakt"
        )
        assert row.behind[MONTHS.index("mar") + 1] == tuple(march_ids)
        listing = report.behind(session, "placements-2025", row.behind[3])
    assert [r[4] for r in listing.rows] == [dt.date(2025, 3, 1), dt.date(2025, 3, 31)]
    assert all(r[2] == "Socialt kontrakt" for r in listing.rows)
    assert sorted(listing.person_ids) == sorted(person_ids)  # type: ignore[type-var]


def _temporary_data(rows: Rows) -> None:
    # Hostel 500 kr a night: placed 15 January, renewed from 15 April, moved out 10 May.
    rows.placement(
        [
            (dt.date(2025, 1, 15), dt.date(2025, 4, 15)),
            (dt.date(2025, 4, 15), dt.date(2025, 7, 15)),
        ],
        dt.date(2025, 5, 10),
    )
    # Temporary flat 9 300 kr a month, 1 March until 31 May (its last night is the 30th),
    # no decision yet on the period's end.
    rows.placement([(dt.date(2025, 3, 1), dt.date(2025, 5, 31))], place=rows.flat)
    # Placed in the hostel 1 June, moved to the flat 20 June (not a new placement), out 19 Sept.
    first = rows.placement([(dt.date(2025, 6, 1), dt.date(2025, 8, 31))], dt.date(2025, 6, 20))
    rows.placement(
        [(dt.date(2025, 6, 20), dt.date(2025, 9, 19))],
        dt.date(2025, 9, 19),
        place=rows.flat,
        moved_from=first,
    )


def test_temporary_housing_counts_new_renewed_ended_nights_and_cost(db: Database) -> None:
    rows = Rows(db)
    _temporary_data(rows)
    rows.commit()
    with db.sessions() as session:
        result = PlacementsReport(lambda: dt.date(2026, 1, 1)).run(session, year_period(2025))
    counts = _cells(_table(result, "temporary-2025"))
    zero = (0,) * 3
    assert counts["Nya placeringar"][1:13] == (1, 0, 1, 0, 0, 1, 0, 0, 0, *zero)
    assert counts["Förlängningar"][1:13] == (0, 0, 0, 1, 0, 0, 0, 0, 0, *zero)
    assert counts["Avslutade placeringar"][1:13] == (0, 0, 0, 0, 1, 0, 0, 0, 1, *zero)
    nights = (17, 28, 31 + 31, 30 + 30, 9 + 30, 19 + 11, 31, 31, 18, *zero)
    assert counts["Nätter"] == ("Nätter", *nights, sum(nights))
    cost_table = _table(result, "temporary-cost-2025")
    assert [c.kind for c in cost_table.columns[1:]] == [ColumnKind.MONEY] * 13
    cost = (
        17 * 50_000,
        28 * 50_000,
        31 * 50_000 + 930_000,
        30 * 50_000 + 930_000,
        9 * 50_000 + 900_000,  # 30 of May's 31 nights in the flat
        19 * 50_000 + 341_000,  # 11 of June's 30 nights in the flat
        930_000,
        930_000,
        558_000,  # 18 of September's 30 nights
        *zero,
    )
    assert cost_table.rows[0].cells == ("Kostnad", *cost, sum(cost))


def test_nights_still_to_come_are_not_counted(sqlite_db: Database) -> None:
    rows = Rows(sqlite_db)
    rows.placement([(dt.date(2025, 3, 1), dt.date(2025, 5, 31))], place=rows.flat)
    rows.commit()
    with sqlite_db.sessions() as session:
        result = PlacementsReport(lambda: dt.date(2025, 4, 11)).run(session, year_period(2025))
    assert _cells(_table(result, "temporary-2025"))["Nätter"][3:6] == (31, 10, 0)
    assert _table(result, "temporary-cost-2025").rows[0].cells[3:6] == (930_000, 310_000, 0)


def test_the_list_behind_a_renewal_is_the_renewed_period(sqlite_db: Database) -> None:
    rows = Rows(sqlite_db)
    _temporary_data(rows)
    rows.commit()
    report = PlacementsReport(lambda: dt.date(2026, 1, 1))
    with sqlite_db.sessions() as session:
        result = report.run(session, year_period(2025))
        renewals = _table(result, "temporary-2025").rows[1]
        listing = report.behind(session, "temporary-2025", renewals.behind[4])
    assert [(r[3], r[4], r[5]) for r in listing.rows] == [
        (2, dt.date(2025, 4, 15), dt.date(2025, 7, 14))
    ]
    assert listing.person_ids[0] is not None


def test_the_report_cannot_be_edited(sqlite_db: Database) -> None:
    with sqlite_db.sessions() as session, pytest.raises(DomainError, match="går inte att ändra"):
        PlacementsReport().edit(session, 1, year_period(2025), "text", "anna")
    assert PlacementsReport.editable_column is None


def test_a_protected_persons_dwelling_is_never_listed(sqlite_db: Database) -> None:
    rows = Rows(sqlite_db)
    hidden = rows.person()
    hidden.protected_identity = True
    contract = rows.lease(ContractKind.SOCIAL, dt.date(2025, 2, 2), person=hidden)
    rows.commit()
    with sqlite_db.sessions() as session:
        listing = PlacementsReport().behind(session, "placements-2025", [contract.id])
    assert listing.rows[0][3] == "Skyddade personuppgifter"
    assert "Gatan" not in str(listing.rows)


def test_the_placements_tables_are_handed_over_before_temporary_housing(
    sqlite_db: Database,
) -> None:
    """The window shows the placements at once and temporary housing when it is counted: the
    early tables are the whole result's own, and the whole result is what `run` reads."""
    rows = Rows(sqlite_db)
    _build_published(rows, 2025, PUBLISHED_2025)
    _temporary_data(rows)
    rows.commit()
    report = PlacementsReport(lambda: dt.date(2026, 1, 1))
    early: list[ReportResult] = []
    with sqlite_db.sessions() as session:
        whole = report.run_showing_first(session, year_period(2024, 2025), early.append)
        plain = report.run(session, year_period(2024, 2025))
    assert len(early) == 1
    assert [t.key for t in early[0].tables] == ["placements-2024", "placements-2025"]
    assert [c.table_key for c in early[0].charts] == ["placements-2024", "placements-2025"]
    assert _table(whole, "placements-2025") is early[0].tables[1]
    assert whole.tables == plain.tables
    assert whole.charts == plain.charts
