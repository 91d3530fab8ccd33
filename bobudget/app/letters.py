"""Letters: render a letter or a batch, record every letter in the log, show it again as sent.

The window, the command line and the tests all call these functions; none of them touches Qt.
A batch reports `progress(done, total)` and polls `cancelled()` so that a window can run it in
a worker thread behind a progress bar with a Cancel button.

A letter printed on its own is logged with its PDF; a letter of a batch is drawn once, in the
batch, and logged with the facts it was drawn from (bobudget.app.letter_log says how it is
shown again exactly as sent). A batch's facts are read with a fixed handful of set-based
queries (bobudget.app.letter_prefetch), not letter by letter.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy.orm import Session

from bobudget.app.letter_data import assemble
from bobudget.app.letter_log import (
    LetterLogEntry,
    RenderedBatch,
    RenderedLetter,
    batch_place,
    list_letters,
    log_row,
    logged_pdf,
    record_batch,
    record_letter,
)
from bobudget.app.letter_prefetch import prefetch
from bobudget.app.users import officer_of
from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork, session_username
from bobudget.kernel.config import Settings
from bobudget.kernel.errors import DomainError, NotFoundError, ValidationError
from bobudget.letters.facts import LetterData, LetterRequest
from bobudget.letters.kinds import KINDS, get_kind
from bobudget.letters.output import write_pdf
from bobudget.letters.render import (
    PreparedLetter,
    RenderCancelled,
    check_logo,
    letter_title,
    render_pdf,
)
from bobudget.letters.sender import Officer, missing_sender_details
from bobudget.letters.templates import Template, load_template, load_templates
from bobudget.model import Person
from bobudget.placement.renewal_letters import renewal_letters_due, renewal_requests_due

__all__ = [
    "KindChoice",
    "LetterLogEntry",
    "LetterRequest",
    "PersonLetters",
    "RenderedBatch",
    "RenderedLetter",
    "batch_place",
    "letter_kinds",
    "letters_for_person",
    "list_letters",
    "logged_pdf",
    "produce_letter",
    "record_batch",
    "record_letter",
    "render_batch",
    "render_letter",
    "renewal_letters_due",
    "renewal_requests_due",
    "stale_warning",
    "write_pdf",
]

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class KindChoice:
    kind: str
    name: str
    available: bool
    reason: str = ""  # why not, in Swedish, when the person has nothing this letter fits


@dataclass(frozen=True)
class PersonLetters:
    """The letters a person can get now; `protected` means: warn before printing."""

    person_id: int
    protected: bool
    kinds: list[KindChoice]


def letter_kinds() -> list[tuple[str, str]]:
    """Every kind: (id, Swedish name), in the order the unit thinks of them."""
    return [(kind.id, kind.name) for kind in KINDS.values()]


def letters_for_person(
    db: Database, settings: Settings, person_id: int, *, today: dt.date | None = None
) -> PersonLetters:
    """Which letters the person's data allows now, and why not the others."""
    today = today or dt.date.today()
    with db.sessions() as session:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFoundError("Personen finns inte längre i databasen.")
        choices = []
        for kind in KINDS.values():
            request = LetterRequest(kind.id, person_id)
            try:
                assemble(session, request, settings, today=today, officer="")
            except DomainError as error:
                choices.append(KindChoice(kind.id, kind.name, False, str(error)))
            else:
                choices.append(KindChoice(kind.id, kind.name, True))
        return PersonLetters(person_id, person.protected_identity, choices)


def stale_warning(
    db: Database, settings: Settings, request: LetterRequest, *, today: dt.date | None = None
) -> str:
    """Why the letter is about something already past ("" when it is not): asked before the
    letter is rendered, so the user can stop (bobudget.letters.staleness)."""
    with db.sessions() as session:
        data = assemble(session, request, settings, today=today or dt.date.today(), officer="")
    return data.stale


def render_letter(
    db: Database,
    settings: Settings,
    request: LetterRequest,
    *,
    user: str | None = None,
    today: dt.date | None = None,
) -> RenderedLetter:
    """The letter as PDF bytes, not yet logged: for a preview; record_letter when it is used."""
    template = load_template(request.kind, settings)
    with db.sessions() as session:
        data = _assemble(session, request, settings, user, today)
    return _render_one(template, data, settings)


