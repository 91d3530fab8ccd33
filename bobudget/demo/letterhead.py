"""The demo municipality's letterhead: a demo database prints letters at once.

Written as the unit's settings in the database (every PC reads them there), in the demo's own
transaction, each change kept in the settings' history like any other. The demo is made by the
person setting up a new, empty database, so no administrator's role is asked for.
"""

from __future__ import annotations

from bobudget.db.engine import Database
from bobudget.db.unit_settings import SETTING_KEYS, write_setting
from bobudget.db.uow import UnitOfWork
from bobudget.model.vocab import SettingSource

DEMO_SETTINGS: dict[str, str] = {
    "letterhead.municipality": "Demo kommun",
    "letterhead.administration": "Socialförvaltningen",
    "letterhead.unit": "Bo- och budgetenheten",
    "letterhead.address": "Box 100\n123 45 Demostad",
    "letterhead.phone": "0522-69 70 00",
    "letterhead.email": "bo.budget@demo.example",
    "forwarding_address.address": "Skatteverket\nBox 2820\n403 20 Göteborg",
    "socialjouren.phone": "0522-69 71 00",
}


def write_demo_settings(db: Database, user: str) -> None:
    """Store the demo letterhead, each value checked as the Administration page checks it."""
    with UnitOfWork(db, user) as uow:
        for key, value in DEMO_SETTINGS.items():
            write_setting(uow, key, SETTING_KEYS[key].validate(value), SettingSource.EDITED)
        uow.commit()
