"""Decisions handed over to the unit: registering one with the household's needs, changing or
ending it. The offers made while it waits are in placement/offers.py (named here too).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import partial

from sqlalchemy import select
from sqlalchemy.orm import Session

from bobudget.db.engine import Database
from bobudget.db.responsible import responsible_for_change, responsible_for_new
from bobudget.db.uow import UnitOfWork
from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.kernel.identity import display_canonical
from bobudget.kernel.problems import Problems
from bobudget.kernel.text_check import check_text
from bobudget.model import Decision, Household, HouseholdMember, Person
from bobudget.model.lengths import field_label
from bobudget.model.vocab import DecisionKind, DecisionStatus, HouseholdRole, OfferAnswer
from bobudget.persons.households import member_names, members_on, size_of_household
from bobudget.persons.rules import household_size
from bobudget.placement.common import (
    applicant_id,
    fetch_for_edit,
    household_of,
    needs_text,
    require_not_future,
    require_text,
)
from bobudget.placement.offers import (
    DECISION_GONE,
    OfferRow,
    answer_offer,
    offer_row,
    record_offer,
    release_dwelling,
)
from bobudget.placement.rules import new_offer_refusal

__all__ = [
    "DecisionDetail",
    "DecisionInput",
    "DecisionLine",
    "OfferRow",
    "answer_offer",
    "end_decision",
    "get_decision",
    "household_summary",
    "record_offer",
    "register_decision",
    "update_decision",
    "waiting_decisions",
]


@dataclass
class DecisionInput:
    """A favourable decision as the form or a test gives it; the person's household gets it."""

    person_id: int
    kind: DecisionKind
    decision_date: dt.date
    decided_by: str
    reference: str
    unit: str = ""
    # The household's size comes from its members (persons/rules.py household_size) whenever the
    # decision is saved or a member changes; what is given here is not used on save.
    need_adults: int = 1
    need_children: int = 0
    need_rooms: int | None = None
    need_rent_ceiling_ore: int | None = None
    need_areas_wished: str = ""
    need_areas_avoided: str = ""
    need_accessibility: bool = False
    delay_reason: str = ""
    note: str = ""
    # The user who carries the decision out (a username, "" for nobody); None: not said, so
    # a new decision is its registrar's and a changed one keeps its responsible.
    responsible: str | None = None


@dataclass(frozen=True)
class DecisionDetail:
    id: int
    version: int
    kind: DecisionKind
    kind_label: str
    status: DecisionStatus
    status_label: str
    person_id: int
    personnummer: str
    name: str
    protected: bool
    data: DecisionInput
    executed_date: dt.date | None
    ended_date: dt.date | None
    end_reason: str
    offers: list[OfferRow] = field(default_factory=list)
    # Why "Erbjud bostad…" cannot be used now (rules.new_offer_refusal); "" when it can.
    offer_refusal: str = ""

    @property
    def needs(self) -> str:
        d = self.data
        return needs_text(
            d.need_adults,
            d.need_children,
            d.need_rooms,
            d.need_rent_ceiling_ore,
            d.need_accessibility,
        )


@dataclass(frozen=True)
class DecisionLine:
    """A waiting decision to pick when placing or signing: "2026-10-01 SN 2026/00412"."""

    id: int
    kind: DecisionKind
    decision_date: dt.date
    reference: str
    label: str


# The one-line texts of a decision; the others (areas, delay reason, note) may hold line breaks.
_ONE_LINE = ("decided_by", "reference", "unit")
_MULTILINE = ("need_areas_wished", "need_areas_avoided", "delay_reason", "note")


def _validated(data: DecisionInput, today: dt.date) -> DecisionInput:
    """Every field checked before refusing: all problems at once, each named by its label."""
    if data.kind not in DecisionKind.labels():
        raise ValidationError(f"Okänd beslutstyp '{data.kind}'. Välj en av beslutstyperna.")
    problems = Problems()
    # Before anything is looked up by these texts: PostgreSQL refuses a NUL even in a query.
    for name in (*_ONE_LINE, *_MULTILINE):
        label = field_label("decisions", name)
        problems.check(
            label, partial(check_text, getattr(data, name), label, multiline=name in _MULTILINE)
        )
    problems.check(
        "Beslutsdatum", lambda: require_not_future(data.decision_date, today, "Beslutsdatum")
    )
    decided_by = problems.check(
        "Beslutsfattare",
        lambda: require_text(data.decided_by, "Fyll i vem som fattade beslutet."),
    )
    reference = problems.check(
        "Diarienummer",
        lambda: require_text(
            data.reference, "Fyll i beslutets diarienummer (referensen i journalsystemet)."
        ),
    )
    if data.need_rooms is not None and data.need_rooms < 1:
        problems.add("Antal rum", "Antal rum måste vara minst 1, eller lämnas tomt.")
    if data.need_rent_ceiling_ore is not None and data.need_rent_ceiling_ore <= 0:
        problems.add("Hyrestak", "Hyrestaket måste vara ett belopp över noll, eller lämnas tomt.")
    problems.raise_any()
    data.decided_by, data.reference = str(decided_by), str(reference)
    for name in ("unit", "need_areas_wished", "need_areas_avoided", "delay_reason", "note"):
        setattr(data, name, getattr(data, name).strip())
    return data


