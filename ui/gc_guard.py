"""Python's garbage collector runs on the GUI thread only.

A closed dialog is often garbage in a reference cycle (its slots hold it). CPython collects
cycles in whichever thread happens to allocate when a threshold is passed; when that was a
BackgroundTask's thread (a letter rendering its fonts), the collection destroyed the dialog's
widgets off the GUI thread and the process died in a segmentation fault. So the automatic
collector is switched off and a timer on the GUI thread collects instead, by the same
thresholds: the recipe the PyQt and PySide documentation give for threaded programs.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 500

_installed: list[QObject] = []


class _Collector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    @staticmethod
    def check() -> None:
        young, middle, old = gc.get_count()
        first, second, third = gc.get_threshold()
        if young > first:
            gc.collect(0)
            if middle > second:
                gc.collect(1)
                if old > third:
                    gc.collect(2)


def collect_on_gui_thread() -> bool:
    """Switch automatic collection off and collect from the GUI thread's event loop.

    Call once a QCoreApplication exists, from the GUI thread; False when there is none yet.
    """
    app = QCoreApplication.instance()
    if app is None:
        return False
    if not _installed:
        gc.disable()
        _installed.append(_Collector(app))
    return True
