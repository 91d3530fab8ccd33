"""Kartläggningen: classification from the program's data, hand-entered persons, one count per
personnummer, sex, age groups and children under 18."""

from __future__ import annotations

import datetime as dt

import pytest

from bobudget.cli import main
from bobudget.db.engine import Database
from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.kernel.identity import demo_identity, display_canonical
from bobudget.model.vocab import ContractKind
from bobudget.statistics.inputs import (
    add_survey_entry,
    list_survey_entries,
    remove_survey_entry,
)
from bobudget.statistics.report import ReportTable
from bobudget.statistics.survey import SurveyReport
from tests.db.stats_fixtures import Rows, week_period

WEEK = week_period(2026, 45)  # Monday 2 November – Sunday 8 November 2026
MONDAY = dt.date(2026, 11, 2)
TODAY = dt.date(2026, 11, 30)


def _survey(db: Database) -> tuple[dict[str, dict[str, object]], ReportTable, dict[str, int]]:
    rows = Rows(db)
    a = rows.person(dt.date(1990, 1, 1), woman=True)  # 36: 25–44
    rows.household(a, rows.person(dt.date(2015, 4, 4)))  # a child of 11
    rows.placement([(dt.date(2026, 9, 1), dt.date(2026, 11, 30))], person=a)
    b = rows.person(dt.date(2004, 3, 1), woman=False)  # 22: 18–24
    rows.lease(ContractKind.SOCIAL, dt.date(2025, 1, 1), person=b)
    c = rows.person(dt.date(1955, 6, 1))  # took the lease over before the week: not counted
    rows.lease(
        ContractKind.TRANSITIONAL, dt.date(2024, 1, 1), takeover=dt.date(2026, 10, 1), person=c
    )
    rows.lease(ContractKind.HOUSING_FIRST, dt.date(2025, 5, 5))  # own lease: not counted
    e = rows.person(dt.date(1960, 2, 2), woman=False)  # 66: 65+
    rows.placement([(dt.date(2026, 10, 1), dt.date(2026, 12, 31))], person=e)
    rows.lease(ContractKind.SOCIAL, dt.date(2026, 11, 5), person=e)  # moves in during the week
    rows.lease(ContractKind.SOCIAL, dt.date(2025, 1, 1), dt.date(2026, 10, 31))  # ended before
    m = rows.person(dt.date(1980, 5, 5))  # 46: 45–64
    # Her child turns 18 on the Tuesday: still a child on the week's first day.
    rows.household(m, rows.person(dt.date(2008, 11, 3)))
    rows.lease(ContractKind.TRANSITIONAL, dt.date(2026, 2, 1), person=m)
    ids = {"a": a.id, "b": b.id, "e": e.id, "m": m.id}
    b_identity = b.identity
    rows.commit()
    # By hand: b from another unit in an institution (more acute than b's contract) …
    add_survey_entry(db, MONDAY, display_canonical(b_identity), 2, source="Vuxenavd.", today=TODAY)
    # … someone staying with friends, with children, and someone counted another week.
    stranger = demo_identity(dt.date(1970, 7, 7), 1).display  # a man of 56
    entry, _ = add_survey_entry(
        db, MONDAY + dt.timedelta(days=3), stranger, 4, with_children=True, today=TODAY
    )
    ids["i"] = -entry
    add_survey_entry(db, MONDAY + dt.timedelta(days=7), stranger, 2, today=TODAY)
    with db.sessions() as session:
        table = SurveyReport().run(session, WEEK).tables[0]
    cells = {
        row.label: {c.key: v for c, v in zip(table.columns, row.cells, strict=True)}
        for row in table.rows
    }
    return cells, table, ids


