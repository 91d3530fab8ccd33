"""Demo follow-up of leases: plans, start-up meetings, follow-ups, boendestöd and trouble."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal

from bobudget.demo import data as words
from bobudget.demo.persons import Lease
from bobudget.demo.places import Staff
from bobudget.demo.rows import DemoRows, add_months, days
from bobudget.follow_up.rules import CONSENT_DEFAULT_MONTHS
from bobudget.kernel.months import first_of_month
from bobudget.kernel.periods import months_between_within
from bobudget.model import (
    Decision,
    Disturbance,
    EvictionNotice,
    FollowUp,
    HousingPlan,
    HousingSupport,
    MultipartyMeeting,
    RentArrear,
    StartupChecklistItem,
    StartupMeeting,
)
from bobudget.model.vocab import (
    ConsentForm,
    DecisionKind,
    DecisionStatus,
    NoticeSender,
)

# The unit's default start-up checklist, in the order it is gone through.
CHECKLIST = (
    "Stöd genomgånget",
    "Fattade beslut listade",
    "Vem som arbetar med klienten",
    "Hyresbetalning ordnad (autogiro eller egna medel)",
    "Hemförsäkring",
    "Elavtal",
    "Adressändring",
    "Nycklar kvitterade",
    "Ordningsregler och hyreslagen genomgångna",
    "Första uppföljning bokad",
)
_MEETING_TIMES = ("09:00", "09:30", "10:00", "13:00", "14:30")
_SUPPORT_HOURS = (Decimal("2.0"), Decimal("3.0"), Decimal("4.0"), Decimal("5.5"), Decimal("8.0"))
# A start-up meeting this recent may still have items left to tick.
_RECENT_DAYS = 21


def _nothing(_number: int) -> None:
    return None


class FollowUpMaker:
    """Adds what happens around each lease once the tenant has moved in."""

    def __init__(self, rows: DemoRows, staff: Staff) -> None:
        self.rows = rows
        self.staff = staff
        self._eviction_cases = 0

    def add(self, leases: Sequence[Lease], done: Callable[[int], None] = _nothing) -> None:
        """What follows each lease; `done(n)` after the n-th lease (the rows can be written)."""
        today = self.rows.today
        # One running lease of a year or more shows every kind of trouble, so that even a small
        # demo has a flerpartssamtal, an eviction notice and a disturbance to look at.
        showcase = next((x for x in leases if x.end is None and (today - x.start).days > 366), None)
        for number, lease in enumerate(leases, start=1):
            shown = lease is showcase
            supervisor = self.rows.pick(self.staff.supervisors)
            if self.rows.chance(0.9):
                self._plan(lease)
            self._startup_meeting(lease, supervisor)
            self._follow_ups(lease, supervisor)
            if shown or self.rows.chance(0.18):
                self._housing_support(lease)
            if shown or self.rows.chance(0.13):
                self._rent_arrears(lease, supervisor, certain=shown)
            elif self.rows.chance(0.01):
                self._eviction_notice(lease, lease.start + days(self.rows.rng.randint(60, 400)))
            if shown or self.rows.chance(0.07):
                self._disturbances(lease)
            done(number)

    def _last_day(self, lease: Lease) -> dt.date:
        return min(lease.end, self.rows.today) if lease.end else self.rows.today

    def _plan(self, lease: Lease) -> None:
        rows = self.rows
        adopted = lease.start + days(rows.rng.randint(0, 20))
        rows.add(
            HousingPlan,
            lease.start,
            contract_id=lease.contract_id,
            goals=rows.pick(words.PLAN_GOALS),
            activities=rows.pick(words.PLAN_ACTIVITIES),
            responsibilities=rows.pick(words.PLAN_RESPONSIBILITIES),
            support=rows.pick(words.PLAN_SUPPORT),
            participation=rows.pick(words.PLAN_PARTICIPATION),
            adopted_date=adopted if adopted <= rows.today else None,
            follow_up_plan=rows.pick(words.FOLLOW_UP_PLANS),
        )

    def _startup_meeting(self, lease: Lease, supervisor: tuple[str, str]) -> None:
        """Held at move-in; older ones closed with every item ticked, recent ones still open."""
        rows, today = self.rows, self.rows.today
        meeting = lease.start + days(rows.rng.randint(-5, 10))
        held = meeting <= today
        closed = lease.end is not None or meeting <= today - days(_RECENT_DAYS)
        meeting_id = rows.add(
            StartupMeeting,
            lease.start - days(7),
            contract_id=lease.contract_id,
            due_date=lease.start,
            meeting_date=meeting,
            meeting_time=rows.pick(_MEETING_TIMES),
            place=rows.pick(words.STARTUP_PLACES),
            participants=(
                f"{lease.decided_by} (socialsekreterare), {supervisor[1]} (bostadshandledare), "
                "hyresgästen"
            ),
            closed=closed,
            changed=meeting if held else None,
        )
        done_at = rows.timestamp(meeting, meeting_id)
        for position, text in enumerate(CHECKLIST, start=1):
            done = closed or (held and rows.chance(0.6))
            rows.add(
                StartupChecklistItem,
                lease.start - days(7),
                meeting_id=meeting_id,
                position=position,
                text=text,
                done_by=supervisor[0] if done else "",
                done_at=done_at + dt.timedelta(minutes=3 * position) if done else None,
            )

    def _follow_ups(self, lease: Lease, supervisor: tuple[str, str]) -> None:
        """One month after move-in, then at the contract's interval; the next one left due."""
        rows, today = self.rows, self.rows.today
        first_due = add_months(lease.start, 1)
        last_day = self._last_day(lease)
        participants = f"{supervisor[1]} (bostadshandledare), hyresgästen"
        number = 0
        while True:
            due = add_months(first_due, lease.interval_months * number)
            number += 1
            if due > last_day:
                break
            # Now and then the latest follow-up of a running contract is overdue, not held.
            overdue = lease.end is None and add_months(due, lease.interval_months) > today
            if overdue and rows.chance(0.1):
                rows.add(FollowUp, due, contract_id=lease.contract_id, due_date=due)
                return
            held = min(today, max(lease.start, due + days(rows.rng.randint(-7, 7))))
            rows.add(
                FollowUp,
                held,
                contract_id=lease.contract_id,
                due_date=due,
                held_date=held,
                participants=participants,
                notes=rows.pick(words.FOLLOW_UP_NOTES),
                outcome=rows.pick(words.FOLLOW_UP_OUTCOMES),
            )
        if lease.end is None:
            rows.add(FollowUp, today, contract_id=lease.contract_id, due_date=due)

    def _housing_support(self, lease: Lease) -> None:
        rows, today = self.rows, self.rows.today
        last_day = self._last_day(lease)
        start = rows.day_between(lease.start, min(last_day, lease.start + days(180)))
        end = lease.end
        if end is None and rows.chance(0.2) and (today - start).days > 120:
            end = rows.day_between(start + days(90), today)
        interval = rows.weighted((6, 3), (70, 30))
        decided = start - days(rows.rng.randint(7, 30))
        decision_id = rows.add(
            Decision,
            decided,
            household_id=lease.household_id,
            kind=DecisionKind.HOUSING_SUPPORT,
            decision_date=decided,
            decided_by=lease.decided_by,
            unit="Vuxenavdelningen",
            reference=rows.reference(decided),
            status=DecisionStatus.EXECUTED,
            executed_date=start,
        )
        next_review = None
        if end is None:
            number = 1
            while (next_review := add_months(start, interval * number)) <= today:
                number += 1
            # Some reviews have slipped: the one before today is still the next to do.
            if number > 1 and rows.chance(0.1):
                next_review = add_months(start, interval * (number - 1))
        rows.add(
            HousingSupport,
            start,
            person_id=lease.person_id,
            decision_id=decision_id,
            provider=rows.pick(words.SUPPORT_PROVIDERS),
            hours_per_week=rows.pick(_SUPPORT_HOURS),
            start_date=start,
            end_date=end,
            review_interval_months=interval,
            next_review_date=next_review,
        )

    def _rent_arrears(
        self, lease: Lease, supervisor: tuple[str, str], *, certain: bool = False
    ) -> None:
        """One unpaid month, often a second within six months: that calls for flerpartssamtal."""
        rows, rng, today = self.rows, self.rows.rng, self.rows.today
        first_month = add_months(first_of_month(lease.start), 1)
        last_month = first_of_month(self._last_day(lease))
        span = (last_month.year - first_month.year) * 12 + last_month.month - first_month.month
        if span < 0:
            return
        if certain:
            # Two recent debts two months apart: the flerpartssamtal is still to be held.
            months = [add_months(last_month, -4), add_months(last_month, -2)]
        else:
            months = [add_months(first_month, rng.randint(0, span))]
        if not certain and rows.chance(0.45):
            months.append(add_months(months[0], rng.randint(1, 8)))
            if rows.chance(0.2):
                months.append(add_months(months[-1], rng.randint(1, 4)))
        registered: list[dt.date] = []
        for month in months:
            reported = month + days(rng.randint(10, 40))
            if month > last_month or reported > today:
                break
            share = rows.pick((1, 1, 2, 4))
            rows.add(
                RentArrear,
                reported,
                contract_id=lease.contract_id,
                person_id=lease.person_id,
                month=month,
                amount_ore=lease.rent_ore // share // 100 * 100,
                registered_date=reported,
                note="Påminnelse skickad av hyresvärden." if rows.chance(0.3) else "",
            )
            registered.append(reported)
        if len(registered) >= 2 and months_between_within(months[0], months[1], 6):
            self._multiparty_meeting(lease, registered[1], supervisor, still_due=certain)
        if registered and certain:
            last = registered[-1]
            self._eviction_notice(
                lease, rows.day_between(last + days(7), min(today, last + days(60)))
            )
        elif registered and rows.chance(0.35):
            self._eviction_notice(lease, registered[-1] + days(rng.randint(20, 60)))

    def _multiparty_meeting(
        self,
        lease: Lease,
        second_debt: dt.date,
        supervisor: tuple[str, str],
        *,
        still_due: bool = False,
    ) -> None:
        rows, today = self.rows, self.rows.today
        due = second_debt + days(14)
        meeting: dt.date | None = None
        # Most are held within a week or so; some wait for a tenant who did not come.
        if due <= today - days(7) and not still_due and not rows.chance(0.1):
            meeting = min(today, due + days(rows.rng.randint(-7, 5)))
        elif still_due or rows.chance(0.5):
            meeting = max(due, today) + days(rows.rng.randint(1, 10))
        held = meeting is not None and meeting <= today
        time = rows.pick(_MEETING_TIMES) if meeting else ""
        rows.add(
            MultipartyMeeting,
            second_debt,
            person_id=lease.person_id,
            contract_id=lease.contract_id,
            due_date=due,
            meeting_date=meeting,
            meeting_time=time,
            place=f"{lease.landlord}, kundcenter" if meeting else "",
            participants=(
                f"Hyresgästen, {lease.landlord}, {supervisor[1]} (bostadshandledare)"
                if held
                else ""
            ),
            agreed=rows.pick(words.MEETING_AGREEMENTS) if held else "",
            consent_to_share=rows.pick(words.CONSENTS) if held else "",
            consent_recorded_at=rows.timestamp(meeting) if held and meeting else None,
            # Asked at the meeting, for the months that follow it.
            # (chosen by the day, not drawn: the demo's other draws stay as they were)
            consent_form=(
                (ConsentForm.ORAL if meeting.day % 2 else ConsentForm.WRITTEN)
                if held and meeting
                else ""
            ),
            consent_given_on=meeting if held else None,
            consent_valid_until=(
                add_months(meeting, CONSENT_DEFAULT_MONTHS) if held and meeting else None
            ),
            # The tenant agreed that the landlord may know who from the unit takes part.
            consented_participants=(f"{supervisor[1]} (bostadshandledare)" if held else ""),
        )

    def _eviction_notice(self, lease: Lease, received: dt.date) -> None:
        rows, today = self.rows, self.rows.today
        if received > self._last_day(lease):
            return
        self._eviction_cases += 1
        from_enforcement = rows.chance(0.4)
        if from_enforcement:
            case = f"Mål nr 12-{self._eviction_cases:06d}-{received:%y}"
        else:
            case = f"{lease.landlord.split()[0]}-{received.year}-{self._eviction_cases:04d}"
        closed = None
        if received <= today - days(60) and rows.chance(0.7):
            closed = min(today, received + days(rows.rng.randint(20, 90)))
        rows.add(
            EvictionNotice,
            received,
            person_id=lease.person_id,
            contract_id=lease.contract_id,
            received_date=received,
            sender=NoticeSender.KRONOFOGDEN if from_enforcement else NoticeSender.LANDLORD,
            case_number=case,
            contacts_made=closed is not None or rows.chance(0.6),
            managed_funds_considered=rows.chance(0.5),
            housing_support_considered=rows.chance(0.4),
            closed_date=closed,
            note=rows.pick(words.EVICTION_NOTES),
        )

    def _disturbances(self, lease: Lease) -> None:
        rows = self.rows
        for _ in range(rows.rng.randint(1, 3)):
            reported = rows.day_between(lease.start + days(14), self._last_day(lease))
            if reported > self._last_day(lease):
                return
            rows.add(
                Disturbance,
                reported,
                contract_id=lease.contract_id,
                person_id=lease.person_id,
                reported_date=reported,
                description=rows.pick(words.DISTURBANCES),
            )
