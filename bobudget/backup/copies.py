"""Backup and restore of the whole database.

SQLite: the online backup API (sqlite3.Connection.backup) copies a consistent snapshot while
colleagues keep working, page by page with progress; a restore copies the backup back the same
way. PostgreSQL: `pg_dump -Fc` and `pg_restore` from PATH, the password handed over in the
PGPASSWORD environment of the child alone (never on a command line another user could list);
the restore runs in one transaction (`--single-transaction`), all or nothing. The server's own
alternative (pg_basebackup, scheduled dumps by IT) is in the README.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, inspect, select, table
from sqlalchemy.engine import URL

from bobudget.db.engine import Database
from bobudget.db.migrate import known_revisions
from bobudget.db.passwords import get_password
from bobudget.kernel.errors import DomainError

__all__ = [
    "Progress",
    "backup",
    "backup_revision",
    "is_empty",
    "pg_environment",
    "restore",
    "tool",
]

log = logging.getLogger(__name__)

# (done, total): pages copied (SQLite) or steps; the window's progress bar.
Progress = Callable[[int, int], None]
_PAGES_PER_STEP = 256


def tool(name: str) -> str:
    """The full path of pg_dump/pg_restore, or a message saying what to install."""
    found = shutil.which(name)
    if found is None:
        raise DomainError(
            f"Programmet {name} finns inte på datorn. Installera PostgreSQL-klienten "
            "(t.ex. paketet postgresql-client) och se till att den ligger i PATH, "
            "eller be IT ta säkerhetskopian på servern."
        )
    return found


def pg_environment(url: URL) -> dict[str, str]:
    """The environment for pg_dump/pg_restore: connection parts and the password, if any."""
    env = dict(os.environ)
    env["PGHOST"] = url.host or "localhost"
    if url.port:
        env["PGPORT"] = str(url.port)
    if url.username:
        env["PGUSER"] = url.username
    password = url.password or get_password(url)
    if password:
        env["PGPASSWORD"] = str(password)
    for key, value in url.query.items():
        if key in ("sslmode", "sslrootcert", "sslcert", "sslkey") and isinstance(value, str):
            env["PG" + key.upper()] = value
    return env


def _run(args: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        # The tool's own message names tables, never a password (it is not on the command line).
        log.error("%s failed (%d): %s", Path(args[0]).name, done.returncode, done.stderr[-2000:])
        raise DomainError(f"{what} misslyckades: {done.stderr.strip()[-400:]}")


def _sqlite_copy(
    source: sqlite3.Connection, target: sqlite3.Connection, progress: Progress | None
) -> None:
    def step(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)

    source.backup(target, pages=_PAGES_PER_STEP, progress=step)


def backup(db: Database, target: Path, progress: Progress | None = None) -> None:
    """Copy the whole database to `target` (written under a temporary name, then renamed)."""
    partial = target.with_name(target.name + ".tmp")
    partial.unlink(missing_ok=True)
    if db.is_sqlite:
        source = sqlite3.connect(db.location)
        try:
            copy = sqlite3.connect(partial)
            try:
                _sqlite_copy(source, copy, progress)
            finally:
                copy.close()
        finally:
            source.close()
    else:
        url = db.url
        if progress is not None:
            progress(0, 1)
        _run(
            [tool("pg_dump"), "-Fc", "-f", str(partial), "-d", str(url.database)],
            pg_environment(url),
            "Säkerhetskopieringen",
        )
        if progress is not None:
            progress(1, 1)
    os.replace(partial, target)
    log.info("backup written")


def _revision_in_sqlite(path: Path) -> str | None:
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        raise DomainError(
            f"Filen {path} är ingen säkerhetskopia av en bobudget-databas (SQLite)."
        ) from None
    return rows[0][0] if rows else None


def _revision_in_dump(path: Path) -> str | None:
    done = subprocess.run(
        [tool("pg_restore"), "--data-only", "--table=alembic_version", "-f", "-", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise DomainError(
            f"Filen {path} är ingen säkerhetskopia av en bobudget-databas (pg_dump -Fc)."
        )
    lines = done.stdout.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("COPY ") and "alembic_version" in line and index + 1 < len(lines):
            value = lines[index + 1].strip()
            return None if value == "\\." else value
    return None


def backup_revision(path: Path, sqlite: bool) -> str | None:
    """The schema version a backup holds."""
    if not path.is_file():
        raise DomainError(f"Säkerhetskopian {path} finns inte. Kontrollera sökvägen.")
    return _revision_in_sqlite(path) if sqlite else _revision_in_dump(path)


def is_empty(db: Database) -> bool:
    """No row in any table (the schema alone, as a fresh database has it, counts as empty)."""
    names = [n for n in inspect(db.engine).get_table_names() if n != "alembic_version"]
    with db.engine.connect() as connection:
        for name in names:
            if connection.execute(select(func.count()).select_from(table(name))).scalar():
                return False
    return True


def restore(
    db: Database, source: Path, *, replace: bool = False, progress: Progress | None = None
) -> str:
    """Put the backup `source` into the database `db`, refusing what would lose or misread data.

    A database that holds data is replaced only when asked (`replace`); a backup from a newer
    bobudget than this one is refused (this version would misread it). An older one is
    restored as it is and upgraded the next time the program opens it. Returns the backup's
    schema version.
    """
    revision = backup_revision(source, db.is_sqlite)
    if revision is None:
        raise DomainError(
            f"Säkerhetskopian {source} har ingen schemaversion: ingen bobudget-databas."
        )
    if revision not in known_revisions():
        raise DomainError(
            f"Säkerhetskopian {source} kommer från en nyare version av bobudget "
            f"(schemaversion {revision}). Installera den senaste versionen och återställ sedan."
        )
    if not replace and not is_empty(db):
        raise DomainError(
            f"Databasen ({db.location}) innehåller redan uppgifter. Ingenting ändrades. "
            "Återställ till en tom databas, eller ange --ersatt för att ersätta allt i den."
        )
    if db.is_sqlite:
        db.dispose()  # no connection of ours holds the file while it is overwritten
        copy = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            target = sqlite3.connect(db.location)
            try:
                _sqlite_copy(copy, target, progress)
            finally:
                target.close()
        finally:
            copy.close()
    else:
        url = db.url
        db.dispose()
        if progress is not None:
            progress(0, 1)
        _run(
            [
                tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--single-transaction",
                "--exit-on-error",
                "-d",
                str(url.database),
                str(source),
            ],
            pg_environment(url),
            "Återställningen",
        )
        if progress is not None:
            progress(1, 1)
    log.info("restored a backup at schema %s", revision)
    return revision
