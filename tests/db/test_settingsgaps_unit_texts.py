"""Issue 13 point 1: after the carry-over, the per-user file never decides what a letter says.

On SQLite and PostgreSQL: the appeal part and the payers list come from the database (else
the built-in text), never from a template folder; the letter log records the appeal part's
version too; the user's file keeps only the connection; two administrators saving the same
setting at once: the second is refused and told who saved first.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bobudget.app.letters import LetterRequest, list_letters, produce_letter
from bobudget.db.engine import Database
from bobudget.db.settings_in_use import effective_settings
from bobudget.db.unit_settings import set_setting, set_settings, unit_settings
from bobudget.funds.payers import load_payers
from bobudget.kernel.config import Letterhead, Settings, load_settings, save_settings
from bobudget.kernel.errors import ConflictError, ValidationError
from bobudget.letters.parts import APPEAL_PART_NAME
from bobudget.letters.payers import PAYERS_NAME
from bobudget.letters.unit_templates import carry_over, save_template, standard_text
from bobudget.model import User
from bobudget.model.vocab import UserRole
from tests.conftest import write_older_settings_file
from tests.db.test_letters import SETTINGS, TODAY, Home, add_officers, add_person, pdf_text

OWN_APPEAL = "Överklaga till {kommun} inom tre veckor, skriv till oss.\n"
OWN_PAYERS = "pension | Pensionsmyndigheten | Box 99 | 999 99 Egenstad\n"


@pytest.fixture(autouse=True)
def administrators(db: Database) -> None:
    with db.sessions() as s:
        for username in ("admin", "bodil"):
            s.add(User(username=username, full_name=username, role=UserRole.ADMINISTRATOR))
        s.commit()


@pytest.fixture
def home(db: Database) -> Home:
    add_officers(db)
    return add_person(
        db, serial=1, first="Åsa", last="Öberg", town="Sjövik", code="734 31", protected=False
    )


def _folder(tmp_path: Path) -> Path:
    """An older PC's template folder, with its own appeal part and payers list."""
    folder = tmp_path / "mallar"
    (folder / "delar").mkdir(parents=True)
    (folder / "delar" / "overklagande.txt").write_text("Mappens överklagande.\n", "utf-8")
    (folder / "payers.txt").write_text("pension | Mappens utbetalare | Box 1 | 1\n", "utf-8")
    return folder


def _placement(db: Database, home: Home, settings: Settings) -> str:
    letter = produce_letter(
        db,
        settings,
        LetterRequest("temporary_placement", home.person_id),
        user="anna",
        today=TODAY,
        deliver=lambda _pdf: None,
    )
    return pdf_text(letter.pdf)


def test_a_template_folder_in_the_file_decides_no_letter_the_database_does(
    db: Database, home: Home, tmp_path: Path
) -> None:
    folder = str(_folder(tmp_path))
    local = Settings(letterhead=SETTINGS.letterhead, template_folder=folder)
    # The database has no text of the unit: the built-in appeal part and payers, not the folder.
    text = _placement(db, home, effective_settings(db, local))
    assert "Mappens överklagande" not in text
    assert load_payers(effective_settings(db, local))["pension"].name == "Pensionsmyndigheten"
    # The unit's own texts, saved by an administrator, print on every PC.
    save_template(db, APPEAL_PART_NAME, OWN_APPEAL, user="admin")
    save_template(db, PAYERS_NAME, OWN_PAYERS, user="admin")
    settings = effective_settings(db, local)
    assert "Överklaga till Exempelby kommun inom tre veckor" in _placement(db, home, settings)
    assert load_payers(settings)["pension"].address == ("Box 99", "999 99 Egenstad")


def test_the_carry_over_copies_the_folders_appeal_part_and_payers_once(
    db: Database, tmp_path: Path
) -> None:
    carried = carry_over(db, Settings(template_folder=str(_folder(tmp_path))))
    assert carried is not None
    assert set(carried.templates) == {APPEAL_PART_NAME, PAYERS_NAME}
    assert load_payers(effective_settings(db))["pension"].name == "Mappens utbetalare"


def test_a_payers_list_with_a_bad_line_is_refused_and_not_saved(db: Database) -> None:
    with pytest.raises(ValidationError, match=r"payers.txt \(enhetens mall\), rad 1"):
        save_template(db, PAYERS_NAME, "pension | Pensionsmyndigheten\n", user="admin")
    assert PAYERS_NAME not in effective_settings(db).template_overrides


def test_the_letter_log_records_the_appeal_parts_version_too(db: Database, home: Home) -> None:
    save_template(db, "temporary_placement", standard_text("temporary_placement"), user="admin")
    _placement(db, home, effective_settings(db, SETTINGS))
    save_template(db, APPEAL_PART_NAME, OWN_APPEAL, user="admin")
    save_template(db, APPEAL_PART_NAME, OWN_APPEAL + "%% v2\n", user="admin")
    _placement(db, home, effective_settings(db, SETTINGS))
    newest, first = list_letters(db, home.person_id)
    assert "överklagande" not in first.template_version
    assert newest.template_version.startswith("temporary_placement.txt (enhetens v1) ")
    assert newest.template_version.endswith(" + överklagande (enhetens v2)")
    assert len(newest.template_version) <= 80


def test_the_users_file_keeps_only_the_connection(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    settings = Settings(letterhead=Letterhead(municipality="Filby kommun"), template_folder="/m")
    settings.temporary_period_months = 2
    save_settings(settings, path)
    assert set(json.loads(path.read_text("utf-8"))) == {"database"}
    # An older file's unit part is kept as found until the carry-over has read it.
    write_older_settings_file(settings)
    mine = load_settings()
    mine.database.path = str(tmp_path / "enheten.db")
    save_settings(mine)
    again = load_settings()
    assert again.database.path == str(tmp_path / "enheten.db")
    assert again.letterhead.municipality == "Filby kommun" and again.template_folder == "/m"
    assert carry_over(db, again) is not None
    assert unit_settings(db).letterhead.municipality == "Filby kommun"


def test_two_administrators_saving_the_same_setting_the_second_is_refused(db: Database) -> None:
    set_setting(db, "letterhead.municipality", "Startby kommun", user="admin")
    # Both read the form; Bodil saves first.
    read = {"letterhead.municipality": "Startby kommun", "letterhead.phone": ""}
    set_settings(db, {"letterhead.municipality": "Bodils kommun"}, expected=read, user="bodil")
    with pytest.raises(ConflictError) as refused:
        set_settings(
            db,
            {"letterhead.municipality": "Adas kommun", "letterhead.phone": "08-123 456 78"},
            expected=read,
            user="admin",
        )
    assert refused.value.changed_by == "bodil" and "bodil" in str(refused.value)
    letterhead = unit_settings(db).letterhead
    assert letterhead.municipality == "Bodils kommun" and letterhead.phone == ""
    # A setting Bodil did not change is saved from the same form.
    set_settings(db, {"letterhead.phone": "08-123 456 78"}, expected=read, user="admin")
    assert unit_settings(db).letterhead.phone == "08-123 456 78"
