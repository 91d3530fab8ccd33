"""The unit's settings and letter templates, shared by every PC that opens the database.

A setting is a key and a text value (`letterhead.municipality`, `temporary.period_months`);
its current value is one row, and every change is kept as a row of its own (who, when, old and
new). A template override is the template's text itself, one row per version; the active one
prints, an older one can be made active again.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bobudget.model.base import Base, VocabType, utc_now
from bobudget.model.vocab import SettingSource


class UnitSetting(Base):
    """The current value of one of the unit's settings."""

    __tablename__ = "unit_settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
    changed_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    changed_by: Mapped[str] = mapped_column(String(64), default="")


class UnitSettingChange(Base):
    """One change of a setting: kept, never changed."""

    __tablename__ = "unit_setting_changes"
    __table_args__ = (Index("ix_unit_setting_changes_key", "key", "changed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60))
    old_value: Mapped[str] = mapped_column(Text, default="")
    new_value: Mapped[str] = mapped_column(Text, default="")
    changed_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    changed_by: Mapped[str] = mapped_column(String(64), default="")
    source: Mapped[SettingSource] = mapped_column(
        VocabType(SettingSource, 20), default=SettingSource.EDITED
    )


class LetterTemplate(Base):
    """One version of the unit's own text for a letter template (or a shared part)."""

    __tablename__ = "letter_templates"
    __table_args__ = (UniqueConstraint("name", "version", name="uq_letter_templates_name_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The letter kind's id, or a shared part's name (delar/overklagande).
    name: Mapped[str] = mapped_column(String(60), index=True)
    version: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    created_by: Mapped[str] = mapped_column(String(64), default="")
    source: Mapped[SettingSource] = mapped_column(
        VocabType(SettingSource, 20), default=SettingSource.EDITED
    )
