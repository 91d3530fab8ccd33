"""What the placement page tests share: forms answered as a user fills them, the rows and
colours a table shows, a little housing stock, and the preview windows closed afterwards.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QComboBox, QPushButton

from bobudget.db.engine import Database
from bobudget.kernel.identity import demo_identity
from bobudget.placement.housing_stock import (
    DwellingInput,
    LandlordInput,
    save_dwelling,
    save_landlord,
)
from tests.ui.conftest import TODAY
from ui.letters.print_action import open_previews
from ui.placement.widgets import FormDialog


@pytest.fixture(autouse=True)
def close_previews(qtbot):
    yield
    for dialog in open_previews():
        # A preview may have been deleted together with the page it was opened from.
        with contextlib.suppress(RuntimeError):
            dialog.close()


def today() -> dt.date:
    return TODAY


def pnr(serial: int) -> str:
    """The personnummer make_person gives (born 1985-03-12)."""
    return demo_identity(dt.date(1985, 3, 12), serial).display


class Dialogs:
    """Answers the next modal form the code under test opens: fill it, press its button."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.seen: list[FormDialog] = []

    def expect(
        self, fill: Callable[[Any], object], *, retry: Callable[[Any], object] | None = None
    ):
        def handle() -> None:
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, FormDialog), f"no form open, found {dialog!r}"
            self.seen.append(dialog)
            try:
                fill(dialog)
                dialog.save_button.click()
                if retry is not None and dialog.isVisible():
                    self.errors.append(dialog.error_label.text())
                    retry(dialog)
                    dialog.save_button.click()
            finally:
                if dialog.isVisible():
                    self.errors.append(dialog.error_label.text())
                    dialog.reject()

        QTimer.singleShot(0, handle)


@pytest.fixture
def dialogs() -> Dialogs:
    return Dialogs()


def choose(combo: QComboBox, text: str) -> None:
    index = next(i for i in range(combo.count()) if text in combo.itemText(i))
    combo.setCurrentIndex(index)


def click(page: Any, key: str) -> None:
    button: QPushButton = page.action_bar.button(key)
    assert button.isEnabled(), f"{key} is not enabled"
    button.click()


def texts(panel: Any) -> list[list[str]]:
    return panel.model.texts()


def colour(panel: Any, row: int, column: int) -> str | None:
    value = panel.model.index(row, column).data(Qt.ItemDataRole.ForegroundRole)
    return value.name() if isinstance(value, QColor) else None


def stock(db: Database) -> tuple[int, int]:
    landlord = save_landlord(db, LandlordInput("Sjöviks Bostäder AB", kind="municipal_company"))
    first = save_dwelling(
        db,
        DwellingInput(
            "Kvarngatan 7", landlord_id=landlord, city="Sjövik", rooms=2, rent_ore=712350
        ),
    )
    second = save_dwelling(
        db,
        DwellingInput("Ågatan 3", landlord_id=landlord, city="Sjövik", rooms=2, rent_ore=698000),
    )
    return first, second


def show(qtbot, widget: Any) -> Any:
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    return widget


def ready_to_write_letters(db: Database) -> None:
    """A letterhead in the settings and the signed-in user's name and phone: letters print."""
    from bobudget.app.users import set_own_details
    from tests.ui.test_letter_preview import save_letterhead

    save_letterhead()
    set_own_details(db, full_name="Tove Ärlig", phone="0522-69 70 77")
