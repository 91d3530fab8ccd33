"""Administration → Enhetens inställningar: another administrator saved first (issue 13)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from bobudget.db.engine import Database
from bobudget.db.unit_settings import set_setting, unit_settings
from tests.ui.conftest import MessageBoxes
from ui.pages.admin import AdminPage

KEY = "letterhead.municipality"


def _editor_after_someone_else_saved(qtbot: QtBot, db: Database) -> tuple[AdminPage, QLineEdit]:
    set_setting(db, KEY, "Startby kommun", user="admin")
    page = AdminPage(db)
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentIndex(1)
    field = page.unit_settings.fields[KEY]
    assert isinstance(field, QLineEdit) and field.text() == "Startby kommun"
    # Another administrator saves while this form is open.
    set_setting(db, KEY, "Bodils kommun", user="bodil")
    field.setText("Mina kommun")
    qtbot.mouseClick(page.unit_settings.save_button, Qt.MouseButton.LeftButton)
    return page, field


def test_reading_in_shows_the_other_administrators_value_and_saves_nothing(
    qtbot: QtBot, sqlite_db: Database, message_boxes: MessageBoxes
) -> None:
    message_boxes.answer("Läs in det sparade")
    _page, field = _editor_after_someone_else_saved(qtbot, sqlite_db)
    [box] = message_boxes.shown
    assert "bodil" in box.informative and "Kommun" in box.informative
    assert "Mina kommun" in box.detail and "Bodils kommun" in box.detail
    assert field.text() == "Bodils kommun"
    assert unit_settings(sqlite_db).letterhead.municipality == "Bodils kommun"


def test_saving_again_puts_the_typed_value_over_it(
    qtbot: QtBot, sqlite_db: Database, message_boxes: MessageBoxes
) -> None:
    message_boxes.answer("Spara mina ändringar igen")
    _page, field = _editor_after_someone_else_saved(qtbot, sqlite_db)
    assert len(message_boxes.shown) == 1
    assert unit_settings(sqlite_db).letterhead.municipality == "Mina kommun"
    assert field.text() == "Mina kommun"
