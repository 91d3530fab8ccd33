"""`bobudget-gui`: start the window on the user's database (or a fresh demo database)."""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from bobudget import __version__
from bobudget.cli.swedish import SwedishParser
from bobudget.kernel.errors import DomainError
from bobudget.kernel.logsetup import setup_logging

from . import qt_guard
from .errors import (
    ask_database_unavailable,
    install_excepthook,
    message_box,
    show_domain_error,
)
from .first_paint import exit_after_first_paint_wanted, exit_after_start_page_wanted
from .gc_guard import collect_on_gui_thread
from .style import apply_style

# The database's modules (SQLAlchemy, the drivers, the password prompt that names a URL) are
# imported once the window's frame is drawn (open_user_database): the frame does not wait for
# them.
if TYPE_CHECKING:
    from bobudget.db.engine import Database

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_NO_DATABASE = 1


def build_parser() -> argparse.ArgumentParser:
    parser = SwedishParser(
        prog="bobudget-gui",
        description="bobudget – bo- och budgetenhetens verksamhetssystem (fönster).",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"bobudget {__version__}",
        help="visa programmets version och avsluta",
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--db",
        metavar="URL",
        help="databasens adress (annars BOBUDGET_DATABASE_URL, inställningarna "
        "eller den lokala filen)",
    )
    which.add_argument(
        "--self-test",
        action="store_true",
        help="prova installationen på en tillfällig databas (fönstret osynligt) och avsluta",
    )
    which.add_argument(
        "--demo",
        action="store_true",
        help="starta på en ny demodatabas med påhittade hushåll (aldrig den riktiga)",
    )
    return parser


def application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    QCoreApplication.setApplicationName("bobudget")
    QCoreApplication.setOrganizationName("bobudget")
    QCoreApplication.setApplicationVersion(__version__)
    install_swedish(app)
    apply_style(app)
    collect_on_gui_thread()
    return app


_translators: list[QTranslator] = []


def install_swedish(app: QApplication) -> bool:
    """Qt's own words in Swedish: the buttons and texts Qt draws itself (Avbryt, Visa
    detaljer…, the calendar's months), from the translations PySide6 ships. False when they
    cannot be found; the program's own words are Swedish regardless."""
    if _translators:
        return True
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    swedish = QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden)
    if not translator.load(swedish, "qtbase", "_", folder):
        return False
    app.installTranslator(translator)
    _translators.append(translator)  # kept: Qt does not own an installed translator
    return True


def open_user_database(cli_url: str | None, parent: QWidget | None = None) -> Database | None:
    """Open the database, asking for a password if the server wants one.

    On a problem the user reads why and chooses: change the settings and try again, or quit
    (None). Once the settings were saved they decide, not a --db given at start.
    """
    from bobudget.db.open import open_database

    from .password_dialog import PasswordPrompt
    from .settings_dialog import SettingsDialog

    while True:
        prompt = PasswordPrompt(parent)
        try:
            db = open_database(cli_url, ask_password=prompt)
        except DomainError as error:
            # DatabaseUnavailableError mostly; also an unreadable settings file.
            log.info("database could not be opened: %s", type(error).__name__)
            if not ask_database_unavailable(parent, error):
                return None
            if SettingsDialog(parent).exec() == QDialog.DialogCode.Accepted:
                cli_url = None
            continue
        prompt.store_if_wanted()
        log.info("database opened: %s", db.engine_name)
        return db


def tell_carry_over(db: Database, parent: QWidget | None) -> None:
    """At the first open of a database without the unit's settings, this PC's are copied into
    it (once, for every PC) and the user is told what was copied. After the window's first
    frame (main): the letters' modules it needs are not loaded before."""
    from bobudget.letters.unit_templates import carry_over

    try:
        carried = carry_over(db)
    except DomainError as error:
        show_domain_error(parent, error)
        return
    if carried is not None:
        log.info("unit settings carried over: %d keys", len(carried.keys))
        box = message_box(
            parent,
            QMessageBox.Icon.Information,
            "Enhetens inställningar finns nu i databasen",
            informative=carried.message(),
            title="Enhetens inställningar",
        )
        box.exec()


def open_demo(parent: QWidget | None = None) -> Database | None:
    from .demo import open_demo_database

    try:
        return open_demo_database(parent)
    except DomainError as error:
        show_domain_error(parent, error)
        return None


def after_first_frame(window: QWidget, db: Database, *, carry: bool) -> None:
    """What waits until the window is on screen and its start page built."""
    from bobudget.db.access import start_access_writer

    from .page_stack import warm_page_modules

    # Who saw which person is written in the background: a keystroke waits for no commit.
    # (Nothing is seen before this: only Att göra is built, and it shows no person's card.)
    start_access_writer(db)
    warm_page_modules()
    if carry:
        tell_carry_over(db, window)
    # Everything built so far lives as long as the window: keep it out of the collector's
    # scans, so a full collection never stalls a typed filter past 100 ms
    # (benchmarks/bench_lists.py measures the difference). Not before the first frame: a full
    # collection then would hold the window back.
    gc.collect()
    gc.freeze()


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    setup_logging()
    log.info(
        "bobudget-gui %s starting (PySide6 reference guard %s)",
        __version__,
        "applied" if qt_guard.GUARDED else "not needed",
    )
    if args.self_test:
        from . import self_test

        self_test.prepare_platform()
        application()
        return self_test.run()
    app = application()
    install_excepthook()

    from .main_window import MainWindow

    # The frame first (menus, navigation, "Öppnar databasen…"), the database once it is drawn:
    # the window is on screen while the drivers load and the server answers.
    window = MainWindow()
    opened: list[Database] = []

    def open_and_fill() -> None:
        db = open_demo(window) if args.demo else open_user_database(args.db, window)
        if db is None:
            window.close()
            app.exit(EXIT_NO_DATABASE)
            return
        opened.append(db)
        window.attach(db)
        if exit_after_start_page_wanted():
            QTimer.singleShot(0, report_start_page_and_quit)
            return
        QTimer.singleShot(0, lambda: after_first_frame(window, db, carry=not args.demo))

    if exit_after_first_paint_wanted():
        window.first_paint.quit_when_painted()
    window.first_paint.settled.connect(lambda: QTimer.singleShot(0, open_and_fill))
    window.show()
    try:
        return app.exec()
    finally:
        # Gone with main(), as a caller expects (the closures above hold it otherwise).
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if opened:
            from bobudget.db.access import stop_access_writer

            stop_access_writer(opened[0])
            opened[0].dispose()


def report_start_page_and_quit() -> None:
    """The benchmark's second mark: the start page built on the open database."""
    import time

    print(f"start-page {time.time():.6f}", flush=True)
    QCoreApplication.exit(0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
