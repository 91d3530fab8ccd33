"""Which database is opened: --db, then the environment, then the settings file, else local."""

from __future__ import annotations

from pathlib import Path

import pytest

from bobudget.kernel.config import (
    DatabaseSettings,
    Settings,
    load_settings,
    resolve_database_url,
    save_settings,
    settings_path,
)
from bobudget.kernel.errors import ValidationError


def test_default_is_a_local_file_in_the_data_folder(isolated_home: Path) -> None:
    resolved = resolve_database_url(None)
    assert resolved.source == "standard"
    assert resolved.url == f"sqlite:///{isolated_home / 'data' / 'bobudget.db'}"


def test_order_cli_then_env_then_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    save_settings(Settings(database=DatabaseSettings(kind="postgresql", host="srv", user="anna")))
    assert resolve_database_url(None).url == "postgresql+psycopg://anna@srv:5432/bobudget"
    assert resolve_database_url(None).source == "inställningar"
    monkeypatch.setenv("BOBUDGET_DATABASE_URL", "sqlite:///env.db")
    assert resolve_database_url(None).url == "sqlite:///env.db"
    assert resolve_database_url("sqlite:///cli.db").url == "sqlite:///cli.db"


def test_settings_round_trip_and_no_password_field() -> None:
    settings = Settings()
    settings.letterhead.municipality = "Exempelby kommun"
    settings.database = DatabaseSettings(kind="postgresql", host="db.kommun.se", user="bo")
    save_settings(settings)
    text = settings_path().read_text(encoding="utf-8")
    assert "password" not in text.lower() and "lösenord" not in text.lower()
    again = load_settings()
    assert again.database.host == "db.kommun.se"
    # The unit's letterhead lives in the database; the user's file keeps only the connection.
    assert again.letterhead.municipality == ""


def test_a_broken_settings_file_gives_a_message() -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text("{ inte json", encoding="utf-8")
    with pytest.raises(ValidationError, match="Inställningsfilen"):
        load_settings()