def produce_letter(
    db: Database,
    settings: Settings,
    request: LetterRequest,
    *,
    user: str | None = None,
    today: dt.date | None = None,
    deliver: Callable[[bytes], None] | None = None,
) -> RenderedLetter:
    """Render and log one letter in one unit of work (the command line's way).

    `deliver(pdf)` (e.g. writing the file) runs before the log is committed: when it fails,
    nothing is logged.
    """
    template = load_template(request.kind, settings)
    with UnitOfWork(db, user) as uow:
        data = _assemble(uow.session, request, settings, uow.user, today)
        letter = _render_one(template, data, settings)
        row = log_row(uow, letter)
        if deliver is not None:
            deliver(letter.pdf)
        uow.commit()
        return replace(letter, log_id=row.id)


def render_batch(
    db: Database,
    settings: Settings,
    requests: Sequence[LetterRequest],
    *,
    user: str | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> RenderedBatch:
    """Every letter of `requests` in one PDF, each on its own pages ("Sida 1 av 2" per letter).

    Every template is loaded and checked, and every letter's data gathered, before the first
    page is drawn: a broken template or a person without the data stops the batch with a
    message naming it, and nothing is half done. Not logged: call record_batch when printed.
    """
    if not requests:
        raise ValidationError("Det finns inga brev att skriva ut.")
    templates = load_templates((r.kind for r in requests), settings)
    logo = check_logo(settings.letterhead)
    logo_bytes = Path(logo.path).read_bytes() if logo is not None else None
    total = len(requests) * 2
    letters: list[PreparedLetter] = []
    with db.sessions() as session:
        officer = _officer(session, settings, user)
        kept = prefetch(session, requests)  # the builders below find their rows in the session
        for done, request in enumerate(requests):
            _poll(cancelled)
            try:
                data = _assemble(session, request, settings, user, today, officer=officer)
            except (NotFoundError, ValidationError) as error:
                # Which of the batch's letters: the message alone would not say.
                raise type(error)(f"{_who(session, request)}: {error}") from None
            letters.append(PreparedLetter(templates[request.kind], data))
            if progress is not None:
                progress(done + 1, total)
        del kept
    kinds = list(dict.fromkeys(letter.data.kind.name for letter in letters))

    def drawn(done: int, count: int) -> None:
        if progress is not None:
            progress(count + done, total)

    pdf, pages = render_pdf(
        letters,
        settings.letterhead,
        title=f"{kinds[0] if len(kinds) == 1 else 'Brev'} ({len(letters)} st)",
        subject=", ".join(kinds),
        progress=drawn,
        cancelled=cancelled,
    )
    return RenderedBatch(pdf, sum(pages), letters, pages, settings.letterhead, logo_bytes)


# Internals


def _officer(session: Session, settings: Settings, user: str | None) -> Officer:
    """The signed-in user as the letter's officer; refused when they or the letterhead lack
    what a letter must show (bobudget.letters.sender)."""
    officer = officer_of(session, user or session_username(session))
    missing = missing_sender_details(settings.letterhead, officer)
    if missing:
        raise ValidationError(missing)
    return officer


def _assemble(
    session: Session,
    request: LetterRequest,
    settings: Settings,
    user: str | None,
    today: dt.date | None,
    *,
    officer: Officer | None = None,
) -> LetterData:
    signer = officer if officer is not None else _officer(session, settings, user)
    return assemble(
        session,
        request,
        settings,
        today=today or dt.date.today(),
        officer=signer.full_name,
        officer_phone=signer.phone,
        officer_email=signer.email,
    )


def _render_one(template: Template, data: LetterData, settings: Settings) -> RenderedLetter:
    letter = PreparedLetter(template, data)
    title = letter_title(letter)
    pdf, pages = render_pdf([letter], settings.letterhead, title=title, subject=data.kind.name)
    return RenderedLetter(
        request=data.request,
        kind_name=data.kind.name,
        contract_id=data.contract_id,
        title=title,
        template_version=template.version,
        protected=data.protected,
        pages=pages[0],
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
    )


def _poll(cancelled: Cancelled | None) -> None:
    if cancelled is not None and cancelled():
        raise RenderCancelled()


def _who(session: Session, request: LetterRequest) -> str:
    """Names the letter of a batch that cannot be made, for the message to the user."""
    person = session.get(Person, request.person_id)
    name = person.full_name if person else f"person {request.person_id}"
    return f"{get_kind(request.kind).name} till {name}"
