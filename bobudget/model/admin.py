"""Users and roles, printed letters, the audit trail and facts about the database itself."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bobudget.model.base import Base, Editable, VocabType, utc_now
from bobudget.model.vocab import UserRole

# Every role and its label; the vocabulary holds both (kept for the callers that import it).
ROLES = UserRole.labels()


class User(Editable, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    # How a letter's recipient reaches the officer who signs it (LETTERS.md: every letter).
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[UserRole] = mapped_column(
        VocabType(UserRole, 30), default=UserRole.BOSTADSKONSULENT
    )
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class PrintedLetter(Base):
    """Every letter produced: what, to whom, by whom, when, and a hash of the exact PDF."""

    __tablename__ = "printed_letters"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), index=True)
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("contracts.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    created_by: Mapped[str] = mapped_column(String(64), default="")
    template_version: Mapped[str] = mapped_column(String(80), default="")
    sha256: Mapped[str] = mapped_column(String(64))
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary)


class AuditEntry(Base):
    """Who did what to which row; ids only, never names or personnummer."""

    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utc_now, index=True)
    username: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[int | None]
    detail: Mapped[str] = mapped_column(Text, default="")


class DatabaseFact(Base):
    """Facts about this database, e.g. that it holds demo data only."""

    __tablename__ = "database_facts"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
