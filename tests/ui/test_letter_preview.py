"""The letter preview: the actual PDF shown, saved and printed, logged once; protected warning."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select, update

import ui.letters.print_action as letter_preview
from bobudget.app.letters import (
    LetterRequest,
    letters_for_person,
    list_letters,
    logged_pdf,
    renewal_requests_due,
)
from bobudget.db.engine import Database
from bobudget.demo.generate import fill_demo
from bobudget.kernel.config import Letterhead, Settings, load_settings
from bobudget.model import Person
from tests.conftest import write_older_settings_file
from tests.ui.conftest import TODAY, MessageBoxes
from ui.letters.preview import PdfPreviewDialog
from ui.letters.print_action import open_letter_preview, open_previews, show_logged_letter

LETTERHEAD = Letterhead(
    municipality="Exempelby kommun",
    administration="Socialförvaltningen",
    unit="Bo- och budgetenheten",
    postal_address="Box 1, 111 11 Exempelby",
    phone="010-123 45 67",
    email="bbe@exempelby.example",
    forwarding_address="Skatteverket\nFörmedlingsuppdrag\nBox 2820\n403 20 Göteborg",
)


def save_letterhead() -> Letterhead:
    """The unit's letterhead in the (temporary) settings the window reads."""
    write_older_settings_file(Settings(letterhead=LETTERHEAD))
    return LETTERHEAD


@pytest.fixture(autouse=True)
def letterhead() -> Letterhead:
    return save_letterhead()


@dataclass(frozen=True)
class Demo:
    db: Database
    renewals: list[LetterRequest]  # the renewal letters due this week
    protected: int  # a person with skyddade personuppgifter
    protected_kind: str  # a letter that person can get
    lacking: tuple[int, str]  # a person and a letter kind their data does not allow


@pytest.fixture
def demo(sqlite_db: Database, letterhead: Letterhead) -> Demo:
    return build_demo(sqlite_db)


def build_demo(sqlite_db: Database) -> Demo:
    """Demo households with renewal letters due this week, one of them at a protected address."""
    fill_demo(sqlite_db, 60, seed=1, today=TODAY)
    renewals = renewal_requests_due(sqlite_db, on=TODAY, within_days=7)
    assert renewals, "the demo data has renewal letters due"
    assert len(renewals) >= 2
    # The last of them lives at a protected address: their letters go through Skatteverket.
    # The others do not, whatever the demo drew for them.
    protected = renewals[-1].person_id
    with sqlite_db.sessions() as session:
        session.execute(
            update(Person)
            .where(Person.id.in_([r.person_id for r in renewals]))
            .values(protected_identity=False)
        )
        session.execute(
            update(Person).where(Person.id == protected).values(protected_identity=True)
        )
        session.commit()
        ordinary_ids = session.scalars(
            select(Person.id).where(~Person.protected_identity).order_by(Person.id)
        ).all()
    settings = load_settings()
    lacking = next(
        (person_id, choice.kind)
        for person_id in ordinary_ids
        for choice in letters_for_person(sqlite_db, settings, person_id, today=TODAY).kinds
        if not choice.available
    )
    return Demo(sqlite_db, renewals, protected, "temporary_renewal", lacking)


def close_all_previews() -> None:
    for dialog in open_previews():
        dialog.close()


@pytest.fixture(autouse=True)
def close_previews():
    yield
    close_all_previews()


def preview(qtbot, demo: Demo, request: LetterRequest) -> PdfPreviewDialog:
    before = open_previews()
    open_letter_preview(
        None, demo.db, request.kind, request.person_id, request.subject_id, today=TODAY
    )
    new = [d for d in open_previews() if d not in before]
    assert len(new) == 1, "no preview opened"
    qtbot.waitUntil(lambda: new[0].document.status() == QPdfDocument.Status.Ready)
    return new[0]


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def test_the_preview_shows_the_rendered_pdf_and_logs_nothing_yet(
    qtbot, demo: Demo, message_boxes: MessageBoxes
) -> None:
    request = demo.renewals[0]
    dialog = preview(qtbot, demo, request)
    assert dialog.isVisible()
    assert dialog.view.document() is dialog.document
    pages = dialog.document.pageCount()
    assert pages == page_count(dialog.pdf) >= 1
    assert dialog.pages_label.text() in (f"{pages} sida", f"{pages} sidor")
    assert "förlängning" in dialog.windowTitle().lower()
    assert not message_boxes.shown
    # Looking at a letter is not sending it.
    assert list_letters(demo.db, request.person_id) == []


