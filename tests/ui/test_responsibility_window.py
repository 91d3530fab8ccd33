"""Responsibility in the window: Att göra names the responsible by full name, Mina uppgifter
has its own "Utan ansvarig" group, Tilldela… (Ctrl+T) assigns by keyboard alone and the list
follows the change signal; Administration → Personal keeps the staff; the pickers list them."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from bobudget.app.users import StaffInput, add_staff, deactivate_staff, list_staff
from bobudget.db.engine import Database
from bobudget.model.vocab import UserRole
from tests.db.follow_up_helpers import tenant
from tests.ui.conftest import MessageBoxes
from ui.help.binding import shortcut_of
from ui.kit import ResponsibleField
from ui.pages.admin import AdminPage
from ui.pages.todo import AssignDialog, TodoPage


@pytest.fixture
def hanna(sqlite_db: Database) -> str:
    add_staff(
        sqlite_db,
        "hanna",
        StaffInput("Hanna Handledare", "0522-69 70 21", role=UserRole.BOSTADSHANDLEDARE),
        user="admin",
    )
    add_staff(sqlite_db, "gone", StaffInput("Gustav Gången"), user="admin")
    deactivate_staff(sqlite_db, "gone", user="admin")
    return "hanna"


def _press(
    widget: object, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    QTest.keyClick(widget, key, modifier)  # type: ignore[arg-type]


def test_the_picker_lists_the_active_users_and_ingen(
    sqlite_db: Database, hanna: str, qtbot
) -> None:
    field = ResponsibleField(sqlite_db)
    qtbot.addWidget(field)
    shown = [field.itemText(i) for i in range(field.count())]
    assert shown == ["Ingen", "Hanna Handledare (hanna)"]
    assert field.value() == ""
    field.set_value("hanna")
    assert field.value() == "hanna"
    # A deactivated user stays where they already are, marked, never offered elsewhere.
    kept = ResponsibleField(sqlite_db, "gone")
    qtbot.addWidget(kept)
    assert kept.currentText() == "Gustav Gången (gone) – inaktiverad" and kept.value() == "gone"


def test_mina_uppgifter_and_tilldela(
    qtbot, sqlite_db: Database, hanna: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    today = dt.date.today()
    tenant(sqlite_db, today - dt.timedelta(days=10))  # its start-up meeting is overdue, nobody's
    page = TodoPage(sqlite_db, user=hanna)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitUntil(lambda: page.todo is not None and not page.loading)
    assert page.scope.currentText() == "Mina uppgifter"
    labels = [page.model.data(page.model.index(r, 0)) for r in range(page.model.rowCount())]
    assert labels[-1] == "Utan ansvarig (1, varav 1 försenade)"
    assert "<b>1</b> utan ansvarig" in page.summary.text()
    assert "Inget med dig som ansvarig" in page.summary.text()
    assert not page.assign_button.isEnabled()
    # Tilldela… is in the shortcut table (Ctrl+T) and in the list's context menu.
    entry = shortcut_of(page.assign_button)
    assert entry is not None and entry.keys == "Ctrl+T"
    assert [a.text() for a in page.view.actions()] == ["Tilldela…"]

    group = page.model.index(len(labels) - 1, 0)
    page.view.setCurrentIndex(page.model.index(0, 0, group))
    item = page.current_item()
    assert item is not None and item.typ == "uppstartsmote"
    assert page.model.data(page.model.index(0, 5, group)) == "–"
    assert page.assign_button.isEnabled()
    seen: list[str] = []

    def pick(dialog: AssignDialog) -> int:
        seen.append(dialog.windowTitle())
        shown = [dialog.responsible.itemText(i) for i in range(dialog.responsible.count())]
        assert shown == ["Ingen", "Hanna Handledare (hanna)"]
        _press(dialog.responsible, Qt.Key.Key_Down)
        dialog.save()
        return 1

    monkeypatch.setattr(AssignDialog, "exec", pick)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.assign_button.click()
    assert seen == ["Tilldela"]
    # Now mine, under the full name; the Utan ansvarig group is gone.
    mine = [i for i in page.model.items() if i.typ == "uppstartsmote"]
    assert [(i.responsible, i.responsible_name) for i in mine] == [("hanna", "Hanna Handledare")]
    labels = [page.model.data(page.model.index(r, 0)) for r in range(page.model.rowCount())]
    assert not [label for label in labels if label.startswith("Utan ansvarig")]
    texts = [
        page.model.data(page.model.index(row, 5, page.model.index(group, 0)))
        for group in range(page.model.rowCount())
        for row in range(page.model.rowCount(page.model.index(group, 0)))
    ]
    assert "Hanna Handledare" in texts


def test_administration_adds_changes_and_deactivates_staff(
    qtbot, sqlite_db: Database, hanna: str, message_boxes: MessageBoxes
) -> None:
    page = AdminPage(sqlite_db)
    qtbot.addWidget(page)
    page.show()
    editor = page.staff
    assert [m.username for m in editor.members] == ["hanna", "gone"]
    assert editor.model.rowCount() == 2

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.windowTitle() == "Ny användare"
        dialog.username.setText("nils.berg")  # type: ignore[attr-defined]
        dialog.full_name.setText("Nils Berg")  # type: ignore[attr-defined]
        dialog.phone.setText("12")  # type: ignore[attr-defined]
        dialog.save_button.click()  # type: ignore[attr-defined]
        # Refused next to the field, in Swedish; the dialog stays with what was typed.
        assert dialog.isVisible()
        shown = " ".join(label.text() for label in dialog.findChildren(QLabel))
        assert "Telefonnumret '12' finns inte" in shown
        dialog.phone.setText("0522 69 70 44")  # type: ignore[attr-defined]
        dialog.save_button.click()  # type: ignore[attr-defined]
        if dialog.isVisible():
            dialog.reject()

    QTimer.singleShot(0, fill)
    editor.add_button.click()
    nils = next(m for m in list_staff(sqlite_db) if m.username == "nils.berg")
    assert (nils.full_name, nils.phone, nils.active) == ("Nils Berg", "0522-69 70 44", True)
    assert editor.selected() == nils
    message_boxes.answer("Inaktivera")
    editor.deactivate_button.click()
    assert "Inaktivera Nils Berg (nils.berg)?" in message_boxes.texts
    assert not next(m for m in list_staff(sqlite_db) if m.username == "nils.berg").active
    assert not editor.deactivate_button.isEnabled()
    field = ResponsibleField(sqlite_db)
    qtbot.addWidget(field)
    assert "Nils Berg (nils.berg)" not in [field.itemText(i) for i in range(field.count())]
