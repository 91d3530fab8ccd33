"""One look for the whole window: the Fusion style, a few colours, and named widget styles."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from bobudget.kernel.urgency import Urgency

# The colours DESIGN.md reserves for status: overdue, due soon, done.
RED = "#b3261e"
# Amber dark enough for 4.5:1 on every background the window uses (tests/ui/test_contrast.py).
AMBER = "#8f5500"
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

# The keyboard's place: a frame in a blue that stands out from every background the window
# uses (contrast ≥ 3:1 against white and the navigation's grey, as WCAG 2.4.7/1.4.11 ask).
FOCUS = "#0b5cad"
# The background of the navigation, and of the page.
NAVIGATION_BACKGROUND = "#eef1f5"
SELECTED_BACKGROUND = "#2f5d8a"

# Text that cannot be used now (a disabled button) stays readable: Fusion's own grey reads 1.6:1.
DISABLED_TEXT = "#767676"
# The buttons' face (the style sheet below).
BUTTON_BACKGROUND = "#f7f8fa"
FOCUSED_BUTTON_BACKGROUND = "#e3eefb"

STYLESHEET = f"""
QListWidget#navigation {{
    font-size: 11pt;
    border: none;
    background: {NAVIGATION_BACKGROUND};
    outline: 0;
}}
QListWidget#navigation:focus {{
    border: 2px solid {FOCUS};
}}
QListWidget#navigation::item {{
    padding: 7px 14px;
}}
QListWidget#navigation::item:selected {{
    background: {SELECTED_BACKGROUND};
    color: white;
}}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus,
QAbstractSpinBox:focus, QAbstractItemView:focus, QTextBrowser:focus {{
    border: 2px solid {FOCUS};
}}
QPushButton, QToolButton {{
    border: 1px solid #8c949e;
    border-radius: 3px;
    padding: 3px 8px;
    background: {BUTTON_BACKGROUND};
}}
QPushButton:hover, QToolButton:hover {{
    background: #e8eef6;
}}
QPushButton:pressed, QToolButton:pressed {{
    background: #d5e0ee;
}}
QPushButton:disabled, QToolButton:disabled {{
    color: {DISABLED_TEXT};
    border-color: #c4c8cd;
    background: #f2f2f2;
}}
QPushButton:default {{
    border: 2px solid #4a6d91;
}}
QPushButton:focus, QToolButton:focus {{
    border: 2px solid {FOCUS};
    background: {FOCUSED_BUTTON_BACKGROUND};
}}
QCheckBox:focus, QRadioButton:focus {{
    border: 1px solid {FOCUS};
    background: {FOCUSED_BUTTON_BACKGROUND};
}}
QTabBar::tab:focus {{
    border: 2px solid {FOCUS};
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


def window_palette(app: QApplication) -> QPalette:
    """Fusion's palette with a selection white text can be read on (Fusion's light blue gives
    3.7:1, the navigation's blue 6.9:1) and readable disabled text."""
    palette = app.style().standardPalette()
    palette.setColor(QPalette.ColorRole.Highlight, QColor(SELECTED_BACKGROUND))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(DISABLED_TEXT))
    return palette


def apply_style(app: QApplication) -> None:
    # Fusion looks the same on Windows and Linux, so screenshots and help texts match every PC.
    app.setStyle("Fusion")
    app.setPalette(window_palette(app))
    app.setStyleSheet(STYLESHEET)
