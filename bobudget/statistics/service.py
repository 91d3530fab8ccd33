"""Running a report against the database: reading, the list behind a cell, writing a text.

The window and the command line call these; a report itself only ever sees a session.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace

from bobudget.db.access import record_access
from bobudget.db.engine import Database
from bobudget.db.rights.visibility import hidden_protected_households
from bobudget.db.uow import UnitOfWork
from bobudget.kernel.errors import ValidationError
from bobudget.model.vocab import AccessKind
from bobudget.statistics.report import (
    Listing,
    PeriodKind,
    Report,
    ReportPeriod,
    ReportResult,
    ShownFirst,
    ShowsFirstTables,
)

__all__ = ["edit_cell", "listing_behind", "offers_identities", "run_report"]

log = logging.getLogger(__name__)


def offers_identities(report: Report) -> bool:
    """Whether a report can list personnummer (the unit's own IVO list): the window enables
    "Med personnummer" and the command line accepts --med-identitet only for such a report.
    """
    return report.offers_identities


def run_report(
    db: Database,
    report: Report,
    period: ReportPeriod,
    *,
    with_identities: bool = False,
    shown_first: ShownFirst | None = None,
) -> ReportResult:
    """Read the report for `period` (read only: nothing is committed).

    `shown_first`, if given, receives the tables a report reads first (see ShowsFirstTables)
    before the rest is counted, so a window can show them at once; a report that reads all its
    tables together hands over nothing early."""
    if period.kind is not report.period_kind:
        raise ValidationError(
            f"Rapporten {report.title} läses per {_KIND_WORDS[report.period_kind]}, inte per "
            f"{_KIND_WORDS[period.kind]}."
        )
    with db.sessions() as session:
        # Read first: the early tables carry the same warning about hidden households.
        hidden = hidden_protected_households(session)
        if shown_first is not None and isinstance(report, ShowsFirstTables):
            early = shown_first

            def hand_over(first: ReportResult) -> None:
                early(replace(first, hidden_households=hidden))

            result = report.run_showing_first(
                session, period, hand_over, with_identities=with_identities
            )
        else:
            result = report.run(session, period, with_identities=with_identities)
        result = replace(result, hidden_households=hidden)
    log.info(
        "report %s read for %s (identities=%s)", report.key, period.label, result.with_identities
    )
    return result


def listing_behind(db: Database, report: Report, table_key: str, ids: Sequence[int]) -> Listing:
    """The rows behind a cell; the persons they name go to the access log."""
    with db.sessions() as session:
        listing = report.behind(session, table_key, ids)
    shown = [pid for pid in listing.person_ids if pid is not None]
    record_access(db, AccessKind.LIST_SHOWN, shown, f"rapport {report.key}, {len(ids)} rader")
    return listing


def edit_cell(
    db: Database, report: Report, record_id: int, period: ReportPeriod, text: str, username: str
) -> None:
    """Write the report's editable text for one record (the IVO report's reason for delay)."""
    if report.editable_column is None:
        raise ValidationError(f"I rapporten {report.title} finns inget att skriva in.")
    with UnitOfWork(db, username) as uow:
        report.edit(uow.session, record_id, period, text, username)
        uow.commit()


_KIND_WORDS = {
    PeriodKind.YEAR: "år",
    PeriodKind.QUARTER: "kvartal",
    PeriodKind.WEEK: "vecka",
    PeriodKind.MONTH_RANGE: "månader",
}
