"""Starting bobudget-gui: the database is opened, or the user is told why not, never a traceback."""

from __future__ import annotations

import logging
import sys
import time

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy.engine import make_url

from bobudget.db.open import is_demo
from bobudget.kernel.config import Settings, default_sqlite_path, save_settings
from bobudget.kernel.errors import DatabaseUnavailableError
from ui import app as app_module
from ui.errors import handle_uncaught
from ui.password_dialog import NO_KEYRING_TEXT, PasswordDialog, PasswordPrompt
from ui.settings_dialog import SettingsDialog

UNREACHABLE = "postgresql://bobudget@127.0.0.1:1/bobudget"


@pytest.fixture
def no_event_loop(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """main() runs its event loop only until the window has opened its database (or main()
    quits first), then closes it and returns; records the windows it showed by then."""
    shown: list[str] = []
    real_exec = QApplication.exec

    def short_exec(*_app: object) -> int:
        started = time.monotonic()

        def watch() -> None:
            attached = [w for w in QApplication.topLevelWidgets() if getattr(w, "attached", False)]
            if attached:
                shown.extend(
                    w.windowTitle() for w in QApplication.topLevelWidgets() if w.isVisible()
                )
                for widget in QApplication.topLevelWidgets():
                    widget.close()
                QApplication.exit(0)
            elif time.monotonic() - started > 60:
                QApplication.exit(99)  # never opened, never quit: the test fails, not hangs

        timer = QTimer()
        timer.timeout.connect(watch)
        timer.start(10)
        try:
            return real_exec()
        finally:
            timer.stop()
            # Closing the last window posts Qt a Quit; left queued, it would end the next
            # test's waiting before any window of its own was drawn.
            QCoreApplication.removePostedEvents(None, QEvent.Type.Quit)

    monkeypatch.setattr(QApplication, "exec", short_exec)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # main() installs its own
    return shown


def test_an_unreachable_server_shows_a_swedish_dialog_and_quits(
    message_boxes, no_event_loop
) -> None:
    message_boxes.answer("Avsluta")
    assert app_module.main(["--db", UNREACHABLE]) == app_module.EXIT_NO_DATABASE
    assert len(message_boxes.shown) == 1
    box = message_boxes.shown[0]
    assert "Det går inte att nå databasservern 127.0.0.1:1" in box.text
    assert box.buttons == ["Inställningar…", "Avsluta"]
    assert no_event_loop == []


def test_first_start_on_a_fresh_machine_creates_the_local_database(
    message_boxes, no_event_loop
) -> None:
    assert not default_sqlite_path().exists()
    assert app_module.main([]) == 0
    assert default_sqlite_path().exists()
    assert message_boxes.shown == []
    assert no_event_loop == [f"bobudget – {default_sqlite_path()}"]


def _local_file_at(revision: str) -> str:
    """The local database as an older bobudget left it, at `revision`."""
    from bobudget.db import migrate
    from bobudget.db.engine import connect

    db = connect(make_url(f"sqlite:///{default_sqlite_path()}"))
    try:
        migrate.upgrade(db, revision)
    finally:
        db.dispose()
    return str(default_sqlite_path())


def test_start_on_an_older_file_copies_it_first_and_logs_where(
    message_boxes, caplog: pytest.LogCaptureFixture
) -> None:
    path = _local_file_at("0004")
    with caplog.at_level(logging.INFO):
        db = app_module.open_user_database(None)
    assert db is not None
    db.dispose()
    assert f"{path}.bak-0004" in caplog.text
    assert message_boxes.shown == []


def test_start_on_a_half_upgraded_file_says_what_to_do(message_boxes, no_event_loop) -> None:
    import sqlite3

    path = _local_file_at("0003")
    with sqlite3.connect(path) as connection:  # 0004's first table, the revision still 0003
        connection.execute("CREATE TABLE checklist_templates (id INTEGER PRIMARY KEY)")
    message_boxes.answer("Avsluta")
    assert app_module.main([]) == app_module.EXIT_NO_DATABASE
    text = message_boxes.shown[0].text
    assert "delvis uppgraderad" in text and "kontakta IT" in text
    assert no_event_loop == []


def test_settings_chosen_after_an_error_are_used_for_the_next_try(
    message_boxes, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    local = tmp_path / "enheten.db"

    def choose_local_file(self: SettingsDialog) -> int:
        settings = Settings()
        settings.database.path = str(local)
        save_settings(settings)
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(SettingsDialog, "exec", choose_local_file)
    message_boxes.answer("Inställningar…")
    db = app_module.open_user_database(UNREACHABLE)
    assert db is not None
    try:
        assert db.location == str(local)
    finally:
        db.dispose()


def test_the_password_dialog_offers_the_keyring_only_where_there_is_one(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = make_url("postgresql+psycopg://anna@dbserver:5432/bobudget")
    monkeypatch.setattr("ui.password_dialog.keyring_available", lambda: False)
    without = PasswordDialog(url)
    qtbot.addWidget(without)
    assert not without.remember.isEnabled()
    assert without.no_keyring_note.text() == NO_KEYRING_TEXT
    assert not without.no_keyring_note.isHidden()

    monkeypatch.setattr("ui.password_dialog.keyring_available", lambda: True)
    with_keyring = PasswordDialog(url)
    qtbot.addWidget(with_keyring)
    assert with_keyring.remember.isEnabled()
    assert with_keyring.remember.text() == (
        "Spara lösenordet i Windows autentiseringshanterare / nyckelringen"
    )
    assert with_keyring.no_keyring_note.isHidden()


def test_the_password_is_stored_only_when_asked_and_after_it_worked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stored: list[str] = []
    monkeypatch.setattr("ui.password_dialog.keyring_available", lambda: True)
    monkeypatch.setattr(
        "ui.password_dialog.store_password", lambda url, pw: stored.append(pw) or True
    )

    def type_and_tick(self: PasswordDialog) -> int:
        self.password.setText("hemligt")
        self.remember.setChecked(True)
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(PasswordDialog, "exec", type_and_tick)
    prompt = PasswordPrompt()
    assert prompt(make_url("postgresql+psycopg://anna@dbserver/bobudget")) == "hemligt"
    assert stored == []  # not before the connection worked
    prompt.store_if_wanted()
    assert stored == ["hemligt"]
    assert prompt.password == ""


def test_an_unexpected_error_shows_a_calm_dialog_and_logs_no_personal_data(
    message_boxes, caplog: pytest.LogCaptureFixture
) -> None:
    handled = "Karin Öberg 19850312-9812"  # what the failing code was working on
    try:
        raise ValueError(handled)
    except ValueError as error:
        with caplog.at_level(logging.INFO):
            handle_uncaught(type(error), error, error.__traceback__)
    assert message_boxes.shown[0].text.startswith("Ett oväntat fel inträffade.")
    assert "Berätta för IT vad du gjorde; detaljerna finns i loggfilen" in (
        message_boxes.shown[0].text
    )
    assert "ValueError" in caplog.text
    assert "test_an_unexpected_error_shows" in caplog.text  # where it happened
    assert "Öberg" not in caplog.text and "19850312" not in caplog.text


def test_a_domain_error_that_escaped_is_shown_in_its_own_words(message_boxes) -> None:
    error = DatabaseUnavailableError("Databasen kan inte nås just nu.")
    handle_uncaught(type(error), error, None)
    assert message_boxes.shown[0].text == "Databasen kan inte nås just nu."


def test_demo_makes_a_fresh_marked_database_beside_the_real_one(qtbot) -> None:
    from sqlalchemy import func, select

    from bobudget.model import Person
    from ui.demo import demo_database_path, open_demo_database

    counts = []
    for _ in range(2):
        db = open_demo_database(None, households=3)
        try:
            assert is_demo(db)
            assert db.location == str(demo_database_path())
            with db.sessions() as session:
                counts.append(session.scalar(select(func.count()).select_from(Person)))
        finally:
            db.dispose()
    assert counts[0] == counts[1] > 0  # recreated, not added to
    assert not default_sqlite_path().exists()


def test_main_with_demo_opens_the_window_on_the_demo_database(message_boxes, no_event_loop) -> None:
    from ui.demo import demo_database_path

    assert app_module.main(["--demo"]) == 0
    assert message_boxes.shown == []
    assert no_event_loop == [f"bobudget – DEMO – {demo_database_path()}"]
    assert not default_sqlite_path().exists()  # the user's own database is never touched


def test_qt_draws_its_own_buttons_in_swedish(qapp) -> None:
    """The conflict box's "Visa detaljer…" and every Qt-drawn button speak Swedish."""
    from PySide6.QtCore import QCoreApplication

    from ui.app import install_swedish

    assert install_swedish(qapp)
    assert QCoreApplication.translate("QMessageBox", "Show Details...") == "Visa detaljer..."
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Avbryt"
