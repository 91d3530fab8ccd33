"""Gallring over a database: the preview names the right persons, the purge deletes exactly
their rows, in one transaction, and records itself without personal data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import Date, DateTime, func, select, table, update

from bobudget.cli import main
from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork
from bobudget.funds.accounts import open_account
from bobudget.funds.check import check_funds
from bobudget.funds.posting import audit_detail
from bobudget.funds.queries import AccountInput
from bobudget.kernel.identity import demo_identity
from bobudget.model import (
    AuditEntry,
    Base,
    ChangeTrail,
    FundsTransaction,
    Person,
    PrintedLetter,
    RentArrear,
)
from bobudget.persons.registry import PersonInput, create_person
from bobudget.retention import purge as purge_module
from bobudget.retention.graph import owned_tables
from bobudget.retention.purge import PURGE_AUDIT_ACTION, preview, purge
from tests.db.follow_up_helpers import add_lease

USER = "arkivarie"
LONG_AGO = dt.date(2015, 1, 1)
AS_OF = dt.date(2027, 6, 1)


@dataclass(frozen=True)
class Register:
    due: int  # old, born the 12th
    research: int  # old, born the 15th
    ledger: int  # old case, ledger entry 2020-06-01: the ledger is kept through 2027
    letter: int  # old case, a letter printed 2024-05-01
    recent: int  # written in 2024


def _person(db: Database, first: str, last: str, born: dt.date) -> int:
    identity = demo_identity(born, 1).display
    return create_person(db, PersonInput(identity, first, last), user=USER, today=AS_OF)


def _age_everything(db: Database) -> None:
    """Every date in every record set to LONG_AGO: all of it written long ago.

    One UPDATE per table with every date at once: updated_at would otherwise be stamped anew.
    """
    stamp = dt.datetime(2015, 1, 1, 12, tzinfo=dt.UTC)
    with db.engine.begin() as connection:
        for t in owned_tables():
            values: dict[str, object] = {}
            for column in t.columns:
                kind = getattr(column.type, "impl", column.type)
                if column.name == "birth_date":
                    continue
                if isinstance(kind, DateTime):
                    values[column.name] = stamp
                elif isinstance(kind, Date):
                    values[column.name] = LONG_AGO
            if values:
                connection.execute(update(t).values(values))


def _ledger_row(db: Database, account_id: int, day: dt.date) -> None:
    with UnitOfWork(db, USER) as uow:
        uow.session.add(
            FundsTransaction(
                account_id=account_id,
                voucher_number=1,
                entry_date=day,
                amount_ore=10_000,
                kind="income",
                balance_after_ore=10_000,
                entry_hash="0" * 64,
                created_at=dt.datetime.combine(day, dt.time(12), dt.UTC),
            )
        )
        uow.session.flush()
        entry_id = uow.session.scalar(select(func.max(FundsTransaction.id)))
        # As posting records a booking: the funds check looks for it in the ledger.
        uow.audit("book", "funds_transaction", entry_id, audit_detail(account_id, 1))
        uow.commit()


def _letter(db: Database, person_id: int, day: dt.date) -> None:
    with UnitOfWork(db, USER) as uow:
        uow.session.add(
            PrintedLetter(
                kind="renewal",
                person_id=person_id,
                sha256="a" * 64,
                created_at=dt.datetime.combine(day, dt.time(12), dt.UTC),
            )
        )
        uow.commit()


def build(db: Database) -> Register:
    due = _person(db, "Gunnel", "Gallras", dt.date(1980, 3, 12))
    research = _person(db, "Fredrik", "Forskning", dt.date(1970, 6, 15))
    ledger = _person(db, "Lena", "Ledger", dt.date(1981, 4, 3))
    letter = _person(db, "Bertil", "Brev", dt.date(1982, 7, 7))
    recent = _person(db, "Nora", "Ny", dt.date(1983, 2, 2))
    contract = add_lease(db, due, dt.date(2014, 1, 1))
    add_lease(db, research, dt.date(2014, 1, 1))
    with UnitOfWork(db, USER) as uow:
        uow.session.add(
            RentArrear(
                contract_id=contract,
                person_id=due,
                month=dt.date(2014, 3, 1),
                amount_ore=500_00,
                registered_date=dt.date(2014, 3, 20),
            )
        )
        uow.commit()
    _letter(db, due, dt.date(2014, 5, 1))
    account = open_account(db, ledger, AccountInput(dt.date(2014, 1, 1)), user=USER)
    _age_everything(db)
    _ledger_row(db, account, dt.date(2020, 6, 1))
    _letter(db, letter, dt.date(2024, 5, 1))
    with db.engine.begin() as connection:
        stamp = dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC)
        connection.execute(update(Person).where(Person.id == recent).values(updated_at=stamp))
    return Register(due, research, ledger, letter, recent)


def counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as connection:
        return {
            name: int(
                connection.execute(select(func.count()).select_from(table(name))).scalar() or 0
            )
            for name in Base.metadata.tables
        }


def test_the_preview_lists_only_the_person_due_and_why(db: Database) -> None:
    people = build(db)
    found = preview(db, AS_OF, with_names=True)
    assert [c.person_ids for c in found.due] == [(people.due,)]
    candidate = found.due[0]
    assert candidate.names == ("Gunnel Gallras",)
    assert candidate.last_entry == LONG_AGO
    assert "2015-01-01" in candidate.verdict.reason
    assert found.kept == {"Forskningsurval": 1, "Bokföringslagen": 1, "Fem år har inte gått": 2}
    # Without asking, no names.
    assert preview(db, AS_OF).due[0].names == ()
    # A year later the ledger's seven years are over too.
    later = preview(db, dt.date(2028, 1, 1))
    assert {c.person_ids for c in later.due} == {(people.due,), (people.ledger,)}


def test_the_purge_deletes_every_row_of_the_person_and_nothing_else(db: Database) -> None:
    people = build(db)
    before = counts(db)
    result = purge(db, AS_OF, expected_person_ids=frozenset({people.due}), user=USER)
    after = counts(db)
    assert result.persons == 1
    gone = {name: before[name] - after[name] for name in before if before[name] != after[name]}
    # The person, the household and its membership, the lease, the debt, the letter, and the
    # change trail of each (their old and new values are personal data too); the dwelling and
    # the landlord are the housing stock's and stay; the log grows by one.
    trail = gone.pop("change_trail")
    assert trail >= 6  # one insert of each of the six rows, at least
    assert gone == {
        "persons": 1,
        "households": 1,
        "household_members": 1,
        "contracts": 1,
        "rent_arrears": 1,
        "printed_letters": 1,
        "audit_entries": -1,
    }
    with db.engine.connect() as connection:
        assert connection.scalar(select(Person.id).where(Person.id == people.due)) is None
        kept = set(connection.scalars(select(Person.id)))
    assert kept == {people.research, people.ledger, people.letter, people.recent}
    with db.engine.connect() as connection:
        left = connection.scalars(select(ChangeTrail.person_id).distinct()).all()
    assert people.due not in left and people.recent in left


def test_the_purge_is_logged_with_counts_and_ids_only(db: Database) -> None:
    people = build(db)
    purge(db, AS_OF, user=USER)
    with db.engine.connect() as connection:
        entry = connection.execute(
            select(AuditEntry).where(
                AuditEntry.action == PURGE_AUDIT_ACTION, AuditEntry.entity == "retention"
            )
        ).one()
    assert entry.username == USER and entry.entity_id is None
    assert f"id {people.due}" in entry.detail and "persons 1" in entry.detail
    identity = demo_identity(dt.date(1980, 3, 12), 1)
    for personal in ("Gunnel", "Gallras", identity.display, identity.display.replace("-", "")):
        assert personal not in entry.detail


def test_a_purged_ledger_leaves_the_funds_check_clean(db: Database) -> None:
    people = build(db)
    before = check_funds(db)
    # The booking is in the audit trail and the entry in the ledger: nothing is missing.
    assert not [p for p in before.problems if "finns inte längre" in p.message]
    result = purge(db, dt.date(2028, 1, 1), user=USER)
    assert result.persons == 2 and result.rows_by_table["funds_transactions"] == 1
    with db.engine.connect() as connection:
        assert connection.scalar(select(Person.id).where(Person.id == people.ledger)) is None
    after = check_funds(db)
    assert after.accounts == 0
    assert not [p for p in after.problems if "finns inte längre" in p.message]
    assert len(after.problems) <= len(before.problems)


def test_a_failure_half_way_deletes_nothing(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    build(db)
    before = counts(db)
    real = purge_module._delete_rows
    calls = []

    def failing(session, table, ids):  # type: ignore[no-untyped-def]
        calls.append(table.name)
        if len(calls) == 4:
            raise RuntimeError("strömavbrott")
        return real(session, table, ids)

    monkeypatch.setattr(purge_module, "_delete_rows", failing)
    with pytest.raises(RuntimeError):
        purge(db, AS_OF, user=USER)
    assert len(calls) == 4  # three tables were already deleted from when it failed
    assert counts(db) == before


def test_a_changed_list_is_refused(db: Database) -> None:
    people = build(db)
    before = counts(db)
    with pytest.raises(Exception, match="har ändrats sedan förhandsvisningen"):
        purge(db, AS_OF, expected_person_ids=frozenset({people.due, people.recent}))
    assert counts(db) == before


def test_the_command_line_previews_ids_and_purges_when_told(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    people = build(db)
    url = db.engine.url.render_as_string(hide_password=False)
    args = ["admin", "purge", "--as-of", "2027-06-01", "--db", url]
    assert main([*args, "--preview"]) == 0
    out = capsys.readouterr().out
    assert str(people.due) in out and "Gallras" not in out.replace("Gallras från", "")
    assert "1 personer (1 grupper) ska gallras per 2027-06-01." in out
    assert main([*args, "--preview", "--namn"]) == 0
    assert "Gunnel Gallras" in capsys.readouterr().out
    # Without a terminal to ask in, the purge needs --ja.
    assert main([*args, "--execute"]) == 2
    assert counts(db)["persons"] == 5
    assert main([*args, "--execute", "--ja"]) == 0
    assert "Gallrade 1 personer" in capsys.readouterr().out
    assert counts(db)["persons"] == 4


def test_the_preview_tells_its_progress_table_by_table(db: Database) -> None:
    """At city scale the walk takes a minute: the window's bar moves with each table."""
    build(db)
    told: list[tuple[int, int]] = []
    preview(db, AS_OF, progress=lambda done, total: told.append((done, total)))
    totals = {total for _, total in told}
    assert len(totals) == 1 and told[0][0] == 0
    assert [done for done, _ in told] == list(range(len(told)))
    assert told[-1][0] < totals.pop()  # never "done" before the groups are judged
