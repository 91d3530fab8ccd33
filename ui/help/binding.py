"""The page buttons' shortcuts, made from the table in ui/help/shortcuts.py."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QWidget

from .shortcuts import BUTTON_SHORTCUTS, Shortcut, plain

_BY_BUTTON: dict[str, Shortcut] = {s.button: s for s in BUTTON_SHORTCUTS}


def shortcut_of(button: QAbstractButton) -> Shortcut | None:
    return _BY_BUTTON.get(plain(button.text()))


def bind_buttons(root: QWidget) -> list[tuple[QAbstractButton, Shortcut]]:
    """Give every button under `root` that the table names its key; return what was bound.

    A button whose text has a mnemonic ("Ny &hyresskuld…": Alt+H) keeps it: the table's key
    is a shortcut of its own beside it, which like the button's own works only while the button
    is shown and enabled, so the same Ctrl+N on two tabs never collides.
    """
    bound: list[tuple[QAbstractButton, Shortcut]] = []
    for button in root.findChildren(QAbstractButton):
        entry = shortcut_of(button)
        if entry is None:
            continue
        keys = QKeySequence(entry.keys)
        bound.append((button, entry))
        if button.shortcut() == keys or button.property("tableShortcut"):
            continue
        if "&" in button.text().replace("&&", ""):
            shortcut = QShortcut(keys, button)
            shortcut.activated.connect(button.animateClick)
        else:
            button.setShortcut(keys)
        button.setProperty("tableShortcut", entry.keys)
        readable = keys.toString(QKeySequence.SequenceFormat.NativeText)
        tip = button.toolTip() or plain(button.text())
        if readable not in tip:
            button.setToolTip(f"{tip} ({readable})")
    return bound
