"""The window keeps working for a role-restricted user on PostgreSQL (a smoke test): a
bostadskonsulent's own login opens every page and a person card, and sees no protected person."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QLabel
from sqlalchemy import text
from sqlalchemy.engine import URL

from bobudget.db.engine import Database
from bobudget.persons.registry import search_persons
from tests.db.pgroles_server import Server, make_server
from tests.ui.conftest import MessageBoxes
from ui.main_window import MainWindow
from ui.navigation import AREAS

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def server(postgres_admin_url: URL) -> Iterator[Server]:
    yield from make_server(postgres_admin_url)


@pytest.fixture
def konsulent(server: Server) -> Iterator[Database]:
    db = server.as_user(server.logins["konsulent"])
    try:
        yield db
    finally:
        db.dispose()


def test_a_konsulent_opens_every_page_and_a_person_card(
    qtbot, server: Server, konsulent: Database, message_boxes: MessageBoxes
) -> None:
    win = MainWindow(konsulent)
    # Not given to qtbot: the test deletes the window itself (below), and qtbot's own close
    # at teardown then met a deleted window whenever its Python side was still alive.
    try:
        win.show()
        qtbot.waitExposed(win)
        texts = [label.text() for label in win.statusBar().findChildren(QLabel)]
        assert f"Användare: {server.logins['konsulent']}" in texts  # the server's login
        for row, area in enumerate(AREAS):
            win.navigation.setCurrentRow(row)
            qtbot.wait(50)
            assert win.stack.currentWidget() is win.pages[area.key]
        persons = win.pages["persons"]
        first = search_persons(konsulent, "a")[0]
        persons.card.show_person(first.id)  # type: ignore[attr-defined]
        qtbot.wait(50)
        assert message_boxes.shown == [], message_boxes.texts
    finally:
        # The window listens for changes: gone now, so a later test's change does not make it
        # read through this login after the module has dropped it.
        win.close()
        win.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_konsulents_search_finds_no_protected_person(
    server: Server, konsulent: Database
) -> None:
    admin = server.admin()
    with admin:
        protected = {
            str(row[0])
            for row in admin.execute(
                "SELECT identity FROM persons WHERE protected_identity"
            ).fetchall()
        }
    assert protected
    with konsulent.engine.connect() as c:
        seen = set(c.execute(text("SELECT identity FROM persons")).scalars())
    assert seen and not (seen & protected)
    assert not {row.identity for row in search_persons(konsulent, "")} & protected
