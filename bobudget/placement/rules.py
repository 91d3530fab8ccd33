"""The placement rules of DOMAIN.md: waiting time, three months in the queue, renewal reminders,
the takeover review and what a lease contract's terms must satisfy. Pure functions: every date
they need, `today` included, is passed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from bobudget.kernel.calendar import last_working_day_on_or_before
from bobudget.kernel.errors import ValidationError
from bobudget.kernel.formatting import describe_distance
from bobudget.kernel.months import add_months, first_of_month
from bobudget.kernel.periods import DEFAULT_REMINDER_DAYS, last_day
from bobudget.kernel.urgency import Urgency
from bobudget.model.vocab import (
    ContractKind,
    CostUnit,
    DecisionKind,
    DecisionStatus,
    OfferAnswer,
)

__all__ = [
    "DEFAULT_FOLLOW_UP_INTERVAL_MONTHS",
    "DEFAULT_REMINDER_DAYS",
    "HOUSING_FIRST_GUARANTEE_MONTHS",
    "HOUSING_FIRST_GUARANTEE_RENTS",
    "MAX_MONTHLY_RENT_ORE",
    "QUEUE_WARN_DAYS",
    "RENT_GUARANTEE_KINDS",
    "REPORTING_MONTHS",
    "TAKEOVER_FLAG_MONTHS",
    "TAKEOVER_REVIEW_MONTHS",
    "TAKEOVER_REVIEW_WINDOW_DAYS",
    "TENURE_WAIVER_KINDS",
    "UNUSUAL_BACKDATING_DAYS",
    "backdated_start_question",
    "check_contract_terms",
    "check_end_after_start",
    "check_start_not_before_decision",
    "contract_terms_problems",
    "days_left",
    "housing_first_guarantee_ceiling",
    "housing_first_guarantee_end",
    "is_reportable",
    "latest_end_acted_by",
    "latest_passed_decision_date",
    "new_offer_refusal",
    "past_end_question",
    "renewal_action_date",
    "renewal_reminder_date",
    "renewal_urgency",
    "three_months_date",
    "three_months_urgency",
    "waiting_days",
]

# DOMAIN.md, follow-up schedule: after the first follow-up, the tenant is followed up at the
# contract's own interval, agreed when the contract is signed; this is its default.
DEFAULT_FOLLOW_UP_INTERVAL_MONTHS = 3
# SoL: a granted assistance not carried out within three months is reported to IVO.
REPORTING_MONTHS = 3
# Bostadssocialt kontrakt: review at 12 months, flagged for a decision at 24.
TAKEOVER_REVIEW_MONTHS = 12
TAKEOVER_FLAG_MONTHS = 24
# A takeover review falling due within this many days shows as due soon (amber).
TAKEOVER_REVIEW_WINDOW_DAYS = 30
# How many days ahead of the three months the queue starts to warn.
QUEUE_WARN_DAYS = 14

# The kinds where the municipality lets in second hand, so the tenant may waive security of
# tenure (12 kap. 45 a § jordabalken) with the rent tribunal's approval.
TENURE_WAIVER_KINDS = (ContractKind.SOCIAL, ContractKind.TRANSITIONAL)
# Bostad först: the landlord gets a rent guarantee instead of the municipality's first-hand lease.
RENT_GUARANTEE_KINDS = (ContractKind.HOUSING_FIRST,)
# The guarantee proposed for Bostad först: six months' rent, valid for two years.
HOUSING_FIRST_GUARANTEE_RENTS = 6
HOUSING_FIRST_GUARANTEE_MONTHS = 24
# No dwelling the unit lets costs more than this a month (öre): a higher rent is a typing or
# spreadsheet mistake (an amount in öre, an extra digit), not a rent.
MAX_MONTHLY_RENT_ORE = 100_000_00


# Waiting time


def waiting_days(decision_date: dt.date, carried_out: dt.date | None, today: dt.date) -> int:
    """Days from the decision date to the contract's start, or to `today` while still waiting.

    DOMAIN.md: waiting time counts in days from the decision date. A day before the decision
    (a contract dated earlier, a clock set wrong) counts as no wait rather than a negative one.
    """
    return max(0, ((carried_out or today) - decision_date).days)


def three_months_date(decision_date: dt.date) -> dt.date:
    """The last day on which the decision is carried out "within three months" of its date.

    Counted as every period of months (lag 1930:173): 2026-11-30 → 2027-02-28.
    """
    return add_months(decision_date, REPORTING_MONTHS)


def is_reportable(decision_date: dt.date, settled: dt.date | None, today: dt.date) -> bool:
    """Whether the decision was (or is) not carried out within three months: reported to IVO.

    `settled` is the day it was carried out or ended without being carried out; None while it
    waits. Carried out on the three-month day itself is still within three months.
    """
    return (settled or today) > three_months_date(decision_date)


def latest_passed_decision_date(today: dt.date) -> dt.date:
    """The latest decision date that has passed three months on `today`: a database filter.

    Month ends make add_months not invertible (2027-02-28 and 2027-02-28's neighbours), so it
    is found by stepping from three months back; add_months never decreases as days go on.
    """
    day = add_months(today, -REPORTING_MONTHS)
    while three_months_date(day) >= today:
        day -= dt.timedelta(days=1)
    while three_months_date(day + dt.timedelta(days=1)) < today:
        day += dt.timedelta(days=1)
    return day


def three_months_urgency(decision_date: dt.date, today: dt.date, warn_days: int) -> Urgency:
    """A waiting decision against its three months on `today`, as the queue marks it.

    Soon from `warn_days` before the last day, today on the last day itself, overdue after
    it: the decision was not carried out within three months and is reported to IVO.
    """
    limit = three_months_date(decision_date)
    if today > limit:
        return Urgency.OVERDUE
    if today == limit:
        return Urgency.TODAY
    if (limit - today).days <= warn_days:
        return Urgency.SOON
    return Urgency.LATER


# Temporary housing: the renewal reminder


def days_left(period_end: dt.date, today: dt.date) -> int:
    """Days from `today` to the period's last day (0 on the day, negative once it has passed)."""
    return (period_end - today).days


def renewal_action_date(period_end: dt.date) -> dt.date:
    """The day by which to renew or end: the end date, or the last working day before it.

    DOMAIN.md: if the end falls on a Saturday, Sunday or a Swedish public holiday (or
    midsommar-, jul- or nyårsafton), the reminder asks for action by the last working day before.
    """
    return last_working_day_on_or_before(period_end)


# The client is asked to call this many days before the period's last day, so that the renewal
# talk can be held and the decision made while the period still runs.
CLIENT_CALL_DAYS_BEFORE_END = 7


def client_call_by(last_day: dt.date, letter_date: dt.date) -> dt.date:
    """The day the reminder asks the client to call by: the last working day at least a week
    before the period's last day. A reminder printed after that day asks for a call by the
    period's last working day (never a day before the letter's own date)."""
    week_before = last_day - dt.timedelta(days=CLIENT_CALL_DAYS_BEFORE_END)
    wanted = last_working_day_on_or_before(week_before)
    if wanted >= letter_date:
        return wanted
    return max(letter_date, last_working_day_on_or_before(last_day))


def renewal_reminder_date(period_end: dt.date, reminder_days: int) -> dt.date:
    """The first day the placement shows as due: `reminder_days` before the action date."""
    return renewal_action_date(period_end) - dt.timedelta(days=reminder_days)


def latest_end_acted_by(day: dt.date) -> dt.date:
    """The latest period end whose action date is on or before `day`: a database filter.

    The action date never decreases as the end moves on, so this is the day before the first
    working day after `day` (a Friday `day` gives the Sunday after it, or later over a holiday).
    """
    after = day + dt.timedelta(days=1)
    while renewal_action_date(after) <= day:
        after += dt.timedelta(days=1)
    return after - dt.timedelta(days=1)


def renewal_urgency(
    period_end: dt.date, today: dt.date, reminder_days: int, *, decided: bool = False
) -> Urgency:
    """A placement's period on `today`: soon inside the reminder window (the action day
    itself included), overdue past the action day, later before the window.

    A period with a decision (renewed or ended) is done.
    """
    if decided:
        return Urgency.DONE
    action = renewal_action_date(period_end)
    if today > action:
        return Urgency.OVERDUE
    if today >= action - dt.timedelta(days=reminder_days):
        return Urgency.SOON
    return Urgency.LATER


# Lease contracts: what their dates and terms must satisfy


def check_end_after_start(start: dt.date, end: dt.date | None) -> None:
    """Refuse an end date before the start; no end (tills vidare) is always fine."""
    if end is not None and end < start:
        raise ValidationError(
            f"Slutdatum {end.isoformat()} ligger före startdatum {start.isoformat()}. "
            "Ändra ett av datumen."
        )


def check_start_not_before_decision(start: dt.date, decision_date: dt.date) -> None:
    """A contract carries out a decision, so it cannot start before the decision was made."""
    if start < decision_date:
        raise ValidationError(
            f"Startdatum {start.isoformat()} ligger före beslutsdatum "
            f"{decision_date.isoformat()}. Kontraktet kan börja tidigast den dag "
            "beslutet fattades."
        )


def contract_terms_problems(
    kind: ContractKind,
    *,
    monthly_rent_ore: int | None,
    follow_up_interval_months: int,
    tenure_waiver_approved: bool,
    tenure_waiver_date: dt.date | None,
    guarantee_ceiling_ore: int | None,
    guarantee_end_date: dt.date | None,
) -> list[str]:
    """Every way a lease contract's terms fall short, in the order a form lists them; empty
    when they hold. `kind` is social, transitional or housing_first.
    """
    problems: list[str] = []
    if monthly_rent_ore is None or monthly_rent_ore <= 0:
        problems.append("Fyll i månadshyran (ett belopp över noll).")
    if follow_up_interval_months < 1:
        problems.append("Uppföljningsintervallet måste vara minst en månad.")
    if tenure_waiver_approved and kind not in TENURE_WAIVER_KINDS:
        problems.append(
            "Avstående från besittningsskydd gäller bara sociala och bostadssociala kontrakt, "
            "där kommunen hyr ut i andra hand."
        )
    if tenure_waiver_approved and tenure_waiver_date is None:
        problems.append("Fyll i dagen då hyresnämnden godkände avståendet.")
    if kind in RENT_GUARANTEE_KINDS:
        if guarantee_ceiling_ore is None or guarantee_ceiling_ore <= 0:
            problems.append(
                "Bostad först: fyll i hyresgarantins högsta belopp (t.ex. sex månadshyror)."
            )
        if guarantee_end_date is None:
            problems.append("Bostad först: fyll i hur länge hyresgarantin gäller.")
    return problems


def check_contract_terms(
    kind: ContractKind,
    *,
    monthly_rent_ore: int | None,
    follow_up_interval_months: int,
    tenure_waiver_approved: bool,
    tenure_waiver_date: dt.date | None,
    guarantee_ceiling_ore: int | None,
    guarantee_end_date: dt.date | None,
) -> None:
    """Raise ValidationError with the first of contract_terms_problems, if any."""
    problems = contract_terms_problems(
        kind,
        monthly_rent_ore=monthly_rent_ore,
        follow_up_interval_months=follow_up_interval_months,
        tenure_waiver_approved=tenure_waiver_approved,
        tenure_waiver_date=tenure_waiver_date,
        guarantee_ceiling_ore=guarantee_ceiling_ore,
        guarantee_end_date=guarantee_end_date,
    )
    if problems:
        raise ValidationError(problems[0])


def housing_first_guarantee_ceiling(monthly_rent_ore: int) -> int:
    """The rent guarantee's ceiling proposed for Bostad först: six months' rent."""
    return HOUSING_FIRST_GUARANTEE_RENTS * monthly_rent_ore


def housing_first_guarantee_end(start: dt.date) -> dt.date:
    """The day the proposed rent guarantee runs to: two years after the contract's start."""
    return add_months(start, HOUSING_FIRST_GUARANTEE_MONTHS)


# What a client fee (egenavgift) under a temporary-housing decision may be: up to this a night
# or a month. A higher figure is a slip of the keyboard (or the place's price typed by mistake).
MAX_CLIENT_FEE_ORE = 20_000_00


def check_client_fee(fee_ore: int | None, unit: str) -> None:
    """Refuse a client fee without its period, a period without a fee, or an impossible amount.

    None (no fee set by the decision) with no unit is fine: the letters then print no fee.
    """
    if fee_ore is None:
        if unit:
            raise ValidationError(
                "Egenavgiften saknar belopp. Skriv beloppet, eller välj 'Ingen egenavgift'."
            )
        return
    if unit not in (CostUnit.NIGHT, CostUnit.MONTH):
        raise ValidationError("Välj om egenavgiften gäller per natt eller per månad.")
    if fee_ore < 0 or fee_ore > MAX_CLIENT_FEE_ORE:
        raise ValidationError(
            "Egenavgiften måste vara mellan 0 och 20 000 kr. Skriv den avgift som beslutet "
            "anger, inte platsens pris."
        )


# Why a recorded renewal gets no renewal letter in a batch (`letters renewals`).
RENEWAL_SKIP_CLOSED = "placeringen har ett slutdatum"
RENEWAL_SKIP_ENDED = "den nya perioden redan har tagit slut"
RENEWAL_SKIP_SENT = "förlängningsbrevet redan har skickats"


def renewal_letter_skip_reason(
    placement_end: dt.date | None, period_end: dt.date, already_sent: bool, on: dt.date
) -> str:
    """ "" when a recorded renewal still needs its letter on `on`; else why not (LETTERS.md: a
    letter about a period already ended is not sent by mistake)."""
    if placement_end is not None:
        return RENEWAL_SKIP_CLOSED
    # The period is stored by the day it runs out; its last day is the day before.
    if last_day(period_end) < on:
        return RENEWAL_SKIP_ENDED
    if already_sent:
        return RENEWAL_SKIP_SENT
    return ""


# Letters the unit writes as sublessor and when offering a dwelling

# Days a household has to answer an offer, unless the offer says otherwise (the unit's routine).
OFFER_REPLY_DAYS = 7
# 12 kap. 44 § jordabalken: the tenant keeps the lease by paying within three weeks of being
# served the notice.
RENT_DEBT_RECOVERY_DAYS = 21
# 12 kap. 4 § jordabalken: an indefinite lease ends at the turn of the month at least three
# months after notice.
NOTICE_MONTHS = 3


def offer_reply_by(offered: dt.date) -> dt.date:
    """The last day to answer an offer: a week on, or the last working day before that."""
    return last_working_day_on_or_before(offered + dt.timedelta(days=OFFER_REPLY_DAYS))


def check_offer_reply_by(offered: dt.date, reply_by: dt.date) -> None:
    if reply_by < offered:
        raise ValidationError(
            f"Sista svarsdag ({reply_by.isoformat()}) ligger före dagen för erbjudandet "
            f"({offered.isoformat()}). Ändra datumet."
        )


def new_offer_refusal(
    kind: DecisionKind, status: DecisionStatus, answers: Iterable[OfferAnswer]
) -> str | None:
    """Why no dwelling can be offered on this decision now; None when one can.

    Offers belong to a help-with-housing decision waiting in the queue, one at a time; once the
    household has accepted one, what is left is the contract for it, not another offer.
    """
    if kind != DecisionKind.HOUSING or status != DecisionStatus.WAITING:
        return (
            "Erbjudanden registreras bara på beslut om hjälp med bostadsanskaffning som väntar "
            f"i kön. Det här beslutet är {DecisionStatus(status).label.lower()}."
        )
    answers = list(answers)
    if OfferAnswer.ACCEPTED in answers:
        return (
            "Hushållet har redan tackat ja till ett erbjudande på det här beslutet. Skriv "
            "kontraktet för den bostaden (Skriv kontrakt…), eller avsluta beslutet om "
            "hushållet inte ska flytta dit; ett nytt erbjudande görs inte."
        )
    if OfferAnswer.PENDING in answers:
        return (
            "Hushållet har redan ett erbjudande som väntar på svar. Registrera svaret på det "
            "innan ett nytt erbjudande görs."
        )
    return None


def notice_end_date(served: dt.date) -> dt.date:
    """The last day of a lease given notice on `served`: the end of the month in which three
    months from the notice run out (12:4, an indefinite lease, the landlord's notice)."""
    return add_months(first_of_month(add_months(served, NOTICE_MONTHS)), 1) - dt.timedelta(days=1)


def rent_debt_recovery_deadline(served: dt.date) -> dt.date:
    """The last day to pay and keep the lease when the 12:44 notice is served on `served`."""
    return served + dt.timedelta(days=RENT_DEBT_RECOVERY_DAYS)


# -- Dates that are allowed but unusual: the window asks before saving ---------------------------

# A placement is registered the day it starts, or a few days after; a month later is unusual
# (a mistyped year, a placement registered twice) and is asked about, not refused: a late
# registration happens, and the history must be right.
UNUSUAL_BACKDATING_DAYS = 30


def backdated_start_question(
    start: dt.date, today: dt.date, what: str = "Startdatumet"
) -> str | None:
    """Why a start this far back should be confirmed; None when it is not unusual."""
    if (today - start).days <= UNUSUAL_BACKDATING_DAYS:
        return None
    return (
        f"{what} {start.isoformat()} ligger {describe_distance(start, today)} bakåt i tiden. "
        "Det brukar registreras samma dag som det börjar."
    )


def past_end_question(end: dt.date, today: dt.date, what: str = "Slutdatumet") -> str | None:
    """Why an end already past should be confirmed (letters and lists have counted it as
    running since); None for today or later."""
    if end >= today:
        return None
    return (
        f"{what} {end.isoformat()} har redan passerat ({describe_distance(end, today)} sedan). "
        "Listor och brev har räknat med att det pågick sedan dess."
    )
