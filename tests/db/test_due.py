"""The due list: renewals, takeover reviews and decisions passing three months, by the rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bobudget.app.due import DUE_TYPES, PROVIDERS, due_items, due_types
from bobudget.db.engine import Database
from bobudget.demo.generate import fill_demo
from bobudget.kernel.due import DueItem, DueWindow
from bobudget.kernel.errors import ValidationError
from bobudget.kernel.periods import add_months
from bobudget.model import Contract, ContractPeriod, Decision
from bobudget.placement.contracts import ContractInput, ContractTerms, sign_contract
from bobudget.placement.due import (
    DUE_DECISION_THREE_MONTHS,
    DUE_RENEWAL,
    DUE_TAKEOVER_FLAG,
    DUE_TAKEOVER_REVIEW,
)
from bobudget.placement.rules import renewal_action_date, three_months_date
from bobudget.placement.takeover import get_takeover_review, record_takeover_review
from bobudget.placement.takeover_rules import takeover_flag_date, takeover_review_date
from bobudget.placement.temporary import PlacementInput, place_person, renew_placement
from bobudget.placement.temporary_list import get_placement
from tests.db.placement_data import TODAY, USER, decision, dwelling, landlord, person, place

PLACEMENT_KINDS = (DUE_RENEWAL, DUE_TAKEOVER_REVIEW, DUE_TAKEOVER_FLAG, DUE_DECISION_THREE_MONTHS)


def _mine(items: Iterable[DueItem]) -> list[tuple[str, dt.date, str]]:
    return [(i.typ, i.datum, i.name) for i in items if i.typ in PLACEMENT_KINDS]


def test_each_kind_on_its_date(db: Database) -> None:
    # A placement whose period ends on Sunday 2027-02-28: renew or end by Friday the 26th.
    karin = person(db, "Karin", "Öberg")
    temporary = decision(db, karin, kind="temporary", decided=TODAY)
    contract_id = place_person(
        db, PlacementInput(temporary, place(db), dt.date(2026, 11, 30)), user=USER
    )
    # A bostadssocialt kontrakt from 2026-02-10: review 2027-02-10.
    per = person(db, "Per", "Persson")
    sign_contract(
        db,
        ContractInput(
            "transitional",
            decision(db, per, decided=dt.date(2026, 1, 5)),
            dwelling(db, landlord(db)),
            dt.date(2026, 2, 10),
            ContractTerms(),
        ),
        today=TODAY,
    )
    # A decision from 2026-11-27: three months run out on 2027-02-27.
    decision(db, person(db, "Lisa", "Lund"), decided=TODAY)

    on = dt.date(2027, 2, 8)
    assert _mine(due_items(db, on, 30)) == [
        (DUE_TAKEOVER_REVIEW, dt.date(2027, 2, 10), "Persson, Per"),
        (DUE_RENEWAL, dt.date(2027, 2, 26), "Öberg, Karin"),
        (DUE_DECISION_THREE_MONTHS, dt.date(2027, 2, 27), "Lund, Lisa"),
    ]
    # The window is inclusive at both ends.
    assert _mine(due_items(db, dt.date(2027, 2, 26), 0)) == [
        (DUE_RENEWAL, dt.date(2027, 2, 26), "Öberg, Karin")
    ]
    assert _mine(due_items(db, dt.date(2027, 2, 28), 0)) == []
    assert _mine(due_items(db, dt.date(2027, 2, 12), 14)) == [
        (DUE_RENEWAL, dt.date(2027, 2, 26), "Öberg, Karin")
    ]
    # Past its day and not done: only with overdue items included.
    later = dt.date(2027, 3, 5)
    assert _mine(due_items(db, later, 14)) == []
    overdue = _mine(due_items(db, later, 14, include_overdue=True))
    assert [t for t, _d, _n in overdue] == [
        DUE_TAKEOVER_REVIEW,
        DUE_RENEWAL,
        DUE_DECISION_THREE_MONTHS,
    ]
    # Renewed: the next reminder is for the new period's end, 2027-05-28 (a Friday).
    version = get_placement(db, contract_id, TODAY).version
    renew_placement(db, contract_id, version, "Bedömt", user=USER)
    renewals = [i for i in due_items(db, on, 120) if i.typ == DUE_RENEWAL]
    assert [(i.datum, i.what) for i in renewals] == [
        (dt.date(2027, 5, 28), "Period 2 gäller till och med 2027-05-27: förläng eller avsluta")
    ]


def test_the_24_month_flag_and_a_held_review(db: Database) -> None:
    per = person(db, "Per", "Persson")
    contract_id = sign_contract(
        db,
        ContractInput(
            "transitional",
            decision(db, per, decided=dt.date(2024, 10, 1)),
            dwelling(db, landlord(db)),
            dt.date(2024, 12, 3),
            ContractTerms(),
        ),
        today=TODAY,
    )
    assert _mine(due_items(db, TODAY, 14)) == [
        (DUE_TAKEOVER_FLAG, dt.date(2026, 12, 3), "Persson, Per")
    ]
    flagged = next(i for i in due_items(db, TODAY, 14) if i.typ == DUE_TAKEOVER_FLAG)
    assert flagged.contract_id == contract_id
    assert "beslut behövs" in flagged.what


def test_weekend_and_holiday_ends_say_why(db: Database) -> None:
    karin = person(db)
    temporary = decision(db, karin, kind="temporary", decided=dt.date(2026, 9, 1))
    place_person(db, PlacementInput(temporary, place(db), dt.date(2026, 9, 25)), user=USER)
    item = next(i for i in due_items(db, TODAY, 40) if i.typ == DUE_RENEWAL)
    assert item.datum == dt.date(2026, 12, 23)
    assert item.what == (
        "Period 1 gäller till och med 2026-12-24 (nästa period skulle börja 2026-12-25, "
        "juldagen): förläng eller avsluta senast 2026-12-23"
    )


def test_bad_window_is_refused(db: Database) -> None:
    with pytest.raises(ValidationError, match="Antal dagar"):
        due_items(db, TODAY, -1)


def test_a_new_kind_is_a_provider_named_in_the_due_list(db: Database) -> None:
    karin = person(db)

    def _provider(_s: Session, w: DueWindow) -> Iterable[DueItem]:
        yield DueItem("provkind", "Ett prov", w.first, karin, "19850312-9801", "Öberg, K", "prov")
        yield DueItem("provkind", "Ett prov", w.last + dt.timedelta(days=1), karin, "x", "y", "z")

    items = due_items(db, TODAY, 3, providers=(*PROVIDERS, _provider))
    assert [(i.typ, i.label, i.datum) for i in items if i.typ == "provkind"] == [
        ("provkind", "Ett prov", TODAY)
    ]


def test_every_kind_of_every_domain_is_on_the_due_list() -> None:
    """The due list names every domain's providers: the command line's `typ` words, all eleven."""
    assert set(due_types()) == {
        "forlangning", "overtagandeprovning", "overtagande_24_manader", "beslut_tre_manader",
        "uppstartsmote", "uppfoljning", "boendestod_omprovning", "flerpartssamtal",
        "underrattelse_avhysning", "egna_medel_omprovning", "egna_medel_avstamning",
    }  # fmt: skip
    assert all(DUE_TYPES[typ] for typ in DUE_TYPES)


def _independent(db: Database, first: dt.date, last: dt.date) -> set[tuple[str, dt.date, int]]:
    """The same three kinds, computed row by row from the tables with the rules."""
    expected: set[tuple[str, dt.date, int]] = set()
    with db.sessions() as s:
        for period, contract in s.execute(
            select(ContractPeriod, Contract)
            .join(Contract, Contract.id == ContractPeriod.contract_id)
            .where(Contract.kind == "temporary", Contract.end_date.is_(None))
        ):
            if period.outcome == "pending":
                action = renewal_action_date(period.end_date)
                if first <= action <= last:
                    expected.add((DUE_RENEWAL, action, contract.id))
        for contract in s.scalars(select(Contract).where(Contract.kind == "transitional")):
            running = contract.end_date is None or contract.end_date > first
            if contract.takeover_date is not None or not running:
                continue
            review = takeover_review_date(contract.start_date)
            if first <= review <= last and contract.takeover_reviewed_date is None:
                expected.add((DUE_TAKEOVER_REVIEW, review, contract.id))
            flag = takeover_flag_date(contract.start_date)
            if first <= flag <= last:
                expected.add((DUE_TAKEOVER_FLAG, flag, contract.id))
        for d in s.scalars(select(Decision).where(Decision.status == "waiting")):
            limit = three_months_date(d.decision_date)
            if first <= limit <= last:
                expected.add((DUE_DECISION_THREE_MONTHS, limit, -d.id))
    return expected


@pytest.mark.parametrize("on", [TODAY, dt.date(2026, 12, 18), add_months(TODAY, -2)])
def test_demo_data_against_the_rules(sqlite_db: Database, on: dt.date) -> None:
    fill_demo(sqlite_db, 400, seed=4, today=TODAY)
    last = on + dt.timedelta(days=14)
    found = {
        (i.typ, i.datum, i.contract_id if i.contract_id is not None else -(i.decision_id or 0))
        for i in due_items(sqlite_db, on, 14, today=on)
        if i.typ in PLACEMENT_KINDS
    }
    assert found == _independent(sqlite_db, on, last)
    if on == TODAY:
        assert {typ for typ, _d, _i in found} >= {DUE_RENEWAL, DUE_DECISION_THREE_MONTHS}


def test_the_decision_after_two_years_answers_the_24_month_flag(db: Database) -> None:
    per = person(db, "Per", "Persson")
    contract_id = sign_contract(
        db,
        ContractInput(
            "transitional",
            decision(db, per, decided=dt.date(2024, 10, 1)),
            dwelling(db, landlord(db)),
            dt.date(2024, 11, 20),
            ContractTerms(),
        ),
        today=TODAY,
    )
    assert [i for i in due_items(db, TODAY, 14, include_overdue=True) if i.typ == DUE_TAKEOVER_FLAG]
    review = get_takeover_review(db, contract_id, TODAY)
    record_takeover_review(
        db, contract_id, review.version, dt.date(2026, 11, 25), "Du har skött allt.",
        today=TODAY, outcome="extended", decided_by="Eva Berg", reference="SN 2026/0400",
    )  # fmt: skip
    flags = [
        i for i in due_items(db, TODAY, 14, include_overdue=True) if i.typ == DUE_TAKEOVER_FLAG
    ]
    assert not flags
    assert not get_takeover_review(db, contract_id, TODAY).flagged
