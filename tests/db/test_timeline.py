"""The timeline of a person with a long history: every event of person and household, in order."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bobudget.app.person_card import get_person_card
from bobudget.app.timeline import get_timeline
from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork
from bobudget.follow_up.follow_ups import FollowUpRecord, open_follow_up, record_follow_up
from bobudget.follow_up.housing_support import HousingSupportInput, create_housing_support
from bobudget.follow_up.multiparty import multiparty_meetings_of_person, record_multiparty_meeting
from bobudget.follow_up.startup_meetings import (
    StartupMeetingInput,
    get_startup_meeting,
    open_startup_meeting,
    update_startup_meeting,
)
from bobudget.follow_up.trouble import (
    DisturbanceInput,
    EvictionNoticeInput,
    RentArrearInput,
    close_eviction_notice,
    register_disturbance,
    register_eviction_notice,
    register_rent_arrear,
    update_prevention,
)
from bobudget.kernel.identity import demo_identity
from bobudget.kernel.money import format_amount
from bobudget.model import (
    Contract,
    ContractPeriod,
    Decision,
    HouseholdMember,
    ManagedFundsAccount,
    Offer,
    Person,
    PrintedLetter,
)
from tests.db.follow_up_helpers import TODAY, USER, add_lease, make_person

D = dt.date
RENT = format_amount(712_300)  # 7 123,00 kr, with the non-breaking spaces it prints


def _history(db: Database) -> tuple[int, int]:
    """Karin Öberg: queue, a temporary placement renewed twice, then a social contract with
    everything that can happen to it. Her son Olle is in the household."""
    karin = make_person(db, "Karin", "Öberg", serial=1)
    with UnitOfWork(db, USER) as uow:
        s = uow.session
        household_id = s.scalar(
            select(HouseholdMember.household_id).where(HouseholdMember.person_id == karin)
        )
        olle = Person(
            identity=demo_identity(D(2008, 6, 1), 3).canonical,
            identity_kind="personnummer",
            first_name="Olle",
            last_name="Öberg",
        )
        s.add(olle)
        s.flush()
        s.add(HouseholdMember(household_id=household_id, person_id=olle.id, role="child"))
        decision = Decision(
            household_id=household_id,
            kind="housing",
            decision_date=D(2025, 6, 10),
            reference="SN 2025/00412",
            status="executed",
            executed_date=D(2026, 3, 1),
        )
        s.add(decision)
        s.flush()
        s.add_all(
            [
                Offer(
                    decision_id=decision.id,
                    offered_date=D(2025, 11, 3),
                    answer="declined",
                    answer_date=D(2025, 11, 6),
                    decline_reason="För långt från skolan",
                ),
                Offer(
                    decision_id=decision.id,
                    offered_date=D(2026, 2, 2),
                    answer="accepted",
                    answer_date=D(2026, 2, 4),
                ),
            ]
        )
        temporary = Contract(
            kind="temporary",
            person_id=karin,
            household_id=household_id,
            start_date=D(2025, 7, 1),
            end_date=D(2026, 2, 28),
            end_reason="Flyttade till eget kontrakt",
        )
        s.add(temporary)
        s.flush()
        for n, (start, end) in enumerate(
            [
                (D(2025, 7, 1), D(2025, 10, 1)),
                (D(2025, 10, 1), D(2026, 1, 1)),
                (D(2026, 1, 1), D(2026, 2, 28)),
            ],
            start=1,
        ):
            s.add(
                ContractPeriod(contract_id=temporary.id, sequence=n, start_date=start, end_date=end)
            )
        s.add(ManagedFundsAccount(person_id=karin, power_of_attorney_start=D(2026, 5, 1)))
        s.add(
            PrintedLetter(
                kind="startup_meeting",
                person_id=karin,
                created_at=dt.datetime(2026, 2, 20, 10, 0, tzinfo=dt.UTC),
                sha256="0" * 64,
            )
        )
        uow.commit()
        olle_id = olle.id
    contract = add_lease(db, karin, D(2026, 3, 1))
    meeting_id = open_startup_meeting(db, contract, user=USER)
    meeting = get_startup_meeting(db, meeting_id)
    update_startup_meeting(
        db, meeting_id, meeting.version, StartupMeetingInput(D(2026, 3, 2)), USER
    )
    follow_up = open_follow_up(db, contract, user=USER)
    record_follow_up(
        db, follow_up, 1, FollowUpRecord(D(2026, 4, 1), "X", outcome="Fungerar"), USER, TODAY
    )
    create_housing_support(
        db, karin, HousingSupportInput("Hemtjänstens boendestöd", D(2026, 4, 15)), USER
    )
    for month, registered in ((D(2026, 6, 1), D(2026, 6, 20)), (D(2026, 8, 1), D(2026, 8, 18))):
        register_rent_arrear(db, RentArrearInput(karin, month, 712_300, registered), USER, TODAY)
    [multiparty] = multiparty_meetings_of_person(db, karin)
    record_multiparty_meeting(
        db,
        multiparty.id,
        multiparty.version,
        meeting_date=D(2026, 9, 1),
        participants="Alla",
        agreed="Avbetalningsplan",
        user=USER,
        today=TODAY,
    )
    register_disturbance(db, DisturbanceInput(olle_id, D(2026, 9, 20), "Hög musik"), USER, TODAY)
    notice = register_eviction_notice(
        db, EvictionNoticeInput(karin, D(2026, 10, 5), "landlord", "SB-2026-0042"), USER, TODAY
    )
    version = update_prevention(
        db,
        notice,
        1,
        contacts_made=True,
        managed_funds_considered=True,
        housing_support_considered=True,
        note="",
        user=USER,
    )
    close_eviction_notice(db, notice, version, D(2026, 11, 2), USER, TODAY)
    return karin, olle_id


def test_the_timeline_of_a_long_history(db: Database) -> None:
    karin, _olle = _history(db)
    events = get_timeline(db, karin)
    dates = [e.date for e in events]
    assert dates == sorted(dates)
    texts = [f"{e.date.isoformat()} {e.text}" for e in events]
    expected_in_order = [
        "2025-06-10 Beslut: Hjälp med bostadsanskaffning (SN 2025/00412)",
        "2025-07-01 Tillfälligt boende börjar",
        "2025-10-01 Förlängning 1 till 2026-01-01",
        "2025-11-03 Erbjudande om bostad",
        "2025-11-06 Erbjudandet avböjdes: För långt från skolan",
        "2026-01-01 Förlängning 2 till 2026-02-28",
        "2026-02-04 Erbjudandet accepterades",
        "2026-02-20 Brev: Kallelse till uppstartsmöte",
        "2026-02-28 Tillfälligt boende slutar: Flyttade till eget kontrakt",
        "2026-03-01 Beslut verkställt: Hjälp med bostadsanskaffning",
        "2026-03-01 Socialt kontrakt börjar",
        "2026-03-02 Uppstartsmöte (checklistan inte klar)",
        "2026-04-01 Uppföljningsmöte: Fungerar",
        "2026-04-15 Boendestöd börjar (Hemtjänstens boendestöd)",
        "2026-05-01 Egna medel: fullmakten börjar gälla",
        f"2026-06-20 Hyresskuld för juni 2026: {RENT}",
        f"2026-08-18 Hyresskuld för augusti 2026: {RENT}",
        "2026-09-01 Flerpartssamtal hållet: Avbetalningsplan",
        "2026-09-20 Störningsanmälan: Hög musik (Olle Öberg)",
        "2026-10-05 Underrättelse om risk för avhysning från hyresvärden (SB-2026-0042)",
        "2026-11-02 Underrättelsen avslutad",
    ]
    positions = []
    for line in expected_in_order:
        assert line in texts, line
        positions.append(texts.index(line))
    assert positions == sorted(positions)


def test_the_person_card_shows_the_timeline(db: Database) -> None:
    karin, olle = _history(db)
    card = get_person_card(db, karin)
    whats = [e.what for e in card.events]
    assert "Störningsanmälan: Hög musik (Olle Öberg)" in whats
    assert f"Hyresskuld för juni 2026: {RENT}" in whats
    # Olle's own card: the household's events, Karin's named as hers.
    olle_card = get_person_card(db, olle)
    assert "Störningsanmälan: Hög musik" in [e.what for e in olle_card.events]
    assert "Socialt kontrakt börjar (Karin Öberg)" in [e.what for e in olle_card.events]
