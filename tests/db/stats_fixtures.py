"""Rows for the statistics tests, written straight into the tables (the services are tested
elsewhere): persons with known sex and age, households, dwellings, contracts and periods."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import TypeVar

from sqlalchemy.orm import Session

from bobudget.db.engine import Database
from bobudget.kernel.identity import demo_identity
from bobudget.model import (
    Contract,
    ContractPeriod,
    Decision,
    Dwelling,
    Household,
    HouseholdMember,
    Landlord,
    Offer,
    Person,
    TemporaryPlace,
)
from bobudget.model.vocab import (
    ContractBasis,
    ContractKind,
    CostUnit,
    DecisionKind,
    DecisionStatus,
    HouseholdRole,
    IdentityKind,
    LandlordKind,
    OfferAnswer,
    PeriodOutcome,
)
from bobudget.statistics.report import PeriodKind, ReportPeriod

T = TypeVar("T")


def year_period(*years: int) -> ReportPeriod:
    return ReportPeriod(
        PeriodKind.YEAR,
        dt.date(years[0], 1, 1),
        dt.date(years[-1], 12, 31),
        "–".join(str(y) for y in years),
        tuple(years),
    )


def week_period(year: int, week: int) -> ReportPeriod:
    monday = dt.date.fromisocalendar(year, week, 1)
    return ReportPeriod(
        PeriodKind.WEEK, monday, monday + dt.timedelta(days=6), f"{year}-W{week:02d}"
    )


def month_range(first: dt.date, last: dt.date) -> ReportPeriod:
    return ReportPeriod(PeriodKind.MONTH_RANGE, first, last, f"{first:%Y-%m}–{last:%Y-%m}")


class Rows:
    """Adds rows in one session; `commit()` at the end of a test's setup."""

    def __init__(self, db: Database) -> None:
        self.session: Session = db.sessions()
        self._serials: dict[dt.date, itertools.count[int]] = {}
        self._n = itertools.count(1)
        self.company = self._add(
            Landlord(name="Sjöviks Bostäder AB", kind=LandlordKind.MUNICIPAL_COMPANY)
        )
        self.private = self._add(Landlord(name="Privat Fastighet AB", kind=LandlordKind.PRIVATE))
        self.hostel = self._add(
            TemporaryPlace(name="Vandrarhemmet", cost_ore=50_000, cost_unit=CostUnit.NIGHT)
        )
        self.flat = self._add(
            TemporaryPlace(name="Tillfällig lägenhet", cost_ore=930_000, cost_unit=CostUnit.MONTH)
        )

    def _add(self, row: T) -> T:
        self.session.add(row)
        self.session.flush()
        return row

    def person(self, birth: dt.date | None = None, *, woman: bool = True) -> Person:
        n = next(self._n)
        birth = birth or dt.date(1960, 1, 1) + dt.timedelta(days=n)
        serials = self._serials.setdefault(birth, itertools.count(0))
        serial = next(serials)
        # Birth numbers 980–999: an even serial gives an even sex digit (a woman).
        if (serial % 2 == 0) != woman:
            serial = next(serials)
        number = demo_identity(birth, serial)
        return self._add(
            Person(
                identity=number.canonical,
                identity_kind=IdentityKind.PERSONNUMMER,
                first_name=f"Förnamn{n}",
                last_name=f"Efternamn{n}",
            )
        )

    def household(self, applicant: Person, *children: Person) -> Household:
        hh = self._add(Household(name=applicant.last_name))
        self._add(HouseholdMember(household_id=hh.id, person_id=applicant.id))
        for child in children:
            self._add(
                HouseholdMember(household_id=hh.id, person_id=child.id, role=HouseholdRole.CHILD)
            )
        return hh

    def dwelling(self, company: bool = True) -> Dwelling:
        n = next(self._n)
        landlord = self.company if company else self.private
        return self._add(Dwelling(address=f"Gatan {n}", landlord_id=landlord.id))

    def lease(
        self,
        kind: ContractKind,
        start: dt.date,
        end: dt.date | None = None,
        *,
        person: Person | None = None,
        company: bool = True,
        imported: bool = False,
        takeover: dt.date | None = None,
    ) -> Contract:
        person = person or self.person()
        return self._add(
            Contract(
                kind=kind,
                person_id=person.id,
                dwelling_id=self.dwelling(company).id,
                basis=ContractBasis.IMPORT if imported else ContractBasis.DECISION,
                start_date=start,
                end_date=end,
                takeover_date=takeover,
            )
        )

    def placement(
        self,
        periods: list[tuple[dt.date, dt.date]],
        end: dt.date | None = None,
        *,
        person: Person | None = None,
        place: TemporaryPlace | None = None,
        moved_from: Contract | None = None,
    ) -> Contract:
        person = person or self.person()
        contract = self._add(
            Contract(
                kind=ContractKind.TEMPORARY,
                person_id=person.id,
                temporary_place_id=(place or self.hostel).id,
                start_date=periods[0][0],
                end_date=end,
                moved_from_id=moved_from.id if moved_from else None,
            )
        )
        for sequence, (first, last) in enumerate(periods, start=1):
            final = sequence == len(periods)
            self._add(
                ContractPeriod(
                    contract_id=contract.id,
                    sequence=sequence,
                    start_date=first,
                    end_date=last,
                    outcome=PeriodOutcome.RENEWED
                    if not final
                    else (PeriodOutcome.ENDED if end else PeriodOutcome.PENDING),
                )
            )
        return contract

    def decision(
        self,
        decided: dt.date,
        *,
        executed: dt.date | None = None,
        ended: dt.date | None = None,
        offers: int = 0,
        household: Household | None = None,
    ) -> Decision:
        hh = household or self.household(self.person())
        decision = self._add(
            Decision(
                household_id=hh.id,
                kind=DecisionKind.HOUSING,
                decision_date=decided,
                status=DecisionStatus.EXECUTED
                if executed
                else (DecisionStatus.ENDED if ended else DecisionStatus.WAITING),
                executed_date=executed,
                ended_date=ended,
            )
        )
        for i in range(offers):
            self._add(
                Offer(
                    decision_id=decision.id,
                    offered_date=decided + dt.timedelta(days=i + 1),
                    answer=OfferAnswer.DECLINED,
                    decline_reason="För dyr",
                )
            )
        return decision

    def commit(self) -> None:
        self.session.commit()
        self.session.close()