def test_save_as_pdf_writes_the_exact_letter_and_logs_it_once(
    qtbot, demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, message_boxes: MessageBoxes
) -> None:
    request = demo.renewals[0]
    dialog = preview(qtbot, demo, request)
    target = tmp_path / "förlängning"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "PDF-filer (*.pdf)")
    )
    dialog.save_button.click()
    saved = target.with_name("förlängning.pdf")
    assert saved.is_file()
    entries = list_letters(demo.db, request.person_id)
    assert len(entries) == 1
    assert entries[0].kind == "temporary_renewal"
    assert entries[0].contract_id == request.subject_id
    assert hashlib.sha256(saved.read_bytes()).hexdigest() == entries[0].sha256
    assert logged_pdf(demo.db, entries[0].id) == saved.read_bytes()
    assert "brevloggen" in dialog.status_label.text()

    # Saving the same letter again (or printing it) is the same letter: no second entry.
    dialog.save_button.click()
    assert len(list_letters(demo.db, request.person_id)) == 1
    assert not message_boxes.shown


def test_printing_draws_every_page_and_logs_the_letter(
    qtbot, demo: Demo, tmp_path: Path, message_boxes: MessageBoxes
) -> None:
    request = demo.renewals[0]
    dialog = preview(qtbot, demo, request)
    out = tmp_path / "utskrift.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    assert dialog.print_to(printer)
    assert out.is_file()
    assert page_count(out.read_bytes()) == dialog.document.pageCount()
    entries = list_letters(demo.db, request.person_id)
    assert len(entries) == 1
    assert entries[0].sha256 == hashlib.sha256(dialog.pdf).hexdigest()
    assert not message_boxes.shown


def test_a_protected_person_is_warned_about_before_anything_is_rendered(
    qtbot, demo: Demo, monkeypatch: pytest.MonkeyPatch, message_boxes: MessageBoxes
) -> None:
    rendered: list[int] = []
    real_render = letter_preview.render_letter

    def spy(*args: object, **kwargs: object):
        # The warning was answered before the letter was made.
        rendered.append(len(message_boxes.shown))
        return real_render(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(letter_preview, "render_letter", spy)
    request = LetterRequest(demo.protected_kind, demo.protected, demo.renewals[-1].subject_id)

    message_boxes.answer("Avbryt")
    open_letter_preview(
        None, demo.db, request.kind, request.person_id, request.subject_id, today=TODAY
    )
    assert len(message_boxes.shown) == 1
    warning = message_boxes.shown[0]
    assert "skyddade personuppgifter" in warning.text
    assert "Skatteverkets vidarebefordringstjänst" in warning.text
    assert set(warning.buttons) == {"Avbryt", "Fortsätt"}
    assert rendered == [] and open_previews() == []

    message_boxes.answer("Fortsätt")
    dialog = preview(qtbot, demo, request)
    assert rendered == [2]
    assert dialog.protected_label.isVisible()
    assert "skyddade personuppgifter" in dialog.protected_label.text()


def test_a_letter_the_data_does_not_allow_says_why_and_opens_nothing(
    qtbot, demo: Demo, message_boxes: MessageBoxes
) -> None:
    person_id, kind = demo.lacking
    open_letter_preview(None, demo.db, kind, person_id, today=TODAY)
    assert open_previews() == []
    assert len(message_boxes.shown) == 1
    reason = next(
        c.reason
        for c in letters_for_person(demo.db, load_settings(), person_id, today=TODAY).kinds
        if c.kind == kind
    )
    assert message_boxes.shown[0].text == reason
    assert "Traceback" not in message_boxes.texts


def test_a_logged_letter_is_shown_exactly_as_sent_without_a_new_entry(
    qtbot, demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, message_boxes: MessageBoxes
) -> None:
    request = demo.renewals[0]
    dialog = preview(qtbot, demo, request)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "a.pdf"), "")
    )
    dialog.save_button.click()
    dialog.close()
    [entry] = list_letters(demo.db, request.person_id)

    show_logged_letter(None, demo.db, entry.id, entry.kind_name)
    [again] = open_previews()
    qtbot.waitUntil(lambda: again.document.status() == QPdfDocument.Status.Ready)
    assert hashlib.sha256(again.pdf).hexdigest() == entry.sha256
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "b.pdf"), "")
    )
    again.save_button.click()
    assert (tmp_path / "b.pdf").read_bytes() == (tmp_path / "a.pdf").read_bytes()
    assert len(list_letters(demo.db, request.person_id)) == 1


def test_a_preview_closed_with_the_page_it_belonged_to_is_no_longer_listed_as_open(
    qtbot,
) -> None:
    from PySide6.QtWidgets import QWidget

    from ui.letters.preview import keep_open

    page = QWidget()
    dialog = PdfPreviewDialog(b"%PDF-1.4\n", "Brev", record=None, parent=page)
    keep_open(dialog)
    assert open_previews() == [dialog]
    # The page goes (the window closing) and its preview with it, without finishing.
    page.deleteLater()
    qtbot.waitUntil(lambda: not open_previews())
