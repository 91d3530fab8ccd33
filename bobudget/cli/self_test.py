"""`bobudget self-test` (and the core of `bobudget-gui --self-test`): does this installation work?

Made for the frozen program on a freshly installed PC: on a temporary database it runs the
migrations, fills a small demo, renders one letter of every kind from the templates the program
carries, and checks the egna medel ledger — printing each step as it goes. It never touches the
user's database or settings. The window adds its own step (ui.self_test) between the demo and
the letters; the core cannot import Qt.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bobudget import __version__
from bobudget.db.engine import Database
from bobudget.kernel.config import ENV_HOME, Letterhead, Settings

log = logging.getLogger(__name__)

# A small demo on a fixed day: the same data on every PC and every day, and a day on which the
# demo holds a person for every letter kind (tests/db/test_letters.py renders them the same way).
DEMO_HOUSEHOLDS = 150
DEMO_SEED = 1
DEMO_DAY = dt.date(2026, 11, 27)
SETTINGS = Settings(
    letterhead=Letterhead(
        municipality="Självtestets kommun",
        administration="Socialförvaltningen",
        postal_address="Box 1, 111 11 Självtest",
        phone="010-000 00 00",
        email="bbe@sjalvtest.example",
        forwarding_address="Skatteverket\nFörmedlingsuppdrag\nBox 2820\n403 20 Göteborg",
        emergency_phone="010-000 00 01",
    )
)

Say = Callable[[str], None]
# The window's step: given the filled database, opens the window and says what it showed.
WindowStep = Callable[[Database], str]


class SelfTestFailed(Exception):
    """A step failed: its name and what went wrong, for the message the user reads."""

    def __init__(self, step: str, error: BaseException) -> None:
        super().__init__(f"{step}: {type(error).__name__}: {error}")
        self.step = step


@dataclass(frozen=True)
class SelfTestResult:
    steps: int
    letters: int
    seconds: float


class _Steps:
    """Numbers the steps, times them and turns any exception into SelfTestFailed."""

    def __init__(self, say: Say) -> None:
        self.say = say
        self.count = 0

    @contextmanager
    def step(self, name: str) -> Iterator[list[str]]:
        self.count += 1
        self.say(f"[{self.count}] {name} …")
        started = time.perf_counter()
        notes: list[str] = []
        try:
            yield notes
        except Exception as error:
            log.exception("self-test step failed: %s", name)
            self.say(f"[{self.count}] {name}: MISSLYCKADES ({type(error).__name__}: {error})")
            raise SelfTestFailed(name, error) from error
        seconds = time.perf_counter() - started
        detail = f" – {'; '.join(notes)}" if notes else ""
        self.say(f"[{self.count}] {name}: ok ({seconds:.1f} s){detail}")


def run_self_test(say: Say, *, window: WindowStep | None = None) -> SelfTestResult:
    """Every step on a database in a temporary folder, removed afterwards; SelfTestFailed on
    the first step that fails."""
    started = time.perf_counter()
    steps = _Steps(say)
    say(f"bobudget {__version__}: självtest (Python {sys.version.split()[0]}, {sys.platform})")
    with tempfile.TemporaryDirectory(prefix="bobudget-självtest-") as folder, _home(folder):
        db = _open(steps, Path(folder))
        try:
            _fill(steps, db)
            if window is not None:
                with steps.step("Huvudfönstret") as notes:
                    notes.append(window(db))
            letters = _letters(steps, db)
            _funds(steps, db)
        finally:
            db.dispose()
    seconds = time.perf_counter() - started
    say(f"Självtestet lyckades: {steps.count} steg, {letters} brev, {seconds:.1f} s.")
    return SelfTestResult(steps=steps.count, letters=letters, seconds=seconds)


@contextmanager
def _home(folder: str) -> Iterator[None]:
    """The user's settings, window state and data folder are those of the temporary folder
    while the test runs, so nothing of the user's is read or written."""
    before = os.environ.get(ENV_HOME)
    os.environ[ENV_HOME] = str(Path(folder) / "home")
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(ENV_HOME, None)
        else:
            os.environ[ENV_HOME] = before


