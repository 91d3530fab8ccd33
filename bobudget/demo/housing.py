"""Demo households: persons, decisions, the queue and its offers, contracts and their periods."""

from __future__ import annotations

import datetime as dt

from bobudget.demo import data as words
from bobudget.demo.persons import HouseholdFacts, Lease, PersonMaker
from bobudget.demo.places import Address, DwellingInfo, Places
from bobudget.demo.rows import DemoRows, add_months, days, periods_until
from bobudget.demo.scenarios import Scenario
from bobudget.model import Contract, ContractPeriod, Decision, Dwelling, Offer
from bobudget.model.vocab import (
    ContractBasis,
    ContractKind,
    CostUnit,
    DecisionKind,
    DecisionStatus,
    DwellingStatus,
    OfferAnswer,
    PeriodOutcome,
    TakeoverOutcome,
)
from bobudget.placement.rules import (
    housing_first_guarantee_ceiling,
    housing_first_guarantee_end,
    notice_end_date,
    offer_reply_by,
)
from bobudget.placement.takeover_rules import takeover_flag_date, takeover_review_date

_RENT_CEILING_KR = {1: 6500, 2: 8000, 3: 9500, 4: 11000, 5: 12500}
_THREE_MONTHS_DAYS = 91
_UNITS = [unit for unit, _weight in words.DECISION_UNITS]
_UNIT_WEIGHTS = [weight for _unit, weight in words.DECISION_UNITS]


