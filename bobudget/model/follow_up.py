"""Follow-up: start-up meetings and their checklists, follow-ups, boendestöd, trouble, meetings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bobudget.model.base import Base, Editable, VocabType, responsible_column, utc_now
from bobudget.model.housing import Contract
from bobudget.model.vocab import ChecklistAction, ConsentForm, NoticeSender

STARTUP_MEETING_PER_CONTRACT = "uq_startup_meetings_contract_id"


class StartupMeeting(Editable, Base):
    __tablename__ = "startup_meetings"
    __table_args__ = (
        Index("ix_startup_meetings_closed_due", "closed", "due_date"),
        # One start-up meeting per contract, even when two staff open it at the same moment.
        Index(STARTUP_MEETING_PER_CONTRACT, "contract_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"))
    due_date: Mapped[dt.date] = mapped_column(index=True)
    meeting_date: Mapped[dt.date | None]
    meeting_time: Mapped[str] = mapped_column(String(10), default="")
    place: Mapped[str] = mapped_column(String(200), default="")
    participants: Mapped[str] = mapped_column(Text, default="")
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    # The user who holds it (None = nobody named yet: the whole unit's).
    responsible: Mapped[str | None] = responsible_column()

    contract: Mapped[Contract] = relationship()
    items: Mapped[list[StartupChecklistItem]] = relationship(
        back_populates="meeting", order_by="StartupChecklistItem.position", cascade="all"
    )


class StartupChecklistItem(Editable, Base):
    __tablename__ = "startup_checklist_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("startup_meetings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(String(300))
    done_by: Mapped[str] = mapped_column(String(64), default="")
    done_at: Mapped[dt.datetime | None]
    note: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[StartupMeeting] = relationship(back_populates="items")
    history: Mapped[list[ChecklistItemEvent]] = relationship(
        order_by="ChecklistItemEvent.id", cascade="all", passive_deletes=True
    )


class ChecklistItemEvent(Base):
    """One tick or untick of a checklist item: who, when. Kept, never changed: the item shows
    only its latest state, and this is how it got there."""

    __tablename__ = "startup_checklist_item_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("startup_checklist_items.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[ChecklistAction] = mapped_column(VocabType(ChecklistAction, 10))
    username: Mapped[str] = mapped_column(String(64))
    happened_at: Mapped[dt.datetime] = mapped_column(default=utc_now)


class FollowUp(Editable, Base):
    __tablename__ = "follow_ups"
    # The open ones (held_date NULL) by their due date: Att göra asks exactly this.
    __table_args__ = (Index("ix_follow_ups_held_due", "held_date", "due_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"), index=True)
    due_date: Mapped[dt.date] = mapped_column(index=True)
    held_date: Mapped[dt.date | None]
    participants: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    responsible: Mapped[str | None] = responsible_column()

    contract: Mapped[Contract] = relationship()


class HousingSupport(Editable, Base):
    """Boendestöd: a decision on support in daily living, reviewed on a schedule."""

    __tablename__ = "housing_supports"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"))
    provider: Mapped[str] = mapped_column(String(200), default="")
    hours_per_week: Mapped[Decimal | None] = mapped_column(Numeric(5, 1))
    start_date: Mapped[dt.date]
    end_date: Mapped[dt.date | None]
    review_interval_months: Mapped[int] = mapped_column(Integer, default=6)
    next_review_date: Mapped[dt.date | None] = mapped_column(index=True)
    last_reviewed_date: Mapped[dt.date | None]
    note: Mapped[str] = mapped_column(Text, default="")
    responsible: Mapped[str | None] = responsible_column()


class RentArrear(Editable, Base):
    """Hyresskuld: unpaid rent for one month, reported by the landlord."""

    __tablename__ = "rent_arrears"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    month: Mapped[dt.date]  # the first day of the month the debt concerns
    amount_ore: Mapped[int] = mapped_column(BigInteger)
    registered_date: Mapped[dt.date]
    note: Mapped[str] = mapped_column(Text, default="")


class Disturbance(Editable, Base):
    """Störningsanmälan."""

    __tablename__ = "disturbances"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    reported_date: Mapped[dt.date]
    description: Mapped[str] = mapped_column(Text, default="")


class EvictionNotice(Editable, Base):
    """Underrättelse om risk för avhysning; opens the prevention checklist until closed."""

    __tablename__ = "eviction_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("contracts.id"), index=True)
    received_date: Mapped[dt.date]
    sender: Mapped[NoticeSender] = mapped_column(
        VocabType(NoticeSender, 20), default=NoticeSender.LANDLORD
    )
    case_number: Mapped[str] = mapped_column(String(60), default="")
    contacts_made: Mapped[bool] = mapped_column(Boolean, default=False)
    managed_funds_considered: Mapped[bool] = mapped_column(Boolean, default=False)
    housing_support_considered: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_date: Mapped[dt.date | None] = mapped_column(index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    responsible: Mapped[str | None] = responsible_column()


class MultipartyMeeting(Editable, Base):
    """Flerpartssamtal: the unit, the tenant and the landlord."""

    __tablename__ = "multiparty_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("contracts.id"), index=True)
    due_date: Mapped[dt.date] = mapped_column(index=True)
    meeting_date: Mapped[dt.date | None]
    meeting_time: Mapped[str] = mapped_column(String(10), default="")
    place: Mapped[str] = mapped_column(String(200), default="")
    participants: Mapped[str] = mapped_column(Text, default="")
    agreed: Mapped[str] = mapped_column(Text, default="")
    # What the tenant consented may be told to the landlord; empty means nothing.
    consent_to_share: Mapped[str] = mapped_column(Text, default="")
    consent_recorded_at: Mapped[dt.datetime | None]
    # The participants the tenant agreed may be named to the landlord, one a line.
    consented_participants: Mapped[str] = mapped_column(Text, default="")
    # How the consent was given, from which day, until which day (None: until withdrawn).
    consent_form: Mapped[str] = mapped_column(VocabType(ConsentForm, 10, blank=True), default="")
    consent_given_on: Mapped[dt.date | None]
    consent_valid_until: Mapped[dt.date | None]
    # Withdrawn: the day and how; the landlord is told nothing more from that day.
    consent_withdrawn_on: Mapped[dt.date | None]
    consent_withdrawal_form: Mapped[str] = mapped_column(
        VocabType(ConsentForm, 10, blank=True), default=""
    )
    responsible: Mapped[str | None] = responsible_column()


class ChecklistTemplate(Editable, Base):
    """A checklist the administrator edits: its items, one per line, in the order gone through.

    Absent until first saved; until then the default in resources/checklists/ applies.
    """

    __tablename__ = "checklist_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    # startup_meeting (the uppstartsmöte's checklist)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    items: Mapped[str] = mapped_column(Text, default="")
