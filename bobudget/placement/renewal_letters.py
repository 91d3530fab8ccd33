"""Which renewal letters fall due: recorded renewals of temporary housing not yet sent, and
which recorded renewals were left out and why."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import exists, select
from sqlalchemy.orm import aliased

from bobudget.db.access import record_access
from bobudget.db.engine import Database
from bobudget.kernel.errors import ValidationError
from bobudget.letters.facts import LetterRequest
from bobudget.model import Contract, ContractPeriod, PrintedLetter
from bobudget.model.vocab import AccessKind, ContractKind, PeriodOutcome
from bobudget.placement.rules import renewal_letter_skip_reason


@dataclass(frozen=True)
class RenewalLetters:
    """The renewal letters to write, and how many recorded renewals were left out and why."""

    requests: list[LetterRequest]
    skipped: dict[str, int] = field(default_factory=dict)

    @property
    def skipped_text(self) -> str:
        """E.g. "Hoppade över 2 registrerade förlängningar: 2 där …"; "" when none."""
        total = sum(self.skipped.values())
        if not total:
            return ""
        reasons = ", ".join(f"{count} där {reason}" for reason, count in self.skipped.items())
        which = "registrerad förlängning" if total == 1 else "registrerade förlängningar"
        return f"Hoppade över {total} {which}: {reasons}."


def renewal_requests_due(db: Database, *, on: dt.date, within_days: int) -> list[LetterRequest]:
    """Renewal letters falling due: one for each recorded renewal not yet sent."""
    return renewal_letters_due(db, on=on, within_days=within_days).requests


def renewal_letters_due(
    db: Database, *, on: dt.date, within_days: int, record_shown: bool = True
) -> RenewalLetters:
    """Renewal letters falling due, and the renewals left out (renewal_letter_skip_reason).

    The persons are logged as shown unless `record_shown` is false: the Brev page lists a page
    of them at a time and logs each page as it shows it (renewal_rows), not all 14 000 due at
    100 000 households before the first row (a third of a second of writing).

    A renewal is due a letter when the placement is still open, its last period is a renewal
    (the period before it was renewed) still running on `on` and starting within
    `within_days` of it, and no renewal letter for the placement has been logged since that
    period was recorded. A placement only waiting for a decision gets no letter: there is no
    new period yet.
    """
    if within_days < 0:
        raise ValidationError("Antal dagar kan inte vara negativt.")
    other = aliased(ContractPeriod)
    newer = exists().where(
        other.contract_id == ContractPeriod.contract_id, other.sequence > ContractPeriod.sequence
    )
    # The period before it, in the same placement, was renewed (a moved placement carries its
    # period over to the new place without a renewal).
    renewed = exists().where(
        other.contract_id == ContractPeriod.contract_id,
        other.sequence == ContractPeriod.sequence - 1,
        other.outcome == PeriodOutcome.RENEWED,
    )
    sent = exists().where(
        PrintedLetter.contract_id == ContractPeriod.contract_id,
        PrintedLetter.kind == "temporary_renewal",
        PrintedLetter.created_at >= ContractPeriod.created_at,
    )
    stmt = (
        select(
            Contract.id,
            Contract.person_id,
            Contract.end_date,
            ContractPeriod.end_date.label("period_end"),
            sent.label("sent"),
        )
        .join(ContractPeriod, ContractPeriod.contract_id == Contract.id)
        .where(
            Contract.kind == ContractKind.TEMPORARY,
            renewed,
            ContractPeriod.outcome == PeriodOutcome.PENDING,
            ContractPeriod.start_date <= on + dt.timedelta(days=within_days),
            ~newer,
        )
        .order_by(ContractPeriod.start_date, Contract.id)
    )
    with db.sessions() as session:
        # Through the connection: 14 000 plain rows, no ORM rows built (a third faster).
        rows = session.connection().execute(stmt).all()
    due = RenewalLetters([])
    for r in rows:
        reason = renewal_letter_skip_reason(r.end_date, r.period_end, bool(r.sent), on)
        if reason:
            due.skipped[reason] = due.skipped.get(reason, 0) + 1
        else:
            due.requests.append(LetterRequest("temporary_renewal", r.person_id, r.id))
    if record_shown:
        record_access(
            db, AccessKind.LIST_SHOWN, [q.person_id for q in due.requests], "förlängningsbrev"
        )
    return due
