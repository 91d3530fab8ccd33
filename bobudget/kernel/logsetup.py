"""The log file in the user's log folder: what the program did, by id, never names."""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from types import TracebackType

from bobudget.kernel.config import log_dir


def setup_logging(level: int = logging.INFO) -> None:
    """Log to bobudget.log in the log folder; called again, it follows a changed folder."""
    root = logging.getLogger()
    path = log_dir() / "bobudget.log"
    for old in [h for h in root.handlers if getattr(h, "_bobudget", False)]:
        if getattr(old, "_bobudget_path", None) == path:
            return
        root.removeHandler(old)
        old.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        # No writable log folder: the program still works; nothing is printed at the user.
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._bobudget = True  # type: ignore[attr-defined]
    handler._bobudget_path = path  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)


def log_unexpected(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """Log where it happened: the types and the stack, never the messages.

    An exception's message may carry what was being handled (a database error repeats the
    statement's parameters: names, personnummer); the log must never hold those.
    """
    parts = [f"{exc_type.__module__}.{exc_type.__qualname__}\n", *traceback.format_tb(tb)]
    seen = {id(exc)}
    cause = exc.__cause__ or exc.__context__
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        kind = type(cause)
        parts.append(f"caused by {kind.__module__}.{kind.__qualname__}\n")
        parts.extend(traceback.format_tb(cause.__traceback__))
        cause = cause.__cause__ or cause.__context__
    logging.getLogger("bobudget").error("unexpected error: %s", "".join(parts))
