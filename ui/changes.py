"""The one change signal: a service call from the window runs through `run_change`, which
announces what the call committed; every page refreshes from that signal.

DESIGN.md: screens refresh from one signal, never from a dialog calling it by hand. The core
records what each unit of work committed (`bobudget.db.changes.ChangeSet`: the areas and
the persons affected); `run_change` gathers it around the call and hands it to the hub. A page
listens through a `ChangeListener`: it asks whether the changes concern it (`touches(...)`,
`affects_person(...)`) and reads again once; a page not shown marks itself stale and reads
when it is shown.

One action is one announcement: everything committed inside the outermost `run_change` (a
dialog that writes twice, a loop of confirmations) is one ChangeSet, delivered when the call
returns, so the page that opened the dialog is current as soon as the dialog closes.
Announcements from elsewhere (background work finishing) are coalesced over a few
milliseconds. Emitted only from the GUI thread; background work collects its changes in its
own thread and announces them when it reports back (`ui.workers`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from bobudget.db.changes import NO_CHANGES, ChangeSet, collect_changes
from bobudget.kernel.errors import DatabaseBusyError

log = logging.getLogger(__name__)

# Announcements close together from outside a runner (background work finishing) make one
# refresh, not several; inside `run_change` one action is already one announcement.
COALESCE_MS = 50

# A database a colleague is writing to: wait this long (wait cursor, a line saying so), then try
# the call once more; still busy, the caller shows DatabaseBusyError's message.
BUSY_RETRY_MS = 2000
BUSY_WAIT_TEXT = "Databasen är upptagen – försöker igen …"

P = ParamSpec("P")
R = TypeVar("R")


class ChangeHub(QObject):
    """`changed(ChangeSet)` at once after a commit; `settled(ChangeSet)` once a burst of them has
    passed, with everything the burst changed: pages reload on `settled`, once per burst."""

    changed = Signal(object)
    settled = Signal(object)
    # A line to show while `run_change` waits to try again ("" when the wait is over).
    waiting = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._burst = NO_CHANGES
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COALESCE_MS)
        self._timer.timeout.connect(self._settle)

    @Slot(object)
    def announce(self, changes: ChangeSet) -> None:
        """What a call committed; nothing is said for a call that kept nothing."""
        if not changes:
            return
        log.debug(
            "data changed: %s, %d persons", ",".join(sorted(changes.kinds)), len(changes.person_ids)
        )
        self._burst = self._burst | changes
        self.changed.emit(changes)
        self._timer.start()

    def settle_now(self) -> None:
        """Deliver a pending burst at once: `run_change` does, so that the page that opened a
        dialog is current when the dialog closes."""
        if self._timer.isActive():
            self._timer.stop()
            self._settle()

    def _settle(self) -> None:
        burst, self._burst = self._burst, NO_CHANGES
        if burst:
            self.settled.emit(burst)


_hub: ChangeHub | None = None


def change_hub() -> ChangeHub:
    """The window's one hub (created on first use, in the GUI thread)."""
    global _hub
    if _hub is None:
        _hub = ChangeHub()
    return _hub


_depth = 0


def run_change(call: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Run a service call and announce what it committed, once, when it returns.

    A failure is raised to the caller, which shows it as before; what was committed before the
    failure (a call of several units of work) is still announced, since it was kept. A
    `run_change` inside another is announced with the outer one. A database that is busy
    (DatabaseBusyError) is waited for once, visibly, and the call run again.
    """
    global _depth
    with collect_changes() as collected:
        outermost = _depth == 0
        _depth += 1
        try:
            try:
                return call(*args, **kwargs)
            except DatabaseBusyError:
                # Once, from the outermost runner only, and only when the call kept nothing
                # yet: trying again must not do twice what a first unit of work already did.
                if not outermost or collected.changes:
                    raise
                log.info("database busy: trying once more in %d ms", BUSY_RETRY_MS)
                _wait_for_database()
                return call(*args, **kwargs)
        finally:
            _depth -= 1
            if _depth == 0:
                hub = change_hub()
                hub.announce(collected.changes)
                hub.settle_now()


def on_database_wait(receiver: Callable[[str], None]) -> None:
    """`receiver(text)` when a save starts waiting for a busy database, `receiver("")` when the
    wait is over: a line to show meanwhile (the status bar, a dialog's error line). Listening
    only: announcing changes stays with `run_change`."""
    change_hub().waiting.connect(receiver)


def _wait_for_database() -> None:
    """BUSY_RETRY_MS with a wait cursor and the line said on `waiting`; the window paints, but
    takes no clicks or keys meanwhile (no second save while the first is waiting)."""
    hub = change_hub()
    hub.waiting.emit(BUSY_WAIT_TEXT)
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        loop = QEventLoop()
        QTimer.singleShot(BUSY_RETRY_MS, loop.quit)
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    finally:
        QGuiApplication.restoreOverrideCursor()
        hub.waiting.emit("")


class ChangeListener(QObject):
    """Reads `page` again (`reload()`) once per settled burst of changes that `concerns` it.

    A page not shown is only marked stale and reads when it is next shown, unless it asks to
    stay current (`while_hidden`, e.g. Att göra, whose counts the navigation always shows).
    """

    def __init__(
        self,
        page: QWidget,
        concerns: Callable[[ChangeSet], bool],
        reload: Callable[[], None],
        *,
        while_hidden: bool = False,
    ) -> None:
        super().__init__(page)
        self._page = page
        self._concerns = concerns
        self._reload = reload
        self._while_hidden = while_hidden
        self.stale = False
        page.installEventFilter(self)
        change_hub().settled.connect(self._settled)

    def stop(self) -> None:
        """Hear no more changes (in tests: a window on another computer, which does not)."""
        change_hub().settled.disconnect(self._settled)

    @Slot(object)
    def _settled(self, changes: object) -> None:
        if not isinstance(changes, ChangeSet) or not self._concerns(changes):
            return
        if self._while_hidden or self._page.isVisible():
            self.stale = False
            self._reload()
        else:
            self.stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A page on its way out (its deferred delete) can still send events after Python let
        # go of this listener: PySide then hands over a fresh wrapper that never ran __init__.
        if "_page" not in self.__dict__:
            return False
        if watched is self._page and event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self._reload()
        return False
