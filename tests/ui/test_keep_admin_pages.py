"""Administration → Gallring and → Säkerhetskopia, driven as a user would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog
from sqlalchemy import func, select

from bobudget.db.engine import Database
from bobudget.model import Person
from tests.db.test_keep_purge import _person, build
from ui.admin.backup import CONFIRM_WORD, BackupEditor
from ui.admin.retention import RetentionEditor


def persons(db: Database) -> int:
    with db.engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(Person)) or 0)


def test_the_preview_names_the_persons_and_gallra_asks_with_the_count(
    qtbot, sqlite_db: Database, message_boxes
) -> None:
    people = build(sqlite_db)
    page = RetentionEditor(sqlite_db)
    qtbot.addWidget(page)
    assert not page.purge_button.isEnabled()
    page.as_of.setText("2027-06-01")
    page.show_button.click()
    rows = page.model.rows()
    assert [r.person_ids for r in rows] == [(people.due,)]
    assert rows[0].names == ("Gunnel Gallras",)
    assert "1 personer ska gallras per 2027-06-01" in page.summary.text()
    # Avbryt: nothing happens.
    page.purge_button.click()
    assert message_boxes.shown[-1].text == "Gallra 1 personer och alla deras uppgifter?"
    assert persons(sqlite_db) == 5
    message_boxes.answer("Gallra 1 personer")
    page.purge_button.click()
    assert "Gallrade 1 personer" in message_boxes.shown[-1].text
    assert persons(sqlite_db) == 4
    assert page.model.rows() == []


def test_the_drill_and_a_restore_from_the_window(
    qtbot, sqlite_db: Database, message_boxes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(sqlite_db)
    file = tmp_path / "kopia.db"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(file), ""))
    )
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(file), ""))
    )
    page = BackupEditor(sqlite_db)
    qtbot.addWidget(page)
    page.drill_button.click()
    assert "gick bra" in page.status.text()
    lines = page.model.rows()
    assert lines and all(line.same for line in lines)
    # The restore wants the word typed; anything else restores nothing.
    # Written after the backup: the restore takes it away again.
    _person(sqlite_db, "Efter", "Kopian", dt.date(1990, 1, 2))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *_a, **_k: ("ja", True)))
    page.restore_button.click()
    assert "du skrev inte" in message_boxes.shown[-1].text
    assert persons(sqlite_db) == 6
    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *_a, **_k: (CONFIRM_WORD.lower(), True))
    )
    page.restore_button.click()
    assert persons(sqlite_db) == 5
    assert "återställdes" in page.status.text()
    page.drill_button.click()
    assert "gick bra" in page.status.text()
