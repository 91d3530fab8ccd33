"""How long `bobudget import` takes, and how much memory it needs, for a 100 000-row list.

    python benchmarks/bench_import.py [--rows 100000] [--engines sqlite,postgresql]
                                      [--admin-url postgresql+psycopg://postgres@127.0.0.1/postgres]
                                      [--format csv|xlsx] [--file FIL] [--pg-name NAME] [--keep]

Writes an import file in the format the unit keeps its lists in (semicolon CSV, Swedish headers,
or XLSX): realistic Swedish names, streets and towns, valid personnummer from the program's own
identity wrapper (demo numbers, birth numbers 980–999, which nobody is given), the four contract
kinds, about one person in six with an earlier temporary placement on a row of its own. Then,
per engine, makes a fresh database (a SQLite file; a PostgreSQL database `bench_import_<pid>`
or --pg-name, dropped afterwards), migrates it (not timed), and runs `bobudget import FIL` in a
subprocess, printing its wall time and the child's peak resident memory (ru_maxrss of that
child, from os.wait4: the same figure as getrusage(RUSAGE_CHILDREN) with one child). Run by
hand; the tests never time anything.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, func, select, table, text
from sqlalchemy.engine import make_url

from bobudget.kernel.identity import demo_identity

HEADERS = [
    "Personnummer", "Efternamn", "Förnamn", "Kontraktstyp", "Startdatum", "Slutdatum",
    "Adress", "Postnummer", "Ort", "Hyresvärd", "Månadshyra", "Skyddade personuppgifter",
]  # fmt: skip


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES = _words(
    "Anna Eva Maria Karin Sara Lena Emma Kerstin Ingrid Marie Malin Jenny Hanna Linnéa Åsa "
    "Sofia Elin Ida Amira Fatima Leila Aisha Zainab Maja Ebba Saga Astrid Märta Siv Gun "
    "Lars Erik Per Karl Anders Johan Mikael Jan Nils Olof Björn Göran Mohammed Ali Omar "
    "Ahmed Yusuf Hassan Mustafa Oskar Lukas Elias Hugo Axel Viktor Åke Sören Kjell Jörgen"
)
LAST_NAMES = _words(
    "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson "
    "Pettersson Jonsson Jansson Hansson Bengtsson Jönsson Lindberg Jakobsson Magnusson "
    "Lindström Lindqvist Lindgren Berg Axelsson Bergström Lundberg Lind Lundgren Lundqvist "
    "Mattsson Berglund Fredriksson Sandberg Henriksson Forsberg Sjöberg Wallin Engström "
    "Öberg Åberg Ström Nyström Holm Ali Mohammed Ahmed Hassan Yilmaz Nguyen Kowalski"
)
STREETS = _words(
    "Storgatan Kyrkogatan Skolgatan Järnvägsgatan Parkgatan Ringvägen Åsgatan Björkvägen "
    "Ekvägen Lärkvägen Tallvägen Granvägen Nygatan Drottninggatan Kungsgatan Västgötavägen "
    "Östergatan Långgatan Söderallén Norrtullsgatan Torggatan Vårdvägen Sjövägen Älvgatan"
)
TOWNS = (
    ("Småstad", "123"), ("Norrköping", "602"), ("Linköping", "582"), ("Västerås", "722"),
    ("Örebro", "702"), ("Jönköping", "553"), ("Umeå", "903"), ("Gävle", "802"),
    ("Borås", "503"), ("Södertälje", "151"), ("Växjö", "352"), ("Luleå", "972"),
)  # fmt: skip
LANDLORDS = (
    "Småstadshem AB", "Stadens Bostäder AB", "Fastighets AB Eken", "Hyresbostäder i Norr AB",
    "Allmännyttan Väst", "Bostadsbolaget Öst AB", "Förvaltnings AB Ängen", "Hemfrid Fastigheter",
    "Lundbergs Fastigheter", "Heimstaden Småstad", "Victoria Park Söder", "Rikshem Centrum",
)  # fmt: skip
PLACES = (
    "Vandrarhemmet Gläntan", "Hotell Central", "Härbärget Tornet", "Vandrarhemmet Sjöudden",
    "Hotell Stationen", "Akutboendet Linden", "Härbärget Fyren", "Korttidsboendet Björken",
)  # fmt: skip
KINDS = (("socialt", 45), ("bostadssocialt", 25), ("bostad_forst", 10), ("tillfalligt", 20))
TODAY = dt.date.today()


def rows(count: int, seed: int) -> Iterator[list[str | dt.date]]:
    """`count` rows: persons with one current contract, one in six an earlier temporary stay."""
    rng = random.Random(seed)
    kinds, weights = zip(*KINDS, strict=True)
    person = 0
    written = 0
    while written < count:
        birth = dt.date(1940, 1, 1) + dt.timedelta(days=person // 20)
        identity = demo_identity(birth, person % 20).display
        person += 1
        last, first = rng.choice(LAST_NAMES), rng.choice(FIRST_NAMES)
        town, prefix = rng.choice(TOWNS)
        postal = f"{prefix} {rng.randrange(100):02d}"
        protected = "ja" if rng.random() < 0.02 else "nej"
        start = TODAY - dt.timedelta(days=rng.randrange(30, 3650))
        earliest = dt.date.min  # a current stay starts after an earlier one (never twice a day)
        if rng.random() < 1 / 6 and written + 1 < count:
            stay_end = start - dt.timedelta(days=rng.randrange(1, 60))
            stay_start = stay_end - dt.timedelta(days=rng.randrange(10, 300))
            yield [identity, last, first, "tillfalligt", stay_start, stay_end, "", "", town,
                   rng.choice(PLACES), "", protected]  # fmt: skip
            written += 1
            earliest = stay_end + dt.timedelta(days=1)
        kind = rng.choices(kinds, weights)[0]
        end: str | dt.date = ""
        if kind == "tillfalligt":
            place = rng.choice(PLACES)
            start = max(TODAY - dt.timedelta(days=rng.randrange(1, 400)), earliest)
            if rng.random() < 0.5:
                end = start + dt.timedelta(days=rng.randrange(5, 300))
            yield [identity, last, first, kind, start, end, "", "", town, place, "", protected]
        else:
            if rng.random() < 0.2:
                end = start + dt.timedelta(days=rng.randrange(200, 3000))
            address = f"{rng.choice(STREETS)} {rng.randrange(1, 200)}"
            # Every lease its own flat, told apart by its lägenhetsnummer.
            address += f", lgh {1000 + written}"
            rent = f"{rng.randrange(4000, 12000)} {rng.randrange(0, 100):02d}"
            rent = f"{rent[:-3]},{rent[-2:]}" if rng.random() < 0.5 else rent[:-3]
            yield [identity, last, first, kind, start, end, address, postal, town,
                   rng.choice(LANDLORDS), rent, protected]  # fmt: skip
        written += 1


def write_file(path: Path, count: int, seed: int) -> None:
    if path.suffix == ".xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Lista")
        sheet.append(HEADERS)
        for row in rows(count, seed):
            sheet.append(row)
        workbook.save(path)
        return
    # What Excel in Sweden saves as "CSV UTF-8": semicolons, a byte-order mark.
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(HEADERS)
        for row in rows(count, seed):
            writer.writerow([c.isoformat() if isinstance(c, dt.date) else c for c in row])


def _bobudget(*args: str) -> list[str]:
    return [sys.executable, "-c", "import sys; from bobudget.cli import main; sys.exit(main())",
            *args]  # fmt: skip


def measure(argv: list[str], env: dict[str, str]) -> tuple[float, float, int, int, str]:
    """Wall seconds, CPU seconds, peak RSS in MB, exit code and output of one child process.

    The CPU time is the child's own (not the database server's): on a busy machine it is the
    steadier of the two figures."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert child.stdout is not None
    output = child.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, cpu, usage.ru_maxrss // 1024, child.returncode, output.strip()


