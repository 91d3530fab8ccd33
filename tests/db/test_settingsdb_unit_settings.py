"""The unit's settings in the database, on SQLite and PostgreSQL: two PCs print the same
letterhead, each change kept (who, when, old, new), template texts versioned and used by the next
letter, the one-time carry-over from a PC's file, and `bobudget admin settings|template`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bobudget.app.letters import LetterRequest, list_letters, produce_letter, render_letter
from bobudget.cli import main
from bobudget.db.engine import Database
from bobudget.db.settings_in_use import effective_settings
from bobudget.db.unit_settings import (
    NotAdministratorError,
    set_setting,
    setting_history,
    setting_rows,
    unit_settings,
)
from bobudget.db.uow import current_username
from bobudget.kernel.config import Letterhead, Settings
from bobudget.kernel.errors import ConflictError, ValidationError
from bobudget.letters.templates import TemplateError
from bobudget.letters.unit_templates import (
    carry_over,
    restore_template,
    save_template,
    standard_text,
    template_text,
    template_versions,
)
from bobudget.model import UnitSetting, UnitSettingChange, User
from bobudget.model.vocab import SettingSource, UserRole
from tests.conftest import write_older_settings_file
from tests.db.test_letters import SETTINGS, TODAY, Home, add_officers, add_person, pdf_text


@pytest.fixture(autouse=True)
def administrators(db: Database) -> None:
    """On PostgreSQL only a listed administrator changes the unit's settings."""
    with db.sessions() as s:
        for username in ("admin", "bodil"):
            s.add(User(username=username, full_name=username, role=UserRole.ADMINISTRATOR))
        s.commit()


def _me_administrator(db: Database) -> None:
    """The one who runs the command line is an administrator."""
    with db.sessions() as s:
        s.add(User(username=current_username(db), full_name="Ada", role=UserRole.ADMINISTRATOR))
        s.commit()


@pytest.fixture
def home(db: Database) -> Home:
    add_officers(db)
    return add_person(
        db, serial=1, first="Åsa", last="Öberg", town="Sjövik", code="734 31", protected=False
    )


UNIT_LETTERHEAD = {
    "letterhead.municipality": "Databasby kommun",
    "letterhead.administration": "Socialförvaltningen",
    "letterhead.unit": "Bo- och budgetenheten",
    "letterhead.address": "Box 9, 222 22 Databasby",
    "letterhead.phone": "08-123 456 78",
    "letterhead.email": "bbe@databasby.example",
    "forwarding_address.address": "Skatteverket\nFörmedlingsuppdrag\nBox 2820\n403 20 Göteborg",
}


