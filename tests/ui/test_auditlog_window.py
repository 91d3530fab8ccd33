"""The access log and the change trail seen from the window: opening a card and searching are
logged with the ids shown; Historik shows a change; Loggranskning is the unit manager's, filters,
samples, finds protected persons and exports; the log file holds no name or personnummer."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy import select

from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork, current_username
from bobudget.kernel.logsetup import setup_logging
from bobudget.model import AccessLog, Person, User
from bobudget.model.vocab import AccessKind, UserRole
from bobudget.persons.registry import PersonInput, update_person
from ui.admin.history import PersonHistoryDialog
from ui.admin.log_review import LogReview
from ui.pages.admin import AdminPage
from ui.pages.persons import PersonsPage


def _log(db: Database) -> list[AccessLog]:
    with db.sessions() as session:
        return list(session.scalars(select(AccessLog).order_by(AccessLog.id)))


@pytest.fixture
def page(qtbot, sqlite_db: Database, people) -> PersonsPage:
    widget = PersonsPage(sqlite_db)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


def test_a_search_logs_the_ids_shown_and_opening_a_card_one_row(
    qtbot, page: PersonsPage, people, sqlite_db: Database
) -> None:
    shown = [page.search.model.person_at(r).id for r in range(page.search.model.rowCount())]
    searches = [r for r in _log(sqlite_db) if r.what == AccessKind.SEARCH]
    assert [r.person_id for r in searches] == shown
    assert {r.username for r in searches} == {current_username()}

    row = page.search.model.row_of(people.oberg)
    page.search.table.selectRow(row)
    qtbot.waitUntil(lambda: page.card.card is not None and page.card.card.id == people.oberg)
    opened = [r for r in _log(sqlite_db) if r.what == AccessKind.CARD_OPENED]
    assert [r.person_id for r in opened] == [people.oberg]


def test_historik_shows_the_change_old_and_new(
    qtbot, page: PersonsPage, people, sqlite_db: Database
) -> None:
    with sqlite_db.sessions() as session:
        person = session.get(Person, people.oberg)
        assert person is not None
        data = PersonInput(
            person.identity, person.first_name, person.last_name, city="Lund", address="Ny väg 1"
        )
        version = person.version
    with UnitOfWork(sqlite_db, "admin") as uow:
        uow.session.add(User(username="bertil", full_name="Bertil Berg"))
        uow.commit()
    update_person(sqlite_db, people.oberg, version, data, user="bertil")
    dialog = PersonHistoryDialog(sqlite_db, people.oberg, "Karin Öberg")
    qtbot.addWidget(dialog)
    rows = dialog.history.model.texts()
    city = next(r for r in rows if r[4] == "Ort")
    assert city[1] == "Bertil Berg" and city[2] == "Person ändrad"
    assert (city[5], city[6]) == ("Sjövik", "Lund")
    assert any(r[2] == "Person ny" for r in rows)


def _make_reviewer(db: Database, role: UserRole) -> None:
    with UnitOfWork(db, "admin") as uow:
        uow.session.add(User(username=current_username(), full_name="Cecilia Chef", role=role))
        uow.commit()


def test_log_review_is_refused_to_others_in_swedish(qtbot, sqlite_db: Database) -> None:
    _make_reviewer(sqlite_db, UserRole.BOSTADSKONSULENT)
    review = LogReview(sqlite_db)
    qtbot.addWidget(review)
    review.show()
    review.reload()
    assert review.refused.isVisible() and not review.content.isVisible()
    assert "enhetschef" in review.refused.text()


def test_log_review_filters_samples_protected_and_exports(
    qtbot, page: PersonsPage, people, sqlite_db: Database, tmp_path: Path
) -> None:
    _make_reviewer(sqlite_db, UserRole.ENHETSCHEF)
    admin = AdminPage(sqlite_db)
    qtbot.addWidget(admin)
    admin.show()
    admin.refresh()
    review = admin.log_review
    assert not review.content.isHidden() and review.refused.isHidden()

    review.show_filtered()
    everyone = review.model.total
    assert everyone == len(_log(sqlite_db)) > 0
    review.person_field.setText(f"BU-{people.protected}")
    review.show_filtered()
    assert {line.person_id for line in review.model.rows()} == {people.protected}
    review.person_field.clear()
    review.protected_box.setChecked(True)
    review.show_filtered()
    assert review.model.rows() and all(line.protected for line in review.model.rows())
    review.protected_box.setChecked(False)
    review.user_field.setText("ingen-sådan")
    review.show_filtered()
    assert review.model.total == 0 and review.message.text() == "0 åtkomster"
    review.user_field.clear()
    review.sample_size.setValue(2)
    review.show_sample()
    assert review.model.rowCount() == 2

    out = tmp_path / "granskning.csv"
    review.export(out)
    assert out.exists() and "Sparade 2 åtkomster" in review.message.text()
    exports = [r for r in _log(sqlite_db) if r.what == AccessKind.EXPORT]
    assert len(exports) == 2 and exports[0].detail == "loggranskning, 2 rader"

    review.person_field.setText("Karin")
    review.show_filtered()
    assert "Personens id är ett tal" in review.message.text()


def test_no_name_or_personnummer_in_the_detail_nor_the_log_file(
    qtbot,
    sqlite_db: Database,
    people,
    isolated_home: Path,
    typist,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    setup_logging()  # the window's own log file, in the test's home
    page = PersonsPage(sqlite_db)
    qtbot.addWidget(page)
    page.show()
    typist(page.search.field, "öberg")
    qtbot.waitUntil(lambda: page.search.model.rowCount() == 1)
    page.search.table.selectRow(0)
    qtbot.waitUntil(lambda: page.card.card is not None)
    shown: list[PersonHistoryDialog] = []
    monkeypatch.setattr(PersonHistoryDialog, "exec", lambda self: shown.append(self) or 0)
    page.card.show_history()
    assert shown and shown[0].history.model.rowCount() > 0
    for handler in logging.getLogger().handlers:
        handler.flush()
    with sqlite_db.sessions() as session:
        persons = list(session.scalars(select(Person)))
    private = [t for p in persons for t in (p.first_name, p.last_name, p.identity, p.identity[2:])]
    for row in _log(sqlite_db):
        assert not any(text in row.detail for text in private)
    logs = "".join(
        path.read_text(encoding="utf-8", errors="replace") for path in isolated_home.rglob("*.log")
    )
    assert logs and not any(text in logs for text in private)
