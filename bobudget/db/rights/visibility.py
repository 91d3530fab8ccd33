"""How many households row-level security hides from the signed-in user.

A report counts what the user may see. One made by a user not named for protected persons
silently misses their households, and a report to IVO or the committee must not: the window and
the command line say so, with the number only (never who), so the right person makes it.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from bobudget.db.rights.policies import PROTECTED_HOUSEHOLDS_FUNCTION

__all__ = ["hidden_protected_households"]

_FUNCTION = PROTECTED_HOUSEHOLDS_FUNCTION
_SEEN = f"SELECT count(*) FROM households WHERE id IN (SELECT {_FUNCTION}())"


def hidden_protected_households(session: Session) -> int:
    """Households with a protected member that the user's own queries do not see (0 on SQLite,
    and on a server `bobudget admin setup` has not set up: nothing is hidden there)."""
    if session.get_bind().dialect.name != "postgresql":
        return 0
    found = session.scalar(text(f"SELECT to_regproc('{PROTECTED_HOUSEHOLDS_FUNCTION}')"))
    if found is None:
        return 0
    # The function runs as the table owner and sees every such household; the count through
    # households runs under the user's own policies.
    every = session.scalar(
        text(f"SELECT count(DISTINCT h) FROM {PROTECTED_HOUSEHOLDS_FUNCTION}() AS h")
    )
    seen = session.scalar(text(_SEEN))
    return int(every or 0) - int(seen or 0)
