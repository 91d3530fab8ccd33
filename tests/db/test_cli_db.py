"""`bobudget db upgrade` and `bobudget db status` on both engines, and the exit codes."""

from __future__ import annotations

import json

import pytest

from bobudget.cli import main
from bobudget.db.engine import Database


def _url(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


def test_upgrade_then_status_json(empty_db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "status", "--db", _url(empty_db), "--format", "json"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert before["revision"] is None

    assert main(["db", "upgrade", "--db", _url(empty_db)]) == 0
    assert "uppgraderad" in capsys.readouterr().out

    assert main(["db", "status", "--db", _url(empty_db), "--format", "json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["engine"] in ("SQLite", "PostgreSQL")
    assert status["up_to_date"] is True
    for key in ("persons", "households", "contracts", "decisions"):
        assert status[key] == 0
        assert status["counts"][key] == 0
    assert "password" not in json.dumps(status)


def test_status_as_table(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "status", "--db", _url(db)]) == 0
    out = capsys.readouterr().out
    assert "Schemaversion" in out and "(aktuell)" in out and "Personer:" in out


def test_unreachable_database_is_exit_1_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["db", "status", "--db", "postgresql://postgres@127.0.0.1:1/bobudget"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("bobudget: Det går inte att nå databasservern")
    assert "Traceback" not in err and err.count("\n") == 1


def test_bad_usage_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["db", "nonsens"])
    assert raised.value.code == 2
    with pytest.raises(SystemExit) as raised:
        main([])
    assert raised.value.code == 2


SECRET = "Åsa Öberg 19800517-9803"


@pytest.mark.parametrize(
    "argv",
    [[], ["db"], ["db", "upgrade"], ["db", "status"], ["demo"], ["import"]],
)
def test_every_command_has_help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main([*argv, "--help"])
    assert raised.value.code == 0
    assert "användning:" in capsys.readouterr().out


def test_unexpected_error_is_calm_and_the_log_holds_no_personal_data(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], isolated_home: object
) -> None:
    from pathlib import Path

    from bobudget.cli import db_cmd

    def explode(args: object) -> int:
        raise RuntimeError(SECRET)  # as a database error repeats a statement's parameters

    monkeypatch.setattr(db_cmd, "run_status", explode)
    assert main(["db", "status"]) == 1
    err = capsys.readouterr().err
    assert "oväntat fel" in err and "Traceback" not in err and "Öberg" not in err
    log = (Path(str(isolated_home)) / "logs" / "bobudget.log").read_text(encoding="utf-8")
    assert "RuntimeError" in log
    assert "Öberg" not in log and "19800517" not in log


def test_a_reader_that_stops_early_is_no_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`bobudget … | head -1`: the closed pipe is the reader's choice, not a failure."""
    import sys

    from bobudget.cli import db_cmd

    def closed_pipe(args: object) -> int:
        raise BrokenPipeError

    monkeypatch.setattr(db_cmd, "run_status", closed_pipe)
    stdout = sys.stdout
    try:
        assert main(["db", "status"]) == 0
    finally:
        sys.stdout = stdout
    err = capsys.readouterr().err
    assert "oväntat" not in err and "Traceback" not in err


def test_db_option_before_the_command_as_well_as_after(
    empty_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    """`bobudget --db URL db upgrade`, as git, psql and docker take a connection option."""
    assert main(["--db", _url(empty_db), "db", "upgrade"]) == 0
    assert "uppgraderad" in capsys.readouterr().out
    assert main(["--db", _url(empty_db), "queue", "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("personnummer;")
    assert main(["queue", "--db", _url(empty_db), "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("personnummer;")


def test_db_option_after_the_command_wins_over_the_one_before(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    unreachable = "postgresql://postgres@127.0.0.1:1/bobudget"
    assert main(["--db", unreachable, "db", "status", "--db", _url(db)]) == 0
    capsys.readouterr()
    assert main(["--db", unreachable, "db", "status"]) == 1
    assert "Det går inte att nå databasservern" in capsys.readouterr().err


def test_help_names_db_before_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "--db URL" in capsys.readouterr().out
