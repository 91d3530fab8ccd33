"""The quarterly report to IVO of decisions not carried out within three months (*ej
verkställda beslut*, SoL 16 kap. 6 f §): one row per decision, no name or personnummer unless
the unit's own list asks for them; the reason for delay kept per decision and quarter, and every
report once exported kept, so the next quarter knows what IVO was told."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from bobudget.kernel.identity import display_canonical
from bobudget.model import Contract, IvoDelayReason
from bobudget.model.vocab import ContractKind, OfferAnswer
from bobudget.persons.rules import birth_date_of
from bobudget.placement.rules import three_months_date, waiting_days
from bobudget.statistics.ivo_facts import DecisionFacts, OfferFact, candidate_ids, read_facts
from bobudget.statistics.ivo_rules import (
    Episode,
    episode_in_quarter,
    settled_by,
    sex_of,
    without_identities,
)
from bobudget.statistics.ivo_store import (
    ReportedEntry,
    delay_reasons,
    reported_before,
    save_delay_reason,
    save_submission,
    submissions,
)
from bobudget.statistics.report import (
    CellValue,
    ColumnKind,
    Listing,
    PeriodKind,
    ReportColumn,
    ReportPeriod,
    ReportResult,
    ReportRow,
    ReportTable,
)

__all__ = ["IVO_COLUMNS", "IvoReport", "IvoRow", "ivo_rows", "quarter_key"]

IVO_COLUMNS: tuple[ReportColumn, ...] = (
    ReportColumn("referens", "Referens", ColumnKind.TEXT),
    ReportColumn("beslutsdatum", "Beslutsdatum", ColumnKind.DATE),
    ReportColumn("bistand", "Bistånd", ColumnKind.TEXT),
    ReportColumn("kon", "Kön", ColumnKind.TEXT),
    ReportColumn("fodelsear", "Födelseår", ColumnKind.TEXT),
    ReportColumn("vantedagar", "Väntedagar", ColumnKind.DAYS),
    ReportColumn("erbjudanden", "Erbjudanden", ColumnKind.TEXT),
    ReportColumn("orsak", "Orsak till dröjsmål", ColumnKind.TEXT),
    ReportColumn("verkstallt", "Verkställt", ColumnKind.DATE),
    ReportColumn("avslutat", "Avslutat", ColumnKind.DATE),
)
IDENTITY_COLUMN = ReportColumn("personnummer", "Personnummer", ColumnKind.TEXT)
TABLE_KEY = "ivo"
# What replaces a personnummer-shaped text or the client's name in a list without identities.
MASKED = "[borttaget]"


def quarter_key(period: ReportPeriod) -> str:
    """The quarter as the notes and submissions are kept: "2026Q3", from the first day."""
    return f"{period.first_day.year}Q{(period.first_day.month - 1) // 3 + 1}"


class IvoRow:
    """One decision in the report, before it is made into cells."""

    def __init__(self, facts: DecisionFacts, episode: Episode, last: dt.date, reason: str):
        self.facts = facts
        self.episode = episode
        settled = settled_by(episode, last)
        self.waiting_days = waiting_days(episode.start, settled, last)
        carried = episode.carried_out
        self.carried_out = carried if carried is not None and carried <= last else None
        ended = episode.ended
        self.ended = ended if ended is not None and ended <= last else None
        self.reason = reason
        self.last = last

    @property
    def entry(self) -> ReportedEntry:
        return ReportedEntry(self.facts.id, self.episode.start, self.carried_out, self.ended)


def ivo_rows(session: Session, period: ReportPeriod) -> list[IvoRow]:
    """The decisions of the quarter `period`, oldest decision first (then by id)."""
    first, last = period.first_day, period.last_day
    said = reported_before(session, first)
    open_before = {key for key, is_open in said.items() if is_open}
    ids = candidate_ids(session, first, last, sorted({d for d, _ in open_before}))
    facts = read_facts(session, ids)
    quarter = quarter_key(period)
    notes = delay_reasons(session, quarter, ids)
    rows = []
    for f in facts.values():
        chosen = [
            e
            for e in f.episodes()
            if e.start <= last
            and episode_in_quarter(e, first, last, reported_open=(f.id, e.start) in open_before)
        ]
        if chosen:
            episode = chosen[-1]  # the latest: an interruption after the first waiting
            rows.append(IvoRow(f, episode, last, _reason(notes.get(f.id, ""), f, episode, last)))
    rows.sort(key=lambda r: (r.facts.decision_date, r.facts.id))
    return rows


def _reason(note: str, f: DecisionFacts, episode: Episode, last: dt.date) -> str:
    if note:
        return note
    if f.delay_reason:
        return f.delay_reason
    if episode.ended is not None and episode.ended <= last and f.end_reason:
        return f"Avslutat: {f.end_reason}"
    return ""


def _offers_text(f: DecisionFacts, last: dt.date) -> str:
    """The offers made by the quarter's last day, each answered as it stood that day: the
    report is the state per that day, so a later offer or answer is not in it."""
    return "; ".join(
        f"{o.offered.isoformat()} {_offer_detail(o, last)}" for o in f.offers if o.offered <= last
    )


def _mask(text: str, f: DecisionFacts) -> str:
    return without_identities(text, (f.first_name, f.last_name), MASKED)


def _bistand(f: DecisionFacts, episode: Episode) -> str:
    if episode.interrupted:
        return f"{f.kind.label} (avbrott från {episode.start.isoformat()})"
    return f.kind.label


def _cells(row: IvoRow, with_identities: bool) -> tuple[CellValue, ...]:
    f = row.facts
    birth = birth_date_of(f.identity, f.birth_date)
    reference = f.reference or f"Beslut {f.id}"
    offers, reason = _offers_text(f, row.last), row.reason
    if not with_identities:
        reference = _mask(reference, f)
        offers, reason = _mask(offers, f), _mask(reason, f)
    cells: tuple[CellValue, ...] = (
        reference,
        f.decision_date,
        _bistand(f, row.episode),
        sex_of(f.identity),
        str(birth.year) if birth is not None else None,
        row.waiting_days,
        offers or None,
        reason or None,
        row.carried_out,
        row.ended,
    )
    if with_identities:
        cells = (display_canonical(f.identity) if f.identity else None, *cells)
    return cells


class IvoReport:
    """Ej verkställda beslut: the quarterly report to IVO, the committee and the auditors."""

    key = "ivo"
    title = "Ej verkställda beslut (rapport till IVO)"
    period_kind = PeriodKind.QUARTER
    editable_column: str | None = "orsak"
    offers_identities = True

    def run(
        self, session: Session, period: ReportPeriod, *, with_identities: bool = False
    ) -> ReportResult:
        rows = ivo_rows(session, period)
        columns = (IDENTITY_COLUMN, *IVO_COLUMNS) if with_identities else IVO_COLUMNS
        report_rows = []
        for row in rows:
            cells = _cells(row, with_identities)
            report_rows.append(
                ReportRow(
                    label=str(cells[1] if with_identities else cells[0]),
                    cells=cells,
                    behind=tuple((row.facts.id,) for _ in cells),
                    record_id=row.facts.id,
                )
            )
        table = ReportTable(
            key=TABLE_KEY,
            title=f"Ej verkställda beslut {quarter_key(period)}",
            columns=columns,
            rows=tuple(report_rows),
            note=(
                "Gynnande beslut som inte verkställts inom tre månader från beslutsdatum (eller "
                "från ett avbrott i verkställigheten), och beslut som rapporterats tidigare och "
                f"verkställts eller avslutats sedan. Läget per {period.last_day.isoformat()}."
            ),
        )
        return ReportResult(
            report_key=self.key,
            title=self.title,
            period=period,
            tables=(table,),
            with_identities=with_identities,
        )

    def behind(self, session: Session, table_key: str, ids: Sequence[int]) -> Listing:
        return decision_history(session, ids)

    def edit(
        self, session: Session, record_id: int, period: ReportPeriod, text: str, username: str
    ) -> None:
        save_delay_reason(session, record_id, quarter_key(period), text, username)

    def exported(self, session: Session, result: ReportResult, username: str) -> None:
        """Keep what was reported to IVO: a list with identities is the unit's own, not a
        report, and is not kept."""
        if result.with_identities or result.report_key != self.key:
            return
        reported = {row.record_id for table in result.tables for row in table.rows}
        entries = [
            row.entry for row in ivo_rows(session, result.period) if row.facts.id in reported
        ]
        save_submission(
            session,
            quarter_key(result.period),
            result.period.first_day,
            result.period.last_day,
            entries,
            username,
            result.made_at,
        )


HISTORY_COLUMNS = (
    ReportColumn("datum", "Datum", ColumnKind.DATE),
    ReportColumn("referens", "Referens", ColumnKind.TEXT),
    ReportColumn("handelse", "Händelse", ColumnKind.TEXT),
    ReportColumn("detalj", "Detalj", ColumnKind.TEXT),
)


def decision_history(session: Session, ids: Sequence[int]) -> Listing:
    """The decisions' history for the list behind a row: the decision, its three months, each
    offer, what carried it out, interruptions, the reasons written and the reports made."""
    facts = read_facts(session, sorted(set(ids)))
    rows: list[tuple[CellValue, ...]] = []
    people: list[int | None] = []
    reasons = session.execute(
        select(IvoDelayReason.decision_id, IvoDelayReason.quarter, IvoDelayReason.reason)
        .where(IvoDelayReason.decision_id.in_(list(facts)))
        .order_by(IvoDelayReason.quarter)
    ).all()
    placements = session.execute(
        select(
            Contract.decision_id,
            Contract.kind,
            Contract.start_date,
            Contract.end_date,
            Contract.end_reason,
        )
        .where(Contract.decision_id.in_(list(facts)))
        .order_by(Contract.start_date, Contract.id)
    ).all()
    reports = submissions(session)
    for f in sorted(facts.values(), key=lambda x: (x.decision_date, x.id)):
        ref = f.reference or f"Beslut {f.id}"
        events: list[tuple[dt.date | None, str, str]] = [
            (f.decision_date, "Beslut", f.kind.label),
            (three_months_date(f.decision_date), "Tre månader går ut", ""),
        ]
        for o in f.offers:
            events.append((o.offered, "Erbjudande", _offer_detail(o)))
        for p in (p for p in placements if p.decision_id == f.id):
            kind = ContractKind(p.kind).label
            events.append((p.start_date, "Start", kind))
            if p.end_date is not None:
                events.append((p.end_date, "Slut", f"{kind}: {p.end_reason}".rstrip(": ")))
        if f.executed is not None:
            events.append((f.executed, "Verkställt", ""))
        if f.ended is not None:
            events.append((f.ended, "Avslutat", f.end_reason))
        for day in f.interruptions:
            events.append((day, "Avbrott i verkställigheten", ""))
        for r in (r for r in reasons if r.decision_id == f.id):
            events.append((None, f"Orsak till dröjsmål {r.quarter}", r.reason))
        for s in reports:
            for e in (e for e in s.entries if e.decision_id == f.id):
                status = "ej verkställt" if e.open else "verkställt eller avslutat"
                made = s.made_at.date().isoformat()
                events.append(
                    (
                        s.made_at.date(),
                        f"Rapporterat till IVO {s.quarter}",
                        f"{status} (gjord {made} av {s.made_by})",
                    )
                )
        events.sort(key=lambda ev: (ev[0] is None, ev[0] or dt.date.min))
        for when, what, detail in events:
            rows.append((when, ref, what, detail))
            people.append(f.person_id)
    return Listing(
        title="Beslutens historik",
        columns=HISTORY_COLUMNS,
        rows=tuple(rows),
        person_ids=tuple(people),
    )


def _offer_detail(o: OfferFact, as_of: dt.date | None = None) -> str:
    if as_of is not None and o.answered is not None and o.answered > as_of:
        return OfferAnswer.PENDING.label
    text = o.answer.label
    if o.answered is not None:
        text += f" {o.answered.isoformat()}"
    if o.decline_reason:
        text += f": {o.decline_reason}"
    return text
