"""Att göra's kinds of due item as column queries: one SELECT per kind, joined with the person.

The same items as the due list's providers (placement/due.py, follow_up/due.py, funds/due.py),
read for a window that can show a screenful at a time: only the columns an item shows, no ORM
objects, and each kind's day to act on derived from one date column by a function that never
decreases. So a range of days is a range of that column (found in Python, the calendar's
holidays and month ends included), which the database bounds, orders and counts by its index.
Tests compare these items with the providers' on a demo database (tests/db/test_todo_fast.py).
"""

from __future__ import annotations

from bobudget.app.todo_kinds_common import DueKind, first_key_on_or_after
from bobudget.app.todo_kinds_follow_up import FOLLOW_UP_KINDS
from bobudget.app.todo_kinds_placement import PLACEMENT_KINDS

__all__ = ["KINDS", "DueKind", "first_key_on_or_after"]

# Every kind, each with its place: a group's counts per kind are kept by it (app/todo_query.py).
KINDS: tuple[DueKind, ...] = (*PLACEMENT_KINDS, *FOLLOW_UP_KINDS)
