"""The bostadssocialt kontrakt's takeover rules (DOMAIN.md): the review at twelve months, the
flag for a decision at twenty-four, and whether the tenant may take the lease over. Pure
functions of dates; the months themselves are constants in placement.rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from bobudget.kernel.months import add_months, first_of_month
from bobudget.kernel.urgency import Urgency
from bobudget.placement.rules import TAKEOVER_FLAG_MONTHS, TAKEOVER_REVIEW_MONTHS

__all__ = [
    "TakeoverEligibility",
    "takeover_eligibility",
    "takeover_flag_date",
    "takeover_flagged",
    "takeover_review_date",
    "takeover_urgency",
    "two_year_decision_made",
]


def takeover_review_date(start: dt.date) -> dt.date:
    """The takeover review falls due twelve months after the start."""
    return add_months(start, TAKEOVER_REVIEW_MONTHS)


def takeover_flag_date(start: dt.date) -> dt.date:
    """Not taken over by twenty-four months after the start: flagged for a decision."""
    return add_months(start, TAKEOVER_FLAG_MONTHS)


@dataclass(frozen=True)
class TakeoverEligibility:
    """Whether the tenant may take the lease over, and why not when they may not."""

    eligible: bool
    rent_arrears: int
    disturbances: int

    @property
    def reasons(self) -> list[str]:
        reasons = []
        if self.rent_arrears:
            what = "hyresskuld" if self.rent_arrears == 1 else "hyresskulder"
            reasons.append(f"{self.rent_arrears} {what} under perioden")
        if self.disturbances:
            what = "störningsanmälan" if self.disturbances == 1 else "störningsanmälningar"
            reasons.append(f"{self.disturbances} {what} under perioden")
        return reasons

    @property
    def text(self) -> str:
        if self.eligible:
            return "Uppfyller villkoren för övertagande: inga hyresskulder och inga störningar."
        return "Uppfyller inte villkoren för övertagande: " + " och ".join(self.reasons) + "."


def takeover_eligibility(
    start: dt.date,
    as_of: dt.date,
    rent_arrear_months: Iterable[dt.date],
    disturbance_dates: Iterable[dt.date],
) -> TakeoverEligibility:
    """Eligible when the period from `start` to `as_of` had no rent debt and no disturbance.

    A rent debt counts by the month it concerns (any day of it), from the start's month on; a
    disturbance by the day it was reported.
    """
    first_month = first_of_month(start)
    arrears = sum(1 for m in rent_arrear_months if first_month <= first_of_month(m) <= as_of)
    disturbances = sum(1 for d in disturbance_dates if start <= d <= as_of)
    return TakeoverEligibility(arrears == 0 and disturbances == 0, arrears, disturbances)


def two_year_decision_made(start: dt.date, reviewed: dt.date | None, outcome: str) -> bool:
    """Whether the decision the 24-month flag asks for is recorded: a review held on or after
    the flag date, with what it decided (the letter "beslut efter två år" communicates it).
    """
    return reviewed is not None and bool(outcome) and reviewed >= takeover_flag_date(start)


def takeover_flagged(start: dt.date, today: dt.date, *, closed: bool) -> bool:
    """Whether a bostadssocialt kontrakt still open on `today` has passed 24 months untaken over."""
    return not closed and today >= takeover_flag_date(start)


def takeover_urgency(
    start: dt.date,
    today: dt.date,
    window_days: int,
    *,
    reviewed: bool,
    closed: bool,
) -> Urgency:
    """A bostadssocialt kontrakt on `today`: review soon (the review day included) or
    overdue, overdue from the 24-month flag on, later otherwise.

    `closed`: taken over or ended. A review held clears the 12-month mark, never the 24-month
    flag: a contract not taken over by then needs a decision whatever the review said.
    """
    if closed:
        return Urgency.DONE
    if today >= takeover_flag_date(start):
        return Urgency.OVERDUE
    if reviewed:
        return Urgency.LATER
    review = takeover_review_date(start)
    if today > review:
        return Urgency.OVERDUE
    if today >= review - dt.timedelta(days=window_days):
        return Urgency.SOON
    return Urgency.LATER