def _url(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


def _set_unit_letterhead(db: Database) -> None:
    for key, value in UNIT_LETTERHEAD.items():
        set_setting(db, key, value, user="admin")


def _pc(home: Path, monkeypatch: pytest.MonkeyPatch, letterhead: Letterhead) -> None:
    """Switch to another PC: its own settings home, with its own (stale) letterhead."""
    monkeypatch.setenv("BOBUDGET_HOME", str(home))
    write_older_settings_file(Settings(letterhead=letterhead))


def _print_via_cli(db: Database, home: Home, out: Path) -> str:
    argv = ["letter", "temporary_placement", "--person", home.identity, "--out", str(out)]
    argv += ["--db", _url(db), "--date", TODAY.isoformat(), "--force"]
    assert main(argv) == 0
    return pdf_text(out.read_bytes())


def test_two_pcs_print_the_same_letterhead_from_the_database(
    db: Database,
    home: Home,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _set_unit_letterhead(db)
    _pc(tmp_path / "pc1", monkeypatch, Letterhead(municipality="Gamla Ett kommun"))
    first = _print_via_cli(db, home, tmp_path / "pc1.pdf")
    _pc(tmp_path / "pc2", monkeypatch, Letterhead(municipality="Gamla Två kommun"))
    second = _print_via_cli(db, home, tmp_path / "pc2.pdf")
    for text in (first, second):
        assert "Databasby kommun" in text and "Box 9, 222 22 Databasby" in text
        assert "Gamla" not in text
    # Nothing of the PCs' files reached the database: it had its settings already.
    assert unit_settings(db).letterhead.municipality == "Databasby kommun"


def test_a_change_keeps_who_when_old_and_new(db: Database) -> None:
    set_setting(db, "temporary.period_months", "4", user="admin")
    set_setting(db, "temporary.period_months", "6", user="bodil")
    [latest, first] = setting_history(db, "temporary.period_months")
    assert (first.old_value, first.new_value, first.changed_by) == ("3", "4", "admin")
    assert (latest.old_value, latest.new_value, latest.changed_by) == ("4", "6", "bodil")
    assert latest.changed_at >= first.changed_at and latest.source == SettingSource.EDITED
    assert unit_settings(db).temporary_period_months == 6
    row = next(r for r in setting_rows(db) if r.key == "temporary.period_months")
    assert (row.value, row.changed_by) == ("6", "bodil")
    # The same value again is no change.
    set_setting(db, "temporary.period_months", "6", user="admin")
    assert len(setting_history(db, "temporary.period_months")) == 2


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("temporary.period_months", "13", "från 1 till 12 månader"),
        ("temporary.period_months", "tre", "heltal"),
        ("temporary.reminder_days", "0", "från 1 till 90 dagar"),
        ("letterhead.phone", "12", "Telefonnumret '12' finns inte"),
        ("letterhead.municipality", "x" * 101, "högst 100 tecken"),
        ("letterhead.unit", "Enhet\x00", "otillåtet tecken"),
        ("letterhead.logo_path", "/delad/logga.svg", "PNG- eller JPEG-bild"),
    ],
)
def test_a_bad_value_is_refused_in_swedish_and_nothing_changes(
    db: Database, key: str, value: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        set_setting(db, key, value, user="admin")
    assert setting_history(db) == []


def test_only_an_administrator_changes_the_settings(db: Database) -> None:
    with db.sessions() as s:
        s.add(User(username="kim", full_name="Kim K", role=UserRole.BOSTADSKONSULENT))
        s.add(User(username="ada", full_name="Ada A", role=UserRole.ADMINISTRATOR))
        s.commit()
    with pytest.raises(NotAdministratorError, match="Bara en administratör"):
        set_setting(db, "bostad_forst.target", "12", user="kim")
    assert unit_settings(db).bostad_forst_target == 10
    set_setting(db, "bostad_forst.target", "12", user="ada")
    assert unit_settings(db).bostad_forst_target == 12


def test_a_template_text_is_versioned_and_the_next_letter_records_its_version(
    db: Database, home: Home
) -> None:
    standard = render_letter(
        db,
        effective_settings(db, SETTINGS),
        LetterRequest("temporary_placement", home.person_id),
        user="anna",
        today=TODAY,
    )
    assert "(standard)" in standard.template_version
    own = standard_text("temporary_placement").replace(
        "# Tillfälligt boende", "# Enhetens egen rubrik", 1
    )
    assert save_template(db, "temporary_placement", own, user="admin") == 1
    letter = produce_letter(
        db,
        effective_settings(db, SETTINGS),
        LetterRequest("temporary_placement", home.person_id),
        user="anna",
        today=TODAY,
        deliver=lambda _pdf: None,
    )
    assert "Enhetens egen rubrik" in pdf_text(letter.pdf)
    # The letter log records which version of the unit's text printed it.
    [logged] = list_letters(db, home.person_id)
    assert "(enhetens v1)" in logged.template_version
    # Restoring gives the old text a new number, so the letter log tells them apart.
    assert save_template(db, "temporary_placement", own + "\n", user="admin") == 2
    assert restore_template(db, "temporary_placement", 1, user="admin") == 3
    assert template_text(db, "temporary_placement") == (own, 3)
    versions = template_versions(db, "temporary_placement")
    assert [(v.version, v.active) for v in versions] == [(3, True), (2, False), (1, False)]
    assert versions[0].source == SettingSource.RESTORED


def test_a_template_with_a_lease_word_is_refused_and_nothing_is_saved(db: Database) -> None:
    bad = standard_text("temporary_placement") + "\nHyran betalas i förskott.\n"
    with pytest.raises(TemplateError, match="hör till hyresrätten"):
        save_template(db, "temporary_placement", bad, user="admin")
    assert template_versions(db, "temporary_placement") == []


def test_the_carry_over_from_a_pcs_file_happens_once(db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "mallar"
    folder.mkdir()
    own = standard_text("temporary_placement").replace("# Tillfälligt boende", "# Från mappen", 1)
    (folder / "temporary_placement.txt").write_text(own, encoding="utf-8")
    local = Settings(
        letterhead=Letterhead(municipality="Filby kommun", phone="08-123 456 78"),
        temporary_period_months=2,
        template_folder=str(folder),
    )
    carried = carry_over(db, local)
    assert carried is not None
    assert set(carried.keys) == {
        "letterhead.municipality",
        "letterhead.phone",
        "letterhead.unit",
        "temporary.period_months",
    } - {"letterhead.unit"}
    assert carried.templates == ("temporary_placement",)
    assert "fördes över" in carried.message()
    assert unit_settings(db).letterhead.municipality == "Filby kommun"
    assert unit_settings(db).temporary_period_months == 2
    assert all(c.source == SettingSource.CARRIED_OVER for c in setting_history(db))
    assert template_text(db, "temporary_placement") == (own, 1)
    # Once only: a second PC's file changes nothing, and nobody is told again.
    other = Settings(letterhead=Letterhead(municipality="Annanby kommun"), template_folder="")
    assert carry_over(db, other) is None
    assert unit_settings(db).letterhead.municipality == "Filby kommun"
    with db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(UnitSettingChange)) == 3


def test_cli_show_and_set_and_a_refused_value(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    _me_administrator(db)
    argv = ["--db", _url(db), "admin", "settings"]
    assert main([*argv, "set", "letterhead.municipality", "Cliby kommun"]) == 0
    assert "Sparade letterhead.municipality" in capsys.readouterr().out
    assert main([*argv, "set", "temporary.period_months", "14"]) == 1
    err = capsys.readouterr().err
    assert "från 1 till 12 månader" in err and "Traceback" not in err
    assert main([*argv, "set", "okänd.nyckel", "1"]) == 1
    assert "finns inte" in capsys.readouterr().err
    assert main([*argv, "show"]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("letterhead.municipality"))
    assert "Cliby kommun" in line
    period = next(x for x in out.splitlines() if x.startswith("temporary.period_months"))
    assert " 3 " in period and "(standardvärde)" in period
    with db.sessions() as s:
        stored = {r.key: r.value for r in s.scalars(select(UnitSetting))}
    assert stored == {"letterhead.municipality": "Cliby kommun"}


def test_cli_template_set_show_history(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _me_administrator(db)
    argv = ["--db", _url(db), "admin", "template"]
    own = standard_text("temporary_renewal").replace("# Beslut om", "# Egen: Beslut om", 1)
    file = tmp_path / "mall.txt"
    file.write_text(own, encoding="utf-8")
    assert main([*argv, "set", "temporary_renewal", "--file", str(file)]) == 0
    assert "version 1" in capsys.readouterr().out
    file.write_text(own + "Hyresgästen ska flytta.\n", encoding="utf-8")
    assert main([*argv, "set", "temporary_renewal", "--file", str(file)]) == 1
    assert "hör till hyresrätten" in capsys.readouterr().err
    assert main([*argv, "show", "temporary_renewal"]) == 0
    assert capsys.readouterr().out == own if own.endswith("\n") else own + "\n"
    assert main([*argv, "history", "temporary_renewal"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and lines[1].split()[0] == "1"


def test_the_settings_file_no_longer_decides_the_letterhead(db: Database, tmp_path: Path) -> None:
    # A file written after the unit's settings moved: the database's value wins.
    set_setting(db, "letterhead.municipality", "Databasby kommun", user="admin")
    write_older_settings_file(Settings(letterhead=Letterhead(municipality="Filby kommun")))
    assert effective_settings(db).letterhead.municipality == "Databasby kommun"
    saved = json.loads((tmp_path / "home" / "config" / "settings.json").read_text("utf-8"))
    assert "template_overrides" not in saved


def test_a_template_saved_by_another_administrator_meanwhile_is_not_overwritten(
    db: Database,
) -> None:
    """Two administrators open the same template; the second save is refused, not last-wins."""
    own = standard_text("temporary_placement")
    assert save_template(db, "temporary_placement", own + "\nBodils rad", user="bodil") == 1
    # "admin" began from the standard text, before Bodil's save.
    with pytest.raises(ConflictError) as refused:
        save_template(db, "temporary_placement", own + "\nAdmins rad", user="admin", based_on=None)
    assert "bodil har sparat version 1" in str(refused.value)
    assert "Din text sparades inte" in str(refused.value)
    assert template_text(db, "temporary_placement") == (own + "\nBodils rad", 1)
    # Having read Bodil's version, the save goes through.
    assert save_template(db, "temporary_placement", own + "\nBåda", user="admin", based_on=1) == 2
