"""Inställningar → Databas shows the database the window works in, without any password, and
says when --db or BOBUDGET_DATABASE_URL decides instead of the settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QLabel

from bobudget.db.open import DatabaseInUse, database_in_use, open_database
from ui.main_window import MainWindow
from ui.settings_dialog import ENV_NOTE, IN_USE_CAPTION, SettingsDialog


def _labels(dialog: SettingsDialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel)]


def test_the_database_given_with_db_is_shown_and_said_to_go_first(qtbot) -> None:
    in_use = DatabaseInUse("postgresql+psycopg://anna@server:5432/bobudget", "kommandorad")
    dialog = SettingsDialog(in_use=in_use)
    qtbot.addWidget(dialog)
    dialog.show()
    assert IN_USE_CAPTION in _labels(dialog)
    assert dialog.in_use_address.text() == "postgresql+psycopg://anna@server:5432/bobudget"
    assert dialog.in_use_note.isVisible()
    assert "--db" in dialog.in_use_note.text()
    assert "går före" in dialog.in_use_note.text()
    assert dialog.in_use_note.objectName() == "formError"


def test_the_environment_variable_is_named_when_it_decides(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BOBUDGET_DATABASE_URL", "sqlite:////tmp/annan.db")
    dialog = SettingsDialog(in_use=DatabaseInUse("sqlite:////tmp/annan.db", "miljövariabel"))
    qtbot.addWidget(dialog)
    note = dialog.in_use_note.text()
    assert "miljövariabeln BOBUDGET_DATABASE_URL" in note
    assert "går före inställningarna" in note
    # Said once, in the note on the database in use, not again below.
    assert ENV_NOTE not in _labels(dialog)


def test_settings_that_decide_are_said_to_calmly(qtbot) -> None:
    dialog = SettingsDialog(in_use=DatabaseInUse("sqlite:////tmp/x.db", "inställningar"))
    qtbot.addWidget(dialog)
    assert dialog.in_use_note.text() == "Den är vald i inställningarna nedan."
    assert dialog.in_use_note.objectName() == "muted"


def test_the_window_opens_the_settings_with_its_database(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "given.db"
    db = open_database(f"sqlite:///{path}")
    seen: list[SettingsDialog] = []

    def fake_exec(dialog: SettingsDialog) -> int:
        seen.append(dialog)
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(SettingsDialog, "exec", fake_exec)
    try:
        window = MainWindow(db)
        qtbot.addWidget(window)
        window.open_settings()
        [dialog] = seen
        assert dialog.in_use_address.text() == f"sqlite:///{path}"
        assert "--db" in dialog.in_use_note.text()
        window.close()
    finally:
        db.dispose()


def test_a_window_started_with_demo_says_the_settings_are_for_the_real_database() -> None:
    from ui.demo import open_demo_database

    db = open_demo_database(None, households=3)
    try:
        in_use = database_in_use(db, demo=True)
    finally:
        db.dispose()
    assert "startades med --demo" in in_use.note()
    assert in_use.overrides_settings
