"""Placement: landlords, dwellings, decisions with their queue needs and offers, contracts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bobudget.model.base import Base, Editable, VocabType, responsible_column
from bobudget.model.persons import Household, Person
from bobudget.model.vocab import (
    ContractBasis,
    ContractKind,
    CostUnit,
    DecisionKind,
    DecisionStatus,
    DwellingStatus,
    LandlordKind,
    OfferAnswer,
    PeriodOutcome,
    PlaceKind,
    TakeoverOutcome,
)


class Landlord(Editable, Base):
    __tablename__ = "landlords"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[LandlordKind] = mapped_column(
        VocabType(LandlordKind, 30), default=LandlordKind.PRIVATE
    )
    cooperation_agreement: Mapped[bool] = mapped_column(Boolean, default=False)
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    # The municipality rents at least three flats from this landlord to sublet them: then its
    # subtenants have security of tenure from the first day (12 kap. 45 § andra stycket JB).
    municipality_rents_three: Mapped[bool] = mapped_column(Boolean, default=False)


class Dwelling(Editable, Base):
    __tablename__ = "dwellings"
    __table_args__ = (
        UniqueConstraint("address", "postal_code", name="uq_dwellings_address"),
        Index("ix_dwellings_status_address", "status", "address"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    landlord_id: Mapped[int | None] = mapped_column(ForeignKey("landlords.id"), index=True)
    address: Mapped[str] = mapped_column(String(200))
    postal_code: Mapped[str] = mapped_column(String(10), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    object_number: Mapped[str] = mapped_column(String(40), default="")
    rooms: Mapped[int | None] = mapped_column(Integer)
    area_m2: Mapped[Decimal | None] = mapped_column(Numeric(7, 1))
    rent_ore: Mapped[int | None] = mapped_column(BigInteger)
    floor: Mapped[int | None] = mapped_column(Integer)
    accessible: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[DwellingStatus] = mapped_column(
        VocabType(DwellingStatus, 20), default=DwellingStatus.AVAILABLE
    )

    landlord: Mapped[Landlord | None] = relationship()


class Decision(Editable, Base):
    """A favourable decision handed to the unit to carry out, with the household's needs."""

    __tablename__ = "decisions"
    __table_args__ = (
        Index("ix_decisions_status_date", "status", "decision_date"),
        # The queue's count and unit filter from the index alone (migration 0019_queue).
        Index("ix_decisions_queue", "status", "kind", "decision_date", "unit"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"), index=True)
    kind: Mapped[DecisionKind] = mapped_column(VocabType(DecisionKind, 30))
    decision_date: Mapped[dt.date]
    decided_by: Mapped[str] = mapped_column(String(200), default="")
    unit: Mapped[str] = mapped_column(String(200), default="")
    reference: Mapped[str] = mapped_column(String(100), default="")  # diarienummer
    status: Mapped[DecisionStatus] = mapped_column(
        VocabType(DecisionStatus, 20), default=DecisionStatus.WAITING
    )
    executed_date: Mapped[dt.date | None]
    ended_date: Mapped[dt.date | None]
    end_reason: Mapped[str] = mapped_column(Text, default="")
    need_adults: Mapped[int] = mapped_column(Integer, default=1)
    need_children: Mapped[int] = mapped_column(Integer, default=0)
    need_rooms: Mapped[int | None] = mapped_column(Integer)
    need_rent_ceiling_ore: Mapped[int | None] = mapped_column(BigInteger)
    need_areas_wished: Mapped[str] = mapped_column(String(300), default="")
    need_areas_avoided: Mapped[str] = mapped_column(String(300), default="")
    need_accessibility: Mapped[bool] = mapped_column(Boolean, default=False)
    # The reason for a delay, asked for by IVO when the decision passes three months.
    delay_reason: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    # The user who carries the decision out (the queue entry's bostadskonsulent); None: nobody.
    responsible: Mapped[str | None] = responsible_column()

    household: Mapped[Household] = relationship()
    offers: Mapped[list[Offer]] = relationship(
        back_populates="decision", order_by="Offer.offered_date"
    )


class Offer(Editable, Base):
    __tablename__ = "offers"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"), index=True)
    dwelling_id: Mapped[int | None] = mapped_column(ForeignKey("dwellings.id"), index=True)
    offered_date: Mapped[dt.date]
    answer: Mapped[OfferAnswer] = mapped_column(
        VocabType(OfferAnswer, 20), default=OfferAnswer.PENDING
    )
    answer_date: Mapped[dt.date | None]
    # The last day to answer, as the offer letter states it.
    reply_by: Mapped[dt.date | None]
    decline_reason: Mapped[str] = mapped_column(Text, default="")

    decision: Mapped[Decision] = relationship(back_populates="offers")
    dwelling: Mapped[Dwelling | None] = relationship()


class TemporaryPlace(Editable, Base):
    """A place for temporary housing: hostel, hotel, temporary flat or shelter."""

    __tablename__ = "temporary_places"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[PlaceKind] = mapped_column(VocabType(PlaceKind, 30), default=PlaceKind.HOSTEL)
    address: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(10), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    cost_ore: Mapped[int | None] = mapped_column(BigInteger)
    cost_unit: Mapped[CostUnit] = mapped_column(VocabType(CostUnit, 10), default=CostUnit.NIGHT)
    rules: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


IMPORTED_CONTRACT_KEY = "uq_contracts_imported_person_kind_start"


class Contract(Editable, Base):
    """A contract of one of the four kinds; temporary housing keeps its periods as rows."""

    __tablename__ = "contracts"
    __table_args__ = (
        Index("ix_contracts_kind_end", "kind", "end_date"),
        Index("ix_contracts_start_date", "start_date"),
        # An imported contract is found again by (person, kind, start date): the database holds
        # that key once, so two imports of one file at the same time cannot both write it.
        # Contracts made in the program may share it (a move on the day of the placement).
        Index(
            IMPORTED_CONTRACT_KEY,
            "person_id",
            "kind",
            "start_date",
            unique=True,
            sqlite_where=text("basis = 'import'"),
            postgresql_where=text("basis = 'import'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ContractKind] = mapped_column(VocabType(ContractKind, 20))
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("households.id"), index=True)
    dwelling_id: Mapped[int | None] = mapped_column(ForeignKey("dwellings.id"), index=True)
    temporary_place_id: Mapped[int | None] = mapped_column(
        ForeignKey("temporary_places.id"), index=True
    )
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"), index=True)
    basis: Mapped[ContractBasis] = mapped_column(
        VocabType(ContractBasis, 20), default=ContractBasis.DECISION
    )
    start_date: Mapped[dt.date]
    end_date: Mapped[dt.date | None]
    end_reason: Mapped[str] = mapped_column(Text, default="")
    monthly_rent_ore: Mapped[int | None] = mapped_column(BigInteger)
    follow_up_interval_months: Mapped[int] = mapped_column(Integer, default=3)
    # The municipality's own first-hand lease (socialt, bostadssocialt).
    municipality_lease_reference: Mapped[str] = mapped_column(String(100), default="")
    # 12:45 a jordabalken: a waiver of security of tenure approved by the rent tribunal.
    tenure_waiver_approved: Mapped[bool] = mapped_column(Boolean, default=False)
    tenure_waiver_date: Mapped[dt.date | None]
    takeover_date: Mapped[dt.date | None]
    # The user who answers for the contract or the temporary placement; None: nobody named.
    responsible: Mapped[str | None] = responsible_column()
    # Bostadssocialt: the takeover review held (due 12 months after the start) and its outcome.
    takeover_reviewed_date: Mapped[dt.date | None]
    takeover_review_note: Mapped[str] = mapped_column(Text, default="")
    # Bostad först: the municipality's rent guarantee to the landlord.
    guarantee_ceiling_ore: Mapped[int | None] = mapped_column(BigInteger)
    guarantee_end_date: Mapped[dt.date | None]
    guarantee_covers_damages: Mapped[bool] = mapped_column(Boolean, default=False)
    # Temporary housing: the place's price when the person was placed (night or month), so a
    # later change of price does not rewrite what a past placement cost. None: the place's.
    placement_cost_ore: Mapped[int | None] = mapped_column(BigInteger)
    placement_cost_unit: Mapped[str] = mapped_column(
        VocabType(CostUnit, 10, blank=True), default=""
    )
    # Temporary housing: what the client pays under the decision (egenavgift), if the decision
    # sets a fee; never the place's price above, which is the committee's cost.
    client_fee_ore: Mapped[int | None] = mapped_column(BigInteger)
    client_fee_unit: Mapped[str] = mapped_column(VocabType(CostUnit, 10, blank=True), default="")
    # The decision that ended the placement (or the contract): when, by whom, its diarienummer.
    end_decision_date: Mapped[dt.date | None]
    end_decided_by: Mapped[str] = mapped_column(String(200), default="")
    end_decision_reference: Mapped[str] = mapped_column(String(100), default="")
    # Bostadssocialt: what the takeover review decided, by whom, its diarienummer.
    takeover_outcome: Mapped[str] = mapped_column(
        VocabType(TakeoverOutcome, 20, blank=True), default=""
    )
    takeover_decided_by: Mapped[str] = mapped_column(String(200), default="")
    takeover_decision_reference: Mapped[str] = mapped_column(String(100), default="")
    # A move to another place ends this placement and starts one that points back here.
    moved_from_id: Mapped[int | None] = mapped_column(ForeignKey("contracts.id"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")

    person: Mapped[Person] = relationship()
    household: Mapped[Household | None] = relationship()
    dwelling: Mapped[Dwelling | None] = relationship()
    temporary_place: Mapped[TemporaryPlace | None] = relationship()
    decision: Mapped[Decision | None] = relationship()
    moved_from: Mapped[Contract | None] = relationship(remote_side="Contract.id")
    periods: Mapped[list[ContractPeriod]] = relationship(
        back_populates="contract", order_by="ContractPeriod.sequence", cascade="all"
    )


class ContractPeriod(Editable, Base):
    """One period of a temporary placement: the first, then one row per renewal."""

    __tablename__ = "contract_periods"
    __table_args__ = (
        UniqueConstraint("contract_id", "sequence"),
        # The open periods by their end: the placement list and the renewal reminders.
        Index("ix_contract_periods_outcome_end", "outcome", "end_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"), index=True)
    sequence: Mapped[int] = mapped_column(Integer, default=1)
    start_date: Mapped[dt.date]
    end_date: Mapped[dt.date] = mapped_column(index=True)
    # The assessment made before renewing (required for a renewal).
    assessment: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[PeriodOutcome] = mapped_column(
        VocabType(PeriodOutcome, 20), default=PeriodOutcome.PENDING
    )
    # The decision that granted this period (a renewal is a decision of its own).
    decision_date: Mapped[dt.date | None]
    decided_by: Mapped[str] = mapped_column(String(200), default="")
    decision_reference: Mapped[str] = mapped_column(String(100), default="")

    contract: Mapped[Contract] = relationship(back_populates="periods")


class HousingPlan(Editable, Base):
    """Boplan: requirements and support around the tenant, printed with the contract."""

    __tablename__ = "housing_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"), unique=True)
    goals: Mapped[str] = mapped_column(Text, default="")
    activities: Mapped[str] = mapped_column(Text, default="")
    responsibilities: Mapped[str] = mapped_column(Text, default="")
    support: Mapped[str] = mapped_column(Text, default="")
    participation: Mapped[str] = mapped_column(Text, default="")
    adopted_date: Mapped[dt.date | None]
    follow_up_plan: Mapped[str] = mapped_column(Text, default="")
