"""The moment the main window's first frame is drawn: what the window waits for before its start
page reads anything, and what start-up is measured to (benchmarks/bench_startup.py)."""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QWidget

# Set (to anything but "" or "0"), bobudget-gui prints "first-paint <epoch seconds>" once its
# main window's first frame is drawn, and quits: how the benchmark times a real start.
ENV_EXIT_AFTER_FIRST_PAINT = "BOBUDGET_EXIT_AFTER_FIRST_PAINT"

# The window-system events in whose handling Qt draws a widget window's frame: it paints the
# widgets and flushes the frame to the screen before the handler returns.
_FRAME_EVENTS = (QEvent.Type.Expose, QEvent.Type.UpdateRequest)


class FirstPaint(QObject):
    """`painted` once the window's first frame is drawn, then `settled`, for the window's next
    step (unless told to quit instead).

    A paint event on the window says a frame is being drawn, not that it is done. So the filter
    also watches the window's QWindow: it lets Qt handle the event that draws the frame, and
    once a paint was part of it, says so, before the event loop runs anything else. Observers
    of `painted` hear of the frame before `settled` starts the work that fills the window.
    """

    painted = Signal()
    settled = Signal()

    def __init__(self, window: QWidget) -> None:
        # The window is this object's parent, not an attribute: held here, it would keep the
        # window's Python side alive after the window is deleted.
        super().__init__(window)
        self._native: QWindow | None = None
        self._painting = False
        self._passing = False
        self._quit = False
        self.done = False
        window.installEventFilter(self)

    def quit_when_painted(self) -> None:
        """Print when the first frame was done and quit, instead of going on (the benchmark)."""
        self._quit = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.done:
            return False
        window = self.parent()
        if watched is window and isinstance(window, QWidget):
            if event.type() == QEvent.Type.Paint:
                self._painting = True
            elif self._native is None and window.windowHandle() is not None:
                self._native = window.windowHandle()
                self._native.installEventFilter(self)
            return False
        if watched is self._native and event.type() in _FRAME_EVENTS and not self._passing:
            # Delivered on from here (the filter lets it pass), so that the frame it draws, if
            # it draws one, is done when sendEvent returns.
            self._passing = True
            try:
                QCoreApplication.sendEvent(self._native, event)
            finally:
                self._passing = False
            if self._painting:
                self._finish()
            return True  # delivered, just above
        return False

    def _finish(self) -> None:
        self.done = True
        window = self.parent()
        if window is not None:
            window.removeEventFilter(self)
        if self._native is not None:
            self._native.removeEventFilter(self)
        self.painted.emit()
        if self._quit:
            report_and_quit()
        else:
            if exit_after_start_page_wanted():
                print(f"first-paint {time.time():.6f}", flush=True)
            self.settled.emit()


# Set to "start-page": print the first frame's time and go on, open the database, build the
# start page, print "start-page <epoch seconds>" and quit (the benchmark's second figure).
START_PAGE = "start-page"


def exit_after_first_paint_wanted() -> bool:
    return os.environ.get(ENV_EXIT_AFTER_FIRST_PAINT, "") not in ("", "0", START_PAGE)


def exit_after_start_page_wanted() -> bool:
    return os.environ.get(ENV_EXIT_AFTER_FIRST_PAINT, "") == START_PAGE


def report_and_quit() -> None:
    """Print when the first frame was done (wall clock, comparable with the benchmark's own
    clock at the process's start) and end the event loop."""
    print(f"first-paint {time.time():.6f}", flush=True)
    QCoreApplication.exit(0)