def run_engine(url: str, path: Path, env: dict[str, str]) -> None:
    upgrade = subprocess.run(
        _bobudget("--db", url, "db", "upgrade"), env=env, capture_output=True, text=True
    )
    if upgrade.returncode != 0:
        sys.exit(f"db upgrade failed: {upgrade.stderr}")
    seconds, cpu, peak_mb, code, output = measure(_bobudget("--db", url, "import", str(path)), env)
    engine = create_engine(url)
    with engine.connect() as connection:
        counts = {
            name: connection.scalar(select(func.count()).select_from(table(name)))
            for name in ("persons", "households", "contracts", "contract_periods", "dwellings")
        }
    engine.dispose()
    backend = make_url(url).get_backend_name()
    print(f"{backend}: {seconds:.1f} s ({cpu:.1f} s CPU), peak RSS {peak_mb} MB, exit {code}")
    print(f"  {output.splitlines()[-1] if output else ''}")
    print(f"  {counts}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument(
        "--admin-url",
        default=os.environ.get(
            "BOBUDGET_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
        ),
    )
    parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--file", type=Path, help="import this file instead of a new one")
    parser.add_argument("--pg-name", default=f"bench_import_{os.getpid()}")
    parser.add_argument("--keep", action="store_true", help="keep the file and databases")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
    env = dict(os.environ, BOBUDGET_HOME=str(folder / "home"))
    env.pop("BOBUDGET_DATABASE_URL", None)
    path = args.file or folder / f"lista.{args.format}"
    start = time.perf_counter()
    if args.file is None:
        write_file(path, args.rows, args.seed)
    size = path.stat().st_size / 1e6
    print(f"file: {path} ({size:.1f} MB, written in {time.perf_counter() - start:.1f} s)")

    engines = args.engines.split(",")
    if "sqlite" in engines:
        run_engine(f"sqlite:///{folder / 'bench.db'}", path, env)
    if "postgresql" in engines:
        admin_url = make_url(args.admin_url)
        name = args.pg_name
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            url = admin_url.set(database=name).render_as_string(hide_password=False)
            run_engine(url, path, env)
        finally:
            if not args.keep:
                with admin.connect() as connection:
                    connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    if not args.keep:
        for leftover in sorted(folder.rglob("*"), reverse=True):
            leftover.unlink() if leftover.is_file() else leftover.rmdir()
        folder.rmdir()


if __name__ == "__main__":
    main()
