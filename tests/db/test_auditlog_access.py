"""The access log: who saw which person, from a search, a card, a letter and an export; ids
only; never changed once written; the unit manager's filters, sample and protected persons."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select

from bobudget.app.audit_log import (
    AccessFilter,
    access_entries,
    access_sample,
    check_reviewer,
    count_accesses,
    export_accesses,
)
from bobudget.app.calendar_export import MeetingFilter, export_calendar
from bobudget.app.letters import LetterRequest, produce_letter, record_batch, render_batch
from bobudget.app.person_card import get_person_card, open_person_card
from bobudget.cli import main
from bobudget.db import engine as engine_module
from bobudget.db.access import record_access, start_access_writer, stop_access_writer
from bobudget.db.engine import Database
from bobudget.funds.export import export_entries
from bobudget.kernel.errors import DomainError
from bobudget.model import AccessLog, ManagedFundsAccount, Person, User
from bobudget.model.vocab import AccessKind, UserRole
from bobudget.persons.registry import search_persons
from bobudget.placement.contract_list import ContractFilter, ContractState, list_contracts
from tests.db import test_letters
from tests.db.test_letters import SETTINGS, TODAY, Home

FORBIDDEN = re.compile(r"^\s*(UPDATE|DELETE\s+FROM)\s+\"?(access_log|change_trail)\b", re.I)


@pytest.fixture
def homes(db: Database) -> tuple[Home, Home]:
    """Two persons with one of everything a letter is about; the second one protected."""
    return test_letters.homes.__wrapped__(db)  # type: ignore[attr-defined,no-any-return]


@pytest.fixture(autouse=True)
def never_changed(db: Database) -> Iterator[None]:
    """Fails the test if anything issues UPDATE or DELETE on the two log tables."""
    seen: list[str] = []

    def watch(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if FORBIDDEN.search(statement):
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", watch)
    yield
    event.remove(db.engine, "before_cursor_execute", watch)
    assert seen == []


def _log(db: Database) -> list[AccessLog]:
    with db.sessions() as session:
        return list(session.scalars(select(AccessLog).order_by(AccessLog.id)))


def _private_texts(db: Database) -> list[str]:
    with db.sessions() as session:
        texts: list[str] = []
        for person in session.scalars(select(Person)):
            texts += [person.first_name, person.last_name, person.identity, person.identity[2:]]
        return [t for t in texts if t]


def _assert_ids_only(db: Database) -> None:
    private = _private_texts(db)
    for row in _log(db):
        assert not re.search(r"\d{6}[-+]?\d{4}", row.detail), row.detail
        assert not any(text in row.detail for text in private), row.detail


def test_a_search_logs_the_ids_it_shows_in_one_go(db: Database, homes: tuple[Home, Home]) -> None:
    shown = search_persons(db, "", user="anna")  # every person, by name
    assert shown
    rows = [r for r in _log(db) if r.what == AccessKind.SEARCH]
    assert [r.person_id for r in rows] == [p.id for p in shown]
    assert {r.username for r in rows} == {"anna"}
    # The search text may be a name: it is not kept.
    assert all(r.detail == "" for r in rows)
    assert search_persons(db, "zzzz-ingen") == []
    assert len([r for r in _log(db) if r.what == AccessKind.SEARCH]) == len(rows)


def test_opening_a_card_is_logged_a_reload_is_not(db: Database, homes: tuple[Home, Home]) -> None:
    person_id = homes[0].person_id
    open_person_card(db, person_id, user="anna")
    get_person_card(db, person_id)
    [row] = _log(db)
    assert (row.what, row.person_id, row.username) == (AccessKind.CARD_OPENED, person_id, "anna")


def test_letters_printed_one_and_a_batch_are_logged(db: Database, homes: tuple[Home, Home]) -> None:
    ordinary = homes[0]
    letter = produce_letter(
        db, SETTINGS, LetterRequest("social_contract", ordinary.person_id), user="anna", today=TODAY
    )
    batch = render_batch(
        db,
        SETTINGS,
        [LetterRequest("temporary_renewal", h.person_id) for h in homes],
        user="anna",
        today=TODAY,
    )
    record_batch(db, SETTINGS, batch, user="anna")
    printed = [r for r in _log(db) if r.what == AccessKind.LETTER_PRINTED]
    assert printed[0].person_id == ordinary.person_id
    assert printed[0].detail == f"brev {letter.log_id}"
    assert [r.person_id for r in printed[1:]] == [h.person_id for h in homes]
    assert printed[1].detail == "utskick, 2 brev"
    _assert_ids_only(db)


def test_exports_are_logged(db: Database, homes: tuple[Home, Home], tmp_path: Path) -> None:
    person_id = homes[0].person_id
    with db.sessions() as session:
        account = session.scalar(
            select(ManagedFundsAccount.id).where(ManagedFundsAccount.person_id == person_id)
        )
    assert account is not None
    export_entries(db, account, dt.date(2026, 1, 1), dt.date(2026, 12, 31), tmp_path / "k.csv")
    export_calendar(db, tmp_path / "m.ics", MeetingFilter())
    exports = [r for r in _log(db) if r.what == AccessKind.EXPORT]
    assert exports[0].person_id == person_id
    assert exports[0].detail == f"egna medel, konto {account}"
    _assert_ids_only(db)


def test_record_access_is_one_insert_for_many_persons(sqlite_db: Database) -> None:
    statements: list[str] = []
    event.listen(
        sqlite_db.engine,
        "before_cursor_execute",
        lambda _c, _cu, statement, *_a: statements.append(statement),
    )
    assert record_access(sqlite_db, AccessKind.LIST_SHOWN, range(1, 201), "sida 1") == 200
    assert len([s for s in statements if s.startswith("INSERT INTO access_log")]) == 1
    with sqlite_db.sessions() as session:
        assert session.scalar(select(func.count(AccessLog.id))) == 200


def _review_data(db: Database, homes: tuple[Home, Home]) -> tuple[int, int]:
    ordinary, protected = homes[0].person_id, homes[1].person_id
    with db.sessions() as session:
        session.add(User(username="chef", full_name="Cecilia Chef", role=UserRole.ENHETSCHEF))
        session.add(User(username="bo", full_name="Bo Konsulent"))
        session.commit()
    for _ in range(5):
        record_access(db, AccessKind.CARD_OPENED, [ordinary], user="bo")
    record_access(db, AccessKind.CARD_OPENED, [protected], user="bo")
    record_access(db, AccessKind.SEARCH, [ordinary, protected], user="anna")
    return ordinary, protected


def test_the_follow_up_filters_samples_and_finds_protected(
    db: Database, homes: tuple[Home, Home], tmp_path: Path
) -> None:
    ordinary, protected = _review_data(db, homes)
    check_reviewer(db, "chef")
    with pytest.raises(DomainError, match="enhetschef eller systemadministratör"):
        check_reviewer(db, "bo")
    assert count_accesses(db, AccessFilter(user="bo")) == 6
    assert count_accesses(db, AccessFilter(person_id=protected)) == 2
    shielded = access_entries(db, AccessFilter(protected_only=True))
    assert {(line.username, line.person_id) for line in shielded} == {
        ("bo", protected),
        ("anna", protected),
    }
    assert all(line.protected for line in shielded)
    assert shielded[0].full_name in ("Anna Ärlig", "Bo Konsulent")
    today = dt.datetime.now().date()
    assert count_accesses(db, AccessFilter(first=today, last=today)) == 8
    assert count_accesses(db, AccessFilter(last=today - dt.timedelta(days=1))) == 0
    sample = access_sample(db, AccessFilter(user="bo"), 3)
    assert len(sample) == 3 and {line.username for line in sample} == {"bo"}
    assert len({line.id for line in sample}) == 3
    out = tmp_path / "granskning.csv"
    assert export_accesses(db, shielded, out, user="chef") == 2
    assert "Skyddad" in out.read_text(encoding="utf-8-sig")
    exported = [r for r in _log(db) if r.what == AccessKind.EXPORT]
    assert {r.person_id for r in exported} == {protected} and exported[0].username == "chef"
    _assert_ids_only(db)
    assert ordinary


def test_cli_log_access_and_changes(
    db: Database,
    homes: tuple[Home, Home],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ordinary, protected = _review_data(db, homes)
    url = db.url.render_as_string(hide_password=False)
    # Who runs the command: the OS login on SQLite, the server's login on PostgreSQL. Both are
    # stood in for here, so the same users ("bo", "chef") play the parts on either engine.
    acting = {"user": "bo"}
    monkeypatch.setattr("getpass.getuser", lambda: acting["user"])
    if db.engine.dialect.name == "postgresql":
        real_ping = engine_module._ping
        monkeypatch.setattr(
            engine_module, "_ping", lambda engine: real_ping(engine) and acting["user"]
        )
    assert main(["log", "access", "--db", url]) != 0
    assert "enhetschef" in capsys.readouterr().err
    acting["user"] = "chef"
    assert main(["log", "access", "--skyddade", "--format", "csv", "--db", url]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 3 and all(f";{protected};" in line for line in lines[1:])
    assert main(["log", "access", "--user", "bo", "--sample", "2", "--db", url]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 3
    out = tmp_path / "logg.xlsx"
    assert main(["log", "access", "--person", str(ordinary), "--out", str(out), "--db", url]) == 0
    assert out.exists()
    assert main(["log", "changes", "--person", str(ordinary), "--db", url]) == 0
    assert "Person ny" in capsys.readouterr().out


def test_a_page_of_a_list_logs_the_persons_on_it(db: Database, homes: tuple[Home, Home]) -> None:
    shown = list_contracts(db, ContractFilter(state=ContractState.ALL), TODAY, limit=200)
    assert shown
    listed = [r for r in _log(db) if r.what == AccessKind.LIST_SHOWN]
    assert [r.person_id for r in listed] == list(dict.fromkeys(row.person_id for row in shown))
    assert listed[0].detail == "kontrakten, från rad 1"


def test_the_window_writes_in_the_background_and_loses_nothing(sqlite_db: Database) -> None:
    start_access_writer(sqlite_db, interval=60)
    try:
        record_access(sqlite_db, AccessKind.SEARCH, [1, 2, 3], user="anna")
        with sqlite_db.sessions() as session:
            assert session.scalar(select(func.count(AccessLog.id))) == 0  # not yet: batched
        record_access(sqlite_db, AccessKind.CARD_OPENED, [2], user="anna")
        # Reading the log writes what is held first.
        assert count_accesses(sqlite_db, AccessFilter(user="anna")) == 4
        record_access(sqlite_db, AccessKind.CARD_OPENED, [3], user="anna")
    finally:
        stop_access_writer(sqlite_db)  # the window closing writes the rest
    with sqlite_db.sessions() as session:
        assert session.scalar(select(func.count(AccessLog.id))) == 5
