"""Search as you type over the person register: index ranges instead of a scan of every person.

A person matches when every typed term matches. A term matches by prefix when the person's
surname or first name starts with it (å, ä, ö and case folded: persons.last_name_key and
first_name_key), or, for a number, when the 12- or 10-digit number starts with it (with or
without the dash). A term of three characters or more also matches anywhere in the name or the
number, as every search did before (search_text; "qvist" finds Lindqvist, "0061" the last four
digits). The prefix matches come first, in list order (surname, first name); infix matches fill
the page after them. A one- or two-letter term matches by prefix only: inside words such a term
matches nearly everyone, and no index can find the few who hold "åö" somewhere without reading
every person.

Why the plans: each prefix is a range of an index, and the page is the first `limit` persons in
name order. A surname range is read in that order already. A first-name or number range is
either small (read it whole and sort; counted up to ENOUGH first) or large (then walking the
name index in order finds a page of matches after a few thousand rows at most). SQLite is told
which index to use; PostgreSQL's planner picks the same from its statistics.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, true
from sqlalchemy.orm import Session

from bobudget.kernel.search_text import prefix_end
from bobudget.model import Person

# A range with at most this many persons is read whole and sorted; a larger one is walked in
# name order (it then holds at least one person in ENOUGH / persons, so a page comes quickly).
ENOUGH = 5000
# A term this long also matches inside names and numbers (PostgreSQL's trigram index needs three).
INFIX_MIN = 3

_NAME_INDEX = "ix_persons_name_key"
_FIRST_NAME_INDEX = "ix_persons_first_name_key"
_IDENTITY_INDEX = "ix_persons_identity_key"
# A number as typed: digits, maybe a dash after the date (YYMMDD- or YYYYMMDD-).
_NUMBER_RE = re.compile(r"[0-9]{6}(?:[0-9]{2})?-[0-9]{0,4}|[0-9]+")

COLUMNS = (
    Person.id,
    Person.identity,
    Person.first_name,
    Person.last_name,
    Person.city,
    Person.protected_identity,
    Person.last_name_key,
    Person.first_name_key,
)
ORDER = (Person.last_name_key, Person.first_name_key, Person.id)


@dataclass(frozen=True)
class _Range:
    """Persons whose `column` starts with `prefix` (and who pass `also`), through `index`."""

    column: Any  # a key column of Person
    prefix: str
    index: str
    also: ColumnElement[bool] | None = None

    def condition(self, indexed: bool = True) -> ColumnElement[bool]:
        """The range; not `indexed`, the column is read as a plain value (`key || ''`), which
        keeps either planner from the range's index: it then walks the name index in order."""
        if not self.prefix:
            return self.also if self.also is not None else true()
        column = self.column if indexed else self.column + ""
        bounds = and_(column >= self.prefix, column < prefix_end(self.prefix))
        return bounds if self.also is None else and_(bounds, self.also)


def _number_ranges(term: str) -> list[_Range]:
    if not _NUMBER_RE.fullmatch(term):
        return []
    digits = term.replace("-", "")
    ranges = [_Range(Person.identity_key, digits, _IDENTITY_INDEX)]  # YYMMDDNNNN
    if len(digits) >= 8:
        # YYYYMMDD...: its last digits as the 10-digit form, and the century checked. Fewer
        # digits are not told from the 10-digit form ("1990" could be 19-90 or 1990); such a
        # number is still found inside the 12 digits by the infix search.
        century = Person.identity.startswith(digits)
        ranges.append(_Range(Person.identity_key, digits[2:], _IDENTITY_INDEX, century))
    return ranges


def _ranges(term: str) -> list[_Range]:
    """Every way `term` can match by prefix, each an index range."""
    return [
        _Range(Person.last_name_key, term, _NAME_INDEX),
        _Range(Person.first_name_key, term, _FIRST_NAME_INDEX),
        *_number_ranges(term),
    ]


def _prefix_filter(term: str) -> ColumnElement[bool]:
    """`term` matches by prefix, as a filter on rows another range found (no index of its own)."""
    return or_(*(r.condition(indexed=False) for r in _ranges(term)))


