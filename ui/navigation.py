"""The side navigation: the unit's areas of work, in the order the day goes."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget


class AreaKey(enum.StrEnum):
    """The areas of the window by key: what the navigation, Att göra and the pages go to.

    Not stored: a key is the window's own word, and some happen to read like a stored kind
    ("temporary" is the area, ContractKind.TEMPORARY the contract kind).
    """

    TODO = "todo"
    PERSONS = "persons"
    QUEUE = "queue"
    CONTRACTS = "contracts"
    TEMPORARY = "temporary"
    FOLLOW_UP = "follow_up"
    FUNDS = "funds"
    LETTERS = "letters"
    STATISTICS = "statistics"
    ADMIN = "admin"


@dataclass(frozen=True)
class Area:
    key: AreaKey
    title: str
    # What will be here, said plainly, for the areas a later version fills.
    planned: str = ""


AREAS: tuple[Area, ...] = (
    Area(
        AreaKey.TODO,
        "Att göra",
        "Här samlas det som väntar på dig: tillfälliga boenden vars period snart löper ut, "
        "uppföljningar och övertagandeprövningar som infaller, och beslut som närmar sig tre "
        "månader i kön. Sidan fylls i en kommande version; tills vidare startar programmet "
        "på Personer.",
    ),
    Area(AreaKey.PERSONS, "Personer"),
    Area(
        AreaKey.QUEUE,
        "Kö",
        "Här visas hushållen med beslut om hjälp med bostadsanskaffning som väntar på "
        "verkställighet, äldst beslut först, med väntetid och erbjudanden. Beslut som inte "
        "verkställts inom tre månader markeras för rapporten till IVO.",
    ),
    Area(
        AreaKey.CONTRACTS,
        "Kontrakt",
        "Här visas alla kontrakt – sociala, bostadssociala, Bostad först och tillfälligt "
        "boende – med bostad, hyresvärd, hyra och datum. Här skrivs också nya kontrakt.",
    ),
    Area(
        AreaKey.TEMPORARY,
        "Tillfälligt boende",
        "Här visas de pågående placeringarna i tillfälligt boende med periodens slutdatum, de "
        "som snart löper ut först, så att du hinner bedöma om de ska förlängas eller avslutas.",
    ),
    Area(
        AreaKey.FOLLOW_UP,
        "Uppföljning",
        "Här planeras och registreras uppstartsmöten och uppföljningsmöten, hyresskulder, "
        "störningsanmälningar och underrättelser om avhysning. Två hyresskulder inom sex "
        "månader markeras för flerpartssamtal.",
    ),
    Area(
        AreaKey.FUNDS,
        "Egna medel",
        "Här förs klienternas egna medel: inbetalningar, betalning av hyra och räkningar, "
        "pengar att leva på, budget och månatliga kontoutdrag. Varje öre redovisas.",
    ),
    Area(
        AreaKey.LETTERS,
        "Brev",
        "Här skrivs brev ut på kommunens brevpapper: kontraktsbrev, förlängnings- och "
        "avslutsbrev för tillfälligt boende, kallelser och hyresgarantier. Varje utskrivet "
        "brev sparas i historiken.",
    ),
    Area(
        AreaKey.STATISTICS,
        "Statistik",
        "Här tas statistiken fram: förmedlade bostäder per månad och år, kartläggningen av "
        "hemlöshet, ej verkställda beslut till IVO varje kvartal och köns väntetider.",
    ),
    Area(
        AreaKey.ADMIN,
        "Administration",
        "Här hanteras användare och behörigheter, brevmallar, checklistor för "
        "uppstartsmötet, databasen och säkerhetskopior.",
    ),
)

START_AREA = AreaKey.TODO


def count_text(key: str, count: int) -> str:
    """What a navigation count says it counts: Att göra's items, in its own row; elsewhere the
    items of Att göra that belong to the area ("31 att göra" on Kö, beside the page's own
    "50 hushåll väntar", which counts households)."""
    if key == AreaKey.TODO:
        return f"{count} uppgift" if count == 1 else f"{count} uppgifter"
    return f"{count} att göra"


class Navigation(QListWidget):
    """One row per area; the main window switches its page stack with the current row."""

    ROW_HEIGHT = 36
    ROW_WITH_COUNT = 52

    def __init__(self, areas: tuple[Area, ...] = AREAS, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigation")
        self.setAccessibleName("Områden")
        self.setAccessibleDescription("Välj vilket område av arbetet som visas")
        self._keys: list[str] = []
        self._titles: list[str] = []
        for area in areas:
            item = QListWidgetItem(area.title)
            item.setSizeHint(QSize(0, self.ROW_HEIGHT))
            self.addItem(item)
            self._keys.append(area.key)
            self._titles.append(area.title)
        # Wide enough for the longest title; the count goes on a line of its own beneath.
        self.setMinimumWidth(225)

    def key_at(self, row: int) -> str:
        return self._keys[row]

    def row_of(self, key: str) -> int:
        return self._keys.index(key)

    def current_key(self) -> str:
        return self._keys[self.currentRow()] if self.currentRow() >= 0 else START_AREA

    def select(self, key: str) -> None:
        self.setCurrentRow(self.row_of(key))

    def set_counts(self, counts: dict[str, int]) -> None:
        """Under each area's title, how many items of Att göra belong to it ("7 att göra");
        none shows no line."""
        for row, key in enumerate(self._keys):
            item = self.item(row)
            title = self._titles[row]
            count = counts.get(key, 0)
            said = count_text(key, count) if count else ""
            item.setText(f"{title}\n{said}" if said else title)
            item.setSizeHint(QSize(0, self.ROW_WITH_COUNT if said else self.ROW_HEIGHT))
            item.setToolTip(
                f"{said} i Att göra gäller {title}" if said and key != AreaKey.TODO else said
            )
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{title}, {said}" if said else title)

    def title_at(self, row: int) -> str:
        return self._titles[row]