class HouseholdMaker:
    """Makes one household at a time along its scenario; collects the leases for follow-up."""

    def __init__(self, rows: DemoRows, places: Places) -> None:
        self.rows = rows
        self.places = places
        self.leases: list[Lease] = []
        self.persons = PersonMaker(rows)
        self._queue_count = 0
        self._temporary_count = 0
        self._active_placements = 0
        self._kept_after_two_years = False
        self._open_social_leases = 0

    def household(self, scenario: Scenario) -> None:
        adults, children = self.persons.composition()
        if scenario == Scenario.QUEUE:
            self._queue(adults, children)
        elif scenario == Scenario.TEMPORARY:
            self._temporary_only(adults, children)
        elif scenario == Scenario.ENDED:
            self._ended_decision(adults, children)
        else:
            self._lease(ContractKind(scenario), adults, children)

    # Scenarios

    def _queue(self, adults: int, children: int) -> None:
        rows, today = self.rows, self.rows.today
        self._queue_count += 1
        # Waits of up to nine months; a third surely past three months, a third surely not, so
        # that even a small queue has decisions on both sides of the reporting limit.
        shortest, longest = {1: (95, 270), 2: (0, 90)}.get(self._queue_count % 3, (0, 270))
        wait = rows.rng.randint(shortest, longest)
        decided = today - days(wait)
        # Every other household in the queue lives in temporary housing meanwhile.
        placed = self._active_start() if self._queue_count % 2 == 1 else None
        hh = self._new_household(adults, children, min(decided, placed or decided))
        delay = rows.pick(words.DELAY_REASONS) if wait > _THREE_MONTHS_DAYS else ""
        decision_id = self._decision(
            hh, DecisionKind.HOUSING, decided, status=DecisionStatus.WAITING, delay_reason=delay
        )
        offered_days = sorted(
            rows.day_between(decided + days(5), today)
            for _ in range(min(rows.pick((0, 1, 1, 2, 3)), wait // 20))
        )
        for number, offered in enumerate(offered_days, start=1):
            if number == len(offered_days) and (today - offered).days <= 14:
                dwelling = self.places.dwelling(hh.rooms, DwellingStatus.OFFERED, offered)
                self._offer(decision_id, dwelling.id, offered, OfferAnswer.PENDING)
            else:
                dwelling_id = self.places.offered_elsewhere(hh.rooms, offered)
                self._offer(decision_id, dwelling_id, offered, OfferAnswer.DECLINED)
        if placed is not None:
            self.persons.settle(hh, self._active_placement(hh, placed))
        else:
            self.persons.settle(hh, self.places.address())

    def _temporary_only(self, adults: int, children: int) -> None:
        rows = self.rows
        self._temporary_count += 1
        if self._temporary_count % 5 in (1, 3):
            start = self._active_start()
            hh = self._new_household(adults, children, start)
            self.persons.settle(hh, self._active_placement(hh, start))
            return
        end = rows.day_between(rows.history_start + days(30), rows.today - days(1))
        begin = end - days(rows.rng.randint(10, 360))
        hh = self._new_household(adults, children, begin)
        # One in twelve of these ends with no decision and no move onward (the person left,
        # or the place sent them away): an interrupted execution, for the IVO report.
        if self._temporary_count % 20 == 2:
            self._ended_placement(hh, begin, end, rows.pick(words.INTERRUPTED), decided=False)
        else:
            self._ended_placement(hh, begin, end, rows.pick(words.TEMPORARY_END_REASONS))
        self.persons.settle(hh, self.places.address())

    def _ended_decision(self, adults: int, children: int) -> None:
        rows = self.rows
        decided = rows.day_between(rows.history_start, rows.today - days(60))
        ended = min(rows.today, decided + days(rows.rng.randint(20, 250)))
        hh = self._new_household(adults, children, decided)
        decision_id = self._decision(
            hh,
            DecisionKind.HOUSING,
            decided,
            status=DecisionStatus.ENDED,
            ended=ended,
            end_reason=rows.pick(words.DECISION_END_REASONS),
        )
        if rows.chance(0.4) and (ended - decided).days > 10:
            offered = rows.day_between(decided + days(3), ended - days(5))
            self._offer(
                decision_id,
                self.places.offered_elsewhere(hh.rooms, offered),
                offered,
                OfferAnswer.DECLINED,
            )
        self.persons.settle(hh, self.places.address())

    def _lease(self, kind: ContractKind, adults: int, children: int) -> None:
        rows, rng, today = self.rows, self.rows.rng, self.rows.today
        wait = rng.randint(20, 240)
        start = rows.day_between(rows.history_start + days(30), today)
        decided = start - days(wait)
        hh = self._new_household(adults, children, decided)
        decided_by = rows.pick(words.SOCIAL_WORKERS)
        if wait > 30 and rows.chance(0.3):
            begin = rows.day_between(decided, start - days(14))
            self._ended_placement(hh, begin, start, words.MOVED_ON_TO[kind])
        dwelling = self.places.dwelling(
            hh.rooms, DwellingStatus.LET, start, accessible=rows.chance(0.05)
        )
        delay = rows.pick(words.DELAY_REASONS) if wait > _THREE_MONTHS_DAYS else ""
        decision_id = self._decision(
            hh,
            DecisionKind.HOUSING,
            decided,
            status=DecisionStatus.EXECUTED,
            executed=start,
            delay_reason=delay,
            decided_by=decided_by,
        )
        accepted = max(decided, start - days(rng.randint(10, 30)))
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            if (accepted - decided).days > 10:
                offered = rows.day_between(decided + days(3), accepted - days(7))
                dwelling_id = self.places.offered_elsewhere(hh.rooms, offered)
                self._offer(decision_id, dwelling_id, offered, OfferAnswer.DECLINED)
        self._offer(decision_id, dwelling.id, accepted, OfferAnswer.ACCEPTED, answered_by=start)

        end, reason, takeover = self._lease_end(kind, start)
        notice_end, notice_reason = self._under_notice(kind, end)
        lease = self._sign(
            hh,
            kind,
            dwelling,
            decision_id,
            decided_by,
            (start, end, reason, takeover),
            (notice_end, notice_reason),
        )
        lives_there = end is None or takeover is not None
        if not lives_there:
            self._vacated(dwelling)
        self.persons.settle(hh, dwelling.address if lives_there else self.places.address())
        self.leases.append(lease)

    def _new_household(self, adults: int, children: int, since: dt.date) -> HouseholdFacts:
        """The household a scenario is about, in the unit's care since `since`.

        A city's demo (CityHouseholdMaker) gives it earlier, ended contracts first.
        """
        return self.persons.household(adults, children, since)

    def _vacated(self, dwelling: DwellingInfo) -> None:
        """The tenant moved out: the landlord lets the dwelling again, or holds it back."""
        self.rows.get(Dwelling, dwelling.id)["status"] = self.rows.weighted(
            (DwellingStatus.AVAILABLE, DwellingStatus.BLOCKED), (70, 30)
        )

    def _sign(
        self,
        hh: HouseholdFacts,
        kind: ContractKind,
        dwelling: DwellingInfo,
        decision_id: int,
        decided_by: str,
        term: tuple[dt.date, dt.date | None, str, dt.date | None],
        notice: tuple[dt.date | None, str] = (None, ""),
    ) -> Lease:
        """The lease contract on `dwelling`: term is (start, end, end reason, takeover day)."""
        rows, rng = self.rows, self.rows.rng
        start, end, reason, takeover = term
        notice_end, notice_reason = notice
        reviewed = self._takeover_reviewed(kind, start, end, takeover)
        rent = dwelling.rent_ore
        interval = rows.weighted((3, 2, 6), (75, 10, 15))
        waiver = kind == ContractKind.SOCIAL and rows.chance(0.65)
        lease_number = rows.count(Contract) + 1
        contract_id = rows.add(
            Contract,
            start,
            kind=kind,
            person_id=hh.applicant_id,
            household_id=hh.id,
            dwelling_id=dwelling.id,
            decision_id=decision_id,
            basis=ContractBasis.DECISION,
            start_date=start,
            end_date=end or notice_end,
            end_reason=reason or notice_reason,
            monthly_rent_ore=rent,
            follow_up_interval_months=interval,
            municipality_lease_reference=(
                f"{dwelling.landlord.prefix}-{start.year}-{lease_number:05d}"
                if kind != ContractKind.HOUSING_FIRST
                else ""
            ),
            tenure_waiver_approved=waiver,
            tenure_waiver_date=start - days(rng.randint(5, 40)) if waiver else None,
            takeover_date=takeover,
            takeover_reviewed_date=reviewed,
            takeover_review_note=words.TAKEOVER_REVIEW_NOTE if reviewed else "",
            # The review's decision, made by whoever decided the housing, in the same case.
            takeover_outcome=(
                ""
                if reviewed is None
                else TakeoverOutcome.TAKEN_OVER
                if takeover is not None
                else TakeoverOutcome.EXTENDED
            ),
            takeover_decided_by=decided_by if reviewed else "",
            takeover_decision_reference=(
                rows.get(Decision, decision_id)["reference"] if reviewed else ""
            ),
            guarantee_ceiling_ore=housing_first_guarantee_ceiling(rent)
            if kind == ContractKind.HOUSING_FIRST
            else None,
            guarantee_end_date=housing_first_guarantee_end(start)
            if kind == ContractKind.HOUSING_FIRST
            else None,
            guarantee_covers_damages=kind == ContractKind.HOUSING_FIRST,
            changed=end or start,
        )
        return Lease(
            contract_id,
            hh.applicant_id,
            hh.id,
            kind,
            start,
            end,
            rent,
            dwelling.landlord.name,
            interval,
            decided_by,
        )

    def _takeover_reviewed(
        self, kind: ContractKind, start: dt.date, end: dt.date | None, takeover: dt.date | None
    ) -> dt.date | None:
        """The 12-month review, held within a few weeks of falling due, as in a working unit;
        for a contract still not taken over after two years, the review at 24 months.
        """
        if kind != ContractKind.TRANSITIONAL:
            return None
        held = takeover_review_date(start) + days(self.rows.rng.randint(0, 20))
        if held >= self.rows.today or (end is not None and end < held):
            return None
        two_years = takeover_flag_date(start) + days(7)
        if takeover is None and two_years < self.rows.today and (end is None or end >= two_years):
            return two_years
        return held

    def _lease_end(
        self, kind: ContractKind, start: dt.date
    ) -> tuple[dt.date | None, str, dt.date | None]:
        """(end, reason, takeover): takeovers after a year or two; more endings the older."""
        rows = self.rows
        age = (rows.today - start).days
        # A working unit decides on most contracts by 24 months: few stay flagged.
        overdue = age > 760 and rows.chance(0.9)
        if kind == ContractKind.TRANSITIONAL and age > 365 and (overdue or rows.chance(0.5)):
            takeover = start + days(rows.rng.randint(365, min(730, age)))
            if age > 760 and not self._kept_after_two_years:
                # One tenant is still on the contract after two years: the unit has its
                # 24-month decision to write (drawn as a takeover, so the draws stay the same).
                self._kept_after_two_years = True
                return None, "", None
            return takeover, words.TAKEOVER_REASON, takeover
        # Four in five Bostad först tenants still live there after two years.
        yearly = 0.04 if kind == ContractKind.HOUSING_FIRST else 0.1
        if age > 120 and rows.chance(min(0.5, age / 365 * yearly)):
            end = rows.day_between(start + days(90), rows.today - days(1))
            return end, rows.pick(words.LEASE_END_REASONS), None
        return None, "", None

    def _under_notice(self, kind: ContractKind, end: dt.date | None) -> tuple[dt.date | None, str]:
        """Now and then a running social lease under notice: its last day and the reason.

        Draws nothing at random, so the rest of the demo stays as it was; the lease still runs
        for follow-up and egna medel.
        """
        if kind != ContractKind.SOCIAL or end is not None:
            return None, ""
        self._open_social_leases += 1
        if self._open_social_leases % 20 != 7:
            return None, ""
        return notice_end_date(self.rows.today), words.NOTICE_REASON

    # Temporary housing

    def _active_start(self) -> dt.date:
        """When a placement still running today began (up to a year and a half ago)."""
        rows, today = self.rows, self.rows.today
        self._active_placements += 1
        if self._active_placements % 10 == 1:
            # Ends within the renewal window: the window must have something to remind of.
            # Counting back whole months and forward again lands at most three days early.
            target = today + days(rows.rng.randint(4, 13))
            return add_months(target, -3 * rows.rng.randint(1, 5))
        return rows.day_between(today - days(540), today)

    def _active_placement(self, hh: HouseholdFacts, start: dt.date) -> Address:
        return self._placement(hh, start, periods_until(start, self.rows.today), None, "")

    def _ended_placement(
        self, hh: HouseholdFacts, begin: dt.date, end: dt.date, why: str, decided: bool = True
    ) -> None:
        periods = periods_until(begin, end)
        # Moving out mid-period shortens the last period; a period may be shorter, never longer.
        periods[-1] = (periods[-1][0], end)
        self._placement(hh, begin, periods, end, why, decided)

    def _placement(
        self,
        hh: HouseholdFacts,
        start: dt.date,
        periods: list[tuple[dt.date, dt.date]],
        end: dt.date | None,
        reason: str,
        decided: bool = True,
    ) -> Address:
        rows = self.rows
        decided_end = end if decided else None
        place = self.places.temporary_place(family=hh.adults + hh.children > 1)
        decision_id = self._decision(
            hh,
            DecisionKind.TEMPORARY,
            max(hh.since, start - days(rows.rng.randint(0, 3))),
            status=DecisionStatus.EXECUTED,
            executed=start,
        )
        decision = rows.get(Decision, decision_id)
        contract_id = rows.add(
            Contract,
            start,
            kind=ContractKind.TEMPORARY,
            person_id=hh.applicant_id,
            household_id=hh.id,
            temporary_place_id=place.id,
            decision_id=decision_id,
            basis=ContractBasis.DECISION,
            start_date=start,
            end_date=end,
            end_reason=reason,
            # The end is a decision of its own, in the same case, two weeks before.
            end_decision_date=max(start, decided_end - days(14)) if decided_end else None,
            end_decided_by=decision["decided_by"] if decided_end else "",
            end_decision_reference=decision["reference"] if decided_end else "",
            monthly_rent_ore=place.cost_ore if place.cost_unit == CostUnit.MONTH else None,
            changed=end or periods[-1][0],
        )
        for sequence, (first, last) in enumerate(periods, start=1):
            final = sequence == len(periods)
            rows.add(
                ContractPeriod,
                first - days(3) if sequence > 1 else first,
                contract_id=contract_id,
                sequence=sequence,
                start_date=first,
                end_date=last,
                assessment=rows.pick(words.ASSESSMENTS) if sequence > 1 else "",
                # Each renewal is decided a few days before, in the placement's case.
                decision_date=first - days(3) if sequence > 1 else None,
                decided_by=decision["decided_by"] if sequence > 1 else "",
                decision_reference=decision["reference"] if sequence > 1 else "",
                outcome=PeriodOutcome.RENEWED
                if not final
                else (PeriodOutcome.ENDED if end else PeriodOutcome.PENDING),
            )
        return place.address

    # Rows

    def _decision(
        self,
        hh: HouseholdFacts,
        kind: DecisionKind,
        decided: dt.date,
        *,
        status: DecisionStatus,
        executed: dt.date | None = None,
        ended: dt.date | None = None,
        end_reason: str = "",
        delay_reason: str = "",
        decided_by: str | None = None,
    ) -> int:
        rows = self.rows
        housing = kind == DecisionKind.HOUSING
        wished = sorted({rows.pick(words.AREAS) for _ in range(rows.rng.randint(0, 2))})
        return rows.add(
            Decision,
            decided,
            household_id=hh.id,
            kind=kind,
            decision_date=decided,
            decided_by=decided_by or rows.pick(words.SOCIAL_WORKERS),
            unit=rows.weighted(_UNITS, _UNIT_WEIGHTS),
            reference=rows.reference(decided),
            status=status,
            executed_date=executed,
            ended_date=ended,
            end_reason=end_reason,
            need_adults=hh.adults,
            need_children=hh.children,
            need_rooms=hh.rooms if housing else None,
            need_rent_ceiling_ore=_RENT_CEILING_KR[hh.rooms] * 100 if housing else None,
            need_areas_wished=", ".join(wished) if housing else "",
            need_areas_avoided=rows.pick(words.AREAS) if housing and rows.chance(0.2) else "",
            need_accessibility=housing and rows.chance(0.06),
            delay_reason=delay_reason,
            changed=executed or ended or decided,
        )

    def _offer(
        self,
        decision_id: int,
        dwelling_id: int,
        offered: dt.date,
        answer: OfferAnswer,
        answered_by: dt.date | None = None,
    ) -> None:
        rows = self.rows
        answer_date = None
        if answer != OfferAnswer.PENDING:
            answer_date = min(offered + days(rows.rng.randint(1, 6)), answered_by or rows.today)
        rows.add(
            Offer,
            offered,
            decision_id=decision_id,
            dwelling_id=dwelling_id,
            offered_date=offered,
            reply_by=offer_reply_by(offered),
            answer=answer,
            answer_date=answer_date,
            decline_reason=rows.pick(words.DECLINE_REASONS)
            if answer == OfferAnswer.DECLINED
            else "",
        )
