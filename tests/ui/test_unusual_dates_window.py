"""Back-dated and future actions in the window: what a rule forbids is refused under its field
with the reason (no question); what is only unusual is asked about with the reason, and saved
only when the user says it is right."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from bobudget.db.engine import Database
from bobudget.follow_up.follow_ups import get_follow_up, open_follow_up
from bobudget.model import Contract
from bobudget.placement.temporary_list import get_placement
from tests.ui.conftest import TODAY, MessageBoxes, People
from ui.follow_up.meetings_tab import RecordDialog
from ui.kit import Dialog
from ui.kit.confirm import BACK, QUESTION, SAVE_ANYWAY
from ui.placement.contract_dialogs import EndContractDialog
from ui.placement.temporary_dialogs import EndPlacementDialog

_PARENTS: list[QWidget] = []


def contract_of(db: Database, person_id: int, kind: str) -> int:
    with db.sessions() as session:
        return session.scalars(
            select(Contract.id).where(Contract.person_id == person_id, Contract.kind == kind)
        ).one()


def follow_up_dialog(qtbot, db: Database, people: People) -> RecordDialog:
    follow_up_id = open_follow_up(db, contract_of(db, people.oberg, "social"), user="testare")
    _PARENTS.append(QWidget())
    dialog = RecordDialog(db, get_follow_up(db, follow_up_id), lambda: TODAY, _PARENTS[-1])
    qtbot.addWidget(dialog)
    dialog.participants.setText("Hyresgästen, handledaren")
    return dialog


def line(dialog: Dialog, field: QWidget) -> str:
    row = dialog.rows.row_of(field)
    assert row is not None
    return dialog.rows.lines[row].text().strip()


def test_a_meeting_closed_with_a_future_date_is_refused_and_says_so(
    qtbot, sqlite_db: Database, people: People, message_boxes: MessageBoxes
) -> None:
    dialog = follow_up_dialog(qtbot, sqlite_db, people)
    dialog.held.setText("2026-12-03")
    dialog.save()
    assert not dialog.saved
    assert line(dialog, dialog.held).startswith(
        "Mötet kan inte registreras som hållet 2026-12-03: den dagen ligger i framtiden"
    )
    assert not message_boxes.shown  # forbidden: nothing to confirm
    assert get_follow_up(sqlite_db, dialog._row.id).held_date is None


def test_a_meeting_recorded_months_later_is_asked_about_and_kept_only_if_confirmed(
    qtbot, sqlite_db: Database, people: People, message_boxes: MessageBoxes
) -> None:
    dialog = follow_up_dialog(qtbot, sqlite_db, people)
    dialog.held.setText("2026-08-01")
    message_boxes.answer(BACK)
    dialog.save()
    assert not dialog.saved
    (asked,) = message_boxes.shown
    assert asked.text == QUESTION
    assert "Mötesdagen 2026-08-01 ligger 4 månader bakåt i tiden" in asked.informative
    assert asked.buttons == [SAVE_ANYWAY, BACK]
    assert "Ingenting sparades" in dialog.error_label.text()
    assert get_follow_up(sqlite_db, dialog._row.id).held_date is None

    message_boxes.answer(SAVE_ANYWAY)
    dialog.save()
    assert dialog.saved, dialog.error_label.text()
    assert get_follow_up(sqlite_db, dialog._row.id).held_date == dt.date(2026, 8, 1)


def test_ending_a_placement_on_a_day_already_past_asks_first(
    qtbot, sqlite_db: Database, people: People, message_boxes: MessageBoxes
) -> None:
    contract_id = contract_of(sqlite_db, people.oberg, "temporary")
    with sqlite_db.sessions() as session:  # still running: its second period ends 2026-05-15
        session.get_one(Contract, contract_id).end_date = None
        session.commit()
    day = dt.date(2026, 5, 1)
    dialog = EndPlacementDialog(sqlite_db, lambda: day, get_placement(sqlite_db, contract_id, day))
    qtbot.addWidget(dialog)
    dialog.date.setText("2026-04-01")
    dialog.reason.setPlainText("Fått egen bostad")
    message_boxes.answer(SAVE_ANYWAY)
    dialog.save()
    (asked,) = message_boxes.shown
    assert "Slutdatumet 2026-04-01 har redan passerat (30 dagar sedan)" in asked.informative
    assert dialog.saved, dialog.error_label.text()
    with sqlite_db.sessions() as session:
        assert session.get_one(Contract, contract_id).end_date == dt.date(2026, 4, 1)


def test_ending_a_contract_today_asks_nothing_a_past_day_asks_and_going_back_saves_nothing(
    qtbot, sqlite_db: Database, people: People, message_boxes: MessageBoxes
) -> None:
    contract_id = contract_of(sqlite_db, people.oberg, "social")
    with sqlite_db.sessions() as session:
        version = session.get_one(Contract, contract_id).version
    dialog = EndContractDialog(
        sqlite_db, lambda: TODAY, contract_id, version, "Kontraktet på Kvarngatan 7"
    )
    qtbot.addWidget(dialog)
    dialog.reason.setPlainText("Hyresgästen har sagt upp")
    dialog.date.setText("2026-11-01")
    dialog.save()  # the fixture answers with the escape button: back to the form
    assert not dialog.saved
    assert "Slutdatumet 2026-11-01 har redan passerat" in message_boxes.shown[0].informative
    with sqlite_db.sessions() as session:
        assert session.get_one(Contract, contract_id).end_date is None

    dialog.date.setText(TODAY.isoformat())
    dialog.save()
    assert dialog.saved, dialog.error_label.text()
    assert len(message_boxes.shown) == 1  # today is nothing to ask about
