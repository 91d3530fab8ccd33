"""The access log and the change trail are only ever inserted into: no code of the program
updates or deletes their rows (on PostgreSQL the grants refuse it too). One exception: the
gallring deletes a purged person's change trail with the rest of their record (it holds their
old and new values, their personal data), run by the server's administrator."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# An ORM or SQL update/delete naming either table or its model; a session.delete of a log row.
FORBIDDEN = re.compile(
    r"(update|delete)\(\s*(AccessLog|ChangeTrail)\b"
    r"|(UPDATE|DELETE\s+FROM)\s+\"?(access_log|change_trail)\b"
    r"|\.delete\(\s*\w*(access|trail)\w*\s*\)",
    re.IGNORECASE,
)


# The one place that may: the gallring's delete of the purged persons' change trail.
PURGE = "bobudget/retention/purge.py"
PURGE_LINE = "delete(ChangeTrail).where(ChangeTrail.person_id.in_(chunk))"


def test_no_code_updates_or_deletes_a_log_row() -> None:
    offenders = []
    for folder in ("bobudget", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" in path.parts:
                continue  # a downgrade drops the tables: no row is changed
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                allowed = str(path.relative_to(ROOT)) == PURGE and PURGE_LINE in line
                if FORBIDDEN.search(line) and not allowed:
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_the_pattern_would_catch_one() -> None:
    assert FORBIDDEN.search("session.execute(delete(AccessLog).where(AccessLog.id == 1))")
    assert FORBIDDEN.search('conn.exec_driver_sql("UPDATE change_trail SET changes = 1")')