def _sized(session: Session, household_id: int, data: DecisionInput, today: dt.date) -> None:
    """The decision's "1 vuxen, 2 barn": the members living in the household today."""
    size = size_of_household(session, household_id, today)
    if size.adults < 1:
        raise ValidationError(
            "Hushållet har ingen vuxen medlem. Registrera en vuxen i hushållet på personkortet "
            "(Hushåll → Lägg till medlem) och spara beslutet igen."
        )
    data.need_adults = size.adults
    data.need_children = size.children


def household_summary(db: Database, person_id: int, today: dt.date) -> str:
    """The person's household as a decision shows it: "1 vuxen, 2 barn: Karin Öberg, …"."""
    with db.sessions() as s:
        household_id = household_of(s, person_id)
        if household_id is None:
            return ""
        members = [m for m in members_on(s, household_id, today) if m.current]
        size = household_size((m.facts for m in members), today)
        return f"{size.text}: {member_names(members)}"


def _apply(decision: Decision, data: DecisionInput) -> None:
    decision.kind = DecisionKind(data.kind)
    decision.decision_date = data.decision_date
    decision.decided_by = data.decided_by
    decision.unit = data.unit
    decision.reference = data.reference
    decision.need_adults = data.need_adults
    decision.need_children = data.need_children
    decision.need_rooms = data.need_rooms
    decision.need_rent_ceiling_ore = data.need_rent_ceiling_ore
    decision.need_areas_wished = data.need_areas_wished
    decision.need_areas_avoided = data.need_areas_avoided
    decision.need_accessibility = data.need_accessibility
    decision.delay_reason = data.delay_reason
    decision.note = data.note


def register_decision(
    db: Database, data: DecisionInput, user: str | None = None, today: dt.date | None = None
) -> int:
    """Register a favourable decision for the person's household; returns its id.

    Refused when the reference is already registered, or when the household already has a
    decision of the same kind waiting: it would stand twice in the queue.
    """
    today = today or dt.date.today()
    data = _validated(data, today)
    with UnitOfWork(db, user) as uow:
        s = uow.session
        person = s.get(Person, data.person_id)
        if person is None:
            raise NotFoundError("Personen finns inte längre i databasen.")
        household_id = household_of(s, person.id)
        if household_id is None:
            household = Household(name=f"Hushåll {person.last_name}")
            household.members.append(HouseholdMember(person=person, role=HouseholdRole.APPLICANT))
            s.add(household)
            s.flush()
            household_id = household.id
        _sized(s, household_id, data, today)
        taken = s.scalar(select(Decision.decision_date).where(Decision.reference == data.reference))
        if taken is not None:
            raise ValidationError(
                f"Ett beslut med diarienummer {data.reference} finns redan (beslutat "
                f"{taken.isoformat()}). Kontrollera diarienumret."
            )
        waiting = s.scalar(
            select(Decision.reference).where(
                Decision.household_id == household_id,
                Decision.kind == data.kind,
                Decision.status == DecisionStatus.WAITING,
            )
        )
        if waiting is not None:
            raise ValidationError(
                f"Hushållet har redan ett beslut om {DecisionKind(data.kind).label.lower()} "
                f"som väntar på verkställighet ({waiting}). Ändra det beslutet i stället."
            )
        decision = Decision(household_id=household_id, status=DecisionStatus.WAITING)
        _apply(decision, data)
        decision.responsible = responsible_for_new(s, data.responsible, uow.user)
        s.add(decision)
        s.flush()
        uow.audit("create", "decision", decision.id)
        uow.commit()
        return decision.id


