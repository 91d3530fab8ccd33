"""What the placement services share: the users' words, the row fetch with its version check,
the household's applicant, and the text filter over persons.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, and_, case, exists, select
from sqlalchemy.orm import Session, aliased

from bobudget.db.uow import conflict_error
from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.kernel.money import format_amount
from bobudget.kernel.search_text import search_terms
from bobudget.model import HouseholdMember, Person
from bobudget.model.vocab import LEASE_KINDS, HouseholdRole
from bobudget.persons.registry import (
    PROTECTED_ADDRESS_TEXT,
)

__all__ = [
    "LEASE_KINDS",
    "PROTECTED_LONG_TEXT",
    "PROTECTED_TEXT",
    "applicant_id",
    "fetch_for_edit",
    "household_of",
    "household_text_filter",
    "needs_text",
    "person_text_filter",
    "require_not_future",
    "require_text",
]

# Where a person with skyddade personuppgifter lives is never shown in a list or an export.
PROTECTED_TEXT = "Skyddad"
PROTECTED_LONG_TEXT = PROTECTED_ADDRESS_TEXT

T = TypeVar("T")


def fetch_for_edit(
    session: Session, model: type[T], row_id: int, expected_version: int | None, gone: str
) -> T:
    """The row to change, refused when gone or when someone saved it after it was read.

    `expected_version` None skips the check (a row the same action just read).
    """
    row = session.get(model, row_id)
    if row is None:
        raise NotFoundError(gone)
    version = getattr(row, "version", None)
    if expected_version is not None and version != expected_version:
        raise conflict_error(getattr(row, "updated_by", None), getattr(row, "updated_at", None))
    return row


def require_text(value: str, message: str) -> str:
    text = value.strip()
    if not text:
        raise ValidationError(message)
    return text


def require_not_future(day: dt.date, today: dt.date, what: str) -> None:
    if day > today:
        raise ValidationError(
            f"{what} {day.isoformat()} ligger i framtiden. Ange ett datum till och med i dag "
            f"({today.isoformat()})."
        )


def _applicant_order() -> Any:
    return case((HouseholdMember.role == HouseholdRole.APPLICANT, 0), else_=1)


def applicant_id(household_id: Any) -> Any:
    """A scalar subquery: the household's applicant (or, lacking one, its first member)."""
    return (
        select(HouseholdMember.person_id)
        .where(HouseholdMember.household_id == household_id)
        .order_by(_applicant_order(), HouseholdMember.id)
        .limit(1)
        .scalar_subquery()
    )


def household_of(session: Session, person_id: int) -> int | None:
    """The person's household: one they still live in before one they left; among those where
    they are the applicant; else the first they belong to."""
    return session.scalar(
        select(HouseholdMember.household_id)
        .where(HouseholdMember.person_id == person_id)
        .order_by(
            case((HouseholdMember.to_date.is_(None), 0), else_=1),
            _applicant_order(),
            HouseholdMember.id,
        )
        .limit(1)
    )


# Below this many typed characters most persons match: testing each listed row is cheaper than
# collecting every match first. From it on, the matches are few and found once (on PostgreSQL
# by the trigram index, which needs three characters).
_SELECTIVE_CHARACTERS = 3


def _person_matches(terms: list[str], person_id: Any) -> ColumnElement[bool]:
    if sum(len(t) for t in terms) < _SELECTIVE_CHARACTERS:
        who = aliased(Person)  # never correlated with a Person the outer query selects
        return exists().where(
            who.id == person_id,
            and_(*(who.search_text.contains(t, autoescape=True) for t in terms)),
        )
    matching = select(Person.id).where(
        and_(*(Person.search_text.contains(t, autoescape=True) for t in terms))
    )
    found: ColumnElement[bool] = person_id.in_(matching)
    return found


def person_text_filter(text: str, person_id: Any) -> ColumnElement[bool] | None:
    """Rows whose person matches every typed term of a name or personnummer; None: no filter."""
    terms = search_terms(text)
    if not terms:
        return None
    return _person_matches(terms, person_id)


def household_text_filter(text: str, household_id: Any) -> ColumnElement[bool] | None:
    """Rows whose household has a member matching every typed term; None: no filter."""
    terms = search_terms(text)
    if not terms:
        return None
    member = aliased(HouseholdMember)
    if sum(len(t) for t in terms) < _SELECTIVE_CHARACTERS:
        return exists().where(
            member.household_id == household_id, _person_matches(terms, member.person_id)
        )
    members = select(member.household_id).where(_person_matches(terms, member.person_id))
    found: ColumnElement[bool] = household_id.in_(members)
    return found


def needs_text(
    adults: int,
    children: int,
    rooms: int | None,
    rent_ceiling_ore: int | None,
    accessibility: bool,
) -> str:
    """The household's needs in one line: "2 vuxna, 1 barn, 3 rum, högst 8 000,00 kr"."""
    parts = [f"{adults} vuxen" if adults == 1 else f"{adults} vuxna"]
    if children:
        parts.append(f"{children} barn")
    if rooms:
        parts.append(f"{rooms} rum")
    if rent_ceiling_ore is not None:
        parts.append(f"högst {format_amount(rent_ceiling_ore)}")
    if accessibility:
        parts.append("tillgänglighetsanpassad")
    return ", ".join(parts)
