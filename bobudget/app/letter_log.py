"""The letter log: every letter printed or saved, and the letter shown again exactly as sent.

A letter printed on its own is logged with its PDF (PrintedLetter.pdf) and the PDF's SHA-256:
showing it again returns that very file.

A letter printed in a batch is drawn once, into the batch's PDF, and logged with the facts it
was drawn from (bobudget.letters.logged): every value the template printed, the address block,
date, officer, letterhead, and the template text and logo by their hashes (letter_sources, kept
once). Showing it again draws it from those facts with the same code, so it says exactly what
the batch's pages said (tests/db/test_letter_batch_fast.py compares the text page by page);
the facts' hash is checked first, and the log line names the batch file's hash and the pages
the letter had in it, so the file the unit sent can be matched page for page.

Why not keep the batch's file once and point into it: one file would hold every person's
letter, so a user could read letters of persons with protected personal data that row-level
security hides from them, and gallring could not remove one person's letter from it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bobudget.db.access import record_access
from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork
from bobudget.kernel.config import Letterhead, Settings
from bobudget.kernel.errors import DomainError, NotFoundError
from bobudget.letters.facts import LetterRequest
from bobudget.letters.kinds import KINDS
from bobudget.letters.logged import (
    BatchPlace,
    facts_json,
    letter_from_facts,
    read_facts,
    sha256,
)
from bobudget.letters.render import PreparedLetter, RenderCancelled, letter_title, render_pdf
from bobudget.model import LetterSource, PrintedLetter
from bobudget.model.vocab import AccessKind

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class RenderedLetter:
    request: LetterRequest
    kind_name: str
    contract_id: int | None
    title: str
    template_version: str
    # The person has protected personal data: the window warns before printing.
    protected: bool
    pages: int
    pdf: bytes
    sha256: str
    log_id: int | None = None

    @property
    def kind(self) -> str:
        return self.request.kind

    @property
    def person_id(self) -> int:
        return self.request.person_id


@dataclass(frozen=True)
class RenderedBatch:
    """One PDF with every letter of a batch; `letters` is what record_batch logs.

    `page_counts` holds each letter's pages, `letterhead` and `logo` what they were drawn
    with: the log keeps them so that each letter can be drawn again as it is in `pdf`.
    """

    pdf: bytes
    pages: int
    letters: list[PreparedLetter] = field(default_factory=list)
    page_counts: list[int] = field(default_factory=list)
    letterhead: Letterhead | None = None
    logo: bytes | None = None

    @property
    def protected_count(self) -> int:
        return sum(1 for letter in self.letters if letter.data.protected)


@dataclass(frozen=True)
class LetterLogEntry:
    id: int
    kind: str
    kind_name: str
    person_id: int | None
    contract_id: int | None
    created_at: dt.datetime
    created_by: str
    template_version: str
    sha256: str


def record_letter(db: Database, letter: RenderedLetter, *, user: str | None = None) -> int:
    """Log a rendered letter (printed or saved) with its exact PDF; returns the log id."""
    with UnitOfWork(db, user) as uow:
        row = log_row(uow, letter)
        uow.commit()
        return row.id


def log_row(uow: UnitOfWork, letter: RenderedLetter) -> PrintedLetter:
    """One letter printed on its own, logged with its PDF in the caller's unit of work."""
    row = PrintedLetter(
        kind=letter.kind,
        person_id=letter.person_id,
        contract_id=letter.contract_id,
        created_by=uow.user,
        template_version=letter.template_version,
        sha256=letter.sha256,
        pdf=letter.pdf,
    )
    uow.session.add(row)
    uow.session.flush()
    uow.audit("print", "printed_letter", row.id, detail=letter.kind)
    record_access(uow, AccessKind.LETTER_PRINTED, [letter.person_id], f"brev {row.id}")
    return row


