"""The log file in the user's log folder: what the program did, by id, never names."""

from __future__ import annotations

import logging
import logging.handlers

from bobudget.config import log_dir


def setup_logging(level: int = logging.INFO) -> None:
    root = logging.getLogger()
    if any(getattr(h, "_bobudget", False) for h in root.handlers):
        return
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            folder / "bobudget.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        # No writable log folder: the program still works; nothing is printed at the user.
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._bobudget = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
