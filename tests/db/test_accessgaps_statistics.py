"""The statistics in the access log (issue 13): an export with identities (the IVO list with
personnummer) logs the persons it names, one without identities a single row naming no one, and
the list behind a cell the persons it shows; ids only. On both engines."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select

from bobudget.db.engine import Database
from bobudget.model import AccessLog, Person
from bobudget.model.vocab import AccessKind
from bobudget.statistics.catalogue import report_by_key
from bobudget.statistics.export import ExportFormat, export_to_file
from bobudget.statistics.service import listing_behind, run_report
from tests.db.ivo_data import decision, person, quarter, session_of

FORBIDDEN = re.compile(r"^\s*(UPDATE|DELETE\s+FROM)\s+\"?(access_log|change_trail)\b", re.I)


@pytest.fixture(autouse=True)
def never_changed(db: Database) -> Iterator[None]:
    """Fails the test if anything issues UPDATE or DELETE on the two log tables."""
    seen: list[str] = []

    def watch(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if FORBIDDEN.search(statement):
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", watch)
    yield
    event.remove(db.engine, "before_cursor_execute", watch)
    assert seen == []


def _log(db: Database) -> list[AccessLog]:
    with db.sessions() as session:
        return list(session.scalars(select(AccessLog).order_by(AccessLog.id)))


def _assert_ids_only(db: Database) -> None:
    with db.sessions() as session:
        private: list[str] = []
        for p in session.scalars(select(Person)):
            private += [p.first_name, p.last_name, p.identity, p.identity[2:]]
    for row in _log(db):
        assert not re.search(r"\d{6}[-+]?\d{4}", row.detail), row.detail
        assert not any(text in row.detail for text in private if text), row.detail


def _ivo_case(db: Database) -> tuple[int, int]:
    """A decision not carried out for more than three months: on the IVO list for 2026Q3."""
    with session_of(db) as s:
        p = person(s)
        d = decision(s, p, dt.date(2026, 3, 2))
        s.commit()
        return p.id, d.id


def test_ivo_export_with_identities_logs_its_persons(db: Database, tmp_path: Path) -> None:
    person_id, decision_id = _ivo_case(db)
    report = report_by_key("ivo")
    assert report is not None
    result = run_report(db, report, quarter("2026Q3"), with_identities=True)
    assert [row.record_id for row in result.tables[0].rows] == [decision_id]
    export_to_file(db, report, result, ExportFormat.CSV, tmp_path / "ivo.csv", "anna")
    rows = _log(db)
    assert [r.person_id for r in rows] == [person_id]
    assert {(r.what, r.detail, r.username) for r in rows} == {
        (AccessKind.EXPORT, "rapport ivo 2026Q3", "anna")
    }
    _assert_ids_only(db)


def test_export_without_identities_logs_one_row_without_a_person(
    db: Database, tmp_path: Path
) -> None:
    _ivo_case(db)
    report = report_by_key("ivo")
    assert report is not None
    result = run_report(db, report, quarter("2026Q3"))
    export_to_file(db, report, result, ExportFormat.XLSX, tmp_path / "ivo.xlsx", "anna")
    [row] = _log(db)
    assert (row.what, row.person_id, row.detail) == (AccessKind.EXPORT, None, "rapport ivo 2026Q3")


def test_the_list_behind_a_cell_logs_its_persons(db: Database) -> None:
    person_id, _decision = _ivo_case(db)
    report = report_by_key("ivo")
    assert report is not None
    table = run_report(db, report, quarter("2026Q3")).tables[0]
    ids = [row.record_id for row in table.rows if row.record_id is not None]
    listing = listing_behind(db, report, table.key, ids)
    shown = [pid for pid in listing.person_ids if pid is not None]
    assert person_id in shown
    rows = _log(db)
    assert [r.person_id for r in rows] == list(dict.fromkeys(shown))
    assert {r.what for r in rows} == {AccessKind.LIST_SHOWN}
    _assert_ids_only(db)
