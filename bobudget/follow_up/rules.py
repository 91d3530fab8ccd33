"""Follow-up rules: the follow-up schedule, boendestöd reviews, the two-debts rule, checklists.

Pure functions over dates (DOMAIN.md, "Rules the program decides by"); `today` is always passed
in. Months are counted as the law on computing statutory time counts them (rules.periods).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bobudget.kernel.errors import FieldError, ValidationError
from bobudget.kernel.formatting import describe_distance, format_date, format_timestamp
from bobudget.kernel.months import add_months, next_month
from bobudget.kernel.periods import months_between_within
from bobudget.kernel.urgency import Urgency
from bobudget.model.vocab import LEASE_KINDS

__all__ = [
    "CONSENT_DEFAULT_MONTHS",
    "DEFAULT_HOUSING_SUPPORT_INTERVAL_MONTHS",
    "FIRST_FOLLOW_UP_MONTHS",
    "HOUSING_SUPPORT_MAX_INTERVAL_MONTHS",
    "LEASE_KINDS",
    "MULTIPARTY_MEETING_DAYS",
    "TWO_DEBTS_MONTHS",
    "ConsentFacts",
    "DebtRecord",
    "check_housing_support_interval",
    "checklist_complete",
    "consent_problems",
    "consent_stops_letter",
    "first_follow_up_due",
    "housing_support_first_review",
    "housing_support_next_review",
    "latest_rent_month_in_arrears",
    "missing_checklist_items",
    "multiparty_meeting_called_for",
    "multiparty_meeting_due_date",
    "next_follow_up_due",
    "parse_checklist",
    "untick_question",
    "week_urgency",
    "withdrawal_problems",
]


# DOMAIN.md, follow-up schedule: the first follow-up within one month of move-in, then at the
# contract's own interval (a contract term: placement.rules.DEFAULT_FOLLOW_UP_INTERVAL_MONTHS).
FIRST_FOLLOW_UP_MONTHS = 1

# Boendestöd is reviewed every six months unless the decision says otherwise, and at least
# every two years: a longer interval would leave support running unexamined.
DEFAULT_HOUSING_SUPPORT_INTERVAL_MONTHS = 6
HOUSING_SUPPORT_MAX_INTERVAL_MONTHS = 24

# DOMAIN.md, two rent debts within six months → flerpartssamtal.
TWO_DEBTS_MONTHS = 6
# How soon the flerpartssamtal should be offered once it is called for: the unit's routine is
# within two weeks of the second debt being registered, while the debt is still small.
MULTIPARTY_MEETING_DAYS = 14


def first_follow_up_due(move_in: dt.date) -> dt.date:
    """The first follow-up: one month after move-in (2026-01-31 → 2026-02-28)."""
    return add_months(move_in, FIRST_FOLLOW_UP_MONTHS)


def next_follow_up_due(held: dt.date, interval_months: int) -> dt.date:
    """The follow-up after one held on `held`: the contract's interval after that meeting.

    Counted from the day the meeting was held, not from the day it was planned: a meeting
    that slipped a fortnight still leaves the tenant the full interval before the next one.
    """
    return add_months(held, _at_least_one(interval_months))


def housing_support_first_review(start: dt.date, interval_months: int) -> dt.date:
    """Boendestöd is first reviewed one review interval after it started."""
    return add_months(start, _at_least_one(interval_months))


def check_housing_support_interval(interval_months: int) -> None:
    """Refuse a boendestöd review interval outside 1–24 months, in words a user can act on."""
    if not 1 <= interval_months <= HOUSING_SUPPORT_MAX_INTERVAL_MONTHS:
        raise ValidationError(
            f"Omprövning ska ske med 1–{HOUSING_SUPPORT_MAX_INTERVAL_MONTHS} månaders "
            f"mellanrum, inte {interval_months}."
        )


def housing_support_next_review(
    start: dt.date,
    interval_months: int,
    end: dt.date | None,
    last_reviewed: dt.date | None = None,
) -> dt.date | None:
    """The next review of a boendestöd decision, or None when it ends before one falls due.

    One interval after the last review, or after the start when none has been held. Support
    that ends on or before that day needs no review: it is simply over.
    """
    base = last_reviewed if last_reviewed is not None else start
    review = add_months(base, _at_least_one(interval_months))
    if end is not None and review >= end:
        return None
    return review


@dataclass(frozen=True)
class DebtRecord:
    """A registered rent debt: the month it concerns (its first day) and when it was registered."""

    month: dt.date
    registered: dt.date


def multiparty_meeting_called_for(
    new: DebtRecord,
    earlier: Iterable[DebtRecord],
    meetings_held: Iterable[dt.date],
    months: int = TWO_DEBTS_MONTHS,
) -> bool:
    """True when registering `new` makes a flerpartssamtal due (DOMAIN.md).

    It is due when the new debt's month lies within `months` months of the month of a debt
    registered before it (either way round: a debt may be reported late), counted as the law
    counts months, so debts exactly six months apart (January and July) are within. A meeting
    already held on or after the day that earlier debt was registered answers for it: the unit
    has already sat down with the tenant and the landlord since then.
    """
    held = list(meetings_held)
    for other in earlier:
        first, second = sorted((other.month, new.month))
        if not months_between_within(first, second, months):
            continue
        if not any(day >= other.registered for day in held):
            return True
    return False


def latest_rent_month_in_arrears(registered: dt.date) -> dt.date:
    """The latest month (its first day) whose rent can be unpaid on `registered`.

    Rent is paid ahead, so the next month's rent falls due during this month: a debt for it can
    be registered now; one for any later month has not fallen due yet.
    """
    return next_month(registered)


def multiparty_meeting_due_date(second_debt_registered: dt.date) -> dt.date:
    """The day by which the flerpartssamtal should be offered."""
    return second_debt_registered + dt.timedelta(days=MULTIPARTY_MEETING_DAYS)


def parse_checklist(text: str) -> list[str]:
    """The items of a checklist template: one per line, blank lines and repeats left out."""
    items: list[str] = []
    for line in text.splitlines():
        item = " ".join(line.split())
        if item and item not in items:
            items.append(item)
    return items


def missing_checklist_items(items: Sequence[tuple[str, bool]]) -> list[str]:
    """The texts of the items not yet ticked, in checklist order; `items` is (text, done)."""
    return [text for text, done in items if not done]


def checklist_complete(items: Sequence[tuple[str, bool]]) -> bool:
    """A checklist is complete when it has items and every one is ticked."""
    return bool(items) and not missing_checklist_items(items)


def week_urgency(due: dt.date, today: dt.date) -> Urgency:
    """How soon something due on `due` must be done, as Att göra and the follow-up lists say.

    Overdue before today; today; soon up to Sunday of today's week (Att göra's "Denna
    vecka"); later after that.
    """
    if due < today:
        return Urgency.OVERDUE
    if due == today:
        return Urgency.TODAY
    sunday = today + dt.timedelta(days=6 - today.weekday())
    return Urgency.SOON if due <= sunday else Urgency.LATER


def _at_least_one(months: int) -> int:
    # An interval below one month would make a schedule fall due every day: a programming
    # error (the services validate what users type), not a user's.
    if months < 1:
        raise ValueError(f"an interval is at least one month, got {months}")
    return months


# -- The day a meeting was held -----------------------------------------------------------------

# A meeting is recorded soon after it was held; two months later is unusual (a mistyped date)
# and is asked about. A meeting cannot be recorded as held on a day still to come: refused.
UNUSUAL_MEETING_AGE_DAYS = 60


def held_date_problem(held: dt.date, today: dt.date) -> str | None:
    """Why the day cannot be saved as the day the meeting was held; None when it can."""
    if held <= today:
        return None
    return (
        f"Mötet kan inte registreras som hållet {held.isoformat()}: den dagen ligger i "
        f"framtiden (i dag är det {today.isoformat()}). Registrera mötet när det har hållits."
    )


def held_date_question(held: dt.date, today: dt.date) -> str | None:
    """Why a meeting recorded this long after should be confirmed; None when not unusual."""
    if (today - held).days <= UNUSUAL_MEETING_AGE_DAYS:
        return None
    return (
        f"Mötesdagen {held.isoformat()} ligger {describe_distance(held, today)} bakåt i tiden. "
        "Ett möte brukar registreras strax efter att det hölls."
    )


# --- checklists: a colleague's tick ----------------------------------------------------------


def untick_question(
    done_by: str, done_by_name: str, done_at: dt.datetime | None, user: str
) -> str | None:
    """What to ask before `user` takes away a tick a colleague set; None for one's own tick
    (or no tick): that is simply taken away. A tick says who checked the point: taking away
    someone else's is a claim about their work, so it is asked first, and kept in the history.
    """
    if done_at is None or not done_by or done_by == user:
        return None
    return (
        f"Bocken sattes av {done_by_name or done_by} den {format_timestamp(done_at)}, ta bort den?"
    )


# --- the tenant's consent to tell the landlord ----------------------------------------------

# A consent for a multiparty meeting is asked for the meeting and what follows it; the form
# proposes this long unless the tenant says otherwise.
CONSENT_DEFAULT_MONTHS = 3


@dataclass(frozen=True)
class ConsentFacts:
    """A recorded consent as the rules need it."""

    recorded: bool
    given_on: dt.date | None
    valid_until: dt.date | None  # None: until withdrawn
    withdrawn_on: dt.date | None


def consent_problems(
    form: str, given_on: dt.date | None, valid_until: dt.date | None, today: dt.date
) -> list[FieldError]:
    """What is wrong with a consent as typed, every field at once (the consent dialog's
    labels): how it was given, from which day (not one to come), until which day (not
    before it was given)."""
    problems: list[FieldError] = []
    if not form:
        problems.append(
            FieldError("Hur samtycket gavs", "Välj om samtycket gavs skriftligt eller muntligt.")
        )
    if given_on is None:
        problems.append(FieldError("Gavs den", "Skriv vilken dag samtycket gavs."))
    elif given_on > today:
        problems.append(
            FieldError(
                "Gavs den",
                f"Samtycket kan inte ha getts {format_date(given_on)}: den dagen har inte "
                "kommit än. Registrera samtycket när hyresgästen har gett det.",
            )
        )
    if given_on is not None and valid_until is not None and valid_until < given_on:
        problems.append(
            FieldError(
                "Gäller till",
                f"Samtycket kan inte gälla till {format_date(valid_until)}, före dagen det gavs "
                f"({format_date(given_on)}). Rätta datumet.",
            )
        )
    return problems


def withdrawal_problems(
    form: str, withdrawn_on: dt.date | None, consent: ConsentFacts, today: dt.date
) -> list[FieldError]:
    """What is wrong with a withdrawal as typed: how, and a day neither to come nor before
    the consent was given."""
    problems: list[FieldError] = []
    if not form:
        problems.append(
            FieldError(
                "Hur det återkallades", "Välj om det återkallades skriftligt eller muntligt."
            )
        )
    if withdrawn_on is None:
        problems.append(FieldError("Återkallat den", "Skriv vilken dag samtycket återkallades."))
    elif withdrawn_on > today:
        problems.append(
            FieldError(
                "Återkallat den",
                f"{format_date(withdrawn_on)} har inte kommit än. Registrera återkallelsen när "
                "hyresgästen har återkallat samtycket.",
            )
        )
    elif consent.given_on is not None and withdrawn_on < consent.given_on:
        problems.append(
            FieldError(
                "Återkallat den",
                f"Samtycket gavs {format_date(consent.given_on)} och kan inte ha återkallats "
                "före det. Rätta datumet.",
            )
        )
    return problems


def consent_stops_letter(consent: ConsentFacts, today: dt.date) -> str | None:
    """Why the landlord may be told nothing on `today` (the invitation to the landlord is not
    printed); None while the consent holds. Social-services secrecy: only a consent that is
    recorded, not withdrawn and not past its last day lets anything through."""
    if not consent.recorded:
        return (
            "Hyresgästens samtycke är inte registrerat. Kallelsen till hyresvärden skrivs ut "
            "först när samtycket är registrerat (Uppföljning → Flerpartssamtal → Samtycke…): "
            "vad hyresvärden får veta och vilka deltagare som får nämnas."
        )
    if consent.withdrawn_on is not None and consent.withdrawn_on <= today:
        return (
            f"Hyresgästen återkallade samtycket {format_date(consent.withdrawn_on)}. Kallelsen "
            "till hyresvärden skrivs inte ut. Registrera ett nytt samtycke om hyresgästen ger "
            "det på nytt."
        )
    if consent.valid_until is not None and consent.valid_until < today:
        return (
            f"Samtycket gällde till och med {format_date(consent.valid_until)}. Kallelsen till "
            "hyresvärden skrivs inte ut förrän hyresgästen har gett ett nytt samtycke."
        )
    return None
