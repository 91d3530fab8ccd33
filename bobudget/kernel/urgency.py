"""How soon something falls due: the one urgency every part of the work marks its lists with.

A renewal of temporary housing, the takeover review, the three months of a decision, a
follow-up meeting, the review of a power of attorney: each domain's rules decide by their own
dates and windows (a `*_urgency(…, today)` function in that domain's rules), and all of them
answer with an `Urgency`. The window colours it from one table (ui.style: overdue red, due
soon amber, done grey) and Att göra groups by it.

Each domain answers only with the levels its list tells apart: a renewal on its last day is
"soon" in the placement list, while Att göra, which has a group for today, says "today".
"""

from __future__ import annotations

from bobudget.kernel.labelled import Vocabulary

__all__ = ["Urgency"]


class Urgency(Vocabulary):
    """How soon, or how late. The order is the order Att göra lists its groups in."""

    OVERDUE = "overdue", "Försenat"  # the day to act has passed
    TODAY = "today", "I dag"  # today is the day to act
    SOON = "soon", "Snart"  # inside the domain's warning window
    LATER = "later", "Kommande"  # has a day to act on, not yet near
    DONE = "done", "Klar"  # decided, held, closed: nothing left to do
