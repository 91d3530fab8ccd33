"""In the window: a letter about something past asks first; a user fills in their own details;
a letter without a signing officer says where to fill them in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtPdf import QPdfDocument
from sqlalchemy import update

from bobudget.app.users import own_details
from bobudget.db.engine import Database
from bobudget.db.uow import current_username
from bobudget.model import User
from tests.ui.conftest import MessageBoxes
from tests.ui.test_letter_preview import Demo, build_demo, close_all_previews, save_letterhead
from ui.letters.print_action import open_letter_preview, open_previews
from ui.own_details_dialog import OwnDetailsDialog

AFTER_THE_PERIOD = dt.date(2027, 12, 1)


@pytest.fixture
def demo(sqlite_db: Database) -> Iterator[Demo]:
    save_letterhead()
    yield build_demo(sqlite_db)
    close_all_previews()


def test_a_letter_about_a_period_already_ended_asks_before_it_renders(
    qtbot, demo: Demo, message_boxes: MessageBoxes
) -> None:
    request = demo.renewals[0]
    message_boxes.answer("Avbryt")
    open_letter_preview(
        None, demo.db, request.kind, request.person_id, request.subject_id, today=AFTER_THE_PERIOD
    )
    [question] = message_boxes.shown
    assert "redan har passerat: perioden tog slut" in question.text
    assert set(question.buttons) == {"Skriv ut ändå", "Avbryt"}
    assert open_previews() == []

    message_boxes.answer("Skriv ut ändå")
    open_letter_preview(
        None, demo.db, request.kind, request.person_id, request.subject_id, today=AFTER_THE_PERIOD
    )
    [dialog] = open_previews()
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready)


def test_without_a_signing_officer_the_letter_says_where_to_fill_in_and_the_dialog_saves(
    qtbot, demo: Demo, message_boxes: MessageBoxes
) -> None:
    with demo.db.sessions() as session:
        # The demo names the signed-in user responsible for cases, so the row stays; its name
        # and phone are what a letter signs with.
        session.execute(
            update(User).where(User.username == current_username()).values(full_name="", phone="")
        )
        session.commit()
    request = demo.renewals[0]
    open_letter_preview(None, demo.db, request.kind, request.person_id, request.subject_id)
    assert open_previews() == []
    assert "Arkiv → Mina uppgifter" in message_boxes.texts

    dialog = OwnDetailsDialog(demo.db)
    qtbot.addWidget(dialog)
    dialog.full_name.setText("Tove Ärlig")
    dialog.phone.setText("0522-69 70 77")
    dialog.save()
    assert dialog.saved
    assert (own_details(demo.db).full_name, own_details(demo.db).phone) == (
        "Tove Ärlig",
        "0522-69 70 77",
    )
    open_letter_preview(None, demo.db, request.kind, request.person_id, request.subject_id)
    assert len(open_previews()) == 1