def _rows_in_order(session: Session, where: ColumnElement[bool], limit: int) -> list[Any]:
    stmt = select(*COLUMNS).where(where).order_by(*ORDER).limit(limit)
    return list(session.execute(stmt).all())


def _rows_sorted_by_id(
    session: Session, where: ColumnElement[bool], limit: int, *, sort: bool = False
) -> list[Any]:
    """The page's ids found from an index alone (no row read for a person not shown), then only
    their rows. `sort`: the matches are few; the sort is asked for on `key || ''`, which keeps
    the planner from walking the name index in order, hoping to meet them early."""
    order = [Person.last_name_key + "", Person.first_name_key + "", Person.id] if sort else ORDER
    ids = select(Person.id).where(where).order_by(*order).limit(limit).scalar_subquery()
    stmt = select(*COLUMNS).where(Person.id.in_(ids)).order_by(*ORDER)
    return list(session.execute(stmt).all())


def _count_up_to(session: Session, where: ColumnElement[bool], most: int) -> int:
    inner = select(Person.id).where(where).limit(most).subquery()
    return int(session.execute(select(func.count()).select_from(inner)).scalar_one())


def _prefix_rows(session: Session, terms: Sequence[str], limit: int) -> list[Any]:
    # The longest term drives (fewest persons); the others filter what its ranges find.
    driver = max(terms, key=len)
    rest = list(terms)
    rest.remove(driver)
    others = [_prefix_filter(t) for t in rest]
    sqlite = session.get_bind().dialect.name == "sqlite"
    found: dict[int, Any] = {}
    for one in _ranges(driver):
        if one.index == _NAME_INDEX:
            # A surname range is in list order already: read until the page is full.
            rows = _rows_sorted_by_id(session, and_(one.condition(), *others), limit)
        elif not sqlite:
            # PostgreSQL's planner knows from its statistics whether to sort or walk (a first
            # name or a number is spread evenly over the surnames).
            rows = _rows_sorted_by_id(session, and_(one.condition(), *others), limit)
        elif _count_up_to(session, one.condition(), ENOUGH) < ENOUGH:
            # SQLite has no statistics to tell a large range from a small one: counted here.
            rows = _rows_sorted_by_id(session, and_(one.condition(), *others), limit, sort=True)
        else:
            rows = _rows_sorted_by_id(session, and_(one.condition(indexed=False), *others), limit)
        for row in rows:
            found[row.id] = row
    return sorted(found.values(), key=_order_key)[:limit]


def _order_key(row: Any) -> tuple[str, str, int]:
    return (row.last_name_key or "", row.first_name_key or "", row.id)


def _infix_rows(
    session: Session, terms: Sequence[str], shown: Sequence[int], limit: int
) -> list[Any]:
    """Persons with every term anywhere in the name or number, not already shown.

    PostgreSQL finds a rare term through its trigram index (counted first: its planner takes
    the matches to be spread over the alphabet and would walk the name index, but "qvist" sits
    in a few surnames); a common term is found by walking the name index, as on SQLite. The
    name index holds the search text, so a walk reads no row. On SQLite a rare term reads the
    whole index: no index of SQLite finds a part of a word.
    """
    shown_out = Person.id.not_in(shown) if shown else true()
    driver = max(terms, key=len)
    if session.get_bind().dialect.name == "postgresql":
        rare = Person.search_text.contains(driver, autoescape=True)
        if _count_up_to(session, rare, ENOUGH) < ENOUGH:
            contains = [Person.search_text.contains(t, autoescape=True) for t in terms]
            return _rows_sorted_by_id(session, and_(*contains, shown_out), limit, sort=True)
    walked = [(Person.search_text + "").contains(t, autoescape=True) for t in terms]
    return _rows_sorted_by_id(session, and_(*walked, shown_out), limit)


def find_person_rows(session: Session, terms: Sequence[str], limit: int) -> list[Any]:
    """The first `limit` persons matching every term: prefix matches in list order, then infix."""
    if not terms:
        return _rows_in_order(session, true(), limit)
    rows = _prefix_rows(session, terms, limit)
    if len(rows) < limit and any(len(t) >= INFIX_MIN for t in terms):
        rows += _infix_rows(session, terms, [r.id for r in rows], limit - len(rows))
    return rows
