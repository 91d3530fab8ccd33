"""The settings in use: the connection from the user's file, the unit's settings from the database.

`effective_settings(db)` is what the letters and the lists take. The one-time carry-over of a
PC's own unit settings (an older settings file) into the database happens here too:

When the database has no unit settings yet and the user's file holds a letterhead, periods or
the like, they are copied once, recorded as carried over; after that the file is never read
for them again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from bobudget.db.engine import Database
from bobudget.db.unit_settings import (
    LETTERHEAD_FIELDS,
    SETTING_KEYS,
    unit_settings,
    write_setting,
)
from bobudget.db.uow import UnitOfWork
from bobudget.kernel.config import Settings, load_settings
from bobudget.kernel.errors import ValidationError
from bobudget.model import UnitSetting, UnitSettingChange
from bobudget.model.vocab import SettingSource

log = logging.getLogger(__name__)

__all__ = [
    "CarriedOver",
    "carry_over_local_settings",
    "carry_over_settings",
    "effective_settings",
]


@dataclass(frozen=True)
class CarriedOver:
    """What the carry-over copied from the user's file, and what it left out (and why)."""

    keys: tuple[str, ...]
    templates: tuple[str, ...] = ()
    refused: tuple[str, ...] = ()

    def message(self) -> str:
        lines = [
            "Enhetens inställningar finns nu i databasen, gemensamma för alla datorer. "
            f"{len(self.keys)} inställningar och {len(self.templates)} brevmallar fördes över "
            "från den här datorns inställningsfil; ändra dem under Administration → Enhetens "
            "inställningar."
        ]
        lines += [f"Fördes inte över: {reason}" for reason in self.refused]
        return "\n".join(lines)


def _local_values(local: Settings) -> dict[str, str]:
    values = {key: str(getattr(local.letterhead, attr)) for key, attr in LETTERHEAD_FIELDS.items()}
    values["temporary.period_months"] = str(local.temporary_period_months)
    values["temporary.reminder_days"] = str(local.renewal_reminder_days)
    return values


def carry_over_settings(uow: UnitOfWork, local: Settings) -> tuple[list[str], list[str]] | None:
    """Copy the file's unit settings into an empty table; None when the table is not empty."""
    session = uow.session
    if session.scalar(select(UnitSetting.key).limit(1)) is not None:
        return None
    if session.scalar(select(UnitSettingChange.id).limit(1)) is not None:
        return None
    copied: list[str] = []
    refused: list[str] = []
    for key, value in _local_values(local).items():
        spec = SETTING_KEYS[key]
        if value == spec.default:
            continue
        try:
            checked = spec.validate(value)
        except ValidationError as error:
            refused.append(str(error))
            continue
        if write_setting(uow, key, checked, SettingSource.CARRIED_OVER):
            copied.append(key)
    return copied, refused


def carry_over_local_settings(
    db: Database, local: Settings | None = None, *, user: str | None = None
) -> CarriedOver | None:
    """At first open: the database has no unit settings, the user's file has some: copy them.

    Recorded as carried over (source), by the user who opened. None when nothing was copied.
    """
    local = local if local is not None else load_settings()
    if not local.has_unit_part():
        return None
    with UnitOfWork(db, user) as uow:
        result = carry_over_settings(uow, local)
        if not result or not (result[0] or result[1]):
            return None
        uow.audit("carry_over", "unit_settings", None, str(len(result[0])))
        uow.commit()
    return CarriedOver(tuple(result[0]), refused=tuple(result[1]))


def effective_settings(db: Database, local: Settings | None = None) -> Settings:
    """The settings a letter or a list needs: the connection from the user's file, the rest
    from the database every PC shares."""
    local = local if local is not None else load_settings()
    # An older PC's file still holds the unit's settings: carried over once, at first read
    # (the window and the command line do it at open and say so; this is the fallback).
    try:
        carry_over_local_settings(db, local)
    except DBAPIError:
        # A login without the right to write them reads the unit's settings all the same.
        log.warning("unit settings not carried over: no right to write them")
    unit = unit_settings(db)
    return replace(
        local,
        letterhead=unit.letterhead,
        temporary_period_months=unit.temporary_period_months,
        renewal_reminder_days=unit.renewal_reminder_days,
        bostad_forst_target=unit.bostad_forst_target,
        template_overrides=dict(unit.template_overrides),
    )
