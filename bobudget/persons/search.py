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
name index in order finds a page of matches after a few thousand rows at most). SQLite, which has
no statistics, counts; PostgreSQL's planner knows from its own.

Each shape of statement is built once (functools.cache) with bound parameters, and run on the
session's connection: SQLAlchemy then adds little to the query's own time (bench_search.py).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, func, or_, select, true
from sqlalchemy.orm import Session

from bobudget.kernel.search_text import prefix_end
from bobudget.model import Person

# A range with at most this many persons is read whole and sorted; a larger one is walked in
# name order (it then holds at least one person in ENOUGH / persons, so a page comes quickly).
ENOUGH = 5000
# A term this long also matches inside names and numbers (PostgreSQL's trigram index needs three).
INFIX_MIN = 3

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

# The ways a term matches by prefix: the column whose start it is.
SURNAME, FIRST_NAME, NUMBER, CENTURY_NUMBER = "surname", "first_name", "number", "century"
_KEY_COLUMN = {
    SURNAME: Person.last_name_key,
    FIRST_NAME: Person.first_name_key,
    NUMBER: Person.identity_key,
    CENTURY_NUMBER: Person.identity_key,
}
# How a range is read: in name order from its start (a surname), sorted whole (few persons), or
# found by walking the name index (many).
IN_ORDER, SORTED, WALKED = "in_order", "sorted", "walked"


def _kinds(term: str) -> tuple[str, ...]:
    """The ways `term` can match by prefix."""
    if not _NUMBER_RE.fullmatch(term):
        return (SURNAME, FIRST_NAME)
    # YYMMDDNNNN; and from eight digits also YYYYMMDD...: its last digits as the 10-digit form,
    # the century checked. Fewer digits are not told from the 10-digit form ("1990" could be
    # 19-90 or 1990); such a number is found inside the 12 digits by the infix search.
    digits = term.replace("-", "")
    return (
        (SURNAME, FIRST_NAME, NUMBER, CENTURY_NUMBER)
        if len(digits) >= 8
        else (
            SURNAME,
            FIRST_NAME,
            NUMBER,
        )
    )


def _values(kind: str, term: str, slot: str) -> dict[str, str]:
    """The bound values of one range: its bounds (and the century), named after its slot."""
    prefix = term.replace("-", "") if kind in (NUMBER, CENTURY_NUMBER) else term
    values = {}
    if kind == CENTURY_NUMBER:
        values[f"{slot}_century"] = prefix + "%"
        prefix = prefix[2:]
    values[f"{slot}_lo"] = prefix
    values[f"{slot}_hi"] = prefix_end(prefix)
    return values


def _range(kind: str, slot: str, indexed: bool = True) -> ColumnElement[bool]:
    """The range of `kind`. Not `indexed`, the column is read as a plain value (`key || ''`),
    which keeps either planner from the range's index: it then walks the name index."""
    column = _KEY_COLUMN[kind] if indexed else _KEY_COLUMN[kind] + ""
    bounds = and_(column >= bindparam(f"{slot}_lo"), column < bindparam(f"{slot}_hi"))
    if kind == CENTURY_NUMBER:
        return and_(bounds, Person.identity.like(bindparam(f"{slot}_century")))
    return bounds


def _any_range(kinds: tuple[str, ...], slot: str) -> ColumnElement[bool]:
    """A term matches by prefix, as a filter on rows another range found (no index of its own)."""
    return or_(*(_range(kind, f"{slot}_{kind}", indexed=False) for kind in kinds))


def _page(where: ColumnElement[bool], order: Sequence[Any] = ORDER) -> Any:
    """The page's ids found from an index alone (no row read for a person not shown), then only
    their rows."""
    ids = select(Person.id).where(where).order_by(*order).limit(bindparam("limit"))
    return select(*COLUMNS).where(Person.id.in_(ids.scalar_subquery())).order_by(*ORDER)


# Sorting on `key || ''` keeps the planner from walking the name index in order hoping to meet
# the few matches early ("qvist" sits in a few surnames late in the alphabet).
_SORTED = (Person.last_name_key + "", Person.first_name_key + "", Person.id)


