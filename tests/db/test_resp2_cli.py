"""`bobudget temporary place|renew|end` and `bobudget meeting record`: the window's services and
date rules from the command line. An unusual date is refused with the reason unless --bekrafta
is given; a date the rule forbids is refused always; --ansvarig is checked like the picker."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bobudget.app.users import deactivate_staff
from bobudget.cli import main
from bobudget.db.engine import Database
from bobudget.follow_up.follow_ups import follow_ups_of_contract
from bobudget.model import Contract, FollowUp
from bobudget.placement.decisions import get_decision
from bobudget.placement.temporary_list import get_placement
from bobudget.placement.temporary_places import list_places
from tests.db.follow_up_helpers import staff, tenant
from tests.db.placement_data import USER, decision, person, place
from tests.db.test_import import GOOD_ROWS, counts, write_csv

TODAY = dt.date.today()  # the command line's today is the clock's


def _url(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


def _placements(db: Database) -> list[Contract]:
    with db.sessions() as s:
        return list(s.scalars(select(Contract).where(Contract.kind == "temporary")))


def _run(db: Database, *argv: str) -> int:
    return main([*argv, "--db", _url(db)])


@pytest.fixture
def waiting(db: Database) -> tuple[str, str]:
    """A person with a temporary-housing decision waiting, and a place: (personnummer, place)."""
    staff(db, "kim.konsulent", "gone.away", USER)
    deactivate_staff(db, "gone.away", user=USER)
    who = person(db)
    decided = decision(
        db, who, kind="temporary", decided=dt.date(2026, 8, 1), reference="SN 2026/9"
    )
    place(db, "Vandrarhemmet Sjöviken")
    return get_decision(db, decided).personnummer, list_places(db)[0].data.name


def test_place_backdated_needs_bekrafta_and_ansvarig_is_checked(
    db: Database, waiting: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    personnummer, hostel = waiting
    start = (TODAY - dt.timedelta(days=40)).isoformat()
    args = ("temporary", "place", "--person", personnummer, "--place", hostel, "--start", start)
    assert _run(db, *args, "--ansvarig", "kim.konsulent") == 1
    err = capsys.readouterr().err
    assert f"Startdatumet {start} ligger" in err and "bakåt i tiden" in err
    assert "--bekrafta" in err
    assert _placements(db) == []  # nothing saved
    for login, word in (("nobody", "Det finns ingen användare"), ("gone.away", "inaktiverad")):
        assert _run(db, *args, "--bekrafta", "--ansvarig", login) == 1
        err = capsys.readouterr().err
        assert "Ansvarig (--ansvarig)" in err and word in err
        assert _placements(db) == []
    assert _run(db, *args, "--bekrafta", "--ansvarig", "kim.konsulent") == 0
    assert "Placering" in capsys.readouterr().out
    [placement] = _placements(db)
    assert (placement.start_date.isoformat(), placement.responsible) == (start, "kim.konsulent")


def test_place_without_ansvarig_is_the_runners_and_forbidden_start_is_refused_always(
    db: Database, waiting: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    personnummer, hostel = waiting
    before_decision = "2026-07-01"  # the decision is from 2026-08-01: forbidden, not unusual
    args = ("temporary", "place", "--person", personnummer, "--place", hostel)
    assert _run(db, *args, "--start", before_decision, "--bekrafta") == 1
    assert "ligger före beslutsdatum" in capsys.readouterr().err
    assert _placements(db) == []
    assert _run(db, *args) == 0  # today: nothing unusual, no --bekrafta needed


def test_renew_and_end_from_the_command_line(
    db: Database, waiting: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    personnummer, hostel = waiting
    start = TODAY - dt.timedelta(days=20)
    assert (
        _run(
            db,
            "temporary",
            "place",
            "--person",
            personnummer,
            "--place",
            hostel,
            "--start",
            start.isoformat(),
        )
        == 0
    )
    [placement] = _placements(db)
    number = str(placement.id)
    assert _run(db, "temporary", "renew", number, "--assessment", "Söker", "--ansvarig", "x") == 1
    assert "Ansvarig (--ansvarig)" in capsys.readouterr().err
    assert len(get_placement(db, placement.id, TODAY).periods) == 1
    assert (
        _run(
            db,
            "temporary",
            "renew",
            number,
            "--assessment",
            "Söker aktivt",
            "--ansvarig",
            "kim.konsulent",
        )
        == 0
    )
    assert len(get_placement(db, placement.id, TODAY).periods) == 2
    [placement] = _placements(db)
    assert placement.responsible == "kim.konsulent"
    # An end already past is unusual: refused without --bekrafta, and the placement runs on.
    past = (TODAY - dt.timedelta(days=3)).isoformat()
    end = ("temporary", "end", number, "--reason", "Fått egen bostad", "--date", past)
    assert _run(db, *end) == 1
    err = capsys.readouterr().err
    assert f"Slutdatumet {past} har redan passerat" in err and "--bekrafta" in err
    assert _placements(db)[0].end_date is None
    # An end after the period is forbidden: refused even with --bekrafta.
    late = (TODAY + dt.timedelta(days=400)).isoformat()
    assert _run(db, "temporary", "end", number, "--reason", "x", "--date", late, "--bekrafta") == 1
    assert "efter periodens slut" in capsys.readouterr().err
    assert _placements(db)[0].end_date is None
    assert _run(db, *end, "--bekrafta") == 0
    assert _placements(db)[0].end_date == dt.date.fromisoformat(past)


def test_meeting_record_follow_up_future_refused_old_needs_bekrafta(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    lease = tenant(db, TODAY - dt.timedelta(days=200))
    contract = str(lease.contract_id)
    args = ("meeting", "record", "follow-up", "--contract", contract, "--participants", "Karin")
    future = (TODAY + dt.timedelta(days=2)).isoformat()
    assert _run(db, *args, "--date", future, "--bekrafta") == 1
    err = capsys.readouterr().err
    assert "Mötesdag (--date)" in err and "ligger i framtiden" in err
    old = (TODAY - dt.timedelta(days=70)).isoformat()
    assert _run(db, *args, "--date", old) == 1
    assert "bakåt i tiden" in capsys.readouterr().err
    with db.sessions() as s:
        assert s.scalar(select(func.count(FollowUp.id))) == 0  # nothing booked or recorded
    assert _run(db, *args, "--date", old, "--bekrafta") == 0
    assert "Nästa uppföljning bokad" in capsys.readouterr().out
    held = [f for f in follow_ups_of_contract(db, lease.contract_id) if f.held_date]
    assert [f.held_date.isoformat() for f in held if f.held_date] == [old]


def test_meeting_record_startup(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    lease = tenant(db, TODAY - dt.timedelta(days=5))
    args = ("meeting", "record", "startup", "--contract", str(lease.contract_id))
    assert _run(db, *args, "--participants", "Karin, Eva") == 0
    assert f"hållet {TODAY.isoformat()}" in capsys.readouterr().out
    before = (TODAY - dt.timedelta(days=10)).isoformat()  # before the lease: forbidden
    assert _run(db, *args, "--participants", "Karin", "--date", before, "--bekrafta") == 1
    assert "Mötesdagen" in capsys.readouterr().err


def test_import_names_the_new_contracts_responsible(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    staff(db, "kim.konsulent")
    path = write_csv(tmp_path / "lista.csv", GOOD_ROWS[:2])
    assert _run(db, "import", str(path), "--ansvarig", "nobody") == 1
    assert "Ansvarig (--ansvarig)" in capsys.readouterr().err
    assert counts(db)["contracts"] == 0  # nothing imported
    assert _run(db, "import", str(path), "--ansvarig", "kim.konsulent") == 0
    with db.sessions() as s:
        assert set(s.scalars(select(Contract.responsible))) == {"kim.konsulent"}
