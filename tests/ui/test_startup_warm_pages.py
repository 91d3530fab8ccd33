"""After the first frame, what the pages read through is imported in the background, so a
page's first show does not freeze the window on imports, and nothing heavy comes with it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def in_a_fresh_process(script: str, *args: str) -> list[str]:
    """The lines a new Python prints running `script`: nothing imported before it."""
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()


def test_the_warm_up_imports_the_pages_core_modules_and_the_letters_but_no_openpyxl() -> None:
    script = textwrap.dedent(
        """
        import sys
        from ui import page_stack
        before = [m for m in page_stack.PAGE_MODULES if m in sys.modules]
        page_stack.warm_page_modules().join(timeout=120)
        missing = [m for m in page_stack.PAGE_MODULES if m not in sys.modules]
        heavy = [m for m in ("reportlab", "openpyxl", "PySide6.QtCharts", "PySide6.QtPdf")
                 if m in sys.modules]
        print(repr((before, missing, heavy)))
        """
    )
    before, missing, heavy = eval(in_a_fresh_process(script)[-1])
    assert before == []  # importing the page stack loads none of them itself
    assert missing == []
    # ReportLab with the letters, in the background; the spreadsheet library, the charts and
    # the PDF viewer wait until they are used.
    assert heavy == ["reportlab"]


# The pages whose list needs nothing of a letter: the letters' modules come when one is printed.
PAGES_WITHOUT_LETTERS = (
    "queue",
    "contracts",
    "temporary",
    "follow_up",
    "letters",
    "statistics",
    "admin",
    "todo",
)


def test_a_page_that_lists_no_letters_imports_neither_reportlab_nor_the_pdf_viewer() -> None:
    script = textwrap.dedent(
        """
        import importlib, sys
        heavy = ("reportlab", "PySide6.QtPdf", "PySide6.QtPdfWidgets", "openpyxl")
        for page in sys.argv[1:]:
            importlib.import_module("ui.pages." + page)
            print(page, sorted(m for m in heavy if m in sys.modules))
        """
    )
    printed = in_a_fresh_process(script, *PAGES_WITHOUT_LETTERS)
    assert printed == [f"{page} []" for page in PAGES_WITHOUT_LETTERS]
