"""The case reference: how a person's case is named where no name may stand (a calendar).

BU-123 is the person's id: stable, says nothing about the person, and the person search
finds it, so a worker who reads it in Outlook opens the right card.
"""

from __future__ import annotations

import re

__all__ = ["CASE_PREFIX", "case_reference", "parse_case_reference"]

CASE_PREFIX = "BU-"
_CASE_RE = re.compile(r"^\s*BU[-\s]?([0-9]{1,12})\s*$", re.IGNORECASE)


def case_reference(person_id: int) -> str:
    return f"{CASE_PREFIX}{person_id}"


def parse_case_reference(text: str) -> int | None:
    """The person's id in a typed case reference ("BU-123", "bu 123"); None if it is not one."""
    match = _CASE_RE.match(text)
    return int(match.group(1)) if match else None
