"""What the statistics are told by hand: the survey's persons from other units, and the
municipal housing company's yearly total of lettings.

Services in the house style: one unit of work each, audited by id, a Swedish message for
every mistake a user can make, nothing kept when refused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bobudget.db.changes import ChangeSet
from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork
from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.kernel.identity import display_canonical, parse_identity
from bobudget.model import HousingCompanyLettings, SurveyEntry

SITUATIONS = {
    1: "Akut hemlöshet",
    2: "Institutionsvistelse eller stödboende",
    3: "Långsiktiga boendelösningar",
    4: "Eget kortsiktigt ordnat boende",
}
MAX_SOURCE = 200


@dataclass(frozen=True)
class SurveyEntryRow:
    id: int
    week_start: dt.date
    identity: str  # shown form
    situation: int
    with_children: bool
    source: str
    note: str


def week_start_of(day: dt.date) -> dt.date:
    """The Monday of the ISO week `day` falls in: the survey's week is stored by it."""
    return day - dt.timedelta(days=day.weekday())


def add_survey_entry(
    db: Database,
    week_start: dt.date,
    identity: str,
    situation: int,
    *,
    with_children: bool = False,
    source: str = "",
    note: str = "",
    today: dt.date,
    user: str | None = None,
) -> tuple[int, ChangeSet]:
    """Count a person in the survey's week by hand (situations 2 and 4 come this way)."""
    number = parse_identity(identity, today)
    if number.is_reserve:
        raise ValidationError(
            "Kartläggningen räknar personer efter personnummer eller samordningsnummer: "
            "ange ett sådant, inte ett reservnummer."
        )
    if situation not in SITUATIONS:
        raise ValidationError(f"Situationen måste vara 1, 2, 3 eller 4, inte {situation}.")
    if len(source.strip()) > MAX_SOURCE:
        raise ValidationError(f"Källan får vara högst {MAX_SOURCE} tecken. Korta texten.")
    week = week_start_of(week_start)
    with UnitOfWork(db, user) as uow:
        entry = SurveyEntry(
            week_start=week,
            identity=number.canonical,
            situation=situation,
            with_children=with_children,
            source=source.strip(),
            note=note.strip(),
        )
        uow.session.add(entry)
        try:
            uow.session.flush()
        except IntegrityError:
            raise ValidationError(
                f"{number.display} är redan inlagd för veckan som börjar {week.isoformat()}. "
                "Ta bort den raden först om uppgiften ska ändras."
            ) from None
        uow.audit("create", "survey_entry", entry.id)
        uow.commit()
        return entry.id, uow.changes


def remove_survey_entry(db: Database, entry_id: int, user: str | None = None) -> ChangeSet:
    with UnitOfWork(db, user) as uow:
        entry = uow.session.get(SurveyEntry, entry_id)
        if entry is None:
            raise NotFoundError(
                f"Det finns ingen inlagd person med nummer {entry_id} i kartläggningen. "
                "Se listan med bobudget survey list."
            )
        uow.session.delete(entry)
        uow.audit("delete", "survey_entry", entry_id)
        uow.commit()
        return uow.changes


def list_survey_entries(db: Database, week_start: dt.date) -> list[SurveyEntryRow]:
    with db.sessions() as session:
        entries = session.scalars(
            select(SurveyEntry)
            .where(SurveyEntry.week_start == week_start_of(week_start))
            .order_by(SurveyEntry.situation, SurveyEntry.id)
        ).all()
        return [
            SurveyEntryRow(
                e.id,
                e.week_start,
                display_canonical(e.identity),
                e.situation,
                e.with_children,
                e.source,
                e.note,
            )
            for e in entries
        ]


def set_lettings(db: Database, year: int, total: int, user: str | None = None) -> ChangeSet:
    """The housing company's total lettings in `year`, as the company reported it."""
    if not 1900 <= year <= 2200:
        raise ValidationError(f"Året {year} är inte rimligt. Ange ett år som 2026.")
    if total < 0:
        raise ValidationError("Antalet uthyrningar kan inte vara negativt.")
    with UnitOfWork(db, user) as uow:
        row = uow.session.scalar(
            select(HousingCompanyLettings).where(HousingCompanyLettings.year == year)
        )
        if row is None:
            row = HousingCompanyLettings(year=year, total=total)
            uow.session.add(row)
        else:
            row.total = total
        uow.session.flush()
        uow.audit("update", "housing_company_lettings", row.id, f"år {year}")
        uow.commit()
        return uow.changes


def lettings_of(db: Database) -> dict[int, int]:
    with db.sessions() as session:
        return dict(
            session.execute(
                select(HousingCompanyLettings.year, HousingCompanyLettings.total).order_by(
                    HousingCompanyLettings.year
                )
            ).all()
        )
