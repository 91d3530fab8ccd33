"""A refused save because someone else saved first: both versions side by side, and a choice.

The same box for every form in the window (the dialogs of the kit and the checklist editor):
what the user typed is never lost; they read in the saved version or save theirs over it.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping

from PySide6.QtWidgets import QMessageBox, QWidget

from bobudget.kernel.errors import ConflictError
from bobudget.kernel.formatting import format_timestamp

from ..errors import message_box

RELOAD = "Läs in det sparade"
REAPPLY = "Spara mina ändringar igen"
BACK = "Tillbaka till formuläret"


class Choice(enum.Enum):
    RELOAD = "reload"
    REAPPLY = "reapply"
    BACK = "back"


def changed_by_line(error: ConflictError) -> str:
    """Who saved in between, and when: "Ändrat av kollega 2026-11-27 14:05."."""
    who = error.changed_by or "någon annan"
    when = error.changed_at
    if isinstance(when, dt.datetime):
        return f"Ändrat av {who} {format_timestamp(when)}."
    if isinstance(when, dt.date):
        return f"Ändrat av {who} {when.isoformat()}."
    return f"Ändrat av {who}."


def comparison_text(typed: Mapping[str, str], saved: Mapping[str, str] | None) -> str:
    """Field by field: what was typed and what is saved now; the fields that differ first."""
    if saved is None:
        return "Det du skrev:\n" + "\n".join(f"{k}: {v}" for k, v in typed.items())
    lines: list[str] = []
    same: list[str] = []
    for label, mine in typed.items():
        theirs = saved.get(label, "")
        if mine == theirs:
            same.append(f"{label}: {mine}")
        else:
            lines.append(
                f"{label}:\n    du skrev: {mine or '(tomt)'}\n    sparat nu: {theirs or '(tomt)'}"
            )
    text = "Skiljer sig:\n" + ("\n".join(lines) if lines else "(inget – samma värden)")
    if same:
        text += "\n\nLika i båda:\n" + "\n".join(same)
    return text


def ask_about_conflict(
    parent: QWidget | None,
    error: ConflictError,
    typed: Mapping[str, str],
    saved: Mapping[str, str] | None,
) -> Choice:
    """Shows both versions and asks; without the saved version (it could not be read again)
    only reading in and going back are offered."""
    differing = [k for k, v in typed.items() if saved.get(k, "") != v] if saved is not None else []
    informative = changed_by_line(error)
    if differing:
        informative += " Det som skiljer: " + ", ".join(differing) + "."
    informative += " Det du skrev finns kvar i formuläret."
    box = message_box(
        parent,
        QMessageBox.Icon.Warning,
        str(error),
        informative=informative,
        detail=comparison_text(typed, saved),
        title="Ändrat av någon annan",
    )
    reload_button = box.addButton(RELOAD, QMessageBox.ButtonRole.AcceptRole)
    reapply_button = (
        box.addButton(REAPPLY, QMessageBox.ButtonRole.DestructiveRole)
        if saved is not None
        else None
    )
    back_button = box.addButton(BACK, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(reload_button)
    box.setEscapeButton(back_button)
    box.exec()
    clicked = box.clickedButton()
    if clicked is reload_button:
        return Choice.RELOAD
    if reapply_button is not None and clicked is reapply_button:
        return Choice.REAPPLY
    return Choice.BACK
