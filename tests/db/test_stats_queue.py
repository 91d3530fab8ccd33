"""The queue month by month (median and longest wait, offers per placement) and Bostad först
(against the target, still housed after one and two years, the housing company's share)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bobudget.cli import main
from bobudget.db.engine import Database
from bobudget.db.unit_settings import set_setting
from bobudget.kernel.errors import ValidationError
from bobudget.model import Household
from bobudget.model.vocab import ContractKind
from bobudget.statistics.housing_first import HousingFirstReport, tenths_of_percent
from bobudget.statistics.inputs import lettings_of, set_lettings
from bobudget.statistics.queue_stats import QueueReport, median_days
from bobudget.statistics.report import ReportTable
from tests.db.stats_fixtures import Rows, month_range, year_period

D = dt.date


def _by_row(table: ReportTable) -> dict[str, dict[str, object]]:
    return {
        row.label: {c.key: v for c, v in zip(table.columns, row.cells, strict=True)}
        for row in table.rows
    }


def test_the_queue_month_by_month(db: Database) -> None:
    rows = Rows(db)
    d1 = rows.decision(D(2025, 10, 15))
    hh1 = d1.household_id
    d2 = rows.decision(D(2026, 1, 10), executed=D(2026, 2, 20), offers=3)
    d3 = rows.decision(D(2025, 12, 1), executed=D(2026, 2, 5), offers=1)
    rows.decision(D(2025, 11, 30), ended=D(2026, 1, 31))  # ended on the month's last day
    d5 = rows.decision(D(2026, 3, 31))
    household = rows.session.get(Household, hh1)
    rows.decision(D(2026, 1, 20), household=household)  # the same household again: counted once
    ids = {"d1": d1.id, "d2": d2.id, "d3": d3.id, "d5": d5.id}
    rows.commit()
    with db.sessions() as session:
        result = QueueReport().run(session, month_range(D(2026, 1, 1), D(2026, 3, 31)))
    table = result.tables[0]
    got = _by_row(table)
    assert list(got) == ["2026-01", "2026-02", "2026-03"]
    jan, feb, mar = got["2026-01"], got["2026-02"], got["2026-03"]
    assert (jan["i_ko"], jan["median"], jan["langsta"], jan["nya"], jan["over_tre_manader"]) == (
        3,
        61,
        108,
        2,
        1,
    )
    assert (feb["i_ko"], feb["median"], feb["verkstallda"], feb["erbjudanden"]) == (1, 136, 2, 4)
    assert feb["per_placering"] == "2,0"
    assert (mar["i_ko"], mar["median"], mar["langsta"], mar["nya"]) == (2, 84, 167, 1)
    jan_row = table.rows[0]
    assert set(jan_row.behind[1]) == {ids["d1"], ids["d2"], ids["d3"]}
    assert jan_row.behind[6] == (ids["d1"],)  # the longest wait
    with db.sessions() as session:
        listing = QueueReport().behind(session, table.key, table.rows[2].behind[1])
    assert [r[2] for r in listing.rows] == [D(2025, 10, 15), D(2026, 3, 31)]
    assert all(p is not None for p in listing.person_ids)
    assert ids["d5"]


def test_median_of_an_even_queue_rounds_half_up_and_an_empty_queue_has_none() -> None:
    assert median_days([0, 167]) == 84
    assert median_days([10, 20, 90]) == 20
    assert median_days([]) is None


def _housing_first(rows: Rows) -> None:
    hf = ContractKind.HOUSING_FIRST
    rows.lease(hf, D(2023, 3, 1))
    rows.lease(hf, D(2023, 5, 10), D(2024, 2, 1))  # left within the first year
    rows.lease(hf, D(2023, 9, 1), D(2024, 9, 15))  # stayed one year, not two
    rows.lease(hf, D(2023, 12, 31), D(2025, 12, 31))  # left on the second anniversary itself
    rows.lease(hf, D(2024, 2, 1))
    rows.lease(hf, D(2024, 8, 1), D(2025, 1, 1))
    rows.lease(hf, D(2024, 12, 1))
    rows.lease(hf, D(2025, 10, 1))
    rows.lease(ContractKind.SOCIAL, D(2024, 3, 3))
    rows.lease(ContractKind.SOCIAL, D(2024, 4, 4), imported=True)
    rows.lease(ContractKind.TRANSITIONAL, D(2024, 5, 5), company=False)  # a private landlord
    rows.placement([(D(2024, 6, 6), D(2024, 9, 6))])  # temporary housing: not a letting


def test_bostad_forst_against_the_target_and_still_housed(db: Database) -> None:
    rows = Rows(db)
    _housing_first(rows)
    rows.commit()
    set_lettings(db, 2024, 40)
    set_lettings(db, 2025, 0)
    report = HousingFirstReport(target=12, today=lambda: D(2026, 6, 30))
    with db.sessions() as session:
        result = report.run(session, year_period(2023, 2024, 2025))
    got = _by_row(result.tables[0])
    assert got["2023"] == {
        "ar": "2023",
        "antal": 4,
        "mal": 12,
        "kvar_1_ar": 750,
        "kvar_2_ar": 500,
        "bolaget_totalt": None,
        "bolaget_sociala": 4,
        "andel_sociala": None,
    }
    assert (got["2024"]["antal"], got["2024"]["kvar_1_ar"], got["2024"]["kvar_2_ar"]) == (
        3,
        667,
        1000,
    )
    assert (got["2024"]["bolaget_totalt"], got["2024"]["bolaget_sociala"]) == (40, 5)
    assert got["2024"]["andel_sociala"] == 125
    assert (got["2025"]["kvar_1_ar"], got["2025"]["andel_sociala"]) == (None, None)
    # Behind the two-year share of 2024: the one contract old enough to count.
    assert len(result.tables[0].rows[1].behind[4]) == 1


def test_the_target_comes_from_the_units_settings_when_not_given(
    sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BOBUDGET_HOME", str(tmp_path))
    report = HousingFirstReport(today=lambda: D(2026, 6, 30))
    with sqlite_db.sessions() as session:
        assert report.run(session, year_period(2026)).tables[0].rows[0].cells[2] == 10
    set_setting(sqlite_db, "bostad_forst.target", "14")
    with sqlite_db.sessions() as session:
        assert report.run(session, year_period(2026)).tables[0].rows[0].cells[2] == 14


def test_tenths_of_percent_round_half_up() -> None:
    assert tenths_of_percent(2, 3) == 667
    assert tenths_of_percent(1, 8) == 125
    assert tenths_of_percent(1, 0) is None


def test_lettings_are_set_per_year_by_command(
    sqlite_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    url = str(sqlite_db.engine.url)
    assert main(["--db", url, "lettings", "set", "--year", "2025", "--total", "412"]) == 0
    assert main(["--db", url, "lettings", "set", "--year", "2025", "--total", "420"]) == 0
    assert lettings_of(sqlite_db) == {2025: 420}
    assert main(["--db", url, "lettings", "set", "--year", "2025", "--total", "-1"]) == 1
    assert "negativt" in capsys.readouterr().err
    with pytest.raises(ValidationError):
        set_lettings(sqlite_db, 20255, 1)
    assert lettings_of(sqlite_db) == {2025: 420}
