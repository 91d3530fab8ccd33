"""Hjälp → Handbok: a Swedish manual, one page per role, shown in the window; its pictures are
taken from the real window by ui/help/screenshots.py, and every picture it names exists.

The pictures are taken on every run (into a scratch folder); with BOBUDGET_HANDBOOK_SCREENSHOTS
set they are written over resources/handbook/images, to be committed with the change that
altered the window.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from bobudget.db.engine import Database
from ui.help.handbook import PAGES, HandbookDialog, handbook_folder
from ui.help.screenshots import PICTURES, take_screenshots
from ui.main_window import MainWindow

FOLDER = handbook_folder()
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)]+)\)")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)]+\.md)\)")
ROLES = ("bostadskonsulent", "bostadshandledare", "handlaggare-egna-medel", "enhetschef")


def named_images() -> dict[str, list[str]]:
    return {name: IMAGE.findall((FOLDER / name).read_text(encoding="utf-8")) for name, _t in PAGES}


def test_every_picture_the_handbook_names_exists() -> None:
    named = named_images()
    assert sum(len(images) for images in named.values()) >= 8
    missing = [
        f"{page}: {image}"
        for page, images in named.items()
        for image in images
        if not (FOLDER / image).is_file()
    ]
    assert missing == []
    # And each is one the suite takes from the window: none can go stale.
    taken = {f"images/{name}" for name in PICTURES}
    assert {image for images in named.values() for image in images} <= taken


def test_one_page_per_role_saying_what_to_do_each_day_week_renewal_and_debt() -> None:
    for role in ROLES:
        text = (FOLDER / f"{role}.md").read_text(encoding="utf-8")
        for heading in (
            "## Varje dag",
            "## Varje vecka",
            "## Vid en förlängning",
            "## Vid en skuld",
        ):
            assert heading in text, (role, heading)
    for name, _title in PAGES:
        for link in LINK.findall((FOLDER / name).read_text(encoding="utf-8")):
            assert (FOLDER / link).is_file(), (name, link)


def test_the_pictures_are_taken_from_the_real_window(tmp_path: Path) -> None:
    renew = bool(os.environ.get("BOBUDGET_HANDBOOK_SCREENSHOTS"))
    target = FOLDER / "images" if renew else tmp_path / "images"
    written = take_screenshots(target)
    assert sorted(p.name for p in written) == sorted(PICTURES)
    for path in written:
        assert path.stat().st_size > 10_000, path.name  # a page, not an empty grab
        header = path.read_bytes()[:8]
        assert header == b"\x89PNG\r\n\x1a\n"


def test_f1_opens_the_handbook_in_the_window_with_its_pictures(qtbot, sqlite_db: Database) -> None:
    window = MainWindow(sqlite_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_F1)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, HandbookDialog)]
    assert dialogs and dialogs[0].isVisible()
    handbook = dialogs[0]
    try:
        assert "Handbok för bobudget" in handbook.browser.toPlainText()
        for row, (name, title) in enumerate(PAGES):
            handbook.contents.setCurrentRow(row)
            assert handbook.current == name
            assert handbook.contents.item(row).text() == title
            document = handbook.browser.document()
            for image in named_images()[name]:
                url = document.baseUrl().resolved(QUrl(image))
                picture = handbook.browser.loadResource(
                    QTextDocument.ResourceType.ImageResource.value, url
                )
                assert picture is not None and not getattr(picture, "isNull", lambda: False)(), (
                    image
                )
        # A link between pages opens the page.
        handbook.contents.setCurrentRow(0)
        handbook._follow(QUrl("enhetschef.md"))
        assert handbook.current == "enhetschef.md"
    finally:
        handbook.close()


@pytest.mark.parametrize("role", ROLES)
def test_the_role_pages_are_swedish(role: str) -> None:
    text = (FOLDER / f"{role}.md").read_text(encoding="utf-8")
    assert not re.search(r"\b(the|and|click|save)\b", text, re.IGNORECASE)
