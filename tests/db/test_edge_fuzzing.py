"""Hostile text at every edge, generated: a clear Swedish refusal or a correct result, nothing else.

Issue 14, point 9. Hypothesis makes import rows (CSV and XLSX cells), form inputs (a person
created and changed, a landlord, a dwelling, a place, a decision, an egna medel posting) and
searches out of control characters and NUL, very long strings, mixed scripts (åäö, Arabic,
emoji, combining marks) and formula prefixes (= + - @ tab CR). For each:

- either the service refuses with a DomainError (the program's user-facing error, Swedish) and
  no table has one row more or less than before,
- or it succeeds and what was saved reads back as typed (with the spaces the form tidies),
  and a search finds exactly the persons whose names hold every word;
- never another exception (a traceback in the window).

Many examples on SQLite, fewer on PostgreSQL; `BOBUDGET_FAULT_TRIALS=N` selects the long
profile (tests/db/trial_report.py).
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.utils.exceptions import IllegalCharacterError
from sqlalchemy import func, select

from bobudget.db.engine import Database
from bobudget.funds import posting as funds_posting
from bobudget.funds.queries import EntryInput
from bobudget.importing.reader import import_file
from bobudget.kernel.errors import DomainError
from bobudget.kernel.identity import demo_identity
from bobudget.kernel.search_text import name_key, number_key, search_terms
from bobudget.kernel.text_check import has_control_character
from bobudget.model import (
    Base,
    Decision,
    Dwelling,
    Landlord,
    Person,
    TemporaryPlace,
)
from bobudget.model.funds import FundsTransaction
from bobudget.persons.registry import PersonInput, create_person, search_persons, update_person
from bobudget.placement.decisions import DecisionInput, register_decision
from bobudget.placement.housing_stock import (
    DwellingFilter,
    DwellingInput,
    LandlordInput,
    list_dwellings,
    save_dwelling,
    save_landlord,
)
from bobudget.placement.temporary_places import PlaceInput, save_place
from tests.db.test_funds import TODAY, new_account
from tests.db.test_import import HEADERS
from tests.db.trial_report import edge_settings, report

pytestmark = pytest.mark.faults

# --- the strategies ----------------------------------------------------------------------------

# Pieces an attacker, a pasted spreadsheet or a foreign keyboard would bring.
HOSTILE_PIECES = [
    "\x00", "\x01", "\x1b", "\x7f", "\t", "\r", "\n", "\r\n", "\u2028", "\u00a0", " ",
    "=", "+", "-", "@", "=HYPERLINK(\"http://x\";\"klicka\")", "+SUM(1+1)", "@Evil", "-2+3",
    "\t=1+1", "\r=1+1",
    "Åsa", "Öberg", "ÄÖÅ", "åäö", "مرحبا", "محمد", "😀", "👨‍👩‍👧", "e\u0301", "A\u030a",
    "ß", "İ", "ﬁ", "%", "_", "\\", "'", '"', ";", ",", "Ω", "中文",
    "x" * 101, "y" * 250, "z" * 5000,
]  # fmt: skip

pieces = st.one_of(
    st.sampled_from(HOSTILE_PIECES),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12),
)
hostile_text = st.lists(pieces, max_size=6).map("".join)
# A text that is often ordinary, so that the successes are tested as well as the refusals.
mostly_fine = st.one_of(
    st.sampled_from(["Karin", "Öberg", "Ali", "Nguyen-Öst", "O'Brien"]),
    hostile_text,
)
formula = st.sampled_from(["=", "+", "-", "@", "\t", "\r"]).flatmap(
    lambda prefix: mostly_fine.map(lambda rest: prefix + rest)
)
# Longer than a name (100), an address (200), or any column: the database must never see it.
too_long = st.sampled_from(["x" * 101, "y" * 201, "z" * 5000, "å" * 401])
field_text = st.one_of(mostly_fine, formula, too_long)

_serials = itertools.count(1)


def next_identity() -> str:
    """A personnummer nobody has used in this run (demo numbers: 980–999)."""
    n = next(_serials)
    return demo_identity(dt.date(1930, 1, 1) + dt.timedelta(days=n // 20), n % 20).display


def tidy(text: str) -> str:
    """What a one-line field keeps of what was typed: the spaces around it are not kept."""
    return text.strip()


# --- the property -------------------------------------------------------------------------------


def row_counts(db: Database) -> dict[str, int]:
    with db.sessions() as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        }


class Outcome:
    """Refusals and successes of one case, for the report; a refusal must be a clear one."""

    def __init__(self, case: str) -> None:
        self.case = case
        self.refused = 0
        self.saved = 0

    def attempt(self, db: Database, action: Callable[[], Any]) -> Any | None:
        """Run `action`: its result, or None after checking the refusal changed nothing."""
        before = row_counts(db)
        try:
            result = action()
        except DomainError as refusal:
            message = str(refusal)
            assert message and "Traceback" not in message
            for leak in ("sqlalchemy", "psycopg", "IntegrityError", "DataError", "sqlite3"):
                assert leak not in message, message
            assert row_counts(db) == before, "a refusal that wrote something"
            self.refused += 1
            return None
        self.saved += 1
        return result

    def run(self, examples: Callable[[], None]) -> None:
        """Run the hypothesis test; report the case (the failing example as not held)."""
        try:
            examples()
        except BaseException:
            self.report(failed=True)
            raise
        self.report()

    def report(self, *, failed: bool = False) -> None:
        run = self.refused + self.saved + failed
        notes = {"avvisade": self.refused, "sparade": self.saved}
        report(self.case, run, run - failed, notes)


def examples(db: Database) -> settings:
    return edge_settings(postgres=db.url.get_backend_name() == "postgresql")


def _engine(db: Database) -> str:
    return db.url.get_backend_name()


# --- the import ---------------------------------------------------------------------------------

IMPORT_COLUMNS = ["efternamn", "fornamn", "adress", "ort", "hyresvard", "manadshyra"]


def _import_row(identity: str, cells: dict[str, object]) -> list[object]:
    base: dict[str, object] = {
        "personnummer": identity, "efternamn": "Öberg", "fornamn": "Åsa",
        "kontraktstyp": "socialt", "startdatum": "2025-03-01", "slutdatum": "",
        "adress": f"Provgatan {identity[-4:]}", "postnummer": "123 45", "ort": "Småstad",
        "hyresvard": "Provbostäder AB", "manadshyra": "5 000", "skyddade_personuppgifter": "nej",
    }  # fmt: skip
    base.update(cells)
    return [base[h] for h in HEADERS]


def _write_csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(HEADERS)
        writer.writerows(rows)
    return path


def _write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        try:
            sheet.append(row)
        except IllegalCharacterError:  # such a file cannot be made
            assume(False)
    book.save(path)
    return path


rent_cell = st.one_of(
    field_text,
    st.integers(-(10**13), 10**13),
    st.floats(allow_nan=False, allow_infinity=False),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(float),
)


@st.composite
def import_rows(draw: st.DrawFn, xlsx: bool) -> list[dict[str, object]]:
    rows = []
    for _ in range(draw(st.integers(1, 3))):
        cells = draw(st.dictionaries(st.sampled_from(IMPORT_COLUMNS[:-1]), field_text))
        if draw(st.booleans()):
            cells["manadshyra"] = draw(rent_cell if xlsx else field_text)
        rows.append(cells)
    return rows


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_import_rows_with_hostile_cells(db: Database, tmp_path: Path, kind: str) -> None:
    outcome = Outcome(f"fuzz: importrader, {kind.upper()} ({_engine(db)})")
    files = itertools.count()

    @examples(db)
    @given(rows=import_rows(xlsx=kind == "xlsx"))
    def run(rows: list[dict[str, object]]) -> None:
        identities = [next_identity() for _ in rows]
        table = [_import_row(i, cells) for i, cells in zip(identities, rows, strict=True)]
        path = tmp_path / f"lista-{next(files)}.{kind}"
        (_write_xlsx if kind == "xlsx" else _write_csv)(path, table)
        before = row_counts(db)
        if outcome.attempt(db, lambda: import_file(db, path, TODAY)) is None:
            return
        assert row_counts(db)["persons"] == before["persons"] + len(rows)
        with db.sessions() as session:
            for identity, cells in zip(identities, rows, strict=True):
                person = session.scalars(
                    select(Person).where(Person.identity == identity.replace("-", ""))
                ).one()
                for column, attribute in (("efternamn", "last_name"), ("fornamn", "first_name")):
                    if isinstance(cells.get(column), str):
                        # The import makes runs of spaces one (a cell's layout is not a name).
                        assert getattr(person, attribute) == " ".join(str(cells[column]).split())

    outcome.run(run)


# --- the forms ----------------------------------------------------------------------------------


def test_person_form_created_and_changed(db: Database) -> None:
    outcome = Outcome(f"fuzz: personformulär, skapa och ändra ({_engine(db)})")
    kept = create_person(db, PersonInput(next_identity(), "Karin", "Öberg"), today=TODAY)

    @examples(db)
    @given(
        first=field_text, last=field_text, address=field_text, city=field_text,
        phone=field_text, note=field_text, change=st.booleans(),
    )  # fmt: skip
    def run(
        first: str, last: str, address: str, city: str, phone: str, note: str, change: bool
    ) -> None:
        identity = next_identity()
        data = PersonInput(identity, first, last, address, "", city, phone, "", False, note)
        with db.sessions() as session:
            version = session.get(Person, kept).version  # type: ignore[union-attr]
        if change:
            saved = outcome.attempt(db, lambda: update_person(db, kept, version, data))
            person_id = kept
        else:
            person_id = outcome.attempt(db, lambda: create_person(db, data, today=TODAY))
            saved = person_id
        with db.sessions() as session:
            person = session.get(Person, person_id if person_id is not None else kept)
            assert person is not None
            if saved is None:
                assert change or person_id is None
                if change:
                    assert person.version == version, "a refused change was saved"
                return
            assert (person.first_name, person.last_name) == (tidy(first), tidy(last))
            assert (person.address, person.city, person.phone) == (
                tidy(address), tidy(city), tidy(phone)
            )  # fmt: skip
            assert person.note == note
        for label, value in (("Förnamn", first), ("Efternamn", last), ("Ort", city)):
            assert not has_control_character(value), f"{label} saved with a control character"

    outcome.run(run)


def test_landlord_dwelling_and_place_forms(db: Database) -> None:
    outcome = Outcome(f"fuzz: hyresvärd, bostad, plats ({_engine(db)})")

    @examples(db)
    @given(
        name=field_text, contact=field_text, address=field_text, city=field_text,
        object_number=field_text, rules=field_text,
    )  # fmt: skip
    def run(
        name: str, contact: str, address: str, city: str, object_number: str, rules: str
    ) -> None:
        landlord = outcome.attempt(
            db, lambda: save_landlord(db, LandlordInput(name, contact_name=contact))
        )
        if landlord is not None:
            with db.sessions() as session:
                row = session.get(Landlord, landlord)
                assert row is not None
                assert (row.name, row.contact_name) == (tidy(name), tidy(contact))
        dwelling = outcome.attempt(
            db,
            lambda: save_dwelling(
                db,
                DwellingInput(
                    address, landlord, "123 45", city, object_number, 2, Decimal("41.5"), 512_300
                ),
            ),
        )
        if dwelling is not None:
            with db.sessions() as session:
                home = session.get(Dwelling, dwelling)
                assert home is not None
                assert (home.address, home.city, home.object_number) == (
                    tidy(address), tidy(city), tidy(object_number)
                )  # fmt: skip
        place = outcome.attempt(
            db, lambda: save_place(db, PlaceInput(name, address=address, rules=rules))
        )
        if place is not None:
            with db.sessions() as session:
                saved = session.get(TemporaryPlace, place)
                assert saved is not None
                assert (saved.name, saved.rules) == (tidy(name), tidy(rules))

    outcome.run(run)


def test_decision_texts(db: Database) -> None:
    outcome = Outcome(f"fuzz: beslut ({_engine(db)})")

    @examples(db)
    @given(
        decided_by=field_text, reference=field_text, unit=field_text, wished=field_text,
        note=field_text,
    )  # fmt: skip
    def run(decided_by: str, reference: str, unit: str, wished: str, note: str) -> None:
        who = create_person(db, PersonInput(next_identity(), "Karin", "Öberg"), today=TODAY)
        data = DecisionInput(
            who, "housing", dt.date(2026, 10, 1), decided_by, reference, unit=unit,
            need_areas_wished=wished, note=note,
        )  # fmt: skip
        decision = outcome.attempt(db, lambda: register_decision(db, data, today=TODAY))
        if decision is None:
            return
        with db.sessions() as session:
            row = session.get(Decision, decision)
            assert row is not None
            assert (row.decided_by, row.reference, row.unit) == (
                tidy(decided_by), tidy(reference), tidy(unit)
            )  # fmt: skip
            assert (row.need_areas_wished, row.note) == (tidy(wished), tidy(note))

    outcome.run(run)


def test_funds_posting_counterparty_and_note(db: Database) -> None:
    outcome = Outcome(f"fuzz: egna medel, motpart och anteckning ({_engine(db)})")
    account = new_account(db)

    @examples(db)
    @given(counterparty=field_text, note=field_text, handed_out_by=field_text)
    def run(counterparty: str, note: str, handed_out_by: str) -> None:
        entry = EntryInput(
            "income", TODAY, 100, "pension", counterparty, note=note, handed_out_by=handed_out_by
        )
        posted = outcome.attempt(
            db,
            lambda: funds_posting.post_entry(db, account, entry, user="testare", today=TODAY),
        )
        if posted is None:
            return
        with db.sessions() as session:
            row = session.get(FundsTransaction, posted.entry_id)
            assert row is not None
            assert (row.counterparty, row.note) == (tidy(counterparty), tidy(note))

    outcome.run(run)


# --- the searches -------------------------------------------------------------------------------

SEARCHED_NAMES = [
    ("Åsa", "Öberg"), ("Omar", "Ali"), ("محمد", "العلي"), ("Zoë", "Ström-Åkesson"),
    ("Anna-Karin", "O'Brien"), ("Kim", "100%_rätt"), ("Lu", "中文"), ("José", "Garci\u0301a"),
]  # fmt: skip

search_query = st.one_of(
    hostile_text,
    st.lists(
        st.sampled_from([w for pair in SEARCHED_NAMES for w in pair] + ["öb", "a", "19", "-"]),
        max_size=4,
    ).map(" ".join),
    st.lists(pieces, max_size=3).map(" ".join),
)


_NUMBER_TERM = re.compile(r"[0-9]{6}(?:[0-9]{2})?-[0-9]{0,4}|[0-9]+")


def _starts(term: str, last: str, first: str, identity: str) -> bool:
    """`term` starts the surname, the first name or the number (persons/search.py)."""
    if name_key(last).startswith(term) or name_key(first).startswith(term):
        return True
    if not _NUMBER_TERM.fullmatch(term):
        return False
    digits = term.replace("-", "")
    return number_key(identity).startswith(digits) or (
        len(digits) >= 8 and identity.startswith(digits)
    )


def _expected(query: str, stored: dict[int, tuple[str, str, str, str]]) -> set[int]:
    """Who a search finds: every term starting a name or the number; and, when a term has three
    characters or more and is not a date or whole number, every term anywhere as well."""
    terms = search_terms(query)
    found = {
        pid
        for pid, (last, first, identity, _) in stored.items()
        if all(_starts(t, last, first, identity) for t in terms)
    }
    anywhere = any(
        len(t) >= 3 and not (_NUMBER_TERM.fullmatch(t) and len(t.replace("-", "")) >= 6)
        for t in terms
    )
    if anywhere or not terms:
        found |= {pid for pid, row in stored.items() if all(t in row[3] for t in terms)}
    return found


def test_a_search_finds_exactly_the_matching_persons(db: Database) -> None:
    outcome = Outcome(f"fuzz: personsökning ({_engine(db)})")
    for first, last in SEARCHED_NAMES:
        create_person(db, PersonInput(next_identity(), first, last), today=TODAY)
    with db.sessions() as session:
        stored = {
            r.id: (r.last_name, r.first_name, r.identity, r.search_text)
            for r in session.execute(
                select(
                    Person.id,
                    Person.last_name,
                    Person.first_name,
                    Person.identity,
                    Person.search_text,
                )
            )
        }

    @examples(db)
    @given(query=search_query)
    def run(query: str) -> None:
        found = outcome.attempt(db, lambda: search_persons(db, query))
        # Other searches refuse or run alike.
        outcome.attempt(db, lambda: list_dwellings(db, DwellingFilter(text=query)))
        if found is None:
            return
        assert {row.id for row in found} == _expected(query, stored)

    outcome.run(run)
