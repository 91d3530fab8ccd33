"""Att göra on demo data, against counts taken straight from the database; and 'mine'."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from sqlalchemy import func, or_, select

from bobudget.app.todo import SCOPE_MINE, SCOPE_UNIT, default_scope, todo_list
from bobudget.db.engine import Database
from bobudget.demo.generate import fill_demo
from bobudget.kernel.periods import add_months
from bobudget.kernel.urgency import Urgency
from bobudget.model import (
    Contract,
    ContractPeriod,
    Decision,
    EvictionNotice,
    FollowUp,
    HousingSupport,
    ManagedFundsAccount,
    MultipartyMeeting,
    StartupMeeting,
    User,
)
from bobudget.placement.rules import renewal_action_date, three_months_date
from bobudget.placement.takeover_rules import takeover_flag_date, takeover_review_date
from tests.db.follow_up_helpers import USER, staff, tenant

TODAY = dt.date(2026, 11, 27)  # a Friday
LAST = TODAY + dt.timedelta(days=14)
LEASES = ("social", "transitional", "housing_first")


def _running() -> object:
    return or_(Contract.end_date.is_(None), Contract.end_date >= TODAY)


def independent_counts(db: Database) -> Counter[str]:
    """What should be on Att göra up to two weeks ahead, counted kind by kind from the rows."""
    counts: Counter[str] = Counter()
    with db.sessions() as s:
        running = _running()
        for meeting_date, due in s.execute(
            select(StartupMeeting.meeting_date, StartupMeeting.due_date)
            .join(Contract, Contract.id == StartupMeeting.contract_id)
            .where(StartupMeeting.closed.is_(False), running)  # type: ignore[arg-type]
        ):
            counts["uppstartsmote"] += (meeting_date or due) <= LAST
        with_meeting = select(StartupMeeting.contract_id)
        counts["uppstartsmote"] += (
            s.scalar(
                select(func.count(Contract.id)).where(
                    Contract.kind.in_(LEASES),
                    Contract.basis != "import",
                    running,  # type: ignore[arg-type]
                    Contract.start_date <= LAST,
                    Contract.id.not_in(with_meeting),
                )
            )
            or 0
        )
        counts["uppfoljning"] += (
            s.scalar(
                select(func.count(FollowUp.id))
                .join(Contract, Contract.id == FollowUp.contract_id)
                .where(
                    FollowUp.held_date.is_(None),
                    FollowUp.due_date <= LAST,
                    Contract.kind.in_(LEASES),
                    running,  # type: ignore[arg-type]
                )
            )
            or 0
        )
        for (start,) in s.execute(
            select(Contract.start_date).where(
                Contract.kind.in_(LEASES),
                running,  # type: ignore[arg-type]
                Contract.id.not_in(select(FollowUp.contract_id)),
            )
        ):
            counts["uppfoljning"] += add_months(start, 1) <= LAST
        counts["boendestod_omprovning"] += (
            s.scalar(
                select(func.count(HousingSupport.id)).where(
                    HousingSupport.next_review_date <= LAST,
                    or_(HousingSupport.end_date.is_(None), HousingSupport.end_date >= TODAY),
                )
            )
            or 0
        )
        for meeting_date, due in s.execute(
            select(MultipartyMeeting.meeting_date, MultipartyMeeting.due_date).where(
                MultipartyMeeting.agreed == ""
            )
        ):
            counts["flerpartssamtal"] += (meeting_date or due) <= LAST
        counts["underrattelse_avhysning"] += (
            s.scalar(
                select(func.count(EvictionNotice.id)).where(
                    EvictionNotice.closed_date.is_(None), EvictionNotice.received_date <= LAST
                )
            )
            or 0
        )
        counts["egna_medel_omprovning"] += (
            s.scalar(
                select(func.count(ManagedFundsAccount.id)).where(
                    ManagedFundsAccount.closed_date.is_(None),
                    ManagedFundsAccount.review_date <= LAST,
                )
            )
            or 0
        )
        for (end,) in s.execute(
            select(ContractPeriod.end_date)
            .join(Contract, Contract.id == ContractPeriod.contract_id)
            .where(
                Contract.kind == "temporary",
                Contract.end_date.is_(None),
                ContractPeriod.outcome == "pending",
            )
        ):
            counts["forlangning"] += renewal_action_date(end) <= LAST
        for (decided,) in s.execute(
            select(Decision.decision_date).where(Decision.status == "waiting")
        ):
            counts["beslut_tre_manader"] += three_months_date(decided) <= LAST
        for start, reviewed, outcome in s.execute(
            select(
                Contract.start_date, Contract.takeover_reviewed_date, Contract.takeover_outcome
            ).where(
                Contract.kind == "transitional",
                Contract.takeover_date.is_(None),
                or_(Contract.end_date.is_(None), Contract.end_date > TODAY),
            )
        ):
            counts["overtagandeprovning"] += (
                reviewed is None and takeover_review_date(start) <= LAST
            )
            # A decision recorded at or after two years answers the flag.
            decided = (
                bool(outcome) and reviewed is not None and reviewed >= takeover_flag_date(start)
            )
            counts["overtagande_24_manader"] += takeover_flag_date(start) <= LAST and not decided
    return +counts


@pytest.fixture
def demo_db(db: Database) -> Database:
    fill_demo(db, 160, seed=5, today=TODAY)
    return db


def test_att_gora_on_demo_data_matches_the_database(demo_db: Database) -> None:
    todo = todo_list(demo_db, today=TODAY, user="ingen", scope=SCOPE_UNIT)
    listed = Counter(item.typ for item in todo.items)
    assert listed == independent_counts(demo_db)
    # Every follow-up kind is there in the demo, and some of it is overdue.
    for typ in ("uppfoljning", "flerpartssamtal", "underrattelse_avhysning"):
        assert listed[typ] > 0, typ
    assert todo.count(Urgency.OVERDUE) > 0


def test_att_gora_groups_by_how_soon_and_orders_by_date(demo_db: Database) -> None:
    todo = todo_list(demo_db, today=TODAY, scope=SCOPE_UNIT)
    labels = [g.label for g in todo.groups]
    assert labels == [x for x in ("Försenat", "I dag", "Denna vecka", "Kommande") if x in labels]
    for group in todo.groups:
        dates = [item.datum for item in group.items]
        assert dates == sorted(dates)
        for item in group.items:
            if group.urgency is Urgency.OVERDUE:
                assert item.datum < TODAY
            elif group.urgency is Urgency.TODAY:
                assert item.datum == TODAY
            elif group.urgency is Urgency.SOON:
                assert TODAY < item.datum <= dt.date(2026, 11, 29)
            else:
                assert dt.date(2026, 11, 29) < item.datum <= LAST
    assert sum(todo.counts_by_area.values()) == todo.total
    assert todo.counts_by_area["follow_up"] == sum(
        1 for item in todo.items if item.area == "follow_up"
    )
    # Every item says where it is handled and whom it concerns.
    for item in todo.items:
        assert item.area in {"follow_up", "temporary", "contracts", "queue", "funds"}
        assert item.person_id and item.personnummer and item.name


def test_mine_is_what_i_am_responsible_for_and_my_roles_work_with_nobody(
    demo_db: Database,
) -> None:
    with demo_db.sessions() as s:
        supervisor = s.scalar(
            select(User.username).where(User.role == "bostadshandledare").limit(1)
        )
        consultant = s.scalar(select(User.username).where(User.role == "bostadskonsulent").limit(1))
    assert supervisor and consultant
    assert default_scope(demo_db, supervisor) == SCOPE_MINE
    assert default_scope(demo_db, "okänd-användare") == SCOPE_UNIT
    mine = todo_list(demo_db, today=TODAY, user=supervisor, scope=SCOPE_MINE)
    theirs = todo_list(demo_db, today=TODAY, user=consultant, scope=SCOPE_MINE)
    everything = todo_list(demo_db, today=TODAY, scope=SCOPE_UNIT)
    # The demo names a responsible of the role for most cases: each sees their own.
    own = [i for g in mine.groups if not g.unassigned for i in g.items]
    assert own and {i.responsible for i in own} == {supervisor}
    assert {i.area for i in own} == {"follow_up"}
    # What has nobody is the role's, in a group of its own.
    assert {i.responsible for i in mine.unassigned} <= {""}
    assert {i.area for i in mine.unassigned} <= {"follow_up"}
    assert {i.area for i in theirs.items} <= {"temporary", "contracts", "queue"}
    nobody = [i for i in everything.items if not i.responsible and i.area != "funds"]
    assert len(mine.unassigned) + len(theirs.unassigned) == len(nobody)


def test_a_new_lease_brings_its_startup_meeting_and_first_follow_up(db: Database) -> None:
    staff(db, USER, "kollega")
    t = tenant(db, dt.date(2026, 11, 2))
    todo = todo_list(db, today=TODAY, user=USER, scope=SCOPE_UNIT)
    kinds = {(i.typ, i.datum, i.contract_id) for i in todo.items}
    assert ("uppstartsmote", dt.date(2026, 11, 2), t.contract_id) in kinds
    assert ("uppfoljning", dt.date(2026, 12, 2), t.contract_id) in kinds
    # Someone else's named responsibility is not mine.
    from bobudget.follow_up.startup_meetings import open_startup_meeting

    open_startup_meeting(db, t.contract_id, user="kollega")
    mine = todo_list(db, today=TODAY, user=USER, scope=SCOPE_MINE)
    assert not [i for i in mine.items if i.typ == "uppstartsmote"]
    theirs = todo_list(db, today=TODAY, user="kollega", scope=SCOPE_MINE)
    assert [i.target_id for i in theirs.items if i.typ == "uppstartsmote"] != [None]


def test_bobudget_due_lists_the_follow_up_kinds(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    from bobudget.cli import main

    t = tenant(db, dt.date(2026, 11, 20))
    url = db.engine.url.render_as_string(hide_password=False)
    args = ["due", "--db", url, "--date", "2026-11-27", "--within", "30", "--format", "csv"]
    assert main(args) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines()[1:] if line]
    typs = {line.split(";")[0].split(",")[0] for line in lines}
    assert typs == {"uppfoljning"}  # the start-up meeting (2026-11-20) is before the date
    assert main([*args, "--overdue"]) == 0
    out = capsys.readouterr().out
    assert "uppstartsmote" in out and "uppfoljning" in out and "2026-12-20" in out
    assert t
