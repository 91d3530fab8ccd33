"""Rent for a month already paid: the user is told which voucher paid it, and chooses to book
it anyway or to go back. The rule is bobudget.funds.rules.rent_already_paid; the service
refuses until the user has said yes here."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from bobudget.funds.rules import RentAlreadyPaidError

from ..errors import message_box

POST_ANYWAY = "Bokför ändå"
BACK = "Tillbaka"
QUESTION = "Hyran för månaden är redan betald. Ska den betalas en gång till?"


def confirm_post_twice(parent: QWidget | None, warning: RentAlreadyPaidError) -> bool:
    """True when the user books the second payment anyway; going back is the default (Enter,
    Esc), since a rent paid twice is the client's money gone."""
    box = message_box(
        parent,
        QMessageBox.Icon.Warning,
        QUESTION,
        informative=str(warning),
        title="Hyran är redan betald",
    )
    box.setObjectName("rentAlreadyPaid")
    post = box.addButton(POST_ANYWAY, QMessageBox.ButtonRole.AcceptRole)
    back = box.addButton(BACK, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(back)
    box.setEscapeButton(back)
    box.exec()
    return box.clickedButton() is post
