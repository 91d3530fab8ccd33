"""A batch of renewal letters against bare ReportLab drawing the same letters (bench_letters.py
--db runs it; see that file's docstring)."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import time
from functools import partial
from pathlib import Path
from xml.sax.saxutils import escape

from bench_letters import _BareCanvas
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from sqlalchemy import delete

from bobudget.app.letters import (
    RenderedBatch,
    record_batch,
    render_batch,
    renewal_letters_due,
    write_pdf,
)
from bobudget.db.engine import Database, connect, parse_url
from bobudget.db.settings_in_use import effective_settings
from bobudget.kernel.config import Letterhead
from bobudget.letters.body import make_styles
from bobudget.letters.facts import LetterData
from bobudget.letters.fonts import REGULAR, register_fonts
from bobudget.model import AuditEntry, PrintedLetter

PLAIN = TableStyle(
    [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
    ]
)
GRID = TableStyle(
    [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.grey)]
)


def bare_renewal(index: int, data: LetterData, head: Letterhead) -> list[Flowable]:
    """The renewal letter (resources/letters/temporary_renewal.txt) written out by hand."""
    s = make_styles()
    v = {k: escape(x) if isinstance(x, str) else x for k, x in data.values.items()}

    def terms(rows: list[tuple[str, object]]) -> Table:
        return Table(
            [[Paragraph(a, s.cell_bold), Paragraph(str(b), s.cell)] for a, b in rows],
            colWidths=[55 * mm, 115 * mm],
            style=GRID,
            hAlign="LEFT",
            spaceAfter=8,
        )

    sender = [Paragraph(escape(head.municipality), s.sender_name)]
    sender += [Paragraph(escape(x), s.small) for x in (head.administration, head.unit) if x]
    facts = [
        ("Datum", data.date.isoformat()),
        ("Diarienummer", data.reference),
        ("Handläggare", data.officer),
        ("Telefon", data.officer_phone),
        ("E-post", data.officer_email),
    ]
    meta = Table(
        [[Paragraph(a, s.small), Paragraph(escape(b), s.small)] for a, b in facts if b],
        colWidths=[24 * mm, 56 * mm],
    )
    address = [Paragraph(escape(x), s.address) for x in data.recipient]
    note = Paragraph(escape(data.envelope_note), s.note) if data.envelope_note else ""
    story: list[Flowable] = [
        _Mark(index),
        Table(
            [[sender, meta], [note, address]],
            colWidths=[85 * mm, 85 * mm],
            rowHeights=[30 * mm, 36 * mm],
            style=PLAIN,
        ),
        Spacer(1, 4 * mm),
        Paragraph("Beslut om förlängning av tillfälligt boende", s.h1),
        Paragraph(f"Hej {v['förnamn']}!", s.body),
        Paragraph(
            "Vi har prövat ditt behov av tillfälligt boende på nytt. Vi har beslutat att ditt "
            "tillfälliga boende förlängs med en ny period.",
            s.body,
        ),
        CondPageBreak(20 * mm),
        Paragraph("Beslutet", s.h2),
        terms(
            [
                ("Beslutsdatum", v["beslutets_datum"]),
                ("Beslutet fattades av", v["beslutsfattare"]),
                ("Diarienummer", v["beslutets_diarienummer"]),
            ]
        ),
        CondPageBreak(20 * mm),
        Paragraph("Ny period", s.h2),
        terms(
            [
                ("Plats", v["plats"]),
                ("Typ av boende", v["platsens_typ"]),
                ("Adress", v["platsens_adress"]),
                ("Från och med", v["period_från"]),
                ("Till och med", v["period_till"]),
            ]
        ),
    ]
    if v["egenavgift"]:
        story += [
            CondPageBreak(20 * mm),
            Paragraph("Egenavgift", s.h2),
            Paragraph(
                f"Enligt beslutet betalar du en egenavgift på {v['egenavgift']}. Avgiften är "
                "en del av beslutet om bistånd.",
                s.body,
            ),
        ]
    story += [
        CondPageBreak(20 * mm),
        Paragraph("Vår bedömning", s.h2),
        Paragraph(str(v["bedömning"]), s.body),
        Paragraph(
            "Innan den nya perioden tar slut prövar vi ditt behov igen. Fortsätt att aktivt "
            "söka en egen bostad under hela perioden, och följ platsens regler.",
            s.body,
        ),
        CondPageBreak(20 * mm),
        Paragraph("Om du vill överklaga", s.h2),
        *(Paragraph(part, s.body) for part in str(v["överklagande"]).split("\n\n") if part.strip()),
        # The sign-off with the text and heading above it, never split over two pages.
        KeepTogether(
            [
                Spacer(1, 0.01),
                CondPageBreak(20 * mm),
                Paragraph("Frågor", s.h2),
                Paragraph("Har du frågor är du välkommen att kontakta mig.", s.body),
                Paragraph(
                    f"Med vänliga hälsningar<br/>{v['handläggare']}<br/>{v['enhet']}<br/>"
                    f"Telefon {v['enhetens_telefon']}",
                    s.body,
                ),
            ]
        ),
    ]
    return story


class _Mark(Flowable):  # type: ignore[misc]
    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index
        self.width = self.height = 0

    def wrap(self, *_: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.letter_index = self.index


def bare_batch(letters: list[LetterData], head: Letterhead) -> bytes:
    register_fonts()
    story: list[Flowable] = []
    for n, data in enumerate(letters):
        if n:
            story.append(PageBreak())
        story.extend(bare_renewal(n, data, head))
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=A4, title="Förlängningsbrev", initialFontName=REGULAR)
    frame = Frame(20 * mm, 24 * mm, 170 * mm, A4[1] - 42 * mm)
    doc.addPageTemplates([PageTemplate(id="letter", frames=[frame])])
    doc.build(story, canvasmaker=partial(_BareCanvas))
    return buffer.getvalue()


def renewals(
    db: Database, within: int, out: Path
) -> tuple[float, dict[str, float], list[int], RenderedBatch]:
    """What `bobudget letters renewals` does, timed step by step; the logged ids, the batch."""
    today = dt.date.today()
    steps: dict[str, float] = {}
    cpu = time.process_time()
    start = time.perf_counter()
    settings = effective_settings(db)
    requests = renewal_letters_due(db, on=today, within_days=within).requests
    steps["due"] = time.perf_counter() - start
    batch = render_batch(db, settings, requests, today=today)
    steps["gather+draw"] = time.perf_counter() - start - steps["due"]
    write_pdf(out, batch.pdf)
    mark = time.perf_counter()
    ids = record_batch(db, settings, batch)
    steps["log"] = time.perf_counter() - mark
    # On a machine others share, this process's CPU time says more than the clock (the
    # database server's own time on PostgreSQL is not in it: the clock has that).
    steps["cpu"] = time.process_time() - cpu
    return time.perf_counter() - start, steps, ids, batch


def forget(db: Database, ids: list[int]) -> None:
    """The round's letters out of the log again, so that the next round finds them due."""
    with db.sessions() as session:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            session.execute(
                delete(AuditEntry).where(
                    AuditEntry.entity == "printed_letter", AuditEntry.entity_id.in_(chunk)
                )
            )
            session.execute(delete(PrintedLetter).where(PrintedLetter.id.in_(chunk)))
        session.commit()


