"""Hjälp → Handbok: the user manual under resources/handbook/, shown in the window."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from bobudget.kernel.resources import resource_folder


def handbook_folder() -> Path:
    return resource_folder("handbook")


PICTURE_WIDTH = 720

# The handbook's pages in the order they are listed: the start page, then one per role.
PAGES: tuple[tuple[str, str], ...] = (
    ("index.md", "Om handboken"),
    ("bostadskonsulent.md", "Bostadskonsulent"),
    ("bostadshandledare.md", "Bostadshandledare"),
    ("handlaggare-egna-medel.md", "Handläggare egna medel"),
    ("enhetschef.md", "Enhetschef"),
    ("tangentbord.md", "Tangentbordet"),
)


class HandbookDialog(QDialog):
    """The pages on the left, the shown page on the right; links between pages work."""

    _open: ClassVar[list[HandbookDialog]] = []

    def __init__(self, parent: QWidget | None = None, folder: Path | None = None) -> None:
        super().__init__(parent)
        folder = folder or handbook_folder()
        self.setWindowTitle("Handbok – bobudget")
        self.setAccessibleName("Handbok")
        self.folder = folder
        self.contents = QListWidget()
        self.contents.setAccessibleName("Handbokens sidor")
        for _file, title in PAGES:
            self.contents.addItem(title)
        self.contents.setMaximumWidth(240)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Handbokssida")
        self.browser.setOpenExternalLinks(False)
        self.browser.setSearchPaths([str(folder)])
        self.browser.anchorClicked.connect(self._follow)
        self.browser.setOpenLinks(False)
        splitter = QSplitter()
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.contents.currentRowChanged.connect(self.show_page)
        self.contents.setCurrentRow(0)
        self.resize(1000, 720)

    def show_page(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self.load(PAGES[row][0])

    def load(self, name: str) -> None:
        path = self.folder / name
        # The base first: the pictures' paths are relative to the page.
        self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(path)))
        self.browser.setMarkdown(path.read_text(encoding="utf-8"))
        self._fit_pictures()
        self.current = name

    def _fit_pictures(self) -> None:
        """The window's pictures are 1280 pixels wide: shown at the page's width, so that the
        text beside them never needs scrolling sideways (the height follows the width)."""
        width = max(320, min(PICTURE_WIDTH, self.browser.viewport().width() - 40))
        document = self.browser.document()
        cursor = QTextCursor(document)
        block = document.begin()
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                shown = fragment.charFormat()
                if shown.isImageFormat():
                    picture = shown.toImageFormat()
                    picture.setWidth(width)
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(
                        fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor
                    )
                    cursor.setCharFormat(picture)
                fragments += 1
            block = block.next()

    def _follow(self, url: QUrl) -> None:
        name = Path(url.path()).name
        files = [f for f, _t in PAGES]
        if name in files:
            self.contents.setCurrentRow(files.index(name))

    @classmethod
    def show_for(cls, parent: QWidget | None) -> HandbookDialog:
        """One handbook beside the window (not modal: read it while working)."""
        # A handbook whose window has closed is gone in Qt though Python still lists it.
        cls._open[:] = [d for d in cls._open if isValid(d)]
        for dialog in cls._open:
            dialog.show()
            dialog.raise_()
            dialog.activateWindow()
            return dialog
        dialog = cls(parent)
        cls._open.append(dialog)
        dialog.show()
        return dialog
