"""A platypus Paragraph that lays its lines out once for each width it is given.

ReportLab lays a paragraph out again every time it is asked its size: a table wraps each
cell's paragraph to measure its row and again to draw it, a KeepTogether wraps its contents to
measure them and the frame again to place them. The lines come out the same each time, so a
letter's paragraphs keep the layout of the last width they were given (a batch of renewal
letters spent a third of its time breaking lines, much of it for the second time).
"""

from __future__ import annotations

from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus.paragraph import _FUZZ


class Paragraph(_Paragraph):  # type: ignore[misc]
    _laid_width: float | None = None
    _laid_lines: object = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # The lines depend only on the width (and on the text and style, which do not change).
        # They are kept only while they are still the paragraph's: split() drops them when the
        # paragraph moves on whole to the next page.
        if availWidth == self._laid_width and self.__dict__.get("blPara") is self._laid_lines:
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        if availWidth >= _FUZZ:
            self._laid_width = availWidth
            self._laid_lines = self.blPara
        return width, height
