"""Administration → Enhetens inställningar and Brevmallar, driven through real widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from bobudget.db.engine import Database
from bobudget.db.unit_settings import set_setting, setting_history, unit_settings
from bobudget.db.uow import current_username
from bobudget.kernel.config import Letterhead, Settings
from bobudget.letters.unit_templates import standard_text, template_text, template_versions
from bobudget.model import User
from bobudget.model.vocab import UserRole
from tests.conftest import write_older_settings_file
from tests.ui.conftest import MessageBoxes
from tests.ui.test_accessible_names import unnamed
from ui.app import tell_carry_over
from ui.pages.admin import AdminPage


def _page(qtbot: QtBot, db: Database) -> AdminPage:
    page = AdminPage(db)
    qtbot.addWidget(page)
    page.show()
    return page


def test_an_administrator_changes_the_letterhead_and_sees_the_change_in_the_history(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    page = _page(qtbot, sqlite_db)
    page.tabs.setCurrentIndex(1)
    editor = page.unit_settings
    assert "rådgivande" in editor.role_note.text()
    editor.fields["letterhead.municipality"].setText("Fönsterby kommun")  # type: ignore[union-attr]
    address = editor.fields["letterhead.address"]
    assert isinstance(address, QPlainTextEdit)
    address.setPlainText("Box 5\n333 33 Fönsterby")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.error.isHidden()
    letterhead = unit_settings(sqlite_db).letterhead
    assert letterhead.municipality == "Fönsterby kommun"
    assert letterhead.postal_address == "Box 5\n333 33 Fönsterby"
    shown = [
        [editor.history_model.index(r, c).data() for c in range(6)]
        for r in range(editor.history_model.rowCount())
    ]
    assert ["Kommun", "Ändrad", "–", "Fönsterby kommun"] in [row[2:6] for row in shown]
    assert all(row[1] == current_username() for row in shown)


def test_a_bad_value_is_named_and_nothing_is_saved(qtbot: QtBot, sqlite_db: Database) -> None:
    page = _page(qtbot, sqlite_db)
    editor = page.unit_settings
    editor.fields["temporary.period_months"].setText("13")  # type: ignore[union-attr]
    editor.fields["letterhead.municipality"].setText("Rättby kommun")  # type: ignore[union-attr]
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not editor.error.isHidden() and "från 1 till 12 månader" in editor.error.text()
    assert setting_history(sqlite_db) == []


def test_a_user_who_is_no_administrator_only_reads(qtbot: QtBot, sqlite_db: Database) -> None:
    with sqlite_db.sessions() as s:
        s.add(User(username=current_username(), full_name="Kim", role=UserRole.BOSTADSKONSULENT))
        s.commit()
    page = _page(qtbot, sqlite_db)
    assert not page.unit_settings.save_button.isEnabled()
    assert "Bara en administratör" in page.unit_settings.role_note.text()
    assert page.templates.editor.isReadOnly() and not page.templates.save_button.isEnabled()


def test_a_template_is_edited_versioned_and_restored(qtbot: QtBot, sqlite_db: Database) -> None:
    page = _page(qtbot, sqlite_db)
    page.tabs.setCurrentIndex(2)
    templates = page.templates
    row = next(i for i, n in enumerate(templates.names) if n.name == "temporary_placement")
    templates.list.setCurrentRow(row)
    assert "standardmallen används" in templates.status.text()
    first = standard_text("temporary_placement").replace("# Tillfälligt boende", "# Ett", 1)
    templates.editor.setPlainText(first)
    qtbot.mouseClick(templates.save_button, Qt.MouseButton.LeftButton)
    assert template_text(sqlite_db, "temporary_placement") == (first, 1)
    # A lease word is refused, in Swedish, and the version in use stays.
    templates.editor.setPlainText(first + "\nHyran dras varje månad.\n")
    qtbot.mouseClick(templates.save_button, Qt.MouseButton.LeftButton)
    assert "hör till hyresrätten" in templates.error.text()
    assert len(template_versions(sqlite_db, "temporary_placement")) == 1
    second = first.replace("# Ett", "# Två", 1)
    templates.editor.setPlainText(second)
    qtbot.mouseClick(templates.save_button, Qt.MouseButton.LeftButton)
    assert templates.versions_model.rowCount() == 2
    templates.versions_table.selectRow(1)  # version 1
    qtbot.mouseClick(templates.restore_button, Qt.MouseButton.LeftButton)
    assert template_text(sqlite_db, "temporary_placement") == (first, 3)
    assert "enhetens version 3" in templates.status.text()
    qtbot.mouseClick(templates.standard_button, Qt.MouseButton.LeftButton)
    assert template_text(sqlite_db, "temporary_placement")[1] is None


def test_every_control_has_a_name_and_the_tabs_are_reached_by_keyboard(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    page = _page(qtbot, sqlite_db)
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert "&Enhetens inställningar" in titles and "&Brevmallar" in titles
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        widget: QWidget = page.tabs.currentWidget()
        assert unnamed(widget) == []


def test_the_first_open_tells_once_that_the_pcs_settings_were_carried_over(
    sqlite_db: Database, message_boxes: MessageBoxes
) -> None:
    write_older_settings_file(Settings(letterhead=Letterhead(municipality="Filby kommun")))
    tell_carry_over(sqlite_db, None)
    tell_carry_over(sqlite_db, None)
    assert len(message_boxes.shown) == 1
    assert "fördes över" in message_boxes.texts
    assert unit_settings(sqlite_db).letterhead.municipality == "Filby kommun"


def test_a_tab_opened_later_shows_what_was_saved_after_the_page_was_opened(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    """The tabs behind Personal read their data when first shown, not when the page is built:
    what another PC saved in between is what the user sees there."""
    page = _page(qtbot, sqlite_db)
    set_setting(sqlite_db, "letterhead.municipality", "Senareby kommun")
    page.tabs.setCurrentIndex(1)
    shown = page.tabs.currentWidget().findChildren(QLineEdit)
    assert "Senareby kommun" in [field.text() for field in shown]
    page.refresh()
    assert page.unit_settings.fields["letterhead.municipality"].text() == "Senareby kommun"  # type: ignore[union-attr]
