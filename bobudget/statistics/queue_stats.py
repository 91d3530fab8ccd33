"""The queue month by month: households waiting at each month's end, their median and
longest wait, decisions waiting past three months, and offers made per placement.

One row per month, so each column keeps one kind (counts, days, text). Waiting time counts in
days from the decision date (DOMAIN.md); a household with two waiting decisions counts once,
by its oldest. Only decisions on help with housing are a queue: temporary housing is given at
once.
"""

from __future__ import annotations

import datetime as dt
import functools
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from bobudget.kernel.months import iter_months, last_of_month
from bobudget.model import Decision, HouseholdMember, Offer, Person
from bobudget.model.vocab import DecisionKind, HouseholdRole
from bobudget.placement.rules import three_months_date, waiting_days
from bobudget.statistics.common import ReadOnly, as_day, day_text, identity_text, sorted_ids
from bobudget.statistics.report import (
    ChartKind,
    ChartSpec,
    ColumnKind,
    Listing,
    PeriodKind,
    ReportColumn,
    ReportPeriod,
    ReportResult,
    ReportRow,
    ReportTable,
)

COLUMNS = (
    ReportColumn("manad", "Månad", ColumnKind.TEXT),
    ReportColumn("i_ko", "Hushåll i kö"),
    ReportColumn("nya", "Nya beslut"),
    ReportColumn("verkstallda", "Verkställda"),
    ReportColumn("over_tre_manader", "Väntat över tre månader"),
    ReportColumn("median", "Median väntetid", ColumnKind.DAYS),
    ReportColumn("langsta", "Längsta väntetid", ColumnKind.DAYS),
    ReportColumn("erbjudanden", "Erbjudanden till verkställda"),
    ReportColumn("per_placering", "Erbjudanden per placering", ColumnKind.TEXT),
)
TABLE_KEY = "queue"
# Decisions share dates: the three-month day (dateutil arithmetic) once per date.
_three_months = functools.cache(three_months_date)


def is_reportable(
    decided: dt.date, settled: dt.date | None, day: dt.date, limit: Callable[[dt.date], dt.date]
) -> bool:
    """placement.rules.is_reportable, with the three-month day looked up in a cache."""
    return (settled or day) > limit(decided)


@dataclass(frozen=True)
class Waiting:
    id: int
    household_id: int
    decided: dt.date
    executed: dt.date | None
    ended: dt.date | None

    def waits_on(self, day: dt.date) -> bool:
        return (
            self.decided <= day
            and (self.executed is None or self.executed > day)
            and (self.ended is None or self.ended > day)
        )


def oldest_per_household(decisions: Sequence[Waiting]) -> list[Waiting]:
    oldest: dict[int, Waiting] = {}
    for d in decisions:
        held = oldest.get(d.household_id)
        if held is None or (d.decided, d.id) < (held.decided, held.id):
            oldest[d.household_id] = d
    return list(oldest.values())


def median_days(waits: Sequence[int]) -> int | None:
    """The median wait in whole days (half a day rounds up), None for an empty queue."""
    if not waits:
        return None
    return int(statistics.median(waits) + 0.5)


class QueueReport(ReadOnly):
    key = "queue"
    title = "Kön månad för månad"
    period_kind = PeriodKind.MONTH_RANGE

    def run(
        self, session: Session, period: ReportPeriod, *, with_identities: bool = False
    ) -> ReportResult:
        first, last = period.first_day, period.last_day
        decisions = _decisions(session, first, last)
        offers = _offers_by_decision(session, first, last)
        rows = [_month_row(month, decisions, offers) for month in iter_months(first, last)]
        table = ReportTable(
            TABLE_KEY,
            f"Kön {period.label}",
            COLUMNS,
            tuple(rows),
            "Hushåll i kö den sista dagen i månaden; väntetid i dagar från beslutsdatum. "
            "Erbjudanden per placering: alla erbjudanden till de beslut som verkställdes "
            "i månaden.",
        )
        chart = ChartSpec(TABLE_KEY, ChartKind.LINE, ("i_ko",), (), "Hushåll i kö")
        return ReportResult(self.key, self.title, period, (table,), (chart,))

    def behind(self, session: Session, table_key: str, ids: Sequence[int]) -> Listing:
        return decision_listing(session, ids)


