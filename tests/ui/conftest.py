"""UI tests: real widgets, offscreen, with message boxes answered instead of waiting for a click.

QT_QPA_PLATFORM is set here, before any QApplication exists, so the tests need no display.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass, field

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from sqlalchemy import select

from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork
from bobudget.kernel.identity import demo_identity
from bobudget.model import (
    Contract,
    ContractPeriod,
    Dwelling,
    HouseholdMember,
    TemporaryPlace,
)
from bobudget.persons.registry import PersonInput, create_person
from ui.gc_guard import collect_on_gui_thread
from ui.letters import print_action
from ui.style import apply_style


@dataclass
class ShownBox:
    text: str
    informative: str
    detail: str
    buttons: list[str]


@dataclass
class MessageBoxes:
    """Every message box the code under test showed; `answers` are the buttons to click."""

    shown: list[ShownBox] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)

    def answer(self, *labels: str) -> None:
        self.answers.extend(labels)

    @property
    def texts(self) -> str:
        return "\n".join(f"{b.text}\n{b.informative}" for b in self.shown)


@pytest.fixture(autouse=True)
def no_preview_left_open(qtbot: object) -> Iterator[None]:
    """A preview a test left open must not be counted by the next test that opens one."""
    yield
    # The module taken at import: a test may stand in for it in sys.modules.
    for dialog in print_action.open_previews():
        # A preview may have been deleted together with the page it was opened from.
        with contextlib.suppress(RuntimeError):
            dialog.close()


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> MessageBoxes:
    """QMessageBox.exec answered at once: the next given answer, or else its escape button."""
    boxes = MessageBoxes()

    def fake_exec(box: QMessageBox) -> int:
        buttons = [b.text() for b in box.buttons()]
        boxes.shown.append(ShownBox(box.text(), box.informativeText(), box.detailedText(), buttons))
        wanted = boxes.answers.pop(0) if boxes.answers else None
        for button in box.buttons():
            if wanted is not None and button.text() == wanted:
                button.click()
                return 0
        if wanted is not None:
            raise AssertionError(f"no button {wanted!r} in the message box; it had {buttons}")
        escape = box.escapeButton()
        if escape is not None:
            escape.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return boxes


@pytest.fixture(autouse=True)
def styled_app(qapp: QApplication) -> Iterator[QApplication]:
    apply_style(qapp)
    # As in the program: no collection on a worker thread (ui/gc_guard.py says why).
    collect_on_gui_thread()
    yield qapp


TODAY = dt.date(2026, 11, 27)


def make_person(
    db: Database,
    first: str,
    last: str,
    *,
    birth: dt.date = dt.date(1985, 3, 12),
    serial: int = 0,
    protected: bool = False,
    address: str = "Storgatan 4",
    city: str = "Sjövik",
) -> int:
    identity = demo_identity(birth, serial).display
    return create_person(
        db,
        PersonInput(
            identity,
            first,
            last,
            address=address,
            postal_code="734 30",
            city=city,
            protected=protected,
        ),
        user="testare",
        today=TODAY,
    )


def add_contracts(db: Database, person_id: int) -> None:
    """A social contract at a dwelling and a temporary placement renewed once."""
    with UnitOfWork(db, "testare") as uow:
        s = uow.session
        household_id = s.scalar(
            select(HouseholdMember.household_id).where(HouseholdMember.person_id == person_id)
        )
        dwelling = Dwelling(address="Kvarngatan 7", postal_code="734 31", city="Sjövik")
        place = TemporaryPlace(name="Vandrarhemmet Sjöviken", kind="hostel")
        s.add_all([dwelling, place])
        s.flush()
        social = Contract(
            kind="social",
            person_id=person_id,
            household_id=household_id,
            dwelling_id=dwelling.id,
            start_date=dt.date(2026, 3, 1),
            monthly_rent_ore=712350,
        )
        temporary = Contract(
            kind="temporary",
            person_id=person_id,
            household_id=household_id,
            temporary_place_id=place.id,
            start_date=dt.date(2025, 11, 15),
            end_date=dt.date(2026, 2, 28),
        )
        s.add_all([social, temporary])
        s.flush()
        s.add_all(
            [
                ContractPeriod(
                    contract_id=temporary.id,
                    sequence=1,
                    start_date=dt.date(2025, 11, 15),
                    end_date=dt.date(2026, 2, 15),
                    outcome="renewed",
                ),
                ContractPeriod(
                    contract_id=temporary.id,
                    sequence=2,
                    start_date=dt.date(2026, 2, 15),
                    end_date=dt.date(2026, 5, 15),
                ),
            ]
        )
        uow.commit()


@dataclass(frozen=True)
class People:
    """A few persons every screen test can look for."""

    oberg: int  # Karin Öberg: a social contract and a renewed temporary placement
    protected: int  # Elsa Lindqvist: skyddade personuppgifter, address Hemliga vägen 1
    plain: int  # Anna Andersson: nothing but her name and address


@pytest.fixture
def people(sqlite_db: Database) -> People:
    oberg = make_person(sqlite_db, "Karin", "Öberg", serial=1)
    add_contracts(sqlite_db, oberg)
    protected = make_person(
        sqlite_db,
        "Elsa",
        "Lindqvist",
        birth=dt.date(1992, 5, 5),
        serial=6,
        protected=True,
        address="Hemliga vägen 1",
        city="Hemby",
    )
    plain = make_person(sqlite_db, "Anna", "Andersson", birth=dt.date(1960, 1, 2), serial=2)
    return People(oberg=oberg, protected=protected, plain=plain)


@pytest.fixture
def person_factory(sqlite_db: Database):
    def make(first: str, last: str, **kwargs: object) -> int:
        return make_person(sqlite_db, first, last, **kwargs)

    return make


def type_text(widget: QWidget, text: str) -> None:
    """Type as a person does, key by key; QTest's keyClicks cannot type å, ä, ö."""
    for char in text:
        key = ord(char.upper()) if char.isascii() else 0
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char)
            )


@pytest.fixture
def typist():
    return type_text
