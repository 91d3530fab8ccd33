"""What the quarterly report to IVO keeps: the reason for delay per decision and quarter, and
every report once made (what was reported, when, by whom), so the next quarter knows it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bobudget.model.base import Base, Editable, utc_now

# The longest reason for delay a user may write: a few paragraphs, as IVO's form takes them.
DELAY_REASON_MAX = 2000


class IvoDelayReason(Editable, Base):
    """The reason a decision was not carried out, as written for one quarter's report."""

    __tablename__ = "ivo_delay_reasons"
    __table_args__ = (UniqueConstraint("decision_id", "quarter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"), index=True)
    quarter: Mapped[str] = mapped_column(String(6))  # "2026Q3"
    reason: Mapped[str] = mapped_column(String(DELAY_REASON_MAX), default="")


class IvoSubmission(Base):
    """One report to IVO as it was made: never changed afterwards (a new export adds a row)."""

    __tablename__ = "ivo_submissions"
    __table_args__ = (Index("ix_ivo_submissions_first_day", "first_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    quarter: Mapped[str] = mapped_column(String(6))
    first_day: Mapped[dt.date]
    last_day: Mapped[dt.date]
    made_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    made_by: Mapped[str] = mapped_column(String(64))
    # JSON: one entry per decision reported, with its status and dates (ids, no identities).
    content: Mapped[str] = mapped_column(Text)
