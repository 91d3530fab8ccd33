"""The PC's machine-wide settings file that IT deploys (or the installer writes from /DBURL=):
the database every user of the PC opens when they have chosen none themselves (issue 15).

Order: --db, BOBUDGET_DATABASE_URL, the user's settings, the machine's settings, the local file.
"""

from __future__ import annotations

import json
from pathlib import Path

import platformdirs
import pytest

from bobudget.db.open import DatabaseInUse, open_database
from bobudget.kernel.config import (
    MACHINE_SOURCE,
    DatabaseSettings,
    Settings,
    machine_settings_path,
    resolve_database_url,
    save_settings,
)
from bobudget.kernel.errors import ValidationError

SHARED = "postgresql+psycopg://bobudget@db.kommun.local:5432/bobudget"


def deploy(text: str, encoding: str = "utf-8") -> Path:
    path = machine_settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding=encoding)
    return path


def test_the_machine_file_decides_when_the_user_has_chosen_nothing() -> None:
    assert resolve_database_url(None).source == "standard"
    deploy(json.dumps({"database_url": SHARED}))
    resolved = resolve_database_url(None)
    assert (resolved.url, resolved.source) == (SHARED, MACHINE_SOURCE)


def test_the_users_own_choice_the_environment_and_db_go_before_the_machine_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    deploy(json.dumps({"database_url": SHARED}))
    save_settings(Settings(database=DatabaseSettings(kind="postgresql", host="egen", user="anna")))
    assert resolve_database_url(None).url == "postgresql+psycopg://anna@egen:5432/bobudget"
    monkeypatch.setenv("BOBUDGET_DATABASE_URL", "sqlite:///env.db")
    assert resolve_database_url(None).url == "sqlite:///env.db"
    assert resolve_database_url("sqlite:///cli.db").url == "sqlite:///cli.db"


def test_a_user_file_that_chooses_no_database_leaves_the_machine_file_in_charge() -> None:
    # An older file may hold only the letterhead: the database is then not the user's choice.
    save_settings(Settings())
    deploy(json.dumps({"database_url": SHARED}))
    assert resolve_database_url(None).source == MACHINE_SOURCE


def test_the_installers_file_with_a_bom_and_the_user_files_form_are_both_read() -> None:
    deploy('\ufeff{"database_url": "  ' + SHARED + '  "}')
    assert resolve_database_url(None).url == SHARED
    deploy(json.dumps({"database": {"kind": "postgresql", "host": "srv", "name": "bb"}}))
    assert resolve_database_url(None).url == "postgresql+psycopg://@srv:5432/bb"


@pytest.mark.parametrize("text", ["{ inte json", "[1, 2]", '{"database_url": ""}', "{}"])
def test_a_broken_machine_file_says_what_to_do_and_a_users_own_choice_still_opens(
    text: str,
) -> None:
    path = deploy(text)
    with pytest.raises(ValidationError) as raised:
        resolve_database_url(None)
    message = str(raised.value)
    assert str(path) in message and "Be IT" in message and "Arkiv → Inställningar" in message
    save_settings(Settings(database=DatabaseSettings(path="/tmp/egen.db")))
    assert resolve_database_url(None).source == "inställningar"


def test_outside_tests_the_file_is_in_the_site_config_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("BOBUDGET_HOME")
    expected = Path(platformdirs.site_config_dir("bobudget", appauthor=False)) / "settings.json"
    assert machine_settings_path() == expected
    # Windows: C:\ProgramData\bobudget\settings.json, where the installer writes it.
    assert expected.parent.name == "bobudget"


def test_the_window_opens_the_machine_files_database_and_says_where_it_came_from(
    tmp_path: Path,
) -> None:
    deploy(json.dumps({"database_url": f"sqlite:///{tmp_path / 'delad.db'}"}))
    db = open_database(None)
    try:
        assert db.origin == MACHINE_SOURCE and (tmp_path / "delad.db").exists()
        note = DatabaseInUse(db.location, db.origin).note(env_url="")
        assert "alla användare på den här datorn" in note
        assert str(machine_settings_path()) in note
    finally:
        db.dispose()