def update_decision(
    db: Database,
    decision_id: int,
    expected_version: int,
    data: DecisionInput,
    user: str | None = None,
    today: dt.date | None = None,
) -> int:
    """Change a decision's facts and needs (read at `expected_version`); returns the new version.

    The household and the kind stay as they are: a decision for someone else is a new decision.
    """
    today = today or dt.date.today()
    data = _validated(data, today)
    with UnitOfWork(db, user) as uow:
        decision = fetch_for_edit(
            uow.session, Decision, decision_id, expected_version, DECISION_GONE
        )
        data.kind = decision.kind
        if decision.status == DecisionStatus.WAITING:
            _sized(uow.session, decision.household_id, data, today)
        else:  # a decision carried out or ended keeps the size it had then
            data.need_adults, data.need_children = decision.need_adults, decision.need_children
        if data.reference != decision.reference:
            taken = uow.session.scalar(
                select(Decision.id).where(
                    Decision.reference == data.reference, Decision.id != decision.id
                )
            )
            if taken is not None:
                raise ValidationError(f"Ett annat beslut har redan diarienummer {data.reference}.")
        _apply(decision, data)
        decision.responsible = responsible_for_change(
            uow.session, data.responsible, decision.responsible
        )
        uow.audit("update", "decision", decision.id)
        uow.commit()
        return decision.version


def end_decision(
    db: Database,
    decision_id: int,
    expected_version: int,
    ended_date: dt.date,
    reason: str,
    user: str | None = None,
) -> None:
    """Close a waiting decision that will not be carried out (withdrawn, moved away …).

    It leaves the queue; the quarterly report to IVO says why it ended.
    """
    reason = require_text(reason, "Skriv varför beslutet avslutas utan att verkställas.")
    with UnitOfWork(db, user) as uow:
        decision = fetch_for_edit(
            uow.session, Decision, decision_id, expected_version, DECISION_GONE
        )
        if decision.status != DecisionStatus.WAITING:
            raise ValidationError(
                f"Beslutet är redan {DecisionStatus(decision.status).label.lower()} och kan "
                "inte avslutas igen."
            )
        if ended_date < decision.decision_date:
            raise ValidationError(
                f"Slutdatum {ended_date.isoformat()} ligger före beslutsdatum "
                f"{decision.decision_date.isoformat()}. Ändra datumet."
            )
        decision.status = DecisionStatus.ENDED
        decision.ended_date = ended_date
        decision.end_reason = reason
        for offer in decision.offers:
            if offer.answer == OfferAnswer.PENDING:
                release_dwelling(offer.dwelling)
        uow.audit("end", "decision", decision.id)
        uow.commit()


def get_decision(db: Database, decision_id: int) -> DecisionDetail:
    with db.sessions() as s:
        decision = s.get(Decision, decision_id)
        if decision is None:
            raise NotFoundError(DECISION_GONE)
        person = s.get(Person, s.scalar(select(applicant_id(decision.household_id))))
        if person is None:
            raise NotFoundError("Beslutets hushåll har ingen medlem.")
        data = DecisionInput(
            person_id=person.id,
            kind=decision.kind,
            decision_date=decision.decision_date,
            decided_by=decision.decided_by,
            reference=decision.reference,
            unit=decision.unit,
            need_adults=decision.need_adults,
            need_children=decision.need_children,
            need_rooms=decision.need_rooms,
            need_rent_ceiling_ore=decision.need_rent_ceiling_ore,
            need_areas_wished=decision.need_areas_wished,
            need_areas_avoided=decision.need_areas_avoided,
            need_accessibility=decision.need_accessibility,
            delay_reason=decision.delay_reason,
            note=decision.note,
            responsible=decision.responsible or "",
        )
        offers = [offer_row(o, person.protected_identity) for o in decision.offers]
        return DecisionDetail(
            id=decision.id,
            version=decision.version,
            kind=decision.kind,
            kind_label=DecisionKind(decision.kind).label,
            status=decision.status,
            status_label=DecisionStatus(decision.status).label,
            person_id=person.id,
            personnummer=display_canonical(person.identity),
            name=person.full_name,
            protected=person.protected_identity,
            data=data,
            executed_date=decision.executed_date,
            ended_date=decision.ended_date,
            end_reason=decision.end_reason,
            offers=offers,
            offer_refusal=new_offer_refusal(
                decision.kind, decision.status, [o.answer for o in offers]
            )
            or "",
        )


def waiting_decisions(
    db: Database, person_id: int, kinds: tuple[DecisionKind, ...]
) -> list[DecisionLine]:
    """The person's household's decisions of `kinds` still waiting to be carried out."""
    with db.sessions() as s:
        household_ids = select(HouseholdMember.household_id).where(
            HouseholdMember.person_id == person_id
        )
        rows = s.scalars(
            select(Decision)
            .where(
                Decision.household_id.in_(household_ids),
                Decision.kind.in_(kinds),
                Decision.status == DecisionStatus.WAITING,
            )
            .order_by(Decision.decision_date, Decision.id)
        ).all()
        return [
            DecisionLine(
                d.id,
                d.kind,
                d.decision_date,
                d.reference,
                f"{DecisionKind(d.kind).label}, beslutat "
                f"{d.decision_date.isoformat()} ({d.reference or 'utan dnr'})",
            )
            for d in rows
        ]
