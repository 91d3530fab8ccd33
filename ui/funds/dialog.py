"""The Egna medel dialogs' base: the kit's dialog, with `commit()` as their service call."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QWidget

from ..kit import Dialog

log = logging.getLogger(__name__)


class FundsDialog(Dialog):
    """Subclasses fill `form` (and `body`) and implement `commit()`; the kit's dialog base
    handles a refused save, as in every other form of the window."""

    def __init__(self, title: str, save_text: str = "Spara", parent: QWidget | None = None):
        super().__init__(title, parent, save_text)
        # What the Egna medel dialogs add below the form goes there, above the buttons.
        self.layout_ = self.body

    def finish_layout(self) -> None:
        """Kept for the subclasses that call it: the kit puts the buttons last already."""

    def commit(self) -> None:
        raise NotImplementedError

    def perform(self) -> None:
        self.commit()
