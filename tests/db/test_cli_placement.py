"""`bobudget queue`, `bobudget placements` and `bobudget due` on both engines."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from bobudget.cli import main, placement_cmd
from bobudget.db.engine import Database
from bobudget.placement.decisions import get_decision
from bobudget.placement.temporary import PlacementInput, place_person, renew_placement
from bobudget.placement.temporary_list import get_placement
from tests.db.placement_data import TODAY, USER, decision, person, place


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line's "today" is the tests' day, whatever the clock says."""
    monkeypatch.setattr(placement_cmd, "_today", lambda: TODAY)


def _url(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


def _csv(out: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(out), delimiter=";"))


def _renewed_twice(db: Database, protected: bool = False) -> int:
    who = person(db, "Elsa" if protected else "Karin", "Öberg", protected=protected)
    decision_id = decision(db, who, kind="temporary", decided=TODAY)
    contract_id = place_person(
        db, PlacementInput(decision_id, place(db, "Vandrarhemmet Sjöviken"), dt.date(2026, 11, 30))
    )
    for note in ("Söker aktivt", "Väntar på svar från bolaget"):
        version = get_placement(db, contract_id, TODAY).version
        renew_placement(db, contract_id, version, note, user=USER)
    return contract_id


def test_queue_as_csv(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    old = decision(db, person(db, "Bo", "Berg"), decided=dt.date(2026, 8, 1))
    decision(db, person(db, "Åsa", "Ek"), decided=dt.date(2026, 11, 1), need_rooms=2)
    code = main(["queue", "--db", _url(db), "--format", "csv", "--date", "2026-11-27"])
    rows = _csv(capsys.readouterr().out)
    assert code == 0
    assert [(r["personnummer"], r["beslutsdatum"], r["vantedagar"]) for r in rows] == [
        (get_decision(db, old).personnummer, "2026-08-01", "118"),
        (rows[1]["personnummer"], "2026-11-01", "26"),
    ]
    assert [r["over_tre_manader"] for r in rows] == ["ja", "nej"]
    assert rows[1]["namn"] == "Ek, Åsa"

    assert main(["queue", "--db", _url(db), "--rooms", "2", "--date", "2026-11-27"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:4] == ["personnummer", "namn", "beslutsdatum", "vantedagar"]
    assert len(table) == 2 and "Ek, Åsa" in table[1]


def test_placements_on_chosen_dates(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    _renewed_twice(db)

    def placements(day: str) -> list[dict[str, str]]:
        assert main(["placements", "--db", _url(db), "--format", "csv", "--date", day]) == 0
        return _csv(capsys.readouterr().out)

    today = placements("2026-11-27")
    assert [
        (r["plats"], r["startdatum"], r["till_och_med"], r["forlangningar"]) for r in today
    ] == [("Vandrarhemmet Sjöviken", "2027-05-28", "2027-08-27", "2")]
    assert today[0]["personnummer"].startswith("1985")
    # A day ahead shows the placement as decided: both renewals are made.
    ahead = placements("2027-01-15")
    assert [(r["till_och_med"], r["forlangningar"], r["paminnelse"]) for r in ahead] == [
        ("2027-08-27", "2", "nej")
    ]
    later = placements("2027-08-20")
    assert [
        (r["till_och_med"], r["dagar_kvar"], r["atgard_senast"], r["paminnelse"]) for r in later
    ] == [("2027-08-27", "8", "2027-08-27", "ja")]
    # Booked to start on the 30th: listed from today on, as it needs the same attention.
    assert len(placements("2026-11-29")) == 1


def test_placements_in_the_past_show_the_period_then(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    who = person(db)
    decision_id = decision(db, who, kind="temporary", decided=dt.date(2026, 5, 1))
    contract_id = place_person(db, PlacementInput(decision_id, place(db), dt.date(2026, 5, 31)))
    renew_placement(db, contract_id, get_placement(db, contract_id, TODAY).version, "Bedömt")
    assert main(["placements", "--db", _url(db), "--format", "csv", "--date", "2026-07-01"]) == 0
    rows = _csv(capsys.readouterr().out)
    assert [(r["startdatum"], r["till_och_med"], r["forlangningar"]) for r in rows] == [
        ("2026-05-31", "2026-08-30", "0")
    ]


def test_protected_place_is_not_exported(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    _renewed_twice(db, protected=True)
    assert main(["placements", "--db", _url(db), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 2
    assert "Sjöviken" not in out
    assert _csv(out)[0]["plats"] == "Skyddad"


def test_due_with_date_and_within(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    _renewed_twice(db)
    decision(db, person(db, "Lisa", "Lund"), decided=dt.date(2026, 9, 1))
    argv = ["due", "--db", _url(db), "--format", "csv", "--date", "2026-11-27"]
    assert main(argv) == 0
    rows = _csv(capsys.readouterr().out)
    assert [(r["typ"], r["datum"]) for r in rows] == [("beslut_tre_manader", "2026-12-01")]
    assert rows[0]["namn"] == "Lund, Lisa"
    # The third period ends Saturday 2027-08-28: due on Friday the 27th.
    assert main([*argv[:-1], "2027-08-20", "--within", "7"]) == 0
    rows = _csv(capsys.readouterr().out)
    assert [(r["typ"], r["datum"]) for r in rows] == [("forlangning", "2027-08-27")]
    assert main([*argv[:-1], "2027-08-20", "--within", "6"]) == 0
    assert _csv(capsys.readouterr().out) == []


def test_bad_input_is_exit_1_or_2(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["due", "--db", _url(db), "--date", "2026-13-01"]) == 1
    err = capsys.readouterr().err
    assert "ÅÅÅÅ-MM-DD" in err and err.count("\n") == 1
    assert main(["due", "--db", _url(db), "--within", "-3"]) == 1
    assert "Antal dagar" in capsys.readouterr().err
    with pytest.raises(SystemExit) as raised:
        main(["placements", "--format", "xml"])
    assert raised.value.code == 2


@pytest.mark.parametrize("command", ["queue", "placements", "due"])
def test_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main([command, "--help"])
    assert raised.value.code == 0
    assert "--format" in capsys.readouterr().out


def test_placement_fee_is_set_and_cleared_from_the_command_line(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    contract_id = _renewed_twice(db)
    assert main(["placement-fee", str(contract_id), "--amount", "1500", "--db", _url(db)]) == 0
    assert "egenavgift 1 500,00 kr per månad" in " ".join(capsys.readouterr().out.split())
    detail = get_placement(db, contract_id, TODAY)
    assert (detail.client_fee_ore, detail.client_fee_unit) == (150_000, "month")
    # An impossible fee is refused with a Swedish line and the fee stays as it was.
    assert main(["placement-fee", str(contract_id), "--amount", "99999", "--db", _url(db)]) == 1
    assert "Egenavgiften måste vara" in capsys.readouterr().err
    assert get_placement(db, contract_id, TODAY).client_fee_ore == 150_000
    assert main(["placement-fee", str(contract_id), "--none", "--db", _url(db)]) == 0
    assert get_placement(db, contract_id, TODAY).client_fee_ore is None
