"""Every keyboard shortcut of the window, in one table.

The window makes its shortcuts from this table (the menus' actions, the jumps to the pages, the
"Ny …" buttons of the pages) and Hjälp → Kortkommandon lists the same table, so the list can
never promise a key that does nothing. Keys are written the portable way ("Ctrl+1"); Qt shows
them the platform's way.

The scheme: Ctrl+1 … Ctrl+9 and Ctrl+0 go to the pages in the navigation's order; Ctrl+N is the
shown page's (or tab's) "Ny …"; a second "Ny …" on the same tab is Ctrl+Shift+N.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..navigation import AREAS

EVERYWHERE = "Överallt"
IN_DIALOGS = "I dialogrutor"


@dataclass(frozen=True)
class Shortcut:
    keys: str
    text: str
    where: str = EVERYWHERE
    # The button it presses, by its text without & and …; "" for a menu action or a key that
    # a widget handles itself (listed so that the list is complete, bound elsewhere).
    button: str = ""
    # The menu action it belongs to, by name; "" when it is none.
    action: str = ""


def _page_key(number: int) -> str:
    return f"Ctrl+{number % 10}"


PAGE_SHORTCUTS: tuple[Shortcut, ...] = tuple(
    Shortcut(_page_key(number), f"Gå till {area.title}", action=f"area:{area.key}")
    for number, area in enumerate(AREAS, start=1)
)

MENU_SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut("Ctrl+F", "Sök person", action="search"),
    Shortcut("F5", "Uppdatera sidan", action="refresh"),
    Shortcut("Ctrl+P", "Skriv ut det som visas", action="print"),
    Shortcut("Ctrl+,", "Inställningar", action="settings"),
    Shortcut("Ctrl+Q", "Avsluta", action="quit"),
    Shortcut("F1", "Handbok", action="handbook"),
    Shortcut("Shift+F1", "Kortkommandon (den här listan)", action="shortcuts"),
)

# The buttons of the pages. A button that already carries the key (the action bars of Kö,
# Kontrakt and Tillfälligt boende) is checked against it; the others get it from here.
BUTTON_SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut("Ctrl+N", "Ny person", "Personer", button="Ny person"),
    Shortcut(
        "Ctrl+Shift+N", "Nytt barn i hushållet", "Personer › Personkortet", button="Nytt barn"
    ),
    Shortcut(
        "Ctrl+H", "Historik (personens ändringar)", "Personer › Personkortet", button="Historik"
    ),
    Shortcut("Ctrl+N", "Nytt beslut", "Kö", button="Nytt beslut"),
    Shortcut("Ctrl+E", "Ändra beslut", "Kö", button="Ändra beslut"),
    Shortcut("Ctrl+B", "Erbjud bostad", "Kö", button="Erbjud bostad"),
    Shortcut("Ctrl+R", "Registrera svar på erbjudandet", "Kö", button="Registrera svar"),
    Shortcut("Ctrl+K", "Skriv kontrakt (verkställ beslutet)", "Kö", button="Skriv kontrakt"),
    Shortcut("Ctrl+N", "Nytt kontrakt", "Kontrakt", button="Nytt kontrakt"),
    Shortcut("Ctrl+E", "Ändra villkor", "Kontrakt", button="Ändra villkor"),
    Shortcut("Ctrl+L", "Boplan", "Kontrakt", button="Boplan"),
    Shortcut("Ctrl+P", "Skriv ut kontrakt", "Kontrakt", button="Skriv ut kontrakt"),
    Shortcut("Ctrl+N", "Ny bostad", "Kontrakt › Bostäder", button="Ny bostad"),
    Shortcut("Ctrl+E", "Ändra bostad", "Kontrakt › Bostäder", button="Ändra bostad"),
    Shortcut("Ctrl+N", "Ny hyresvärd", "Kontrakt › Hyresvärdar", button="Ny hyresvärd"),
    Shortcut("Ctrl+E", "Ändra hyresvärd", "Kontrakt › Hyresvärdar", button="Ändra hyresvärd"),
    Shortcut("Ctrl+N", "Placera (ny placering)", "Tillfälligt boende", button="Placera"),
    Shortcut("Ctrl+R", "Förläng", "Tillfälligt boende", button="Förläng"),
    Shortcut("Ctrl+M", "Flytta", "Tillfälligt boende", button="Flytta"),
    Shortcut("Ctrl+N", "Ny plats", "Tillfälligt boende › Platser", button="Ny plats"),
    Shortcut("Ctrl+E", "Ändra plats", "Tillfälligt boende › Platser", button="Ändra plats"),
    Shortcut("Ctrl+N", "Nytt boendestöd", "Uppföljning › Boendestöd", button="Nytt boendestöd"),
    Shortcut(
        "Ctrl+N", "Ny hyresskuld", "Uppföljning › Skulder, störningar", button="Ny hyresskuld"
    ),
    Shortcut(
        "Ctrl+Shift+N",
        "Ny störningsanmälan",
        "Uppföljning › Skulder, störningar",
        button="Ny störningsanmälan",
    ),
    Shortcut(
        "Ctrl+N", "Ny underrättelse", "Uppföljning › Underrättelser", button="Ny underrättelse"
    ),
    Shortcut("Ctrl+T", "Tilldela (välj ansvarig)", "Att göra", button="Tilldela"),
    Shortcut("Ctrl+N", "Ny användare", "Administration", button="Ny användare"),
    Shortcut("Ctrl+E", "Ändra användare", "Administration", button="Ändra användare"),
    Shortcut("Ctrl+N", "Nytt konto", "Egna medel", button="Nytt konto"),
    Shortcut(
        "Ctrl+Shift+N",
        "Ny återkommande betalning",
        "Egna medel › Att bekräfta",
        button="Ny återkommande betalning",
    ),
)

# Keys the widgets handle themselves: listed so that the list is the whole keyboard.
WIDGET_KEYS: tuple[Shortcut, ...] = (
    Shortcut("Return", "Öppna det markerade", "Att göra"),
    Shortcut("Return", "Spara (från ett enradsfält)", IN_DIALOGS),
    Shortcut("Ctrl+Return", "Spara (från ett anteckningsfält)", IN_DIALOGS),
    Shortcut("Esc", "Avbryt och stäng", IN_DIALOGS),
    Shortcut("Tab", "Nästa fält", IN_DIALOGS),
    Shortcut("Shift+Tab", "Föregående fält", IN_DIALOGS),
    Shortcut("Alt+bokstav", "Knappen eller fältet med den understrukna bokstaven", EVERYWHERE),
)

SHORTCUTS: tuple[Shortcut, ...] = PAGE_SHORTCUTS + MENU_SHORTCUTS + BUTTON_SHORTCUTS + WIDGET_KEYS


def plain(text: str) -> str:
    """A button's text as the table names it: without the & of its mnemonic and the …."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def for_action(name: str) -> str:
    """The keys of a menu action or page jump by its name."""
    for shortcut in SHORTCUTS:
        if shortcut.action == name:
            return shortcut.keys
    raise KeyError(name)
