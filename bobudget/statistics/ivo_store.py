"""What the IVO report keeps between quarters: the reason for delay written per decision and
quarter, and every report once made (its submission), read back to know what IVO was told."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.kernel.text_check import check_text
from bobudget.model import AuditEntry, Decision, IvoDelayReason, IvoSubmission
from bobudget.model.statistics import DELAY_REASON_MAX

__all__ = [
    "REASON_LABEL",
    "ReportedEntry",
    "Submission",
    "delay_reasons",
    "reported_before",
    "save_delay_reason",
    "save_submission",
    "submissions",
]

REASON_LABEL = "Orsak till dröjsmål"
# The audit trail's words for what was done here (ids only in the entries).
AUDIT_REASON = "ivo_reason"
AUDIT_SUBMISSION = "ivo_submission"


@dataclass(frozen=True)
class ReportedEntry:
    """One decision as a report to IVO gave it: from when it waited, and whether and when it
    had been carried out or had ended by the quarter's last day."""

    decision_id: int
    start: dt.date  # the decision date, or the day an interruption began
    carried_out: dt.date | None
    ended: dt.date | None

    @property
    def open(self) -> bool:
        return self.carried_out is None and self.ended is None

    def as_json(self) -> dict[str, Any]:
        return {
            "decision_id": self.decision_id,
            "fran": self.start.isoformat(),
            "verkstallt": _iso(self.carried_out),
            "avslutat": _iso(self.ended),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReportedEntry:
        return cls(
            decision_id=int(data["decision_id"]),
            start=dt.date.fromisoformat(data["fran"]),
            carried_out=_date(data.get("verkstallt")),
            ended=_date(data.get("avslutat")),
        )


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def save_delay_reason(
    session: Session, decision_id: int, quarter: str, text: str, username: str
) -> None:
    """Write (or, with an empty text, remove) the reason for delay of one decision in one
    quarter's report; committed at once, audited. Refused in Swedish with nothing saved."""
    text = check_text(text.strip(), REASON_LABEL, multiline=True)
    if len(text) > DELAY_REASON_MAX:
        raise ValidationError(
            f"{REASON_LABEL} är {len(text)} tecken lång; den får vara högst {DELAY_REASON_MAX} "
            "tecken. Korta texten."
        )
    session.info["user"] = username
    try:
        if session.get(Decision, decision_id) is None:
            raise NotFoundError("Beslutet finns inte längre i databasen. Läs in rapporten på nytt.")
        row = session.scalar(
            select(IvoDelayReason).where(
                IvoDelayReason.decision_id == decision_id, IvoDelayReason.quarter == quarter
            )
        )
        if row is None and text:
            session.add(IvoDelayReason(decision_id=decision_id, quarter=quarter, reason=text))
        elif row is not None and text:
            row.reason = text
        elif row is not None:
            session.delete(row)
        session.add(
            AuditEntry(
                username=username,
                action=AUDIT_REASON,
                entity="decision",
                entity_id=decision_id,
                detail=quarter,
            )
        )
        session.commit()
    except IntegrityError:
        session.rollback()
        raise ValidationError(
            "Någon annan skrev just en orsak för samma beslut och kvartal. Läs in rapporten på "
            "nytt och skriv orsaken igen."
        ) from None
    except BaseException:
        session.rollback()
        raise


def delay_reasons(session: Session, quarter: str, decision_ids: Sequence[int]) -> dict[int, str]:
    """The reasons written for `quarter`, by decision id."""
    if not decision_ids:
        return {}
    rows = session.execute(
        select(IvoDelayReason.decision_id, IvoDelayReason.reason).where(
            IvoDelayReason.quarter == quarter,
            IvoDelayReason.decision_id.in_(list(decision_ids)),
        )
    ).all()
    return {r.decision_id: r.reason for r in rows}


def save_submission(
    session: Session,
    quarter: str,
    first_day: dt.date,
    last_day: dt.date,
    entries: Sequence[ReportedEntry],
    username: str,
    made_at: dt.datetime,
) -> int:
    """Keep one report as it was made; a second export of a quarter is kept beside the first."""
    session.info["user"] = username
    try:
        row = IvoSubmission(
            quarter=quarter,
            first_day=first_day,
            last_day=last_day,
            made_at=made_at,
            made_by=username,
            content=json.dumps([e.as_json() for e in entries], ensure_ascii=False),
        )
        session.add(row)
        session.flush()
        session.add(
            AuditEntry(
                username=username,
                action=AUDIT_SUBMISSION,
                entity="ivo_submission",
                entity_id=row.id,
                detail=f"{quarter}: {len(entries)} beslut",
            )
        )
        session.commit()
        return row.id
    except BaseException:
        session.rollback()
        raise


@dataclass(frozen=True)
class Submission:
    id: int
    quarter: str
    first_day: dt.date
    made_at: dt.datetime
    made_by: str
    entries: tuple[ReportedEntry, ...]


def submissions(session: Session, before: dt.date | None = None) -> list[Submission]:
    """Every report kept, oldest quarter first (then as made); only quarters before `before`."""
    stmt = select(IvoSubmission).order_by(
        IvoSubmission.first_day, IvoSubmission.made_at, IvoSubmission.id
    )
    if before is not None:
        stmt = stmt.where(IvoSubmission.first_day < before)
    return [
        Submission(
            id=row.id,
            quarter=row.quarter,
            first_day=row.first_day,
            made_at=row.made_at,
            made_by=row.made_by,
            entries=tuple(ReportedEntry.from_json(e) for e in json.loads(row.content)),
        )
        for row in session.scalars(stmt)
    ]


def reported_before(session: Session, first_day: dt.date) -> dict[tuple[int, dt.date], bool]:
    """What earlier quarters' reports last said of each (decision, start): True while open.

    Only reports of quarters before the one beginning `first_day` count; of those, the latest
    quarter's last-made report speaks for a decision (a quarter exported twice is kept twice).
    """
    said: dict[tuple[int, dt.date], bool] = {}
    for submission in submissions(session, before=first_day):
        for entry in submission.entries:
            said[(entry.decision_id, entry.start)] = entry.open
    return said
