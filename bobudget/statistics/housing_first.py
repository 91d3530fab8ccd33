"""Bostad först per year against the target, how many still live there one and two years
after moving in, and the share of the municipal housing company's lettings that went to
social housing needs (its yearly total is entered by hand: bobudget lettings set).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from bobudget.db.unit_settings import read_unit_settings
from bobudget.kernel.months import add_months
from bobudget.model import Contract, Dwelling, HousingCompanyLettings, Landlord
from bobudget.model.vocab import ContractKind, LandlordKind
from bobudget.statistics.common import (
    ReadOnly,
    contract_listing,
    id_list,
    parse_ids,
    year_of,
    years_of,
)
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
    ReportColumn("ar", "År", ColumnKind.TEXT),
    ReportColumn("antal", "Bostad först"),
    ReportColumn("mal", "Mål"),
    ReportColumn("kvar_1_ar", "Bor kvar efter ett år", ColumnKind.PERCENT),
    ReportColumn("kvar_2_ar", "Bor kvar efter två år", ColumnKind.PERCENT),
    ReportColumn("bolaget_totalt", "Bostadsbolagets uthyrningar"),
    ReportColumn("bolaget_sociala", "Varav till sociala behov"),
    ReportColumn("andel_sociala", "Andel till sociala behov", ColumnKind.PERCENT),
)
TABLE_KEY = "bostad-forst"
SOCIAL_KINDS = (ContractKind.SOCIAL, ContractKind.TRANSITIONAL, ContractKind.HOUSING_FIRST)


def tenths_of_percent(part: int, whole: int) -> int | None:
    """part/whole in tenths of a per cent, half up (2 of 3 → 667); None when whole is 0."""
    if whole <= 0:
        return None
    return (2000 * part + whole) // (2 * whole)


def still_housed(end: dt.date | None, mark: dt.date) -> bool:
    """Lives there on the anniversary: no end, or the last day is that day or later."""
    return end is None or end >= mark


class HousingFirstReport(ReadOnly):
    key = "bostad-forst"
    title = "Bostad först och bostadsbolagets uthyrningar"
    period_kind = PeriodKind.YEAR

    def __init__(
        self, target: int | None = None, today: Callable[[], dt.date] = dt.date.today
    ) -> None:
        # None: the unit's setting `bostad_forst.target` in the database, read at each run.
        self.target = target
        self.today = today

    def run(
        self, session: Session, period: ReportPeriod, *, with_identities: bool = False
    ) -> ReportResult:
        years = sorted(years_of(period))
        target = (
            self.target
            if self.target is not None
            else read_unit_settings(session).bostad_forst_target
        )
        today = self.today()
        first, last = dt.date(years[0], 1, 1), dt.date(years[-1], 12, 31)
        contracts: list[_Lease] = [
            (i, start, end)
            for i, start, end in session.execute(
                select(Contract.id, Contract.start_date, Contract.end_date).where(
                    Contract.kind == ContractKind.HOUSING_FIRST,
                    Contract.start_date.between(first, last),
                )
            )
        ]
        social = _company_social_lettings(session, first, last)
        totals = dict(
            session.execute(
                select(HousingCompanyLettings.year, HousingCompanyLettings.total).where(
                    HousingCompanyLettings.year.between(years[0], years[-1])
                )
            ).all()
        )
        rows = []
        for year in years:
            mine = [c for c in contracts if c[1].year == year]
            kept = [_retention(mine, months, today) for months in (12, 24)]
            total = totals.get(year)
            company = social.get(year, ())
            rows.append(
                ReportRow(
                    str(year),
                    (
                        str(year),
                        len(mine),
                        target,
                        kept[0][0],
                        kept[1][0],
                        total,
                        len(company),
                        tenths_of_percent(len(company), total) if total is not None else None,
                    ),
                    (
                        (),
                        tuple(sorted(c[0] for c in mine)),
                        (),
                        kept[0][1],
                        kept[1][1],
                        (),
                        company,
                        company,
                    ),
                )
            )
        table = ReportTable(
            TABLE_KEY,
            "Bostad först per år",
            COLUMNS,
            tuple(rows),
            "Bor kvar: andelen av årets Bostad först-kontrakt som hunnit fylla ett (två) år "
            "och då fortfarande löpte. Sociala behov: socialt, bostadssocialt och Bostad först "
            "hos det kommunala bostadsbolaget, mot bolagets uthyrningar det året.",
        )
        chart = ChartSpec(TABLE_KEY, ChartKind.BAR, ("antal", "mal"), (), "Bostad först mot mål")
        return ReportResult(self.key, self.title, period, (table,), (chart,))

    def behind(self, session: Session, table_key: str, ids: Sequence[int]) -> Listing:
        return contract_listing(session, "Kontrakt som räknats", ids)


# (contract id, start, end) of a Bostad först contract.
_Lease = tuple[int, dt.date, dt.date | None]


def _retention(
    contracts: Sequence[_Lease], months: int, today: dt.date
) -> tuple[int | None, tuple[int, ...]]:
    """(share still housed, the contracts old enough to count) `months` after move-in."""
    due = [c for c in contracts if add_months(c[1], months) <= today]
    housed = [c for c in due if still_housed(c[2], add_months(c[1], months))]
    return tenths_of_percent(len(housed), len(due)), tuple(sorted(c[0] for c in due))


def _company_social_lettings(
    session: Session, first: dt.date, last: dt.date
) -> dict[int, tuple[int, ...]]:
    year = year_of(Contract.start_date)
    rows = session.execute(
        select(year, id_list(session, Contract.id))
        .join(Dwelling, Dwelling.id == Contract.dwelling_id)
        .join(Landlord, Landlord.id == Dwelling.landlord_id)
        .where(
            Contract.kind.in_(SOCIAL_KINDS),
            Landlord.kind == LandlordKind.MUNICIPAL_COMPANY,
            Contract.start_date.between(first, last),
        )
        .group_by(year)
    ).all()
    result: dict[int, tuple[int, ...]] = defaultdict(tuple)
    for y, ids in rows:
        result[y] = parse_ids(ids)
    return result
