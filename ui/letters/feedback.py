"""How the letter screens report a failure, and the warning for protected personal data.

A domain error is shown in its own words, anything else as the calm unexpected-error dialog
(logged for IT); never a traceback.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from bobudget.kernel.errors import DomainError

from ..errors import handle_uncaught, message_box, show_domain_error

PROTECTED_WARNING = (
    "Personen har skyddade personuppgifter. Brevet adresseras via Skatteverkets "
    "vidarebefordringstjänst och visar inte personens adress."
)
PROTECTED_INFORMATIVE = (
    "Lägg brevet i ett inre kuvert märkt med personnumret och det i ett yttre kuvert till "
    "Skatteverket. Visa inte brevet för någon som inte ska se det, och lämna det inte "
    "framme vid skrivaren."
)


def show_error(parent: QWidget | None, error: BaseException) -> None:
    if isinstance(error, DomainError):
        show_domain_error(parent, error)
    else:
        handle_uncaught(type(error), error, error.__traceback__)


def confirm_protected(parent: QWidget | None, count: int = 1) -> bool:
    """Warn before a protected person's letter is shown or printed; True to go on."""
    text = PROTECTED_WARNING
    if count > 1:
        text = (
            f"{count} av breven gäller personer med skyddade personuppgifter. De adresseras via "
            "Skatteverkets vidarebefordringstjänst och visar inte personernas adresser."
        )
    box = message_box(
        parent,
        QMessageBox.Icon.Warning,
        text,
        informative=PROTECTED_INFORMATIVE,
        title="bobudget – skyddade personuppgifter",
    )
    go_on = box.addButton("Fortsätt", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton("Avbryt", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is go_on


def confirm_stale(parent: QWidget | None, reason: str) -> bool:
    """Ask before a letter about something already past is rendered; True to go on."""
    box = message_box(
        parent,
        QMessageBox.Icon.Warning,
        reason,
        informative="Vill du skriva ut brevet ändå?",
        title="bobudget – brevet gäller något som har passerat",
    )
    go_on = box.addButton("Skriv ut ändå", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton("Avbryt", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is go_on
