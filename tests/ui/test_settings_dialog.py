"""Arkiv → Inställningar…: what is written to the settings file, and what never is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QLabel

from bobudget.kernel.config import Settings, load_settings, settings_path
from tests.conftest import write_older_settings_file
from ui import settings_dialog
from ui.password_dialog import PasswordDialog
from ui.settings_dialog import SettingsDialog


@pytest.fixture
def dialog(qtbot) -> SettingsDialog:
    widget = SettingsDialog()
    qtbot.addWidget(widget)
    return widget


def test_defaults_are_shown_when_there_is_no_settings_file(dialog: SettingsDialog) -> None:
    assert dialog.sqlite_choice.isChecked()
    assert not dialog.server_fields.isEnabled()
    # The unit's settings are no longer the PC's: the dialog says where they are.
    assert dialog.tabs.count() == 1
    notes = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "Administration → Enhetens inställningar" in notes


def test_saving_writes_the_settings_file_without_any_password(dialog: SettingsDialog) -> None:
    dialog.postgres_choice.setChecked(True)
    dialog.host.setText("dbserver.kommun.local")
    dialog.port.setValue(5433)
    dialog.database_name.setText("bobudget")
    dialog.user.setText("anna")
    dialog.save()

    assert dialog.result() == QDialog.DialogCode.Accepted
    text = settings_path().read_text(encoding="utf-8")
    assert "password" not in text.lower() and "lösenord" not in text.lower()
    saved = load_settings()
    assert saved.database.kind == "postgresql"
    assert saved.database.url() == "postgresql+psycopg://anna@dbserver.kommun.local:5433/bobudget"
    assert set(json.loads(text)["database"]) == {"kind", "path", "host", "port", "name", "user"}


def test_a_local_file_is_saved_as_its_path(dialog: SettingsDialog, tmp_path: Path) -> None:
    dialog.sqlite_path.setText(str(tmp_path / "enheten.db"))
    dialog.save()
    assert load_settings().database.url() == f"sqlite:///{tmp_path / 'enheten.db'}"


def test_a_server_without_a_name_is_refused_and_nothing_is_written(dialog: SettingsDialog) -> None:
    dialog.postgres_choice.setChecked(True)
    dialog.host.setText("")
    dialog.save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "databasserverns namn" in dialog.error_label.text()
    assert not settings_path().exists()


def test_existing_settings_are_shown_and_kept(qtbot) -> None:
    settings = Settings()
    settings.letterhead.phone = "0123-456 00"
    settings.template_folder = "/mallar"
    write_older_settings_file(settings)
    widget = SettingsDialog()
    qtbot.addWidget(widget)
    widget.save()
    # What the dialog does not show is kept as it was (read once, to carry it over).
    assert load_settings().template_folder == "/mallar"
    assert load_settings().letterhead.phone == "0123-456 00"


def test_an_unreadable_settings_file_is_explained(qtbot) -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text("{ inte json", encoding="utf-8")
    widget = SettingsDialog()
    qtbot.addWidget(widget)
    assert "kan inte läsas" in widget.error_label.text()


def test_the_password_button_stores_in_the_keyring_only(
    qtbot, dialog: SettingsDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored: list[tuple[str, str]] = []
    monkeypatch.setattr(
        "ui.password_dialog.store_password",
        lambda url, password: stored.append((url.render_as_string(), password)) or True,
    )

    def type_password(self: PasswordDialog) -> int:
        self.password.setText("hemligt")
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(PasswordDialog, "exec", type_password)
    dialog.password_button.setEnabled(True)
    dialog.postgres_choice.setChecked(True)
    dialog.user.setText("anna")
    dialog.password_button.click()
    assert stored == [("postgresql+psycopg://anna@localhost:5432/bobudget", "hemligt")]
    dialog.save()
    assert "hemligt" not in settings_path().read_text(encoding="utf-8")


def test_the_note_says_when_a_changed_database_takes_effect(dialog: SettingsDialog) -> None:
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert settings_dialog.RESTART_NOTE in texts
    assert "nästa gång bobudget startas" in settings_dialog.RESTART_NOTE
