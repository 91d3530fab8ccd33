"""The letters' paragraphs lay their lines out once per width (a batch of letters spent a third
of its time breaking the same lines again), and still print every word when one is split across
pages or moved on whole to the next."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A6
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import KeepTogether, SimpleDocTemplate, Table
from reportlab.platypus import Paragraph as PlainParagraph

from bobudget.letters.flow import Paragraph

WORDS = " ".join(f"ord{n}" for n in range(400))


def test_a_paragraph_is_laid_out_once_for_each_width(monkeypatch: pytest.MonkeyPatch) -> None:
    laid: list[float] = []
    real = PlainParagraph.breakLines

    def counting(self: PlainParagraph, width: object) -> object:
        laid.append(1)
        return real(self, width)

    monkeypatch.setattr(PlainParagraph, "breakLines", counting)
    paragraph = Paragraph(WORDS[:300], getSampleStyleSheet()["Normal"])
    first = paragraph.wrap(200, 1000)
    assert paragraph.wrap(200, 1000) == first  # measured, then drawn: the same lines
    assert len(laid) == 1
    paragraph.wrap(150, 1000)  # another width: laid out again
    assert len(laid) == 2


def _text(flowables: list[object]) -> str:
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A6).build(flowables)
    pages = PdfReader(io.BytesIO(out.getvalue())).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def _story(kind: type[PlainParagraph]) -> list[object]:
    style = getSampleStyleSheet()["Normal"]
    # Long enough to be split across the small pages, short ones kept together and moved on
    # whole, and paragraphs in a table's cells (measured, then drawn).
    story: list[object] = [kind(WORDS, style)]
    for n in range(12):
        story.append(KeepTogether([kind(f"rubrik {n}", style), kind(WORDS[: 40 * n], style)]))
    story.append(Table([[kind(WORDS[:200], style), kind(WORDS[200:400], style)]]))
    return story


def test_split_and_moved_paragraphs_print_every_word_as_reportlab_s_own_do() -> None:
    ours = _text(_story(Paragraph))
    assert ours == _text(_story(PlainParagraph))
    assert "ord399" in ours and "rubrik 11" in ours
