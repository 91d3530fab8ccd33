"""`bobudget-gui --demo`: a fresh demo database of fictional households, never the real one."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QWidget

from bobudget.db.engine import Database
from bobudget.db.open import DEMO_ORIGIN, mark_demo, open_database
from bobudget.kernel.config import data_dir

from .workers import Progress, run_with_progress

log = logging.getLogger(__name__)

DEMO_HOUSEHOLDS = 300


def demo_database_path() -> Path:
    return data_dir() / "demo.db"


def _remove_demo_files(path: Path) -> None:
    # The WAL and shared-memory files belong to the old database; left behind they would be
    # replayed into the new one.
    for suffix in ("", "-wal", "-shm", "-journal"):
        candidate = path.with_name(path.name + suffix)
        candidate.unlink(missing_ok=True)


def open_demo_database(
    parent: QWidget | None = None, households: int = DEMO_HOUSEHOLDS
) -> Database:
    """Delete and recreate data_dir()/demo.db, migrate it, mark it, fill it in the background."""
    from bobudget.demo.generate import fill_demo

    path = demo_database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_demo_files(path)
    db = replace(open_database(f"sqlite:///{path}"), origin=DEMO_ORIGIN)
    mark_demo(db)

    def work(progress: Progress) -> object:
        return fill_demo(db, households, seed=1, progress=progress)

    try:
        run_with_progress(
            parent, f"Skapar en demodatabas med {households} påhittade hushåll…", work
        )
    except BaseException:
        db.dispose()
        raise
    log.info("demo database filled with %d households", households)
    return db
