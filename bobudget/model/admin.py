"""Users and roles, printed letters, the audit trail and facts about the database itself."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

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
    # The first of the user's roles, kept for what reads one role (Att göra's default scope);
    # every role the user holds is in `roles` (user_roles), and this one is always among them.
    role: Mapped[UserRole] = mapped_column(
        VocabType(UserRole, 30), default=UserRole.BOSTADSKONSULENT
    )
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Named for persons with skyddade personuppgifter: only such users see them. On PostgreSQL
    # row-level security reads this column (bobudget/db/rights/policies.py); only the
    # administrators' group role may change it.
    protected_access: Mapped[bool] = mapped_column(Boolean, default=False)

    roles: Mapped[list[UserRoleGrant]] = relationship(
        cascade="all, delete-orphan", order_by="UserRoleGrant.id", lazy="selectin"
    )


class UserRoleGrant(Base):
    """One role a user holds (a user may hold several)."""

    __tablename__ = "user_roles"
    __table_args__ = (UniqueConstraint("user_id", "role", name="uq_user_roles_user_id_role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[UserRole] = mapped_column(VocabType(UserRole, 30))


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
    # The exact PDF of a letter printed on its own; its SHA-256 is in `sha256`.
    sha256: Mapped[str] = mapped_column(String(64))
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    # A letter printed in a batch is drawn once, in the batch: instead of a PDF of its own the
    # log keeps what it was drawn from (JSON: the letter's values, address, date, officer, the
    # letterhead, the template's and logo's hashes in letter_sources, the program versions and
    # its pages in the batch), and `sha256` is the hash of that JSON. bobudget.app.letter_log
    # draws the letter again from it, exactly as in the batch.
    facts: Mapped[str | None] = mapped_column(Text)


class LetterSource(Base):
    """A template text or a logo that a logged letter was drawn from, kept once by its hash.

    Not linked to printed_letters by a foreign key on purpose: one template serves thousands of
    persons' letters, and a key would join all of them into one retention group
    (bobudget/retention/graph.py). The hash itself is the link, and is checked on reading.
    """

    __tablename__ = "letter_sources"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)


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
