"""One look for the whole window: the Fusion style, a few colours, and named widget styles."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from bobudget.kernel.urgency import Urgency

# The colours DESIGN.md reserves for status: overdue, due soon, done.
RED = "#b3261e"
AMBER = "#b26a00"
GREY = "#6b6b6b"
GREEN = "#1b7a2f"

# How every list colours what falls due. Today is amber like soon: not late yet. Later has no
# colour: a list that marks everything marks nothing.
URGENCY_COLOURS: dict[Urgency, str] = {
    Urgency.OVERDUE: RED,
    Urgency.TODAY: AMBER,
    Urgency.SOON: AMBER,
    Urgency.DONE: GREY,
}

WINDOW_SIZE = (1280, 800)

STYLESHEET = f"""
QListWidget#navigation {{
    font-size: 11pt;
    border: none;
    background: #eef1f5;
    outline: 0;
}}
QListWidget#navigation::item {{
    padding: 7px 14px;
}}
QListWidget#navigation::item:selected {{
    background: #2f5d8a;
    color: white;
}}
QTableView::item {{
    padding: 0px 6px;
}}
QLabel#pageTitle {{
    font-size: 16pt;
    font-weight: bold;
}}
QLabel#cardName {{
    font-size: 16pt;
    font-weight: bold;
}}
QLabel#cardIdentity {{
    font-size: 12pt;
}}
QLabel#sectionTitle {{
    font-size: 11pt;
    font-weight: bold;
    padding: 10px 0px 0px 0px;
}}
QLabel#protectedBadge {{
    background: {RED};
    color: white;
    font-weight: bold;
    border-radius: 4px;
    padding: 3px 10px;
}}
QLabel#formError {{
    color: {RED};
    font-weight: bold;
}}
QLabel#muted {{
    color: {GREY};
}}
"""


def apply_style(app: QApplication) -> None:
    # Fusion looks the same on Windows and Linux, so screenshots and help texts match every PC.
    app.setStyle("Fusion")
    app.setStyleSheet(STYLESHEET)
