"""The declarative base, shared column types and the editable-row mixin (versions, who, when)."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, ClassVar

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    TypeDecorator,
    event,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

# Stable constraint names, so that migrations can name what they alter on every engine.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware UTC timestamp on every engine (SQLite forgets the zone; we put it back)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC column")
        return value.astimezone(dt.UTC)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class VocabType(TypeDecorator[Any]):
    """A word from one of the closed sets in bobudget.model.vocab, stored as its plain string.

    Python code gets the enum member; the column stays a VARCHAR, so the stored values (and a
    query comparing with a plain string) are what they always were. A value outside the set is
    refused before it reaches the database; the CHECK constraint refuses it there too.
    `blank` allows "" as well (a column where empty means "not given").
    """

    impl = String
    cache_ok = True

    def __init__(self, vocabulary: type[enum.StrEnum], length: int, *, blank: bool = False):
        super().__init__(length)
        self.vocabulary = vocabulary
        self.blank = blank
        # Every value written or read passes here (the demo writes 250 000 of them): a dict
        # lookup, not the enum's call. A member and its plain string hash alike, so one dict
        # serves both.
        self._members: dict[str, enum.StrEnum] = {str(m): m for m in vocabulary}

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None or (self.blank and value == ""):
            return value  # type: ignore[no-any-return]
        member = self._members.get(value)
        if member is None:
            raise ValueError(f"{value!r} is not a valid {self.vocabulary.__name__}")
        return str(member)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None or (self.blank and value == ""):
            return value
        member = self._members.get(value)
        if member is None:
            raise ValueError(f"{value!r} is not a valid {self.vocabulary.__name__}")
        return member

    def allowed(self) -> list[str]:
        """Every value the column may hold, in the enum's order."""
        return [str(member.value) for member in self.vocabulary] + ([""] if self.blank else [])


def vocab_check(column: str, allowed: list[str]) -> CheckConstraint:
    """The CHECK constraint that holds `column` to its vocabulary: ck_<table>_<column>_allowed.

    Migration 0005 creates the same constraints with the same names from a frozen copy of the
    values; tests/core/test_vocab.py checks the two agree.
    """
    listed = ", ".join(f"'{value}'" for value in allowed)
    return CheckConstraint(f"{column} IN ({listed})", name=f"{column}_allowed")


@event.listens_for(Column, "after_parent_attach")
def _check_vocabulary(column: Column[Any], parent: object) -> None:
    # Every vocabulary column gets its CHECK constraint on the model the moment it joins its
    # table, so a new column of a VocabType cannot be declared without one.
    if isinstance(parent, Table) and isinstance(column.type, VocabType):
        parent.append_constraint(vocab_check(column.name, column.type.allowed()))


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dt.datetime: UTCDateTime(),
        str: String(200),
    }


def responsible_column() -> Mapped[str | None]:
    """Who answers for a row: a user's username in `users`, NULL when nobody is named.

    The username, not the id: it is what the program records as who did what (created_by, the
    audit trail), and users are deactivated, never removed, so the reference never dangles.
    """
    return mapped_column(String(64), ForeignKey("users.username"), nullable=True, default=None)


class Editable:
    """Every row a user can edit: a version for optimistic locking, and who changed it when.

    The version is SQLAlchemy's version counter: an UPDATE whose version no longer matches
    touches no row and raises, so a save never overwrites someone else's change unseen.
    """

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    created_by: Mapped[str] = mapped_column(String(64), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(default=utc_now, onupdate=utc_now)
    updated_by: Mapped[str] = mapped_column(String(64), default="")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]
