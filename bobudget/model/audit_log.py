"""Who saw which person (access_log) and every saved change to a row (change_trail).

Both tables are written, never changed: the application roles may only INSERT and SELECT
(issue 13). Neither has a foreign key to persons, so that a purge of a person (gallring)
is not blocked by the record that someone once looked at them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from bobudget.model.base import Base, VocabType, utc_now
from bobudget.model.vocab import AccessKind, DataOperation

# Most roles may INSERT into the two logs but not read them (bobudget/db/rights/grants.py), so a
# write must not ask for the new id back: INSERT … RETURNING needs SELECT on PostgreSQL.
_WRITE_ONLY: dict[str, Any] = {"implicit_returning": False}


class AccessLog(Base):
    """One person seen by one user at one moment, and how (ids only in `detail`)."""

    __tablename__ = "access_log"
    __table_args__ = (
        Index("ix_access_log_person_at", "person_id", "at"),
        Index("ix_access_log_username_at", "username", "at"),
        _WRITE_ONLY,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utc_now, index=True)
    username: Mapped[str] = mapped_column(String(64))
    person_id: Mapped[int | None]
    what: Mapped[AccessKind] = mapped_column(VocabType(AccessKind, 20))
    detail: Mapped[str] = mapped_column(String(200), default="")


class ChangeTrail(Base):
    """One row inserted, updated or deleted: its old and new values per column."""

    __tablename__ = "change_trail"
    __table_args__ = (
        Index("ix_change_trail_person_at", "person_id", "at"),
        Index("ix_change_trail_username_at", "username", "at"),
        _WRITE_ONLY,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    username: Mapped[str] = mapped_column(String(64))
    table_name: Mapped[str] = mapped_column(String(60))
    row_id: Mapped[int | None]
    person_id: Mapped[int | None]
    operation: Mapped[DataOperation] = mapped_column(VocabType(DataOperation, 10))
    # {"column": [old, new]}: old is null for an insert, new is null for a delete.
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
