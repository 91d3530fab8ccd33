"""The bobudget desktop window (PySide6): shows what the core's services return, holds no rule."""

# Before any widget exists: PySide6 6.12.0 on Python 3.11 would otherwise bring a long session
# down (see qt_guard). Imported here so every way into the window is covered, tests included.
from . import qt_guard

__all__ = ["qt_guard"]