def test_everyone_is_classified_once_in_the_most_acute_situation(db: Database) -> None:
    cells, table, ids = _survey(db)
    totals = {label.split(".")[0]: row["totalt"] for label, row in cells.items()}
    assert totals == {"1": 2, "2": 1, "3": 1, "4": 1, "Totalt": 5}
    behind = {row.label.split(".")[0]: set(row.behind[1]) for row in table.rows}
    assert behind["1"] == {ids["a"], ids["e"]}
    assert behind["3"] == {ids["m"]}
    assert behind["4"] == {ids["i"]}
    assert len(behind["2"]) == 1 and next(iter(behind["2"])) < 0  # b, from the hand entry


def test_sex_age_groups_and_children(db: Database) -> None:
    cells, _table, _ids = _survey(db)
    total = cells["Totalt"]
    assert (total["kvinnor"], total["man"]) == (2, 3)
    assert (
        total["alder_18_24"],
        total["alder_25_44"],
        total["alder_45_64"],
        total["alder_65"],
        total["alder_okand"],
    ) == (1, 1, 2, 1, 0)
    assert (total["med_barn"], total["utan_barn"]) == (3, 2)  # a, m, and the hand entry
    first = next(row for label, row in cells.items() if label.startswith("1."))
    assert (first["kvinnor"], first["man"], first["med_barn"], first["alder_65"]) == (1, 1, 1, 1)


def test_the_list_behind_names_register_persons_and_shows_hand_entries(
    sqlite_db: Database,
) -> None:
    _cells, table, ids = _survey(sqlite_db)
    with sqlite_db.sessions() as session:
        listing = SurveyReport().behind(session, table.key, table.rows[-1].behind[1])
    assert len(listing.rows) == 5
    assert sorted(p for p in listing.person_ids if p is not None) == sorted(
        [ids["a"], ids["e"], ids["m"]]
    )
    assert sum(1 for r in listing.rows if str(r[3]).startswith("Inlagd för hand")) == 2
    by_person = dict(zip(listing.person_ids, listing.rows, strict=True))
    assert by_person[ids["a"]][2:] == (1, "Tillfälligt boende")
    assert by_person[ids["e"]][2:] == (1, "Tillfälligt boende")  # and a social contract too
    assert by_person[ids["m"]][2:] == (3, "Bostadssocialt kontrakt")


def test_hand_entries_are_checked_and_removed(sqlite_db: Database) -> None:
    person = demo_identity(dt.date(1975, 1, 1), 0).display
    entry, _ = add_survey_entry(sqlite_db, MONDAY, person, 4, today=TODAY)
    with pytest.raises(ValidationError, match="redan inlagd"):
        add_survey_entry(sqlite_db, MONDAY + dt.timedelta(days=2), person, 2, today=TODAY)
    with pytest.raises(ValidationError, match="1, 2, 3 eller 4"):
        add_survey_entry(
            sqlite_db, MONDAY, demo_identity(dt.date(1975, 1, 1), 2).display, 5, today=TODAY
        )
    assert [e.situation for e in list_survey_entries(sqlite_db, MONDAY)] == [4]
    remove_survey_entry(sqlite_db, entry)
    assert list_survey_entries(sqlite_db, MONDAY) == []
    with pytest.raises(NotFoundError, match="ingen inlagd person"):
        remove_survey_entry(sqlite_db, entry)


def test_the_survey_commands(sqlite_db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    url = str(sqlite_db.engine.url)
    person = demo_identity(dt.date(1975, 1, 1), 0).display
    add = ["--db", url, "survey", "add", "--week", "2026-W45", "--person", person]
    assert main([*add, "--situation", "2", "--source", "Vuxenavdelningen"]) == 0
    assert main([*add, "--situation", "4"]) == 1
    assert "redan inlagd" in capsys.readouterr().err
    assert main(["--db", url, "survey", "list", "--week", "2026-W45", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert person in out and "Vuxenavdelningen" in out
    assert main(["--db", url, "survey", "list", "--week", "2026-W60"]) == 1
    assert "ingen vecka" in capsys.readouterr().err
