"""Which database is open and where it was chosen: --db, then BOBUDGET_DATABASE_URL, then the
settings file, then the local file; shown without any password."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import URL

from bobudget.db.engine import address_without_password, parse_url
from bobudget.db.open import DEMO_ORIGIN, DatabaseInUse, database_in_use, open_database
from bobudget.kernel.config import DatabaseSettings, Settings, save_settings


def _opened(cli_url: str | None) -> DatabaseInUse:
    db = open_database(cli_url)
    try:
        return database_in_use(db)
    finally:
        db.dispose()


def test_each_way_of_choosing_is_recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    by_settings = tmp_path / "installningar.db"
    by_env = tmp_path / "miljo.db"
    by_cli = tmp_path / "kommandorad.db"

    default = _opened(None)
    assert default.origin == "standard"
    assert "standardfilen" in default.note()
    assert not default.overrides_settings

    save_settings(Settings(database=DatabaseSettings(kind="sqlite", path=str(by_settings))))
    chosen = _opened(None)
    assert (chosen.address, chosen.origin) == (f"sqlite:///{by_settings}", "inställningar")
    assert chosen.note() == "Den är vald i inställningarna nedan."
    assert not chosen.overrides_settings

    monkeypatch.setenv("BOBUDGET_DATABASE_URL", f"sqlite:///{by_env}")
    env = _opened(None)
    assert (env.address, env.origin) == (f"sqlite:///{by_env}", "miljövariabel")
    assert "BOBUDGET_DATABASE_URL" in env.note()
    assert "går före inställningarna" in env.note()
    assert env.overrides_settings

    cli = _opened(f"sqlite:///{by_cli}")
    assert (cli.address, cli.origin) == (f"sqlite:///{by_cli}", "kommandorad")
    assert "--db" in cli.note()
    # Without --db the environment variable would still decide, not the settings: said too.
    assert "också satt" in cli.note()
    monkeypatch.delenv("BOBUDGET_DATABASE_URL")
    assert "används när bobudget startas utan --db" in cli.note()
    assert cli.overrides_settings


def test_a_demo_database_says_the_settings_are_for_the_real_one() -> None:
    started_with_demo = DatabaseInUse("sqlite:////tmp/demo.db", DEMO_ORIGIN, demo=True)
    assert "startades med --demo" in started_with_demo.note()
    assert started_with_demo.overrides_settings
    # A demo file opened the ordinary way says so, and where it was chosen.
    by_env = DatabaseInUse("sqlite:////tmp/demo.db", "miljövariabel", demo=True)
    assert by_env.note().startswith("Den innehåller bara påhittade demouppgifter. Den anges av")
    assert "--demo" not in by_env.note()


def test_the_address_never_holds_the_password(postgres_url: URL) -> None:
    given = parse_url("postgresql://anna:hemligt@server.kommun.se:5432/bobudget?sslmode=require")
    assert address_without_password(given) == (
        "postgresql+psycopg://anna@server.kommun.se:5432/bobudget?sslmode=require"
    )
    # An open server database with a password in the URL it was opened with (a server that
    # trusts this machine takes any).
    url = postgres_url if postgres_url.password else postgres_url.set(password="hemligt")
    assert url.password
    db = open_database(url.render_as_string(hide_password=False))
    try:
        shown = database_in_use(db).address
    finally:
        db.dispose()
    assert shown.startswith("postgresql+psycopg://")
    assert str(url.password) not in shown
    assert ":***@" not in shown
    assert shown.endswith(f"/{postgres_url.database}")
