"""The one change signal: whatever changes data anywhere in the window says so here.

DESIGN.md: screens refresh from one signal. After a service call that changed data succeeds,
the page calls `notify_changed("what")` (a word for the log and for listeners that care, e.g.
"follow_up", "placement", "funds", "persons"). Att göra and the navigation counts listen and
read their lists again; a page that is not shown may wait until it is.

Emitted only from the GUI thread; a worker reports back through its own signals first.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)

# Several saves in one action (a dialog that writes twice) make one refresh, not several.
COALESCE_MS = 50


class ChangeHub(QObject):
    """`changed(what)` after data changed; `settled()` once a burst of changes has passed."""

    changed = Signal(str)
    settled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COALESCE_MS)
        self._timer.timeout.connect(self.settled.emit)

    def notify(self, what: str = "") -> None:
        log.debug("data changed: %s", what or "?")
        self.changed.emit(what)
        self._timer.start()


_hub: ChangeHub | None = None


def change_hub() -> ChangeHub:
    """The window's one hub (created on first use, in the GUI thread)."""
    global _hub
    if _hub is None:
        _hub = ChangeHub()
    return _hub


def notify_changed(what: str = "") -> None:
    """Say that data changed; call after the service call succeeded."""
    change_hub().notify(what)
