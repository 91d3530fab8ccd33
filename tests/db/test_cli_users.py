"""`bobudget user list|add|deactivate`: the staff list from the command line."""

from __future__ import annotations

import pytest

from bobudget.cli import main
from bobudget.db.engine import Database


def _url(db: Database) -> str:
    return db.engine.url.render_as_string(hide_password=False)


def test_add_list_and_deactivate_a_user(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    url = _url(db)
    add = ["user", "add", "anna.berg", "--full-name", "Anna Berg", "--role", "bostadshandledare"]
    assert main([*add, "--phone", "0522697033", "--db", url]) == 0
    assert "Lade till anna.berg (Anna Berg)" in capsys.readouterr().out
    assert main(["user", "list", "--db", url]) == 0
    out = capsys.readouterr().out
    assert "Anna Berg" in out and "Bostadshandledare" in out and "0522-69 70 33" in out
    # Refused in Swedish, with what to do; nothing added.
    assert main([*add, "--db", url]) == 1
    assert "finns redan en användare 'anna.berg'" in capsys.readouterr().err
    assert main(["user", "deactivate", "anna.berg", "--db", url]) == 0
    assert "inaktiverad" in capsys.readouterr().out
    assert main(["user", "list", "--db", url]) == 0
    assert "anna.berg" not in capsys.readouterr().out  # only the active by default
    assert main(["user", "list", "--all", "--db", url]) == 0
    assert "nej" in capsys.readouterr().out
    assert main(["user", "deactivate", "nisse", "--db", url]) == 1
    assert "Det finns ingen användare 'nisse'" in capsys.readouterr().err


def test_a_bad_user_is_refused_with_every_problem(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["user", "add", "ny användare", "--full-name", " ", "--role", "enhetschef"]
    assert main([*args, "--phone", "12", "--db", _url(db)]) == 1
    err = capsys.readouterr().err
    assert "Användarnamnet 'ny användare' går inte att använda" in err
    assert "Fyll i för- och efternamn" in err
    assert "Telefonnumret '12' finns inte" in err
    assert main(["user", "list", "--db", _url(db)]) == 0
    assert "ny användare" not in capsys.readouterr().out
