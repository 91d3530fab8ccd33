"""The Brev page, the person card's Brev section, Ctrl+P and the letter settings."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QFileDialog, QPushButton

from bobudget.app.letters import (
    letters_for_person,
    list_letters,
    logged_pdf,
    record_letter,
    render_letter,
    renewal_requests_due,
)
from bobudget.app.users import set_own_details
from bobudget.db.engine import Database
from bobudget.kernel.config import load_settings, save_settings
from bobudget.letters.kinds import KINDS
from bobudget.placement.renewal_letters import RenewalLetters
from tests.db.test_letters import with_unit_text
from tests.ui.conftest import TODAY, MessageBoxes
from tests.ui.test_letter_preview import Demo, build_demo, close_all_previews, save_letterhead
from ui.letters.print_action import open_previews
from ui.pages import letters as letters_module
from ui.pages.letters import LOADING_TEXT, LettersPage
from ui.persons.card import PersonCardView
from ui.settings_dialog import SettingsDialog


@pytest.fixture
def demo(sqlite_db: Database) -> Iterator[Demo]:
    save_letterhead()
    yield build_demo(sqlite_db)
    close_all_previews()


@pytest.fixture
def page(qtbot, demo: Demo) -> LettersPage:
    return shown_page(qtbot, demo)


def shown_page(qtbot, demo: Demo) -> LettersPage:
    """The Brev page shown, the letters due read."""
    widget = LettersPage(demo.db, today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1100, 900)
    widget.show()
    qtbot.waitExposed(widget)
    wait_for_renewals(qtbot, widget)
    return widget


def wait_for_renewals(qtbot, page: LettersPage) -> None:
    """The letters due are read in the background: wait until the newest read is shown."""
    qtbot.waitUntil(lambda: not page.loading and bool(page.renewals_label.text()), timeout=30000)


def table_rows(table) -> list[list[str]]:
    if not hasattr(table, "item"):  # the renewals: a lazily read table model
        table.model().fetch_all()
        return table.model().texts()
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_the_page_lists_the_renewal_letters_due_this_week(
    qtbot, page: LettersPage, demo: Demo
) -> None:
    assert page.days.value() == 7
    due = renewal_requests_due(demo.db, on=TODAY, within_days=7)
    assert page.requests == due
    assert page.renewals_model.total == len(due)
    assert f"{len(due)} brev" in page.renewals_label.text()
    # The protected person is named, and marked, but where they live is not shown.
    assert any("skyddade personuppgifter" in row[0] for row in table_rows(page.renewals_table))
    assert page.print_renewals_button.isEnabled()

    page.days.setValue(0)
    wait_for_renewals(qtbot, page)
    assert page.requests == renewal_requests_due(demo.db, on=TODAY, within_days=0)


def test_the_page_shows_at_once_says_it_is_reading_and_ignores_an_overtaken_read(
    qtbot, demo: Demo, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    # The first read (this week) is held back until the test lets it go, and then finds
    # nothing due: were it shown, the list would empty.
    release = threading.Event()
    first = threading.Event()
    request.addfinalizer(release.set)  # never leave a worker waiting
    real = letters_module.renewal_letters_due

    def held_back(
        db: Database, *, on: dt.date, within_days: int, record_shown: bool = True
    ) -> RenewalLetters:
        if not first.is_set():
            first.set()
            assert release.wait(30)
            return RenewalLetters(requests=[])
        return real(db, on=on, within_days=within_days, record_shown=record_shown)

    monkeypatch.setattr(letters_module, "renewal_letters_due", held_back)
    page = LettersPage(demo.db, today=TODAY)
    qtbot.addWidget(page)
    page.resize(1100, 900)
    page.show()
    qtbot.waitExposed(page)
    # Shown while the read is still running: it says so, and there is nothing to print yet.
    assert first.wait(30) and page.loading
    assert page.renewals_label.text() == LOADING_TEXT
    assert not page.print_renewals_button.isEnabled()
    assert page.requests == [] and page.renewals_model.rowCount() == 0

    # Today only, chosen while the first read runs: that read is shown, the first is not.
    page.days.setValue(0)
    wait_for_renewals(qtbot, page)
    today_only = renewal_requests_due(demo.db, on=TODAY, within_days=0)
    assert today_only and page.requests == today_only
    shown_text = page.renewals_label.text()
    assert shown_text.startswith(f"{len(today_only)} brev") and "i dag" in shown_text
    release.set()
    qtbot.waitUntil(lambda: not letters_module._running, timeout=30000)
    qtbot.wait(50)  # the overtaken result, delivered to the page, is dropped
    assert page.requests == today_only
    assert page.renewals_label.text() == shown_text
    assert page.renewals_model.total == len(today_only)
    assert page.print_renewals_button.isEnabled()


def test_the_page_lists_every_letter_kind_and_where_its_template_comes_from(
    page: LettersPage, demo: Demo, tmp_path: Path
) -> None:
    rows = table_rows(page.kinds_table)
    assert [row[0] for row in rows] == [kind.name for kind in KINDS.values()]
    assert all(row[2] for row in rows), "each kind says what it is for"
    assert {row[3] for row in rows} == {"standard"}
    assert "Standardmallarna används" in page.template_label.text()

    with_unit_text(demo.db, "temporary_end", "# Avslut\n\nHej {förnamn}.\n")
    # A template folder in this PC's file no longer decides anything (issue 13).
    folder = tmp_path / "egna mallar"
    folder.mkdir()
    (folder / "temporary_renewal.txt").write_text("# Egen\n\nHej {förnamn}.\n", encoding="utf-8")
    settings = load_settings()
    settings.template_folder = str(folder)
    save_settings(settings)
    page.refresh()
    origins = {row[0]: row[3] for row in table_rows(page.kinds_table)}
    assert origins[KINDS["temporary_end"].name] == "enhetens v1"
    assert origins[KINDS["temporary_renewal"].name] == "standard"
    assert str(folder) not in page.template_label.text()


def test_printing_the_renewals_from_the_page_runs_the_batch_and_logs_when_saved(
    qtbot,
    page: LettersPage,
    demo: Demo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    message_boxes.answer("Fortsätt")  # one of them has protected personal data
    count = len(page.requests)
    page.print_renewals_button.click()
    dialog = page.batch_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: page.batch_dialog is None, timeout=120_000)
    [preview] = open_previews()
    qtbot.waitUntil(lambda: preview.document.status() == QPdfDocument.Status.Ready)
    target = tmp_path / "förlängningsbrev.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    preview.save_button.click()
    assert target.is_file()
    for request in demo.renewals:
        assert [e.kind for e in list_letters(demo.db, request.person_id)] == ["temporary_renewal"]
    # Sent letters are no longer due: the page reads the list again.
    qtbot.waitUntil(lambda: page.requests == [])
    assert count == len(demo.renewals)
    assert "Inga förlängningsbrev" in page.renewals_label.text()


# --- the person card --------------------------------------------------------------------


@pytest.fixture
def card(qtbot, demo: Demo) -> PersonCardView:
    view = PersonCardView(demo.db)
    qtbot.addWidget(view)
    view.resize(900, 1000)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_the_card_lists_the_letters_sent_and_shows_each_exactly_as_sent(
    qtbot, card: PersonCardView, demo: Demo, message_boxes: MessageBoxes
) -> None:
    request = demo.renewals[0]
    section = card.letters_section
    card.show_person(request.person_id)
    assert section.table.rowCount() == 0 and section.empty_label.isVisibleTo(card)

    settings = load_settings()
    for user, name in (("anna", "Anna Ärlig"), ("bertil", "Bertil Öst")):
        set_own_details(demo.db, full_name=name, phone="010-123 45 67", user=user)
    first = render_letter(demo.db, settings, request, user="anna", today=TODAY)
    first_id = record_letter(demo.db, first, user="anna")
    # Sent again a little later by a colleague (as the handling officer, with her name on it).
    second = render_letter(demo.db, settings, request, user="bertil", today=TODAY)
    record_letter(demo.db, second, user="bertil")
    card.show_person(request.person_id)

    rows = section.rows()
    assert [row[0] for row in rows] == [KINDS["temporary_renewal"].name] * 2
    assert [row[2] for row in rows] == ["bertil", "anna"], "newest first"
    assert all(row[1] for row in rows)
    assert KINDS["temporary_renewal"].name in card.visible_text()

    show = section.table.cellWidget(1, 3)
    assert isinstance(show, QPushButton) and show.text() == "Visa"
    show.click()
    [shown] = open_previews()
    qtbot.waitUntil(lambda: shown.document.status() == QPdfDocument.Status.Ready)
    assert shown.pdf == first.pdf == logged_pdf(demo.db, first_id) != second.pdf
    assert hashlib.sha256(shown.pdf).hexdigest() == first.sha256
    assert shown.document.pageCount() == first.pages
    assert len(list_letters(demo.db, request.person_id)) == 2
    assert not message_boxes.shown


def test_skriv_brev_offers_the_kinds_with_reasons_for_those_not_possible(
    qtbot, card: PersonCardView, demo: Demo, message_boxes: MessageBoxes
) -> None:
    request = demo.renewals[0]
    card.show_person(request.person_id)
    menu = card.letters_section.letter_menu()
    assert menu is not None
    actions = {a.text(): a for a in menu.actions()}
    choices = letters_for_person(demo.db, load_settings(), request.person_id).kinds
    assert list(actions) == [c.name for c in choices]
    for choice in choices:
        action = actions[choice.name]
        assert action.isEnabled() == choice.available
        assert (action.toolTip() == choice.reason) if not choice.available else True
    assert actions[KINDS["temporary_renewal"].name].isEnabled()

    card.letters_section.write("temporary_renewal")
    [preview] = open_previews()
    qtbot.waitUntil(lambda: preview.document.status() == QPdfDocument.Status.Ready)
    assert preview.document.pageCount() >= 1


def test_a_letter_saved_from_the_card_appears_in_its_brev_section(
    qtbot,
    card: PersonCardView,
    demo: Demo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    request = demo.renewals[0]
    card.show_person(request.person_id)
    card.letters_section.write("temporary_renewal")
    [preview] = open_previews()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "brev.pdf"), "")
    )
    preview.save_button.click()
    # The card hears that a letter was logged and reads its list again.
    qtbot.waitUntil(lambda: card.letters_section.table.rowCount() == 1)
    assert card.letters_section.rows()[0][0] == KINDS["temporary_renewal"].name


# --- the window and the settings ----------------------------------------------------------


def test_the_window_has_the_brev_page_and_ctrl_p_offers_the_persons_letters(
    qtbot, demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.main_window import MainWindow

    window = MainWindow(demo.db)
    qtbot.addWidget(window)
    assert isinstance(window.pages["letters"], LettersPage)
    assert window.print_action.shortcut().toString() == "Ctrl+P"

    chosen: list[int | None] = []
    section = window.persons_page.card.letters_section
    monkeypatch.setattr(section, "choose_letter", lambda: chosen.append(section.person_id))
    window.show_area("persons")
    window.persons_page.card.show_person(demo.renewals[0].person_id)
    window.print_action.trigger()
    assert chosen == [demo.renewals[0].person_id]

    started: list[bool] = []
    letters = window.pages["letters"]
    monkeypatch.setattr(letters, "print_renewals", lambda: started.append(True))
    window.show_area("letters")
    window.print_action.trigger()
    assert started == [True]


def test_the_settings_dialog_no_longer_holds_the_unit_s_letterhead_or_templates(qtbot) -> None:
    # The letterhead (a PNG or JPEG logo only) and the templates moved to Administration.
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    assert not hasattr(dialog, "template_folder") and not hasattr(dialog, "logo_path")


def test_opening_the_brev_page_imports_no_reportlab() -> None:
    # ReportLab comes with the first letter printed, not with the page's first show.
    done = subprocess.run(
        [sys.executable, "-c", "import sys, ui.pages.letters; print('reportlab' in sys.modules)"],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=180,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "False"


def test_the_page_logs_the_renewal_rows_as_it_shows_them_not_every_letter_due(
    qtbot, demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import select

    from bobudget.model import AccessLog

    def logged(after: int = 0) -> list[tuple[int | None, str]]:
        with demo.db.sessions() as s:
            rows = s.scalars(select(AccessLog).where(AccessLog.id > after).order_by(AccessLog.id))
            return [(r.person_id, r.detail) for r in rows]

    with demo.db.sessions() as s:
        before = max([0, *s.scalars(select(AccessLog.id))])
    monkeypatch.setattr(letters_module, "RENEWALS_PAGE", 1)
    widget = shown_page(qtbot, demo)
    assert len(widget.requests) >= 2
    # Each person logged as the row the view read (a page of one row at a time here), with
    # where it stands in the list; nobody due but not yet listed.
    qtbot.wait(50)
    shown = widget.renewals_model.rows()
    assert logged(before) == [
        (row.person_id, f"förlängningsbrev, från rad {n + 1}") for n, row in enumerate(shown)
    ]
