"""The dates the new letters state, at their boundaries, and the payers list."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bobudget.funds.payers import parse_payers
from bobudget.kernel.errors import ValidationError
from bobudget.placement.rules import (
    RENEWAL_SKIP_CLOSED,
    RENEWAL_SKIP_ENDED,
    RENEWAL_SKIP_SENT,
    check_offer_reply_by,
    notice_end_date,
    offer_reply_by,
    renewal_letter_skip_reason,
    rent_debt_recovery_deadline,
)


@pytest.mark.parametrize(
    ("served", "last_day"),
    [
        # 12:4: the turn of the month nearest after three months from the notice.
        (dt.date(2026, 11, 27), dt.date(2027, 2, 28)),
        (dt.date(2026, 11, 30), dt.date(2027, 2, 28)),
        (dt.date(2026, 12, 1), dt.date(2027, 3, 31)),
        (dt.date(2027, 11, 30), dt.date(2028, 2, 29)),
    ],
)
def test_a_notice_ends_the_lease_at_the_month_end_after_three_months(
    served: dt.date, last_day: dt.date
) -> None:
    assert notice_end_date(served) == last_day


def test_three_weeks_to_pay_and_a_week_to_answer_an_offer_on_a_working_day() -> None:
    assert rent_debt_recovery_deadline(dt.date(2026, 11, 27)) == dt.date(2026, 12, 18)
    assert offer_reply_by(dt.date(2026, 11, 27)) == dt.date(2026, 12, 4)
    # A week after 18 December is juldagen: the last working day before is 23 December.
    assert offer_reply_by(dt.date(2026, 12, 18)) == dt.date(2026, 12, 23)
    with pytest.raises(ValidationError, match="före dagen för erbjudandet"):
        check_offer_reply_by(dt.date(2026, 11, 27), dt.date(2026, 11, 26))


def test_a_renewal_letter_is_skipped_once_closed_ended_or_sent() -> None:
    on = dt.date(2026, 11, 27)
    # A period is stored by the day it runs out: one stored as ending tomorrow has `on` as its
    # last day and still runs; one stored as ending `on` ended yesterday.
    tomorrow = on + dt.timedelta(days=1)
    assert renewal_letter_skip_reason(None, tomorrow, False, on) == ""
    assert renewal_letter_skip_reason(on, tomorrow, False, on) == RENEWAL_SKIP_CLOSED
    assert renewal_letter_skip_reason(None, on, False, on) == RENEWAL_SKIP_ENDED
    assert renewal_letter_skip_reason(None, tomorrow, True, on) == RENEWAL_SKIP_SENT


def test_the_payers_list_is_read_and_a_bad_line_named() -> None:
    path = Path("payers.txt")
    payers = parse_payers(
        "%% kommentar\nPension | Pensionsmyndigheten | Box 1 | 100 64 Sthlm\n", path
    )
    assert payers["pension"].address == ("Box 1", "100 64 Sthlm")
    with pytest.raises(ValidationError, match=r"payers\.txt, rad 2"):
        parse_payers("\nsjukersättning | Försäkringskassan\n", path)
