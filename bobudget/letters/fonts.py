"""The letters' embedded TrueType font (Bitstream Vera, shipped inside ReportLab) and its coverage.

Vera covers Latin-1 and most of Latin Extended-A (å ä ö é – “ ” § ć č š ž ł đ ş …), so Swedish
text and most names print and extract back exactly. The standard PDF Helvetica would not be
embedded, and its extraction of å, ä, ö depends on the reader.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import cache
from pathlib import Path

# ReportLab is imported where it is used, not here: a template's text is checked against the
# font's coverage (is_printable) by modules the window imports to start, before any letter.

REGULAR = "BobudgetSans"
BOLD = "BobudgetSans-Bold"
ITALIC = "BobudgetSans-Italic"
BOLD_ITALIC = "BobudgetSans-BoldItalic"

_FILES = {REGULAR: "Vera.ttf", BOLD: "VeraBd.ttf", ITALIC: "VeraIt.ttf", BOLD_ITALIC: "VeraBI.ttf"}
_lock = threading.Lock()
_registered = False


def font_folder() -> Path:
    import reportlab

    return Path(reportlab.__file__).parent / "fonts"


def register_fonts() -> None:
    """Register the family once per process (batches render in a worker thread: hence the lock)."""
    global _registered
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    with _lock:
        if _registered:
            return
        for name, file in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(font_folder() / file)))
        pdfmetrics.registerFontFamily(
            REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
        )
        # Paragraph markup (<b>, <i>) finds the faces through these mappings.
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, ITALIC)
        addMapping(REGULAR, 1, 1, BOLD_ITALIC)
        _registered = True


@cache
def covered_characters() -> frozenset[int]:
    """Code points the regular face can print (the other faces cover the same set)."""
    from reportlab.pdfbase.ttfonts import TTFont

    face = TTFont("coverage", str(font_folder() / _FILES[REGULAR])).face
    return frozenset(face.charToGlyph)


@cache
def _printable_set() -> frozenset[str]:
    """The characters printable as they are, as one set: a batch checks every value of
    thousands of letters, and a set comparison does it without a call per character."""
    return frozenset(chr(code) for code in covered_characters()) | {"\n", "\t"}


def is_printable(ch: str) -> bool:
    return ch in _printable_set()


def printable(text: str) -> str:
    """`text` with every character the font lacks replaced by its base letter (ő → o), or '?'.

    Only data goes through here (names, addresses): a template's own characters are checked
    when it is loaded, and refused if the font lacks one.
    """
    if _printable_set().issuperset(text):
        return text
    out = []
    for ch in text:
        if is_printable(ch):
            out.append(ch)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        out.append(base if base and all(is_printable(c) for c in base) else "?")
    return "".join(out)