def record_batch(
    db: Database,
    settings: Settings,
    batch: RenderedBatch,
    *,
    user: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> list[int]:
    """Log every letter of a printed batch with the facts it was drawn from, in one unit of
    work (nothing is drawn again). Cancelling logs nothing."""
    letterhead = batch.letterhead or settings.letterhead
    sources: dict[str, bytes] = {}
    logo_sha256 = ""
    if batch.logo is not None:
        logo_sha256 = sha256(batch.logo)
        sources[logo_sha256] = batch.logo
    texts: dict[int, str] = {}  # id(template) → the hash of its text
    for letter in batch.letters:
        if id(letter.template) not in texts:
            content = letter.template.text.encode("utf-8")
            texts[id(letter.template)] = sha256(content)
            sources[texts[id(letter.template)]] = content
    # A batch made without its page counts (none here): each letter's pages unknown, 0.
    counts = batch.page_counts or [0] * len(batch.letters)
    batch_sha256 = hashlib.sha256(batch.pdf).hexdigest()
    _keep_sources(db, sources, user)
    with UnitOfWork(db, user) as uow:
        rows = []
        first = 1
        total = len(batch.letters)
        for index, letter in enumerate(batch.letters):
            _poll(cancelled)
            place = BatchPlace(batch_sha256, index + 1, total, first, counts[index])
            first += counts[index]
            facts = facts_json(
                letter,
                letterhead,
                template_sha256=texts[id(letter.template)],
                logo_sha256=logo_sha256,
                title=letter_title(letter),
                place=place,
            )
            rows.append(
                PrintedLetter(
                    kind=letter.data.kind.id,
                    person_id=letter.data.person_id,
                    contract_id=letter.data.contract_id,
                    created_by=uow.user,
                    template_version=letter.template.version,
                    sha256=sha256(facts.encode("utf-8")),
                    pdf=None,
                    facts=facts,
                )
            )
            if progress is not None:
                progress(index + 1, total)
        # One flush: the rows go in as a few multi-row INSERTs, not one round trip each.
        uow.session.add_all(rows)
        uow.session.flush()
        for row in rows:
            uow.audit("print", "printed_letter", row.id, detail=row.kind)
        # One INSERT for the whole batch, not one per letter.
        record_access(
            uow,
            AccessKind.LETTER_PRINTED,
            [letter.data.person_id for letter in batch.letters],
            f"utskick, {len(rows)} brev",
        )
        uow.commit()
        return [row.id for row in rows]


def list_letters(db: Database, person_id: int) -> list[LetterLogEntry]:
    """The person's letters, newest first (for the person card)."""
    with db.sessions() as session:
        rows = session.execute(
            select(
                PrintedLetter.id,
                PrintedLetter.kind,
                PrintedLetter.person_id,
                PrintedLetter.contract_id,
                PrintedLetter.created_at,
                PrintedLetter.created_by,
                PrintedLetter.template_version,
                PrintedLetter.sha256,
            )
            .where(PrintedLetter.person_id == person_id)
            .order_by(PrintedLetter.created_at.desc(), PrintedLetter.id.desc())
        ).all()
    return [
        LetterLogEntry(
            id=r.id,
            kind=r.kind,
            kind_name=KINDS[r.kind].name if r.kind in KINDS else r.kind,
            person_id=r.person_id,
            contract_id=r.contract_id,
            created_at=r.created_at,
            created_by=r.created_by,
            template_version=r.template_version,
            sha256=r.sha256,
        )
        for r in rows
    ]


def logged_pdf(db: Database, letter_id: int) -> bytes:
    """The letter as it was printed, checked against the hash logged with it.

    A letter printed on its own: its very PDF. A letter of a batch: drawn again from its
    logged facts, exactly as its pages in the batch.
    """
    with db.sessions() as session:
        row = session.get(PrintedLetter, letter_id)
        if row is None:
            raise NotFoundError("Brevet finns inte i brevloggen.")
        if row.facts is not None:
            return _drawn_again(session, letter_id, row.facts, row.sha256)
        if row.pdf is None:
            raise NotFoundError("Brevet finns i brevloggen, men dess PDF-fil sparades inte.")
        pdf = bytes(row.pdf)
        if hashlib.sha256(pdf).hexdigest() != row.sha256:
            raise _changed(letter_id)
        return pdf


def batch_place(db: Database, letter_id: int) -> BatchPlace | None:
    """Where a letter of a batch was in the batch's PDF (None: printed on its own)."""
    with db.sessions() as session:
        facts = session.scalar(select(PrintedLetter.facts).where(PrintedLetter.id == letter_id))
    return None if facts is None else BatchPlace(**read_facts(facts)["batch"])


# Internals


def _drawn_again(session: Session, letter_id: int, text: str, logged_sha256: str) -> bytes:
    if sha256(text.encode("utf-8")) != logged_sha256:
        raise _changed(letter_id)
    facts = read_facts(text)
    template = _source(session, letter_id, facts["template"]["sha256"]).decode("utf-8")
    logo_sha256 = facts["logo_sha256"]
    with tempfile.TemporaryDirectory(prefix="bobudget-logo-") as folder:
        logo_path = ""
        if logo_sha256:
            # The logo as it was: the file in the settings may have changed since.
            logo_path = str(Path(folder) / "logo")
            Path(logo_path).write_bytes(_source(session, letter_id, logo_sha256))
        logged = letter_from_facts(facts, template, logo_path)
        pdf, _ = render_pdf(
            [logged.letter],
            logged.letterhead,
            title=logged.title,
            subject=logged.letter.data.kind.name,
        )
    return pdf


def _source(session: Session, letter_id: int, digest: str) -> bytes:
    content = session.scalar(select(LetterSource.content).where(LetterSource.sha256 == digest))
    if content is None:
        raise NotFoundError(
            f"Brev {letter_id} finns i brevloggen, men mallen eller logotypen det skrevs med "
            "saknas i databasen. Kontakta IT."
        )
    if sha256(bytes(content)) != digest:
        raise _changed(letter_id)
    return bytes(content)


def _keep_sources(db: Database, sources: dict[str, bytes], user: str | None) -> None:
    """Keep each template text and logo once (its own short unit of work: a batch logged at
    the same moment by someone else may keep the same one first, which is just as good)."""
    for _attempt in range(2):
        try:
            with UnitOfWork(db, user) as uow:
                kept = set(
                    uow.session.scalars(
                        select(LetterSource.sha256).where(LetterSource.sha256.in_(sources))
                    )
                )
                uow.session.add_all(
                    LetterSource(sha256=digest, content=content)
                    for digest, content in sources.items()
                    if digest not in kept
                )
                uow.commit()
                return
        except IntegrityError:
            continue


def _changed(letter_id: int) -> DomainError:
    return DomainError(
        f"Den sparade PDF-filen för brev {letter_id} stämmer inte med kontrollsumman i "
        "brevloggen: filen har ändrats efter att brevet skrevs ut. Kontakta IT."
    )


def _poll(cancelled: Cancelled | None) -> None:
    if cancelled is not None and cancelled():
        raise RenderCancelled()
