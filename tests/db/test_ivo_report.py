"""The quarterly report to IVO read from a database: the three-month edges, two quarters in a
row (reported, then carried out), interruptions, what a list without identities may hold, the
reason per decision and quarter, and the submissions kept. The key ones on both engines."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from bobudget.db.changes import ChangeKind, collect_changes
from bobudget.db.engine import Database
from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.kernel.identity import display_canonical
from bobudget.model import AuditEntry, Contract, Decision, IvoDelayReason, IvoSubmission
from bobudget.model.vocab import ContractKind, DecisionKind, OfferAnswer
from bobudget.statistics.catalogue import report_by_key
from bobudget.statistics.ivo import IvoReport
from bobudget.statistics.report import PeriodKind, ReportResult
from tests.db.ivo_data import (
    USER,
    carry_out,
    contract,
    decision,
    offer,
    person,
    quarter,
    session_of,
)

D = dt.date
KEYS = (
    "referens;beslutsdatum;bistand;kon;fodelsear;vantedagar;erbjudanden;orsak;verkstallt;avslutat"
)
REPORT = IvoReport()


def _run(db: Database, label: str, *, with_identities: bool = False) -> ReportResult:
    with db.sessions() as s:
        return REPORT.run(s, quarter(label), with_identities=with_identities)


def _by_id(result: ReportResult) -> dict[int, dict[str, object]]:
    table = result.tables[0]
    keys = [c.key for c in table.columns]
    return {
        row.record_id: dict(zip(keys, row.cells, strict=True))
        for row in table.rows
        if row.record_id is not None
    }


def _export(db: Database, result: ReportResult) -> None:
    with db.sessions() as s:
        REPORT.exported(s, result, USER)


def test_the_report_is_in_the_catalogue_with_its_columns(sqlite_db: Database) -> None:
    report = report_by_key("ivo")
    assert report is not None
    assert report.period_kind == PeriodKind.QUARTER
    assert report.editable_column == "orsak"
    result = _run(sqlite_db, "2026Q3")
    assert ";".join(c.key for c in result.tables[0].columns) == KEYS
    assert result.tables[0].rows == ()
    assert not result.with_identities


def test_three_month_edges_at_the_quarters_last_day(db: Database) -> None:
    with session_of(db) as s:
        day_before = decision(s, person(s), D(2026, 6, 29)).id  # ended 09-29: reported
        on_the_day = decision(s, person(s), D(2026, 6, 30)).id  # ends 09-30: in time still
        day_after = decision(s, person(s), D(2026, 7, 1)).id  # ends 10-01
        in_time = decision(s, person(s), D(2026, 5, 15))
        carry_out(s, in_time, D(2026, 8, 15), ContractKind.SOCIAL)  # on the three-month day
        late = decision(s, person(s), D(2026, 5, 15))
        carry_out(s, late, D(2026, 8, 16), ContractKind.SOCIAL)  # the day after it
        feb = decision(s, person(s), D(2025, 11, 30)).id  # within through 2026-02-28
        s.commit()
        in_time_id, late_id = in_time.id, late.id
    rows = _by_id(_run(db, "2026Q3"))
    assert set(rows) == {day_before, late_id, feb}
    assert on_the_day not in rows and day_after not in rows and in_time_id not in rows
    assert rows[late_id]["verkstallt"] == D(2026, 8, 16)
    assert rows[late_id]["vantedagar"] == (D(2026, 8, 16) - D(2026, 5, 15)).days
    assert rows[day_before]["vantedagar"] == (D(2026, 9, 30) - D(2026, 6, 29)).days
    assert rows[day_before]["verkstallt"] is None and rows[day_before]["avslutat"] is None
    # The month-end decision: 2026-03-01 is its first reportable day, in Q1, not in Q4 2025.
    assert feb in _by_id(_run(db, "2026Q1"))
    assert feb not in _by_id(_run(db, "2025Q4"))


def test_leap_year_month_end(sqlite_db: Database) -> None:
    with session_of(sqlite_db) as s:
        leap = decision(s, person(s), D(2027, 11, 30)).id  # within through 2028-02-29
        s.commit()
    assert leap not in _by_id(_run(sqlite_db, "2027Q4"))
    assert leap in _by_id(_run(sqlite_db, "2028Q1"))


def test_reported_in_q3_then_carried_out_in_q4(db: Database) -> None:
    with session_of(db) as s:
        waiting = decision(s, person(s), D(2026, 5, 4))
        ends = decision(s, person(s), D(2026, 4, 2))
        s.commit()
        waiting_id, ends_id = waiting.id, ends.id
    q3 = _run(db, "2026Q3")
    assert set(_by_id(q3)) == {waiting_id, ends_id}
    _export(db, q3)
    with session_of(db) as s:
        w = s.get(type(waiting), waiting_id)
        assert w is not None
        carry_out(s, w, D(2026, 11, 2), ContractKind.TRANSITIONAL)
        e = s.get(type(ends), ends_id)
        assert e is not None
        e.ended_date, e.end_reason = D(2026, 10, 20), "Flyttat från kommunen"
        s.commit()
    q4_result = _run(db, "2026Q4")
    _export(db, q4_result)
    q4 = _by_id(q4_result)
    assert q4[waiting_id]["verkstallt"] == D(2026, 11, 2)
    assert q4[waiting_id]["vantedagar"] == (D(2026, 11, 2) - D(2026, 5, 4)).days
    assert q4[ends_id]["avslutat"] == D(2026, 10, 20)
    assert q4[ends_id]["orsak"] == "Avslutat: Flyttat från kommunen"
    # Q3 read again still says what was known on its last day.
    assert _by_id(_run(db, "2026Q3"))[waiting_id]["verkstallt"] is None
    # The quarter after: settled before it began, and Q4 told IVO so: gone.
    assert _by_id(_run(db, "2027Q1")) == {}


def test_a_quarter_not_exported_leaves_the_settlement_to_the_next_report(
    sqlite_db: Database,
) -> None:
    with session_of(sqlite_db) as s:
        waiting = decision(s, person(s), D(2026, 5, 4))
        s.commit()
        waiting_id = waiting.id
    _export(sqlite_db, _run(sqlite_db, "2026Q3"))
    with session_of(sqlite_db) as s:
        w = s.get(type(waiting), waiting_id)
        assert w is not None
        carry_out(s, w, D(2026, 11, 2), ContractKind.SOCIAL)
        s.commit()
    # Q4 was never sent: Q1 2027 tells IVO the day it was carried out, as Q3 said it waited.
    assert _by_id(_run(sqlite_db, "2027Q1"))[waiting_id]["verkstallt"] == D(2026, 11, 2)


def test_interrupted_and_not_resumed(db: Database) -> None:
    left = D(2026, 5, 31)  # three months from the end: through 2026-08-31
    with session_of(db) as s:

        def placed(end_decision: dt.date | None = None) -> tuple[Decision, Contract]:
            d = decision(s, person(s), D(2026, 1, 10), kind=DecisionKind.TEMPORARY)
            d.executed_date = D(2026, 1, 20)
            return d, contract(s, d, D(2026, 1, 20), end=left, end_decision=end_decision)

        interrupted = placed()[0].id
        placed(end_decision=left)  # a decision ended it: nothing to report
        moved = placed()
        contract(s, moved[0], left, moved_from=moved[1])  # moved to another place that day
        contract(s, placed()[0], D(2026, 8, 31))  # placed again on the last day within
        late_decision = placed()[0]
        contract(s, late_decision, D(2026, 9, 1))  # placed again the day after
        late = late_decision.id
        leased = placed()[0]  # the household got a lease of its own within three months
        lease = decision(s, person(s), D(2026, 5, 1))  # carried out in time itself
        lease.household_id = leased.household_id
        s.flush()
        contract(s, lease, D(2026, 7, 1), kind=ContractKind.SOCIAL)
        s.commit()
    rows = _by_id(_run(db, "2026Q3"))
    assert set(rows) == {interrupted, late}
    assert rows[interrupted]["bistand"] == "Tillfälligt boende (avbrott från 2026-05-31)"
    assert rows[interrupted]["vantedagar"] == (D(2026, 9, 30) - left).days
    assert rows[interrupted]["verkstallt"] is None
    assert rows[late]["verkstallt"] == D(2026, 9, 1)
    assert rows[interrupted]["beslutsdatum"] == D(2026, 1, 10)
    # In Q2 the interruption's three months had not passed.
    assert _by_id(_run(db, "2026Q2")) == {}


def test_no_name_or_personnummer_in_a_list_without_identities(db: Database) -> None:
    with session_of(db) as s:
        karin = person(s, "Karin", "Öberg")
        typed = decision(s, karin, D(2026, 3, 2), reference=display_canonical(karin.identity))
        offer(
            s,
            typed,
            D(2026, 4, 1),
            OfferAnswer.DECLINED,
            D(2026, 4, 3),
            f"Karin Öberg ({karin.identity[2:8]}-{karin.identity[8:]}) vill bo centralt",
        )
        typed.delay_reason = f"Öberg har skuld, pnr {karin.identity}"
        other = person(s, "Ali", "Hassan")
        plain = decision(s, other, D(2026, 2, 2))
        offer(s, plain, D(2026, 3, 1), OfferAnswer.DECLINED, D(2026, 3, 2), "För dyr hyra")
        s.commit()
        people = [(p.first_name, p.last_name, p.identity) for p in (karin, other)]
        plain_id = plain.id
    result = _run(db, "2026Q3")
    assert len(result.tables[0].rows) == 2 and not result.with_identities
    for row in result.tables[0].rows:
        for cell in (row.label, *row.cells):
            text = str(cell)
            for first, last, identity in people:
                assert first not in text and last not in text, text
                for form in (identity, display_canonical(identity), identity[2:8], identity[8:]):
                    assert form not in text, text
    rows = _by_id(result)
    assert rows[plain_id]["erbjudanden"] == "2026-03-01 Tackade nej 2026-03-02: För dyr hyra"
    assert rows[plain_id]["kon"] in {"Kvinna", "Man"}
    assert rows[plain_id]["fodelsear"] == "1985"


def test_with_identities_puts_personnummer_first(db: Database) -> None:
    with session_of(db) as s:
        p = person(s)
        d = decision(s, p, D(2026, 3, 2))
        s.commit()
        identity, decision_id = p.identity, d.id
    result = _run(db, "2026Q3", with_identities=True)
    assert result.with_identities
    keys = [c.key for c in result.tables[0].columns]
    assert keys == ["personnummer", *KEYS.split(";")]
    row = result.tables[0].rows[0]
    assert row.record_id == decision_id
    assert row.cells[0] == display_canonical(identity)
    assert row.label == row.cells[1]  # the row is still headed by its case reference


def test_reason_per_decision_and_quarter(db: Database) -> None:
    with session_of(db) as s:
        first = decision(s, person(s), D(2026, 3, 2))
        second = decision(s, person(s), D(2026, 3, 3))
        s.commit()
        a, b = first.id, second.id
    with db.sessions() as s:
        REPORT.edit(s, a, quarter("2026Q3"), "  Inga lediga lägenheter med tre rum  ", USER)
    with db.sessions() as s:
        REPORT.edit(s, a, quarter("2026Q4"), "Hushållet tackade nej i oktober", USER)
    q3, q4 = _by_id(_run(db, "2026Q3")), _by_id(_run(db, "2026Q4"))
    assert q3[a]["orsak"] == "Inga lediga lägenheter med tre rum"
    assert q4[a]["orsak"] == "Hushållet tackade nej i oktober"
    assert q3[b]["orsak"] is None and q4[b]["orsak"] is None
    with db.sessions() as s:  # written again: changed, not doubled
        REPORT.edit(s, a, quarter("2026Q3"), "Ny orsak", USER)
    assert _by_id(_run(db, "2026Q3"))[a]["orsak"] == "Ny orsak"
    with db.sessions() as s, pytest.raises(ValidationError, match="högst 2000 tecken"):
        REPORT.edit(s, b, quarter("2026Q3"), "x" * 2001, USER)
    with db.sessions() as s, pytest.raises(ValidationError, match="otillåtet tecken"):
        REPORT.edit(s, b, quarter("2026Q3"), "a\x00b", USER)
    with db.sessions() as s, pytest.raises(NotFoundError, match="finns inte längre"):
        REPORT.edit(s, 999_999, quarter("2026Q3"), "Text", USER)
    with db.sessions() as s:  # emptied: the note is gone
        REPORT.edit(s, a, quarter("2026Q4"), "   ", USER)
    assert _by_id(_run(db, "2026Q4"))[a]["orsak"] is None
    with db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(IvoDelayReason)) == 1
        audited = s.scalars(
            select(AuditEntry.detail).where(AuditEntry.action == "ivo_reason")
        ).all()
        assert sorted(audited) == ["2026Q3", "2026Q3", "2026Q4", "2026Q4"]


def test_submissions_are_kept_and_only_earlier_quarters_count(db: Database) -> None:
    with session_of(db) as s:
        d = decision(s, person(s), D(2026, 5, 4))
        s.commit()
        decision_id = d.id
    q3 = _run(db, "2026Q3")
    _export(db, q3)
    _export(db, _run(db, "2026Q3"))  # exported twice: both kept
    _export(db, _run(db, "2026Q3", with_identities=True))  # the unit's own list: not kept
    with db.sessions() as s:
        kept = s.scalars(select(IvoSubmission).order_by(IvoSubmission.id)).all()
        assert [k.quarter for k in kept] == ["2026Q3", "2026Q3"]
        assert kept[0].made_by == USER and kept[0].first_day == D(2026, 7, 1)
        entries = json.loads(kept[0].content)
        assert entries == [
            {"decision_id": decision_id, "fran": "2026-05-04", "verkstallt": None, "avslutat": None}
        ]
        assert "Öberg" not in kept[0].content
    # A Q4 report exported does not change what Q4 itself reads as "reported before".
    with session_of(db) as s:
        w = s.get(type(d), decision_id)
        assert w is not None
        carry_out(s, w, D(2026, 12, 1), ContractKind.SOCIAL)
        s.commit()
    before = _by_id(_run(db, "2026Q4"))
    _export(db, _run(db, "2026Q4"))
    assert _by_id(_run(db, "2026Q4")) == before
    assert before[decision_id]["verkstallt"] == D(2026, 12, 1)


def test_behind_lists_the_decisions_offers_and_history(sqlite_db: Database) -> None:
    with session_of(sqlite_db) as s:
        d = decision(s, person(s), D(2026, 3, 2), reference="SN 2026/777")
        offer(s, d, D(2026, 4, 1), OfferAnswer.DECLINED, D(2026, 4, 3), "För långt från skolan")
        offer(s, d, D(2026, 9, 1), OfferAnswer.PENDING)
        s.commit()
    result = _run(sqlite_db, "2026Q3")
    _export(sqlite_db, result)
    row = result.tables[0].rows[0]
    with sqlite_db.sessions() as s:
        listing = REPORT.behind(s, result.tables[0].key, row.behind[6])
    events = [(r[0], r[2], r[3]) for r in listing.rows]
    assert (D(2026, 3, 2), "Beslut", "Hjälp med bostadsanskaffning") in events
    assert (D(2026, 4, 1), "Erbjudande", "Tackade nej 2026-04-03: För långt från skolan") in events
    assert (D(2026, 9, 1), "Erbjudande", "Väntar på svar") in events
    assert any(what == "Rapporterat till IVO 2026Q3" for _, what, _ in events)
    assert all(r[1] == "SN 2026/777" for r in listing.rows)
    assert len(listing.person_ids) == len(listing.rows)


def test_a_reason_written_is_announced_as_a_placement_change(sqlite_db: Database) -> None:
    with session_of(sqlite_db) as s:
        decision_id = decision(s, person(s), D(2026, 3, 2)).id
        s.commit()
    with collect_changes() as collected, sqlite_db.sessions() as s:
        REPORT.edit(s, decision_id, quarter("2026Q3"), "Ingen lägenhet ledig", USER)
    assert collected.changes.touches(ChangeKind.PLACEMENT)
    with (
        collect_changes() as refused,
        sqlite_db.sessions() as s,
        pytest.raises(ValidationError),
    ):
        REPORT.edit(s, decision_id, quarter("2026Q3"), "x" * 2001, USER)
    assert not refused.changes
    assert _by_id(_run(sqlite_db, "2026Q3"))[decision_id]["orsak"] == "Ingen lägenhet ledig"


def test_an_offer_made_or_answered_after_the_quarter_is_not_in_its_report(db: Database) -> None:
    """The report is the state on the quarter's last day (seen in the window: a Q3 report
    listed an offer made in October, answered as it was answered after 30 September)."""
    with session_of(db) as s:
        d = decision(s, person(s), D(2026, 3, 2))
        offer(s, d, D(2026, 9, 1), OfferAnswer.DECLINED, D(2026, 9, 3), "För dyr hyra")
        offer(s, d, D(2026, 9, 28), OfferAnswer.DECLINED, D(2026, 10, 2), "För liten")
        offer(s, d, D(2026, 10, 3), OfferAnswer.DECLINED, D(2026, 10, 8), "Fel område")
        s.commit()
        decision_id = d.id
    rows = _by_id(_run(db, "2026Q3"))
    assert rows[decision_id]["erbjudanden"] == (
        "2026-09-01 Tackade nej 2026-09-03: För dyr hyra; 2026-09-28 Väntar på svar"
    )
