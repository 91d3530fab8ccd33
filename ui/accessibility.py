"""Names for the containers Qt makes tab stops of without a name: a scroll area (the card beside
a list, a tab of egna medel) is reached by Tab so that it can be scrolled by keys, and a screen
reader must say what it is. Controls are named where they are built; this names only the
scroll areas, from what they hold."""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea, QWidget


def _owner_name(widget: QWidget) -> str:
    step: QWidget | None = widget
    while step is not None:
        if step.accessibleName():
            return step.accessibleName()
        step = step.parentWidget()
    return ""


def name_scroll_areas(root: QWidget) -> int:
    """Give every unnamed scroll area under `root` the name of what it shows; return how many."""
    named = 0
    for area in root.findChildren(QScrollArea):
        if area.accessibleName():
            continue
        inner = area.widget()
        name = (inner.accessibleName() if inner is not None else "") or _owner_name(area)
        area.setAccessibleName(f"{name} (rullbar yta)" if name else "Rullbar yta")
        named += 1
    return named
