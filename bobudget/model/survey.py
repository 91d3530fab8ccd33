"""What the statistics need that the rest of the program does not record.

The survey's persons entered by hand (usually from other units: in an institution, staying
with friends) and the municipal housing company's yearly number of lettings, which the unit
hears from the company and cannot count itself.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bobudget.model.base import Base, Editable


class SurveyEntry(Editable, Base):
    """A person counted in the homelessness survey's week without being tracked otherwise."""

    __tablename__ = "survey_entries"
    __table_args__ = (
        UniqueConstraint("week_start", "identity", name="uq_survey_entries_week_identity"),
        CheckConstraint("situation BETWEEN 1 AND 4", name="situation_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The Monday of the measurement week (ISO week).
    week_start: Mapped[dt.date] = mapped_column(index=True)
    # Canonical personnummer or samordningsnummer: the survey counts each person once by it.
    identity: Mapped[str] = mapped_column(String(16))
    # The national definition's situation, 1–4.
    situation: Mapped[int] = mapped_column(Integer)
    # Children under 18 living with the person (the survey asks; the program has no household).
    with_children: Mapped[bool] = mapped_column(default=False)
    # Where the information came from (another unit, a shelter).
    source: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class HousingCompanyLettings(Editable, Base):
    """The municipal housing company's total lettings in one year, as the company reports it."""

    __tablename__ = "housing_company_lettings"
    __table_args__ = (CheckConstraint("total >= 0", name="total_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    total: Mapped[int] = mapped_column(Integer)
