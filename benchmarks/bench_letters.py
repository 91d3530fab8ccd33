"""What the letter engine costs: 500 letters into one PDF, engine versus bare ReportLab; and
with --db, what a whole batch of renewal letters costs (`letters renewals`) against bare
ReportLab drawing the same letters.

The engine path loads the social-contract template, fills it with a fictional person's values
and lays it out (letterhead, tables, bullets, signatures, "Sida 1 av 2"). The bare path builds
the same two-page letter with hand-written ReportLab platypus code: the same font, styles,
tables and page numbers, but no template, no placeholders, no escaping. Both write one PDF.

    python benchmarks/bench_letters.py [--letters 500] [--rounds 3]

Prints each rate (letters per second, best of the rounds) and the engine's cost over bare
ReportLab. Aim: at most 25 %.

    python benchmarks/bench_letters.py --db sqlite:////tmp/b20k.db --db postgresql+psycopg://…

With --db (repeatable) it times, on each database, what `bobudget letters renewals --within 30`
does: the due letters found, their facts gathered (render_batch), drawn into one PDF, the file
written and every letter logged (record_batch). The same letters are drawn by hand-written
ReportLab code (bare_renewal: the same values, fonts, tables and page numbers, no template),
and the table shows both rates and the batch's share of bare ReportLab (aim: at least 0.8).
The letters logged by a round are deleted after it, so every round writes the same batch.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
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

from bobudget.app.letter_data import LetterData
from bobudget.kernel.config import Letterhead, Settings
from bobudget.letters.body import make_styles
from bobudget.letters.facts import LetterRequest, Value
from bobudget.letters.fonts import BOLD, REGULAR, register_fonts
from bobudget.letters.kinds import get_kind
from bobudget.letters.render import PreparedLetter, render_pdf
from bobudget.letters.templates import load_template

LETTERHEAD = Letterhead(
    municipality="Exempelby kommun",
    administration="Arbetsmarknads- och socialförvaltningen",
    unit="Bo- och budgetenheten",
    postal_address="Box 1, 111 11 Exempelby",
    phone="010-123 45 67",
    email="bbe@exempelby.example",
)
DATE = dt.date(2026, 11, 27)
GOALS = "Att behålla bostaden, betala hyran i tid och få en fungerande vardag."

VALUES: dict[str, Value] = {
    "kommun": "Exempelby kommun",
    "förvaltning": "Arbetsmarknads- och socialförvaltningen",
    "enhet": "Bo- och budgetenheten",
    "enhetens_adress": "Box 1, 111 11 Exempelby",
    "enhetens_telefon": "010-123 45 67",
    "enhetens_epost": "bbe@exempelby.example",
    "datum": "27 november 2026",
    "diarienummer": "SN 2026/0042",
    "handläggare": "Gösta Ärlig",
    "namn": "Åsa Öberg",
    "förnamn": "Åsa",
    "efternamn": "Öberg",
    "personnummer": "19840501-9801",
    "bostadens_adress": "Ängsvägen 11, 734 31 Sjövik",
    "objektnummer": "OBJ-11",
    "rum": "2",
    "yta": "54,5\u00a0m²",
    "hyresvärd": "Åkerbo Fastigheter AB",
    "hyra": "5\u00a0234,50\u00a0kr",
    "startdatum": "15 januari 2026",
    "avtalstid": "tills vidare",
    "kommunens_kontraktsnummer": "KL-2026-7",
    "hushåll": "Åsa Öberg, Elis Öberg",
    "avstående_godkänt": True,
    "avstående_datum": "10 januari 2026",
    "boplan": True,
    "boplan_mål": GOALS,
    "boplan_aktiviteter": "Träffar med bostadshandledaren varannan vecka.",
    "boplan_ansvar": "Åsa betalar hyran; bostadshandledaren följer upp.",
    "boplan_stöd": "Boendestöd två timmar i veckan.",
    "boplan_delaktighet": "Planen är gjord tillsammans med Åsa.",
    "boplan_antagen": "20 januari 2026",
    "boplan_uppföljning": "En månad efter inflyttning, sedan var tredje månad.",
}


def engine_letters(count: int) -> bytes:
    template = load_template("social_contract", Settings())
    kind = get_kind("social_contract")
    letters = [
        PreparedLetter(
            template,
            LetterData(
                kind=kind,
                request=LetterRequest(kind.id, n),
                contract_id=None,
                recipient=("Åsa Öberg", "Ängsvägen 11", "734 31 Sjövik"),
                envelope_note="",
                protected=False,
                reference="SN 2026/0042",
                officer="Gösta Ärlig",
                date=DATE,
                values=VALUES,
            ),
        )
        for n in range(count)
    ]
    pdf, _ = render_pdf(letters, LETTERHEAD, title="Hyreskontrakt", subject="Hyreskontrakt")
    return pdf


# The bare ReportLab letter: the same page, written out by hand.


class _Mark(Flowable):  # type: ignore[misc]
    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index
        self.width = self.height = 0

    def wrap(self, *_: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.letter_index = self.index


class _BareCanvas(Canvas):  # type: ignore[misc]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pages: list[dict[str, Any]] = []
        self.letter_index = 0

    def showPage(self) -> None:
        self.pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        counts: dict[int, int] = {}
        for state in self.pages:
            counts[state["letter_index"]] = counts.get(state["letter_index"], 0) + 1
        seen: dict[int, int] = {}
        for state in self.pages:
            self.__dict__.update(state)
            seen[self.letter_index] = seen.get(self.letter_index, 0) + 1
            self.setFont(REGULAR, 8)
            if seen[self.letter_index] > 1:
                self.drawString(
                    20 * mm, A4[1] - 11 * mm, "Exempelby kommun · Bo- och budgetenheten"
                )
            self.line(20 * mm, 17 * mm, A4[0] - 20 * mm, 17 * mm)
            self.drawString(20 * mm, 12 * mm, "Box 1, 111 11 Exempelby · Telefon 010-123 45 67")
            self.setFont(BOLD, 8)
            self.drawRightString(
                A4[0] - 20 * mm,
                12 * mm,
                f"Sida {seen[self.letter_index]} av {counts[self.letter_index]}",
            )
            super().showPage()
        super().save()


def bare_letter(index: int) -> list[Flowable]:
    s = make_styles()
    grid = TableStyle(
        [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.grey)]
    )

    def terms(rows: list[tuple[str, str]]) -> Table:
        return Table(
            [[Paragraph(a, s.cell_bold), Paragraph(b, s.cell)] for a, b in rows],
            colWidths=[55 * mm, 115 * mm],
            style=grid,
            hAlign="LEFT",
            spaceAfter=8,
        )

    def bullet(text: str) -> Paragraph:
        return Paragraph(text, s.bullet, bulletText="•")

    sender = [
        Paragraph("Exempelby kommun", s.sender_name),
        Paragraph("Arbetsmarknads- och socialförvaltningen", s.small),
        Paragraph("Bo- och budgetenheten", s.small),
    ]
    meta = Table(
        [
            [Paragraph("Datum", s.small), Paragraph("2026-11-27", s.small)],
            [Paragraph("Diarienummer", s.small), Paragraph("SN 2026/0042", s.small)],
            [Paragraph("Handläggare", s.small), Paragraph("Gösta Ärlig", s.small)],
        ],
        colWidths=[24 * mm, 56 * mm],
    )
    address = [Paragraph(x, s.address) for x in ("Åsa Öberg", "Ängsvägen 11", "734 31 Sjövik")]
    head = Table(
        [[sender, meta], ["", address]],
        colWidths=[85 * mm, 85 * mm],
        rowHeights=[30 * mm, 36 * mm],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )
    lease = "12 kap. jordabalken"
    return [
        _Mark(index),
        head,
        Spacer(1, 4 * mm),
        Paragraph("Hyreskontrakt – socialt kontrakt", s.h1),
        Paragraph(
            "Det här är ett hyresavtal för en bostadslägenhet som hyrs ut i andra hand. "
            "Exempelby kommun hyr lägenheten av fastighetsägaren och hyr ut den till dig. "
            f"Hyreslagen ({lease}) gäller för avtalet.",
            s.body,
        ),
        CondPageBreak(20 * mm),
        Paragraph("Parter", s.h2),
        terms(
            [
                ("Hyresvärd", "Exempelby kommun, Bo- och budgetenheten"),
                ("Hyresgäst", "Åsa Öberg, 19840501-9801"),
                ("De som bor i lägenheten", "Åsa Öberg, Elis Öberg"),
            ]
        ),
        CondPageBreak(20 * mm),
        Paragraph("Lägenheten", s.h2),
        terms(
            [
                ("Adress", "Ängsvägen 11, 734 31 Sjövik"),
                ("Objektnummer", "OBJ-11"),
                ("Antal rum", "2"),
                ("Bostadsyta", "54,5 m²"),
                ("Fastighetsägare", "Åkerbo Fastigheter AB"),
                ("Kommunens kontrakt med fastighetsägaren", "KL-2026-7"),
            ]
        ),
        CondPageBreak(20 * mm),
        Paragraph("Hyra och avtalstid", s.h2),
        terms(
            [
                ("Hyra per månad", "5 234,50 kr"),
                ("Hyran betalas", "i förskott, senast sista vardagen före varje månads början"),
                ("Tillträde", "15 januari 2026"),
                ("Avtalstid", "tills vidare"),
            ]
        ),
        Paragraph(
            "Ett avtal som gäller tills vidare upphör vid det månadsskifte som inträffar "
            "närmast efter tre månader från uppsägningen (12 kap. 4 § jordabalken). "
            "Hyresvärdens uppsägning görs skriftligt och med skälet angivet.",
            s.body,
        ),
        CondPageBreak(20 * mm),
        Paragraph("Särskilda villkor", s.h2),
        bullet(
            "Exempelby kommun får hyra ut lägenheten i andra hand utan fastighetsägarens "
            "samtycke, men ska genast underrätta fastighetsägaren om det (12 kap. 39 § "
            "jordabalken)."
        ),
        bullet(
            "Den som hyr i andra hand har i regel inget besittningsskydd de första två åren "
            "(12 kap. 45 § första stycket 1 jordabalken). Hyr kommunen lägenheten tillsammans "
            "med minst två andra lägenheter för att hyra ut dem i andra hand har du "
            "besittningsskydd från första dagen, om du inte har avstått från det i en "
            "särskild överenskommelse som hyresnämnden har godkänt (12 kap. 45 § andra "
            "stycket och 45 a § jordabalken)."
        ),
        bullet(
            "Du har avstått från besittningsskydd i en särskild handling som hyresnämnden "
            "godkände 10 januari 2026. Den handlingen är ett eget dokument och ingen del av "
            "detta kontrakt."
        ),
        bullet(
            "Betalas hyran mer än en vecka för sent kan hyresrätten bli förverkad (12 kap. "
            "42 § jordabalken). Sägs avtalet upp för obetald hyra får du ett meddelande om "
            "hur du kan behålla lägenheten, och socialnämnden underrättas (12 kap. 44 § "
            "jordabalken)."
        ),
        bullet(
            "Du ska vårda lägenheten väl och se till att du och de som bor hos dig inte stör "
            "grannarna."
        ),
        Spacer(1, 4),
        Paragraph(
            "Stöd och uppföljning erbjuds dig och bestäms tillsammans med dig i boplanen. "
            "De är inga villkor i detta hyresavtal.",
            s.body,
        ),
        CondPageBreak(20 * mm),
        Paragraph("Boplan", s.h2),
        Paragraph(
            "Boplanen är en överenskommelse mellan dig och Bo- och budgetenheten om stödet "
            "runt ditt boende. Den är bifogad för din kännedom och är inget villkor i "
            "hyresavtalet.",
            s.body,
        ),
        Paragraph(f"<b>Mål:</b> {GOALS}", s.body),
        Paragraph("<b>Aktiviteter:</b> Träffar med bostadshandledaren varannan vecka.", s.body),
        Paragraph(
            "<b>Vem som ansvarar:</b> Åsa betalar hyran; bostadshandledaren följer upp.", s.body
        ),
        Paragraph("<b>Stöd och samverkan:</b> Boendestöd två timmar i veckan.", s.body),
        Paragraph("<b>Så har du varit delaktig:</b> Planen är gjord tillsammans med Åsa.", s.body),
        Paragraph(
            "<b>Uppföljning:</b> En månad efter inflyttning, sedan var tredje månad.", s.body
        ),
        Paragraph("Boplanen antogs 20 januari 2026.", s.body),
        KeepTogether(
            [
                Paragraph(
                    "Kontraktet är upprättat i två likalydande exemplar, och parterna har "
                    "tagit var sitt.",
                    s.body,
                ),
                Spacer(1, 4 * mm),
                Table(
                    [
                        ["", "", ""],
                        [
                            Paragraph("Ort och datum", s.caption),
                            "",
                            Paragraph("Ort och datum", s.caption),
                        ],
                        ["", "", ""],
                        [
                            Paragraph("För Exempelby kommun (hyresvärd)", s.caption),
                            "",
                            Paragraph("Åsa Öberg (hyresgäst)", s.caption),
                        ],
                    ],
                    colWidths=[80 * mm, 10 * mm, 80 * mm],
                    rowHeights=[8 * mm, None, 11 * mm, None],
                    style=TableStyle(
                        [
                            ("LINEBELOW", (0, 0), (0, 0), 0.6, colors.black),
                            ("LINEBELOW", (2, 0), (2, 0), 0.6, colors.black),
                            ("LINEBELOW", (0, 2), (0, 2), 0.6, colors.black),
                            ("LINEBELOW", (2, 2), (2, 2), 0.6, colors.black),
                        ]
                    ),
                ),
            ]
        ),
    ]


def bare_letters(count: int) -> bytes:
    register_fonts()
    story: list[Flowable] = []
    for n in range(count):
        if n:
            story.append(PageBreak())
        story.extend(bare_letter(n))
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        title="Hyreskontrakt",
        author="Bo- och budgetenheten",
        subject="Hyreskontrakt",
        initialFontName=REGULAR,
    )
    frame = Frame(20 * mm, 24 * mm, 170 * mm, A4[1] - 42 * mm)
    doc.addPageTemplates([PageTemplate(id="letter", frames=[frame])])
    doc.build(story, canvasmaker=partial(_BareCanvas))
    return buffer.getvalue()


def best_rate(make: Callable[[int], bytes], count: int, rounds: int) -> tuple[float, int, int]:
    best = float("inf")
    size = pages = 0
    for _ in range(rounds):
        start = time.perf_counter()
        pdf = make(count)
        best = min(best, time.perf_counter() - start)
        size, pages = len(pdf), pdf.count(b"/Type /Page\n")
    return count / best, size, pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--db", action="append", default=[], metavar="URL")
    parser.add_argument("--within", type=int, default=30, metavar="DAGAR")
    args = parser.parse_args()
    if args.db:
        from bench_letter_batch import batch_table  # beside this file

        batch_table(args.db, args.within, args.rounds)
        return
    register_fonts()
    bare_letters(2)  # warm up: fonts parsed, modules loaded
    engine_letters(2)
    bare, bare_size, bare_pages = best_rate(bare_letters, args.letters, args.rounds)
    engine, engine_size, engine_pages = best_rate(engine_letters, args.letters, args.rounds)
    print(f"{args.letters} letters into one PDF, best of {args.rounds}:")
    print(f"  bare ReportLab: {bare:7.1f} letters/s  ({bare_pages} pages, {bare_size:,} bytes)")
    print(
        f"  engine:         {engine:7.1f} letters/s  ({engine_pages} pages, {engine_size:,} bytes)"
    )
    print(f"  engine cost over bare ReportLab: {bare / engine - 1:+.1%} (aim: at most +25 %)")


if __name__ == "__main__":
    main()
