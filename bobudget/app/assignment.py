"""Assigning a case or a to-do to one user ("Tilldela…" on Att göra, `bobudget` services).

A to-do's responsible lives on the row it is about (kernel.due.Holder): the meeting, the
follow-up, the notice, the boendestöd, the account, or the contract or decision itself. The
tables that hold a responsible are named here; the user named is checked by
db.responsible.check_responsible, so an unknown or deactivated user is refused in words.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol, cast

from sqlalchemy.orm import Session

from bobudget.db.engine import Database
from bobudget.db.responsible import check_responsible
from bobudget.db.uow import UnitOfWork, conflict_error
from bobudget.kernel.due import Holder
from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.model import (
    Base,
    Contract,
    Decision,
    EvictionNotice,
    FollowUp,
    HousingSupport,
    ManagedFundsAccount,
    MultipartyMeeting,
    StartupMeeting,
)

__all__ = ["ASSIGNABLE", "assign", "responsible_of"]


class _Responsible(Protocol):
    """What every assignable row has: its responsible, and a version for optimistic locking."""

    id: int
    version: int
    responsible: str | None
    updated_by: str
    updated_at: dt.datetime


ASSIGNABLE: dict[str, type[Base]] = {
    model.__tablename__: model
    for model in (
        Decision,
        Contract,
        ManagedFundsAccount,
        StartupMeeting,
        FollowUp,
        HousingSupport,
        EvictionNotice,
        MultipartyMeeting,
    )
}

_GONE = "Det som skulle tilldelas finns inte längre. Läs in listan igen."


def _row(session: Session, holder: Holder) -> _Responsible:
    model = ASSIGNABLE.get(holder.table)
    if model is None:
        raise ValidationError(f"'{holder.table}' kan inte tilldelas någon.")
    row = session.get(model, holder.row_id)
    if row is None:
        raise NotFoundError(_GONE)
    return cast(_Responsible, row)


def responsible_of(db: Database, holder: Holder) -> tuple[str, int]:
    """The row's responsible ("" for nobody) and its version, as read now."""
    with db.sessions() as session:
        row = _row(session, holder)
        return row.responsible or "", row.version


def assign(
    db: Database,
    holder: Holder,
    username: str | None,
    *,
    expected_version: int | None = None,
    user: str | None = None,
) -> str | None:
    """Name `username` responsible for the row (None or "" for nobody); returns who it is now.

    With `expected_version`, refused when someone saved the row after it was read.
    """
    with UnitOfWork(db, user) as uow:
        row = _row(uow.session, holder)
        if expected_version is not None and row.version != expected_version:
            raise conflict_error(row.updated_by, row.updated_at)
        row.responsible = check_responsible(uow.session, username, keep=row.responsible)
        uow.audit("assign", holder.table, row.id)
        uow.commit()
        return row.responsible
