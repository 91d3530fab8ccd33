"""A listener whose page is on its way out: PySide may hand its events to a fresh wrapper that
never ran __init__; the listener lets them pass instead of raising in Qt's event loop."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from ui.changes import ChangeListener


def test_a_wrapper_without_its_page_lets_events_pass(qtbot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    bare = ChangeListener.__new__(ChangeListener)
    QObject.__init__(bare)  # as PySide makes it: the C++ object, none of __init__'s attributes
    assert bare.eventFilter(page, QEvent(QEvent.Type.Show)) is False