def _open(steps: _Steps, folder: Path) -> Database:
    from bobudget.db.open import open_database

    with steps.step("Tillfällig databas skapas och migreras") as notes:
        db = open_database(f"sqlite:///{folder / 'självtest.db'}")
        notes.append(str(folder))
    return db


def _fill(steps: _Steps, db: Database) -> None:
    from bobudget.demo.generate import fill_demo

    with steps.step(f"Demodata med {DEMO_HOUSEHOLDS} påhittade hushåll") as notes:
        summary = fill_demo(db, DEMO_HOUSEHOLDS, seed=DEMO_SEED, today=DEMO_DAY)
        notes.append(f"{summary.persons} personer, {summary.contracts} kontrakt")


def _letters(steps: _Steps, db: Database) -> int:
    """One letter of every kind, each for the first demo person whose data allows it."""
    from sqlalchemy import select

    from bobudget.app.letters import LetterRequest, letters_for_person, render_letter
    from bobudget.letters.kinds import KINDS
    from bobudget.model import Person

    with steps.step(f"Ett brev av varje slag ({len(KINDS)} slag)") as notes:
        with db.sessions() as session:
            people = session.scalars(
                select(Person.id).where(Person.protected_identity.is_(False)).order_by(Person.id)
            ).all()
        missing = set(KINDS)
        pages = 0
        for person_id in people:
            options = letters_for_person(db, SETTINGS, person_id, today=DEMO_DAY)
            for choice in options.kinds:
                if choice.kind not in missing or not choice.available:
                    continue
                request = LetterRequest(choice.kind, person_id)
                letter = render_letter(db, SETTINGS, request, today=DEMO_DAY)
                if not letter.pdf.startswith(b"%PDF") or letter.pages < 1:
                    raise RuntimeError(f"brevet {choice.kind} blev ingen PDF")
                pages_word = "sida" if letter.pages == 1 else "sidor"
                steps.say(f"    {choice.kind}: {letter.pages} {pages_word}, {len(letter.pdf)} byte")
                pages += letter.pages
                missing.discard(choice.kind)
            if not missing:
                break
        if missing:
            raise RuntimeError(
                "demodatan gav ingen person för brevslagen " + ", ".join(sorted(missing))
            )
        notes.append(f"{len(KINDS)} brev, {pages} sidor")
    return len(KINDS)


def _funds(steps: _Steps, db: Database) -> None:
    from bobudget.funds.check import check_funds

    with steps.step("Egna medel kontrolleras (funds check)") as notes:
        result = check_funds(db)
        if not result.ok:
            raise RuntimeError(f"{len(result.problems)} fel, det första: {result.problems[0]}")
        notes.append(f"{result.accounts} konton, {result.entries} transaktioner, inga fel")


def self_test_exit_code(say: Say, *, window: WindowStep | None = None) -> int:
    """0 when every step worked; 1 with a message saying which step failed and what to do."""
    try:
        run_self_test(say, window=window)
    except SelfTestFailed as failure:
        say(
            f"Självtestet misslyckades i steget ”{failure.step}”. Installationen är inte "
            "fullständig eller fungerar inte på den här datorn: installera om programmet, och "
            "skicka texten ovan och loggfilen till IT om felet kvarstår."
        )
        return 1
    return 0


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "self-test",
        help="prova att installationen fungerar (på en tillfällig databas)",
        description=(
            "Provar installationen utan att röra din databas: skapar en tillfällig databas, "
            "fyller den med en liten demo, skriver ett brev av varje slag och kontrollerar "
            "egna medel. Skriver ut varje steg; avslutar med 0 om allt fungerade. "
            "bobudget-gui --self-test gör samma sak och öppnar dessutom huvudfönstret."
        ),
    )
    parser.set_defaults(handler=run_command)


def run_command(_args: argparse.Namespace) -> int:
    return self_test_exit_code(lambda line: print(line, flush=True))
