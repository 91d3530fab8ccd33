"""A guard against a PySide6 fault that frees None or True in a long session on Python 3.11.

PySide6 6.12.0 hands back the None of every call to a void method (`label.setText(…)`) and the
True of every `signal.emit(…)` without taking a reference to it, so each such call costs the
object one reference. After some ten thousand calls Python frees None or True and the program
aborts ("none_dealloc: deallocating None"). Python 3.12 and later never free these objects
(they are immortal) and are not harmed; PySide6 6.11 does not have the fault.

Where a probe shows the fault, `guard()` gives None, True and False a reserve of references so
large that no working day uses it up: in effect what Python 3.12 does. Extra references to
these three objects cost nothing, since they are never freed anyway.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

_PROBE_CALLS = 64
# 2**40 calls: at a thousand faulty calls a second, some thirty years of uptime.
_RESERVE = 2**40


class _Probe(QObject):
    probed = Signal()


def references_are_lost() -> bool:
    """True when void calls or emits in this PySide6 take a reference from None or True."""
    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(_PROBE_CALLS):
        probe.setObjectName("probe")
        probe.probed.emit()
    lost_none = none_before - sys.getrefcount(None)
    lost_true = true_before - sys.getrefcount(True)
    # Other threads may move the counts a little meanwhile; the fault moves one per call.
    return max(lost_none, lost_true) >= _PROBE_CALLS // 2


def _singletons_are_immortal() -> bool:
    return sys.version_info >= (3, 12) or sys.implementation.name != "cpython"


def guard() -> bool:
    """Apply the reserve where needed; True when the fault was found (and is now harmless)."""
    if _singletons_are_immortal() or not references_are_lost():
        return False
    for singleton in (None, True, False):
        # In CPython 3.11 a PyObject starts with its reference count, at the object's id.
        ctypes.c_ssize_t.from_address(id(singleton)).value += _RESERVE
    log.info("PySide6 reference fault found; None, True and False given a reserve")
    return True


GUARDED = guard()
