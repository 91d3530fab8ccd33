"""Persons (klienter), households and their members."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import Boolean, FetchedValue, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bobudget.kernel.search_text import name_key, number_key
from bobudget.model.base import Base, Editable, VocabType
from bobudget.model.vocab import HouseholdRole, IdentityKind

# The name the naming convention gives persons.identity's unique constraint.
PERSON_IDENTITY_KEY = "uq_persons_identity"

# A search key compares code point by code point on both engines (SQLite's BINARY is that), so
# that "starts with" is an index range and the list is in the same order on both.
_SEARCH_KEY = String(100).with_variant(String(100, collation="C"), "postgresql")


def _search_key(source: str, fold: Callable[[str], str]) -> Mapped[str | None]:
    """A key of `source` kept by the database's triggers (migration 0017_search) whoever writes
    the row, and filled on insert here too, from the inserted `source`, for any insert built
    from this table (ORM or Core, one row or many): SQLite's trigger then has nothing to do."""

    def default(context: DefaultExecutionContext | None) -> str | None:
        if context is None:  # asked outside a statement (the import's bulk writer): the
            return None  # trigger fills it from the row
        parameters: dict[str, object] = context.get_current_parameters()  # type: ignore[no-untyped-call]
        value = parameters.get(source)
        return fold(value) if isinstance(value, str) else None

    return mapped_column(
        _SEARCH_KEY,
        default=default,
        server_default=FetchedValue(),
        server_onupdate=FetchedValue(),
    )


class Person(Editable, Base):
    __tablename__ = "persons"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Canonical 12-digit personnummer/samordningsnummer, or a local reserve number.
    identity: Mapped[str] = mapped_column(String(16), unique=True)
    identity_kind: Mapped[IdentityKind] = mapped_column(VocabType(IdentityKind, 20))
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(10), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    # Only for a reserve number (a child not yet given a personnummer): a personnummer carries
    # the birth date itself (persons/rules.py birth_date_of).
    birth_date: Mapped[dt.date | None]
    # Skyddade personuppgifter: the address never leaves the program (lists, exports, letters).
    protected_identity: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    # Folded names and number forms: SQLite's LIKE does not fold å, ä, ö, so we fold on write.
    search_text: Mapped[str] = mapped_column(String(400), default="")
    # Search as you type (persons/search.py): the names folded (kernel/search_text.name_key) and
    # the 10-digit form of the number, each a prefix index.
    last_name_key: Mapped[str | None] = _search_key("last_name", name_key)
    first_name_key: Mapped[str | None] = _search_key("first_name", name_key)
    identity_key: Mapped[str | None] = _search_key("identity", number_key)

    memberships: Mapped[list[HouseholdMember]] = relationship(back_populates="person")

    __table_args__ = (
        Index(
            "ix_persons_search_text_trgm",
            "search_text",
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        ),
        # In list order: a surname prefix is a range of it, and a common first letter or infix
        # is found by walking it in order until the page is full (search_text in it, so that a
        # walk reads the index alone, not a row per person passed).
        Index("ix_persons_name_key", "last_name_key", "first_name_key", "id", "search_text"),
        Index("ix_persons_first_name_key", "first_name_key", "last_name_key", "id"),
        Index("ix_persons_identity_key", "identity_key", "last_name_key", "first_name_key", "id"),
    )

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Household(Editable, Base):
    __tablename__ = "households"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    members: Mapped[list[HouseholdMember]] = relationship(
        back_populates="household", cascade="all, delete-orphan"
    )


class HouseholdMember(Editable, Base):
    __tablename__ = "household_members"
    __table_args__ = (UniqueConstraint("household_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    role: Mapped[HouseholdRole] = mapped_column(
        VocabType(HouseholdRole, 20), default=HouseholdRole.APPLICANT
    )
    from_date: Mapped[dt.date | None]
    to_date: Mapped[dt.date | None]

    household: Mapped[Household] = relationship(back_populates="members")
    person: Mapped[Person] = relationship(back_populates="memberships")
