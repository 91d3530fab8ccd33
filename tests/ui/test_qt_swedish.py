"""Qt's own texts read Swedish: the standard buttons, a line edit's context menu, the file
dialog; and the window asks for the platform's own file dialog wherever it opens one."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
)

from ui.app import install_swedish

UI = Path(__file__).resolve().parents[2] / "ui"


def plain(text: str) -> str:
    return text.replace("&", "")


def test_standard_buttons_are_swedish(qapp) -> None:
    assert install_swedish(qapp)
    box = QMessageBox()
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Cancel
        | QMessageBox.StandardButton.Close
    )
    texts = {plain(button.text()) for button in box.buttons()}
    assert {"Spara", "Avbryt", "Stäng"} <= texts
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Yes | QDialogButtonBox.StandardButton.No
    )
    assert {plain(b.text()) for b in buttons.buttons()} == {"Ja", "Nej"}


def test_a_line_edits_context_menu_is_swedish(qapp) -> None:
    assert install_swedish(qapp)
    edit = QLineEdit("text")
    menu = edit.createStandardContextMenu()
    texts = [plain(action.text()).split("\t")[0] for action in menu.actions() if action.text()]
    assert "Klistra in" in texts
    assert "Kopiera" in texts
    assert "Ångra" in texts
    menu.deleteLater()


def test_the_save_file_dialog_is_swedish(qtbot, qapp) -> None:
    # Qt's own dialog, to read its words: on a PC with a platform dialog that one is shown,
    # and it speaks the language of the operating system.
    assert install_swedish(qapp)
    dialog = QFileDialog(None, "Spara kontoutdraget")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    texts = {plain(b.text()) for b in dialog.findChildren(QPushButton) if b.text()}
    assert "Spara" in texts
    assert "Avbryt" in texts


def test_no_file_dialog_is_forced_to_be_qts_own() -> None:
    """The static QFileDialog functions open the platform's dialog (Windows' Utforskaren);
    DontUseNativeDialog would give the user a stranger in its place."""
    forced = [
        str(path.relative_to(UI))
        for path in UI.rglob("*.py")
        if re.search(r"DontUseNativeDialog", path.read_text(encoding="utf-8"))
    ]
    assert forced == []
    openers = [
        path
        for path in UI.rglob("*.py")
        if re.search(r"QFileDialog\.get(Save|Open|Existing)", path.read_text(encoding="utf-8"))
    ]
    assert openers, "the window saves and opens files through QFileDialog's static functions"