@functools.cache
def _prefix_statement(kind: str, plan: str, others: tuple[tuple[str, ...], ...]) -> Any:
    filters = [_any_range(kinds, f"o{i}") for i, kinds in enumerate(others)]
    where = and_(_range(kind, "d", indexed=plan != WALKED), *filters)
    return _page(where, _SORTED if plan == SORTED else ORDER)


@functools.cache
def _count_statement(kind: str) -> Any:
    inner = select(Person.id).where(_range(kind, "d")).limit(ENOUGH).subquery()
    return select(func.count()).select_from(inner)


@functools.cache
def _infix_statement(terms: int, trigram: bool) -> Any:
    column = Person.search_text if trigram else Person.search_text + ""
    contains = [column.like(bindparam(f"t{i}"), escape="/") for i in range(terms)]
    shown = Person.id.not_in(bindparam("shown", expanding=True))
    return _page(and_(*contains, shown), _SORTED if trigram else ORDER)


@functools.cache
def _infix_count_statement() -> Any:
    rare = Person.search_text.like(bindparam("t"), escape="/")
    return select(func.count()).select_from(select(Person.id).where(rare).limit(ENOUGH).subquery())


_ALL_STATEMENT = _page(true())


def _prefix_rows(session: Session, terms: Sequence[str], limit: int) -> list[Any]:
    # The longest term drives (fewest persons); the others filter what its ranges find.
    driver = max(terms, key=len)
    rest = list(terms)
    rest.remove(driver)
    others = tuple(_kinds(t) for t in rest)
    shared: dict[str, Any] = {"limit": limit}
    for i, (term, kinds) in enumerate(zip(rest, others, strict=True)):
        for kind in kinds:
            shared.update(_values(kind, term, f"o{i}_{kind}"))
    connection = session.connection()
    sqlite = connection.dialect.name == "sqlite"
    found: dict[int, Any] = {}
    for kind in _kinds(driver):
        values = {**shared, **_values(kind, driver, "d")}
        if kind == SURNAME:
            plan = IN_ORDER  # a surname range is in list order already
        elif not sqlite:
            # PostgreSQL's planner knows from its statistics whether to sort or walk (a first
            # name or a number is spread evenly over the surnames).
            plan = IN_ORDER
        else:
            # SQLite has no statistics to tell a large range from a small one: counted here.
            many = connection.execute(_count_statement(kind), values).scalar_one() >= ENOUGH
            plan = WALKED if many else SORTED
        for row in connection.execute(_prefix_statement(kind, plan, others), values):
            found[row.id] = row
    return sorted(found.values(), key=_order_key)[:limit]


def _order_key(row: Any) -> tuple[str, str, int]:
    return (row.last_name_key or "", row.first_name_key or "", row.id)


def _anywhere(term: str) -> str:
    """A LIKE pattern for `term` anywhere, its own % and _ taken literally."""
    escaped = term.replace("/", "//").replace("%", "/%").replace("_", "/_")
    return f"%{escaped}%"


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
    connection = session.connection()
    values: dict[str, Any] = {f"t{i}": _anywhere(t) for i, t in enumerate(terms)}
    values.update(limit=limit, shown=list(shown) or [0])
    trigram = False
    if connection.dialect.name == "postgresql":
        rare = {"t": _anywhere(max(terms, key=len))}
        trigram = connection.execute(_infix_count_statement(), rare).scalar_one() < ENOUGH
    return list(connection.execute(_infix_statement(len(terms), trigram), values))


def _infix_term(term: str) -> bool:
    """Whether `term` also matches inside a word: three characters or more, but not a date or a
    whole number (six digits or more), which is found by its start and would only make
    SQLite read every person to find nothing more."""
    digits = term.replace("-", "")
    number = _NUMBER_RE.fullmatch(term) is not None and len(digits) >= 6
    return len(term) >= INFIX_MIN and not number


def find_person_rows(session: Session, terms: Sequence[str], limit: int) -> list[Any]:
    """The first `limit` persons matching every term: prefix matches in list order, then infix."""
    if not terms:
        return list(session.connection().execute(_ALL_STATEMENT, {"limit": limit}))
    rows = _prefix_rows(session, terms, limit)
    if len(rows) < limit and any(_infix_term(t) for t in terms):
        rows += _infix_rows(session, terms, [r.id for r in rows], limit - len(rows))
    return rows
