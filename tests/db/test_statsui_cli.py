"""`bobudget report <key>`: one sub-command per report in the catalogue, its period options,
text table, CSV to stdout or a file, Excel and PDF to --out, --med-identitet."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from bobudget.cli import main
from bobudget.db.engine import Database
from bobudget.model import AuditEntry
from bobudget.statistics import catalogue
from bobudget.statistics.export import IDENTITY_MARKER
from bobudget.statistics.report import PeriodKind
from tests.statsui_fakes import FakeReport


def _url(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeReport:
    report = FakeReport()
    weekly = FakeReport(
        key="weekly", title="Veckorapport", period_kind=PeriodKind.WEEK, offers_identities=False
    )
    monthly = FakeReport(key="months", title="Månader", period_kind=PeriodKind.MONTH_RANGE)
    monkeypatch.setattr(catalogue, "REPORTS", (report, weekly, monthly))
    return report


def test_csv_to_stdout_begins_with_the_header(
    db: Database, fake: FakeReport, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["report", "fake", "--year", "2025", "--format", "csv", "--db", _url(db)])
    out = capsys.readouterr().out
    assert code == 0
    assert out.split("\n")[0] == "typ;jan;feb;mar;totalt;hyra;andel"
    assert "Bostad först;3;1;4;8;8000,00;73,4" in out
    assert [p.label for p in fake.runs] == ["2025"]
    with db.sessions() as session:
        details = [e.detail for e in session.scalars(select(AuditEntry))]
    assert details == ["fake 2025 csv utan identitet"]


def test_text_table_is_the_default(
    db: Database, fake: FakeReport, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "fake", "--year", "2026", "--year", "2025", "--db", _url(db)]) == 0
    out = capsys.readouterr().out
    assert "Förmedlade bostäder (prov) – 2025, 2026" in out
    assert "8 000,00 kr" in out
    assert "73,4 %" in out
    assert fake.runs[0].years == (2025, 2026)


def test_xlsx_needs_out_and_writes_it(
    db: Database, fake: FakeReport, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "fake", "--format", "xlsx", "--db", _url(db)]) == 1
    assert "--out" in capsys.readouterr().err
    out = tmp_path / "stat.xlsx"
    assert main(["report", "fake", "--format", "xlsx", "--out", str(out), "--db", _url(db)]) == 0
    assert out.read_bytes()[:2] == b"PK"


def test_med_identitet_marks_the_file(
    db: Database, fake: FakeReport, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    given = tmp_path / "ivo.csv"
    args = ["report", "fake", "--year", "2026", "--format", "csv", "--out", str(given)]
    assert main([*args, "--med-identitet", "--db", _url(db)]) == 0
    assert not given.exists()
    out = tmp_path / "ivo-med-identitet.csv"
    assert str(out) in capsys.readouterr().err
    assert out.read_bytes().decode("utf-8").split("\r\n")[0] == IDENTITY_MARKER
    with db.sessions() as session:
        details = [e.detail for e in session.scalars(select(AuditEntry))]
    assert details == ["fake 2026 csv med identitet"]


def test_period_options_follow_the_report(
    db: Database, fake: FakeReport, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "weekly", "--week", "2026-W53", "--db", _url(db)]) == 0
    assert "2026-W53" in capsys.readouterr().out
    assert main(["report", "months", "--from", "2026-01", "--to", "2026-06", "--db", _url(db)]) == 0
    assert "2026-01–2026-06" in capsys.readouterr().out


def test_errors_are_swedish_with_exit_codes(
    db: Database, fake: FakeReport, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "weekly", "--week", "2027-W53", "--db", _url(db)]) == 1
    assert "Vecka 53 finns inte 2027" in capsys.readouterr().err
    assert main(["report", "months", "--from", "2026-01", "--db", _url(db)]) == 1
    assert "Ange både --from och --to" in capsys.readouterr().err
    assert main(["report", "weekly", "--med-identitet", "--db", _url(db)]) == 1
    assert "ingen lista med personnummer" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stopped:
        main(["report", "weekly", "--year", "2026", "--db", _url(db)])
    assert stopped.value.code == 2
    assert "okända argument" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["report", "nonsens"])
    assert "ogiltigt val" in capsys.readouterr().err
