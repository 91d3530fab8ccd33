"""The "Ansvarig" picker: the active users by name, and "Ingen"; never free text.

A user deactivated since they were named stays shown (marked) where they already are, so
opening and saving a form does not take the case from them unasked; the service refuses to
name them anew. A new record's picker starts at the signed-in user: who registers a case
answers for it until it is given to someone else.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from bobudget.app.users import StaffMember, list_staff
from bobudget.db.engine import Database
from bobudget.db.uow import current_username

NOBODY = "Ingen"


def staff_label(member: StaffMember) -> str:
    shown = f"{member.display_name} ({member.username})"
    return shown if member.active else f"{shown} – inaktiverad"


class ResponsibleField(QComboBox):
    """`value()` is the username ("" for Ingen); `set_value(username)` chooses it."""

    def __init__(
        self,
        db: Database,
        current: str = "",
        parent: QWidget | None = None,
        *,
        new_record: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Ansvarig")
        self.setToolTip("Den användare som ansvarar; Ingen om ingen är utsedd.")
        self._staff = list_staff(db)
        if new_record and not current:
            me = current_username(db)
            current = me if any(m.username == me and m.active for m in self._staff) else ""
        self._fill(current)

    def _fill(self, current: str) -> None:
        self.clear()
        self.addItem(NOBODY, "")
        for member in self._staff:
            if member.active or member.username == current:
                self.addItem(staff_label(member), member.username)
        if current and self.findData(current) < 0:
            # Not in the users list at all (it cannot be stored so): shown as it is, to change.
            self.addItem(f"{current} – finns inte", current)
        self.set_value(current)

    def value(self) -> str:
        return str(self.currentData() or "")

    def set_value(self, username: str) -> None:
        if username and self.findData(username) < 0:
            self._fill(username)
            return
        self.setCurrentIndex(max(0, self.findData(username)))
