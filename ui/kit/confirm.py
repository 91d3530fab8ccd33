"""An unusual but allowed input (a start ten months back, an end already past): the user is
told why it is unusual and chooses to save it anyway or to go back to the form.

The reasons come from the domains' rules (rules.py); a dialog lists them in `unusual()`.
What a rule forbids is not asked about: the service refuses it, and the form shows why.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QMessageBox, QWidget

from ..errors import message_box

SAVE_ANYWAY = "Spara ändå"
BACK = "Tillbaka till formuläret"
QUESTION = "Stämmer datumet? Det är ovanligt, men tillåtet."


def confirm_unusual(parent: QWidget | None, reasons: Sequence[str]) -> bool:
    """True when the user confirms; going back is the default (Enter, Esc)."""
    box = message_box(
        parent,
        QMessageBox.Icon.Question,
        QUESTION,
        informative="\n".join(reasons)
        + "\n\nSpara ändå om det stämmer, annars gå tillbaka och rätta.",
        title="Ovanligt datum",
    )
    save = box.addButton(SAVE_ANYWAY, QMessageBox.ButtonRole.AcceptRole)
    back = box.addButton(BACK, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(back)
    box.setEscapeButton(back)
    box.exec()
    return box.clickedButton() is save
