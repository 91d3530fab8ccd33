"""The Statistik page shows a report's first tables while the rest is still counted (the
placements at once, temporary housing after): nothing can be exported until all is there."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field, replace

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from bobudget.db.engine import Database
from bobudget.statistics import catalogue
from bobudget.statistics.report import ReportPeriod, ReportResult, ShownFirst
from tests.statsui_fakes import FakeReport
from ui.pages.statistics import StatisticsPage

TODAY = dt.date(2026, 11, 30)


@dataclass
class SlowSecondTable(FakeReport):
    """Hands over its first table, then waits (as temporary housing is counted) until told."""

    go_on: threading.Event = field(default_factory=threading.Event)

    def run_showing_first(
        self,
        session: Session,
        period: ReportPeriod,
        shown: ShownFirst,
        *,
        with_identities: bool = False,
    ) -> ReportResult:
        whole = self.run(session, period, with_identities=with_identities)
        first = whole.tables[:1]
        keys = {t.key for t in first}
        shown(
            replace(
                whole, tables=first, charts=tuple(c for c in whole.charts if c.table_key in keys)
            )
        )
        assert self.go_on.wait(30)
        return whole


@pytest.fixture
def report(monkeypatch: pytest.MonkeyPatch) -> SlowSecondTable:
    slow = SlowSecondTable()
    monkeypatch.setattr(catalogue, "REPORTS", (slow,))
    return slow


def test_the_first_table_is_shown_while_the_rest_is_counted(
    qtbot: QtBot, sqlite_db: Database, report: SlowSecondTable
) -> None:
    page = StatisticsPage(sqlite_db, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    meanwhile: list[tuple[list[str], bool, str]] = []

    def look() -> None:
        # Runs in the progress dialog's loop, while the report still counts its second table.
        if page.view.blocks and not meanwhile:
            meanwhile.append(
                (
                    [b.table.title for b in page.view.blocks],
                    page.csv_button.isEnabled(),
                    page.status.text(),
                )
            )
            report.go_on.set()

    watch = QTimer()
    watch.setInterval(5)
    watch.timeout.connect(look)
    watch.start()
    page.show_button.click()
    watch.stop()

    titles, could_export, status = meanwhile[0]
    first_title = page.view.blocks[0].table.title
    assert titles == [first_title]
    assert page.view.blocks[0].model.texts()[0][:2] == ["Bostad först", "3"]
    assert not could_export
    assert "resten räknas" in status
    # When everything is counted: every table, and the exports.
    assert len(page.view.blocks) == 2
    assert page.csv_button.isEnabled()
    assert "resten räknas" not in page.status.text()
