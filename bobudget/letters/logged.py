"""A letter of a batch as the letter log keeps it: the facts it was drawn from, as JSON.

A batch is drawn once, into the batch's PDF. Rather than drawing each letter a second time for
a PDF of its own (which took two thirds of a batch's time and 45 kB a letter), the log keeps
what the letter was drawn from: every value the template printed, the address block, date,
officer and case number, the letterhead, the hashes of the template text and logo (kept once
each in letter_sources), the program versions that drew it, and its pages in the batch.
`letter_from_facts` turns that back into the same PreparedLetter, which the same render_pdf
draws again: the same words, numbers and addresses, laid out by the same code.

The JSON's SHA-256 is the log line's hash: a changed fact is found when the letter is shown.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import reportlab

import bobudget
from bobudget.kernel.config import Letterhead
from bobudget.letters.facts import LetterData, LetterRequest, Value
from bobudget.letters.kinds import get_kind
from bobudget.letters.render import PreparedLetter
from bobudget.letters.syntax import parse_template
from bobudget.letters.templates import Template

# Raised with each change to what the JSON holds; an older log line is read by its own rules.
FORMAT = 1


def engine() -> str:
    """What drew the letter: a reprint by other versions may break lines differently."""
    return f"bobudget {bobudget.__version__}, ReportLab {reportlab.Version}"


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


@dataclass(frozen=True)
class BatchPlace:
    """Where the letter is in the batch's PDF: its hash, the letter's number and first page."""

    sha256: str
    letter: int  # 1-based
    letters: int
    first_page: int  # 1-based
    pages: int


def facts_json(
    letter: PreparedLetter,
    letterhead: Letterhead,
    *,
    template_sha256: str,
    logo_sha256: str,
    title: str,
    place: BatchPlace,
) -> str:
    """The letter's facts as JSON: keys sorted, so the same facts give the same hash."""
    data = letter.data
    template = letter.template
    head = dataclasses.asdict(letterhead)
    head["logo_path"] = ""  # the logo is kept by its hash: the file may change or go
    facts: dict[str, Any] = {
        "format": FORMAT,
        "engine": engine(),
        "kind": data.kind.id,
        "request": {
            "person_id": data.request.person_id,
            "subject_id": data.request.subject_id,
            "month": data.request.month.isoformat() if data.request.month else None,
        },
        "contract_id": data.contract_id,
        "recipient": list(data.recipient),
        "envelope_note": data.envelope_note,
        "protected": data.protected,
        "reference": data.reference,
        "officer": data.officer,
        "officer_phone": data.officer_phone,
        "officer_email": data.officer_email,
        "date": data.date.isoformat(),
        "stale": data.stale,
        "values": {name: _plain(value) for name, value in data.values.items()},
        "title": title,
        "letterhead": head,
        "logo_sha256": logo_sha256,
        "template": {
            "sha256": template_sha256,
            "path": template.path.as_posix(),
            "overridden": template.overridden,
            "file_sha256": template.sha256,
            "unit_version": template.unit_version,
            "appeal_version": template.appeal_version,
        },
        "batch": dataclasses.asdict(place),
    }
    return json.dumps(facts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True)
class LoggedLetter:
    """A logged letter ready to be drawn again, and what it needs beside the template text."""

    letter: PreparedLetter
    letterhead: Letterhead
    title: str
    template_sha256: str
    logo_sha256: str
    engine: str
    place: BatchPlace


def read_facts(text: str) -> dict[str, Any]:
    facts: dict[str, Any] = json.loads(text)
    if facts.get("format") != FORMAT:
        raise ValueError(f"unknown letter facts format {facts.get('format')!r}")
    return facts


def letter_from_facts(facts: dict[str, Any], template_text: str, logo_path: str) -> LoggedLetter:
    """The letter as it was drawn: the template read from its logged text, the logged values.

    The template is parsed, not checked again: a check added since must not stop showing a
    letter that was sent.
    """
    kind = get_kind(facts["kind"])
    info = facts["template"]
    path = Path(info["path"])
    template = Template(
        kind,
        path,
        info["overridden"],
        parse_template(template_text, kind, path),
        info["file_sha256"],
        info["unit_version"],
        info["appeal_version"],
        template_text,
    )
    request = facts["request"]
    month = request["month"]
    data = LetterData(
        kind=kind,
        request=LetterRequest(
            kind.id,
            request["person_id"],
            request["subject_id"],
            dt.date.fromisoformat(month) if month else None,
        ),
        contract_id=facts["contract_id"],
        recipient=tuple(facts["recipient"]),
        envelope_note=facts["envelope_note"],
        protected=facts["protected"],
        reference=facts["reference"],
        officer=facts["officer"],
        date=dt.date.fromisoformat(facts["date"]),
        values={name: _value(value) for name, value in facts["values"].items()},
        officer_phone=facts["officer_phone"],
        officer_email=facts["officer_email"],
        stale=facts["stale"],
    )
    letterhead = Letterhead(**{**facts["letterhead"], "logo_path": logo_path})
    return LoggedLetter(
        PreparedLetter(template, data),
        letterhead,
        facts["title"],
        info["sha256"],
        facts["logo_sha256"],
        facts["engine"],
        BatchPlace(**facts["batch"]),
    )


def _plain(value: Value) -> Any:
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


def _value(value: Any) -> Value:
    """A value as the template had it: lists were tuples (of rows, for a table)."""
    if isinstance(value, list):
        return tuple(_value(item) for item in value)  # type: ignore[return-value]
    return value  # type: ignore[no-any-return]
