"""A save while a colleague's program holds the database's write lock: the window waits once,
visibly, and tries again; still busy, the dialog stays open with the message and the typing."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from bobudget.app.person_card import get_person_card
from bobudget.db import engine as db_engine
from bobudget.db.changes import ChangeSet
from bobudget.db.engine import Database
from bobudget.kernel.errors import BUSY_MESSAGE
from ui import changes as ui_changes
from ui.changes import BUSY_WAIT_TEXT, change_hub
from ui.persons.form import PersonFormDialog


@pytest.fixture
def colleague(monkeypatch: pytest.MonkeyPatch, sqlite_db: Database) -> Iterator[sqlite3.Connection]:
    """Another program in the middle of a save; our connections wait 0.2 s, the retry 0.3 s."""
    monkeypatch.setattr(db_engine, "BUSY_TIMEOUT_MS", 200)
    monkeypatch.setattr(ui_changes, "BUSY_RETRY_MS", 300)
    sqlite_db.engine.dispose()
    other = sqlite3.connect(sqlite_db.location)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield other
    finally:
        other.rollback()
        other.close()


def _typed_dialog(db: Database, person_id: int, qtbot) -> PersonFormDialog:
    dialog = PersonFormDialog.for_edit(db, get_person_card(db, person_id), None)
    qtbot.addWidget(dialog)
    dialog.email.setText("anna@example.se")
    dialog.phone.setText("08-555 12 34")
    return dialog


def _watch(waits: list[str], announced: list[ChangeSet]) -> None:
    change_hub().waiting.connect(waits.append)
    change_hub().changed.connect(announced.append)


def test_a_save_waits_once_and_goes_through_when_the_colleague_is_done(
    qtbot, sqlite_db: Database, people, colleague: sqlite3.Connection
) -> None:
    dialog = _typed_dialog(sqlite_db, people.plain, qtbot)
    waits: list[str] = []
    announced: list[ChangeSet] = []
    _watch(waits, announced)
    shown_while_waiting: list[str] = []

    def colleague_done(text: str) -> None:
        if text:
            shown_while_waiting.append(dialog.error_label.text())
            colleague.commit()  # the colleague's save ends during our wait

    change_hub().waiting.connect(colleague_done)
    try:
        dialog.save()
    finally:
        change_hub().waiting.disconnect(colleague_done)
        change_hub().waiting.disconnect(waits.append)
        change_hub().changed.disconnect(announced.append)
    assert waits == [BUSY_WAIT_TEXT, ""]  # one wait, one retry
    assert shown_while_waiting == [BUSY_WAIT_TEXT]
    assert dialog.saved
    assert get_person_card(sqlite_db, people.plain).email == "anna@example.se"
    assert len(announced) == 1  # the change is announced once


def test_still_busy_after_the_retry_keeps_the_dialog_open_with_the_typing(
    qtbot, sqlite_db: Database, people, colleague: sqlite3.Connection
) -> None:
    dialog = _typed_dialog(sqlite_db, people.plain, qtbot)
    waits: list[str] = []
    announced: list[ChangeSet] = []
    _watch(waits, announced)
    try:
        dialog.save()
    finally:
        change_hub().waiting.disconnect(waits.append)
        change_hub().changed.disconnect(announced.append)
    assert waits == [BUSY_WAIT_TEXT, ""]  # tried twice in all, not more
    assert not dialog.saved
    assert dialog.error_label.isVisibleTo(dialog)
    assert dialog.error_label.text() == BUSY_MESSAGE
    assert dialog.email.text() == "anna@example.se" and dialog.phone.text() == "08-555 12 34"
    assert announced == []
    colleague.rollback()
    assert get_person_card(sqlite_db, people.plain).email == ""


def test_only_the_outermost_runner_tries_again_and_only_once(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bobudget.kernel.errors import DatabaseBusyError
    from ui.changes import run_change

    monkeypatch.setattr(ui_changes, "BUSY_RETRY_MS", 10)
    calls: list[str] = []

    def busy() -> None:
        calls.append("inner")
        raise DatabaseBusyError(BUSY_MESSAGE)

    def outer() -> None:
        calls.append("outer")
        run_change(busy)

    with pytest.raises(DatabaseBusyError):
        run_change(outer)
    assert calls == ["outer", "inner", "outer", "inner"]