def batch_table(urls: list[str], within: int, rounds: int) -> None:
    rows = []
    for url in urls:
        db = connect(parse_url(url))
        settings = effective_settings(db)
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "batch.pdf"
            best_batch = best_bare = best_bare_cpu = float("inf")
            best_steps: dict[str, float] = {}
            count = 0
            for _ in range(rounds):
                seconds, steps, ids, batch = renewals(db, within, out)
                count = len(ids)
                if seconds < best_batch:
                    best_batch, best_steps = seconds, steps
                letters = [letter.data for letter in batch.letters]
                forget(db, ids)
                start, cpu = time.perf_counter(), time.process_time()
                bare_batch(letters, settings.letterhead)
                best_bare = min(best_bare, time.perf_counter() - start)
                best_bare_cpu = min(best_bare_cpu, time.process_time() - cpu)
        db.dispose()
        engine = url.split(":", 1)[0].split("+", 1)[0]
        best_steps["bare cpu"] = best_bare_cpu
        rows.append((engine, count, count / best_batch, count / best_bare, best_steps))
    print(f"`letters renewals --within {within}`, best of {rounds} (letters/s):")
    print(f"{'engine':<12}{'letters':>8}{'batch':>9}{'bare RL':>9}{'ratio':>7}   steps (s)")
    for engine, count, batch, bare, steps in rows:
        detail = ", ".join(f"{k} {v:.1f}" for k, v in steps.items())
        print(f"{engine:<12}{count:>8}{batch:>9.1f}{bare:>9.1f}{batch / bare:>7.2f}   {detail}")
        cpu_ratio = steps["bare cpu"] / steps["cpu"]
        print(
            f"{'  by CPU':<12}{'':>8}{count / steps['cpu']:>9.1f}"
            f"{count / steps['bare cpu']:>9.1f}{cpu_ratio:>7.2f}"
        )
    print("aim: batch at least 0.8 × bare ReportLab")