def _decisions(session: Session, first: dt.date, last: dt.date) -> list[Waiting]:
    settled = func.coalesce(Decision.executed_date, Decision.ended_date)
    rows = session.execute(
        select(
            Decision.id,
            Decision.household_id,
            day_text(Decision.decision_date),
            day_text(Decision.executed_date),
            day_text(Decision.ended_date),
        ).where(
            Decision.kind == DecisionKind.HOUSING,
            Decision.decision_date <= last,
            or_(settled.is_(None), settled >= first),
        )
    ).all()
    return [
        Waiting(i, household, dt.date.fromisoformat(decided), as_day(executed), as_day(ended))
        for i, household, decided, executed, ended in rows
    ]


def _offers_by_decision(session: Session, first: dt.date, last: dt.date) -> dict[int, int]:
    rows = session.execute(
        select(Offer.decision_id, func.count(Offer.id))
        .join(Decision, Decision.id == Offer.decision_id)
        .where(Decision.kind == DecisionKind.HOUSING, Decision.executed_date.between(first, last))
        .group_by(Offer.decision_id)
    ).all()
    return {decision_id: count for decision_id, count in rows}


def _month_row(month: dt.date, decisions: Sequence[Waiting], offers: dict[int, int]) -> ReportRow:
    end = last_of_month(month)
    waiting = oldest_per_household([d for d in decisions if d.waits_on(end)])
    waits = [waiting_days(d.decided, None, end) for d in waiting]
    longest = max(waiting, key=lambda d: (end - d.decided, -d.id), default=None)
    new = [d.id for d in decisions if month <= d.decided <= end]
    executed = [d for d in decisions if d.executed is not None and month <= d.executed <= end]
    late = [d.id for d in waiting if is_reportable(d.decided, None, end, _three_months)]
    offered = sum(offers.get(d.id, 0) for d in executed)
    executed_ids = sorted_ids(d.id for d in executed)
    per = f"{offered / len(executed):.1f}".replace(".", ",") if executed else ""
    label = month.strftime("%Y-%m")
    waiting_ids = sorted_ids(d.id for d in waiting)
    return ReportRow(
        label,
        (
            label,
            len(waiting),
            len(new),
            len(executed),
            len(late),
            median_days(waits),
            max(waits, default=None),
            offered,
            per,
        ),
        (
            (),
            waiting_ids,
            sorted_ids(new),
            executed_ids,
            sorted_ids(late),
            waiting_ids,
            (longest.id,) if longest else (),
            executed_ids,
            executed_ids,
        ),
    )


LISTING_COLUMNS = (
    ReportColumn("namn", "Sökande", ColumnKind.TEXT),
    ReportColumn("personnummer", "Personnummer", ColumnKind.TEXT),
    ReportColumn("beslutsdatum", "Beslutsdatum", ColumnKind.DATE),
    ReportColumn("verkstallt", "Verkställt", ColumnKind.DATE),
    ReportColumn("avslutat", "Avslutat", ColumnKind.DATE),
    ReportColumn("erbjudanden", "Erbjudanden"),
)


def decision_listing(session: Session, ids: Sequence[int]) -> Listing:
    """The decisions behind a cell, each with its household's applicant and its offers."""
    offers = select(func.count(Offer.id)).where(Offer.decision_id == Decision.id).scalar_subquery()
    rows = session.execute(
        select(
            Decision.id,
            Decision.decision_date,
            Decision.executed_date,
            Decision.ended_date,
            offers,
            Person.id,
            Person.first_name,
            Person.last_name,
            Person.identity,
        )
        .outerjoin(
            HouseholdMember,
            (HouseholdMember.household_id == Decision.household_id)
            & (HouseholdMember.role == HouseholdRole.APPLICANT),
        )
        .outerjoin(Person, Person.id == HouseholdMember.person_id)
        .where(Decision.id.in_(list(ids)))
        .order_by(Decision.decision_date, Decision.id)
    ).all()
    seen: set[int] = set()
    cells = []
    who: list[int | None] = []
    for r in rows:
        if r[0] in seen:  # a household with two applicants over time: list the decision once
            continue
        seen.add(r[0])
        name = f"{r.first_name or ''} {r.last_name or ''}".strip()
        cells.append((name, identity_text(r.identity or ""), r[1], r[2], r[3], r[4]))
        who.append(r[5])
    return Listing("Beslut som räknats", LISTING_COLUMNS, tuple(cells), tuple(who))
