"""How long bobudget-gui takes from its process's start to the main window's first frame, beside a
bare PySide6 window measured in the same run.

    python benchmarks/bench_startup.py --db URL [--db URL …] [--runs 5] [--platform xcb]

Each run is a separate process, started from here: the clock starts just before the process is
started (so Python's own start counts, for both) and stops when the process prints that its
first frame is drawn. The bare window is a QMainWindow of the same size, watched the same way;
bobudget-gui is `python -m ui --db URL` with BOBUDGET_EXIT_AFTER_FIRST_PAINT=start-page, which
makes it print the time of its first frame (the window's frame, drawn before the database is
opened), go on to open the database and build the start page with its first rows, print that
time too and quit (ui/first_paint.py). Runs alternate bare, bobudget,
bare, … so that the machine's load falls on both alike; one warm-up pair per database is not
counted (it reads the files into the disk cache). Printed: the median and spread of each, and
the ratio of the medians. Goal: bobudget within 2× the bare window.

The window's settings and log go to a scratch BOBUDGET_HOME, not the user's. The program opens
the database as a user would: it may write to it what a first start writes (the unit settings
carried over, the upgrade if one is due), so measure on a copy of a shared database.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# The same width and height as the main window's (ui/style.py WINDOW_SIZE) and the same watch
# for the first paint as ui/first_paint.py, written out: importing `ui` would not be bare.
BARE = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    class FirstPaint(QObject):
        def __init__(self, window):
            super().__init__(window)
            self.done = False
            window.installEventFilter(self)

        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and not self.done:
                self.done = True
                watched.removeEventFilter(self)
                QTimer.singleShot(0, self.report)
            return False

        def report(self):
            print(f"first-paint {time.time():.6f}", flush=True)
            QCoreApplication.quit()

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(WIDTH, HEIGHT)
    probe = FirstPaint(window)
    window.show()
    app.exec()
    """
)


def window_size() -> tuple[int, int]:
    sys.path.insert(0, str(ROOT))
    from ui.style import WINDOW_SIZE

    return WINDOW_SIZE


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float | None]:
    """Seconds from just before the process starts to the first frame it reports, and to the
    start page it reports (None when it reports none: the bare window)."""
    started = time.time()
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)

    def mark(name: str) -> float | None:
        for line in done.stdout.splitlines():
            if line.startswith(name + " "):
                return float(line.split()[1]) - started
        return None

    painted, start_page = mark("first-paint"), mark("start-page")
    if done.returncode != 0 and painted is not None:
        # The time stands; what went wrong after it is worth knowing all the same.
        print(f"  (exit {done.returncode} after the first paint: {done.stderr.strip()[-200:]})")
    if painted is None:
        raise SystemExit(
            f"{' '.join(command)} did not report its first paint (exit {done.returncode}):\n"
            f"{done.stdout}\n{done.stderr}"
        )
    return painted, start_page


def spread(times: list[float]) -> str:
    return f"{statistics.median(times):6.2f} s  (min {min(times):.2f}, max {max(times):.2f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", action="append", required=True, metavar="URL")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--platform",
        default=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        help="Qt platform (xcb on a real or Xvfb display; offscreen without)",
    )
    args = parser.parse_args()

    width, height = window_size()
    bare_command = [
        sys.executable,
        "-c",
        BARE.replace("WIDTH", str(width)).replace("HEIGHT", str(height)),
    ]
    home = tempfile.mkdtemp(prefix="bobudget-bench-startup-")
    env = dict(os.environ, QT_QPA_PLATFORM=args.platform, BOBUDGET_HOME=home)
    # The window's frame first, then the database opened and the start page (Att göra) built
    # with its first rows: both marks from the same process.
    app_env = dict(env, BOBUDGET_EXIT_AFTER_FIRST_PAINT="start-page")
    python = sys.version.split()[0]
    print(f"platform {args.platform}, {args.runs} runs each, medians; Python {python}")
    rows: list[tuple[str, list[float], list[float]]] = []
    for url in args.db:
        app_command = [sys.executable, "-m", "ui", "--db", url]
        timed(bare_command, env)
        timed(app_command, app_env)  # warm-up: disk cache, a first start's writes
        bare: list[float] = []
        app: list[float] = []
        filled: list[float] = []
        for _ in range(args.runs):
            bare.append(timed(bare_command, env)[0])
            painted, start_page = timed(app_command, app_env)
            app.append(painted)
            if start_page is not None:
                filled.append(start_page)
        rows.append((url, bare, app))
        print(f"\n{url}")
        print(f"  bare PySide6 window   {spread(bare)}")
        print(f"  bobudget-gui frame    {spread(app)}")
        if filled:
            print(f"  … Att göra filled     {spread(filled)}")
        print(f"  ratio                 {statistics.median(app) / statistics.median(bare):6.1f}×")
    print("\nsummary (goal ≤ 2×)")
    for url, bare, app in rows:
        ratio = statistics.median(app) / statistics.median(bare)
        print(
            f"  {statistics.median(app):6.2f} s vs {statistics.median(bare):5.2f} s "
            f"= {ratio:5.1f}×  {url}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
