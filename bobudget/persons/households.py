"""Who lives in a household: add a member (a person already registered, or a new child with a
birth date), end a membership with a date, mark the applicant.

Each change also saves the household row, so the household's version guards two workers
editing its members at once, and the change reaches every member's card. A household's
waiting decisions take their size ("1 vuxen, 2 barn") from the members after each change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from bobudget.db.access import record_access
from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork, conflict_error
from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.kernel.identity import display_canonical, make_reserve_number, parse_identity
from bobudget.kernel.text_check import check_text
from bobudget.model import Contract, Decision, Household, HouseholdMember, Person
from bobudget.model.vocab import AccessKind, DecisionStatus, HouseholdRole, IdentityKind
from bobudget.persons.registry import refresh_search_text
from bobudget.persons.rules import (
    ADULT_AGE,
    HouseholdSize,
    MemberFacts,
    age_on,
    birth_date_of,
    household_size,
    is_child,
    lives_there,
)

__all__ = [
    "HOUSEHOLD_GONE",
    "HouseholdView",
    "MemberView",
    "NewChild",
    "add_child",
    "add_member",
    "end_membership",
    "get_household",
    "household_id_of",
    "make_applicant",
    "member_names",
    "members_on",
    "size_of_household",
]

HOUSEHOLD_GONE = "Hushållet finns inte längre i databasen. Läs in personen igen."
MEMBER_GONE = "Medlemskapet finns inte längre i databasen. Läs in personen igen."


@dataclass(frozen=True)
class MemberView:
    id: int
    version: int
    person_id: int
    identity: str  # as shown: 19850312-1234, or R000012 for a reserve number
    name: str
    role: HouseholdRole
    role_label: str
    birth_date: dt.date | None
    from_date: dt.date | None
    to_date: dt.date | None
    current: bool  # lives in the household on the day asked about
    child: bool  # under 18 on that day (or, without a birth date, a child by role)
    protected: bool

    @property
    def facts(self) -> MemberFacts:
        return MemberFacts(self.role, self.birth_date, self.from_date, self.to_date)


@dataclass(frozen=True)
class HouseholdView:
    id: int
    version: int
    name: str
    day: dt.date
    members: list[MemberView]  # the applicant first, then as added; former members last

    @property
    def size(self) -> HouseholdSize:
        return household_size((m.facts for m in self.members), self.day)

    @property
    def current(self) -> list[MemberView]:
        return [m for m in self.members if m.current]


def household_id_of(session: Session, person_id: int) -> int | None:
    """The person's household: one they still live in (no end date) before one they left;
    among those where they are the applicant; else the first they joined."""
    rows = session.execute(
        select(HouseholdMember.household_id, HouseholdMember.role, HouseholdMember.to_date)
        .where(HouseholdMember.person_id == person_id)
        .order_by(HouseholdMember.id)
    ).all()
    if not rows:
        return None
    best = min(rows, key=lambda r: (r.to_date is not None, r.role != HouseholdRole.APPLICANT))
    return int(best.household_id)


def _leave_own_household(session: Session, person_id: int, joined: int, from_date: dt.date) -> None:
    """A person registered alone (every new person gets a household of their own) who moves
    into another household leaves the empty one, unless a decision or contract stands on it."""
    for own in session.scalars(
        select(HouseholdMember).where(
            HouseholdMember.person_id == person_id,
            HouseholdMember.household_id != joined,
            HouseholdMember.to_date.is_(None),
        )
    ):
        others = session.scalar(
            select(HouseholdMember.id).where(
                HouseholdMember.household_id == own.household_id,
                HouseholdMember.person_id != person_id,
                HouseholdMember.to_date.is_(None),
            )
        )
        used = session.scalar(
            select(Decision.id).where(Decision.household_id == own.household_id)
        ) or session.scalar(select(Contract.id).where(Contract.household_id == own.household_id))
        if others is None and used is None:
            own.to_date = from_date - dt.timedelta(days=1)


def _rows(session: Session, household_id: int) -> list[tuple[HouseholdMember, Person]]:
    return [
        (m, p)
        for m, p in session.execute(
            select(HouseholdMember, Person)
            .join(Person, Person.id == HouseholdMember.person_id)
            .where(HouseholdMember.household_id == household_id)
            .order_by(HouseholdMember.id)
        ).all()
    ]


def _view(m: HouseholdMember, p: Person, day: dt.date) -> MemberView:
    birth = birth_date_of(p.identity, p.birth_date)
    role = HouseholdRole(m.role)
    return MemberView(
        id=m.id,
        version=m.version,
        person_id=p.id,
        identity=display_canonical(p.identity),
        name=p.full_name,
        role=role,
        role_label=role.label,
        birth_date=birth,
        from_date=m.from_date,
        to_date=m.to_date,
        current=lives_there(m.from_date, m.to_date, day),
        child=is_child(role, birth, day),
        protected=p.protected_identity,
    )


def members_on(session: Session, household_id: int, day: dt.date) -> list[MemberView]:
    """Every member, the applicant first, then in the order they were added; former last."""
    views = [_view(m, p, day) for m, p in _rows(session, household_id)]
    return sorted(views, key=lambda v: (not v.current, v.role != HouseholdRole.APPLICANT, v.id))


def size_of_household(session: Session, household_id: int, day: dt.date) -> HouseholdSize:
    return household_size((v.facts for v in members_on(session, household_id, day)), day)


def get_household(db: Database, person_id: int, today: dt.date | None = None) -> HouseholdView:
    """The person's household and its members as they are on `today`."""
    day = today or dt.date.today()
    with db.sessions() as s:
        household_id = household_id_of(s, person_id)
        if household_id is None:
            raise NotFoundError("Personen hör inte till något hushåll.")
        household = s.get(Household, household_id)
        assert household is not None
        members = members_on(s, household.id, day)
        view = HouseholdView(household.id, household.version, household.name, day, members)
    record_access(
        db, AccessKind.LIST_SHOWN, [m.person_id for m in members], f"hushåll {household_id}"
    )
    return view


def _household_for_edit(session: Session, household_id: int, expected_version: int) -> Household:
    household = session.get(Household, household_id)
    if household is None:
        raise NotFoundError(HOUSEHOLD_GONE)
    if household.version != expected_version:
        raise conflict_error(household.updated_by, household.updated_at)
    return household


def _member_for_edit(
    session: Session, member_id: int, expected_version: int
) -> tuple[HouseholdMember, Household]:
    member = session.get(HouseholdMember, member_id)
    if member is None:
        raise NotFoundError(MEMBER_GONE)
    if member.version != expected_version:
        raise conflict_error(member.updated_by, member.updated_at)
    return member, member.household


def _saved(session: Session, household: Household, day: dt.date) -> None:
    """The household row changes with its members (its version, every member's card), and its
    waiting decisions take the members' size."""
    flag_modified(household, "name")
    session.flush()
    size = size_of_household(session, household.id, day)
    for decision in session.scalars(
        select(Decision).where(
            Decision.household_id == household.id, Decision.status == DecisionStatus.WAITING
        )
    ):
        decision.need_adults = size.adults
        decision.need_children = size.children


def _check_role(role: HouseholdRole | str) -> HouseholdRole:
    if role not in HouseholdRole.labels():
        raise ValidationError(
            f"Okänd roll '{role}'. Välj en av: "
            + ", ".join(r.label.lower() for r in HouseholdRole)
            + "."
        )
    return HouseholdRole(role)


def _check_no_applicant(session: Session, household_id: int, day: dt.date) -> None:
    for v in members_on(session, household_id, day):
        if v.current and v.role == HouseholdRole.APPLICANT:
            raise ValidationError(
                f"Hushållet har redan en sökande ({v.name}). Lägg till personen med en annan "
                "roll och välj sedan 'Gör till sökande'."
            )


def add_member(
    db: Database,
    household_id: int,
    expected_version: int,
    person_id: int,
    role: HouseholdRole | str,
    from_date: dt.date,
    user: str | None = None,
    today: dt.date | None = None,
) -> int:
    """A registered person moves into the household from `from_date`; the membership's id.

    A former member comes back on the same row (the household holds a person once).
    """
    role = _check_role(role)
    with UnitOfWork(db, user) as uow:
        s = uow.session
        household = _household_for_edit(s, household_id, expected_version)
        person = s.get(Person, person_id)
        if person is None:
            raise NotFoundError("Personen finns inte längre i databasen.")
        if role == HouseholdRole.APPLICANT:
            _check_no_applicant(s, household.id, from_date)
        birth = birth_date_of(person.identity, person.birth_date)
        if birth is not None and from_date < birth:
            raise ValidationError(
                f"{person.full_name} är född {birth.isoformat()}: ange en dag från och med "
                "födelsedagen."
            )
        member = s.scalar(
            select(HouseholdMember).where(
                HouseholdMember.household_id == household.id,
                HouseholdMember.person_id == person.id,
            )
        )
        if member is not None and (member.to_date is None or member.to_date >= from_date):
            raise ValidationError(
                f"{person.full_name} bor redan i hushållet"
                + (f" (till {member.to_date.isoformat()})" if member.to_date else "")
                + ". Välj någon annan, eller en dag efter att medlemskapet slutade."
            )
        if member is None:
            member = HouseholdMember(household_id=household.id, person_id=person.id)
            s.add(member)
        member.role = role
        member.from_date = from_date
        member.to_date = None
        _leave_own_household(s, person.id, household.id, from_date)
        _saved(s, household, today or dt.date.today())
        uow.audit("add_member", "household", household.id, f"person {person.id}")
        uow.commit()
        return member.id


@dataclass
class NewChild:
    first_name: str
    last_name: str
    birth_date: dt.date | None
    identity: str = ""  # the personnummer if the child has one; empty: a reserve number is made
    from_date: dt.date | None = None  # empty: today


def _next_reserve(session: Session) -> str:
    numbers = session.scalars(
        select(Person.identity).where(Person.identity_kind == IdentityKind.RESERVE)
    ).all()
    highest = max((int(n[1:]) for n in numbers if n[1:].isdigit()), default=0)
    return make_reserve_number(highest + 1).canonical


def _child_identity(
    session: Session, data: NewChild, today: dt.date
) -> tuple[str, IdentityKind, dt.date]:
    """The child's number and birth date: from the personnummer, or typed with a reserve number."""
    if data.identity.strip():
        number = parse_identity(data.identity, today)
        if number.birth_date is None:
            raise ValidationError(
                "Ett reservnummer görs av programmet: lämna personnummer tomt och ange "
                "födelsedatum."
            )
        if data.birth_date is not None and data.birth_date != number.birth_date:
            raise ValidationError(
                f"Födelsedatumet {data.birth_date.isoformat()} stämmer inte med personnumret "
                f"{number.display} ({number.birth_date.isoformat()}). Rätta ett av dem."
            )
        if session.scalar(select(Person.id).where(Person.identity == number.canonical)):
            raise ValidationError(
                f"Det finns redan en person med nummer {number.display}. Lägg till den "
                "personen som medlem i stället."
            )
        return number.canonical, number.kind, number.birth_date
    if data.birth_date is None:
        raise ValidationError("Ange barnets födelsedatum (eller personnummer).")
    return _next_reserve(session), IdentityKind.RESERVE, data.birth_date


def add_child(
    db: Database,
    household_id: int,
    expected_version: int,
    data: NewChild,
    user: str | None = None,
    today: dt.date | None = None,
) -> int:
    """Register a child not yet in the register and make them a member; the new person's id."""
    today = today or dt.date.today()
    first, last = data.first_name.strip(), data.last_name.strip()
    check_text(first, "Förnamn")
    check_text(last, "Efternamn")
    if not first or not last:
        raise ValidationError("Fyll i barnets förnamn och efternamn.")
    with UnitOfWork(db, user) as uow:
        s = uow.session
        household = _household_for_edit(s, household_id, expected_version)
        identity, kind, birth = _child_identity(s, data, today)
        if birth > today:
            raise ValidationError(
                f"Födelsedatumet {birth.isoformat()} ligger i framtiden. Registrera barnet när "
                "det är fött."
            )
        if age_on(birth, today) >= ADULT_AGE:
            raise ValidationError(
                f"Den som är född {birth.isoformat()} är {age_on(birth, today)} år, inte ett "
                "barn. Registrera personen under Personer och lägg till hen som medlem."
            )
        start = data.from_date or today
        if start < birth:
            raise ValidationError(
                f"Barnet kan inte bo i hushållet före födelsedagen {birth.isoformat()}."
            )
        person = Person(
            identity=identity,
            identity_kind=kind,
            first_name=first,
            last_name=last,
            birth_date=birth if kind == IdentityKind.RESERVE else None,
        )
        refresh_search_text(person)
        s.add(person)
        s.flush()
        s.add(
            HouseholdMember(
                household_id=household.id,
                person_id=person.id,
                role=HouseholdRole.CHILD,
                from_date=start,
            )
        )
        _saved(s, household, today)
        uow.audit("create", "person", person.id)
        uow.audit("add_member", "household", household.id, f"person {person.id}")
        uow.commit()
        return person.id


def end_membership(
    db: Database,
    member_id: int,
    expected_version: int,
    to_date: dt.date,
    user: str | None = None,
    today: dt.date | None = None,
) -> None:
    """The member moves out: the last day they live in the household is `to_date`."""
    with UnitOfWork(db, user) as uow:
        s = uow.session
        member, household = _member_for_edit(s, member_id, expected_version)
        person = member.person
        if member.to_date is not None:
            raise ValidationError(
                f"{person.full_name} flyttade redan ut {member.to_date.isoformat()}."
            )
        if member.from_date is not None and to_date < member.from_date:
            raise ValidationError(
                f"Slutdatumet {to_date.isoformat()} ligger före inflyttningen "
                f"{member.from_date.isoformat()}. Ange en dag från och med den."
            )
        if member.role == HouseholdRole.APPLICANT:
            raise ValidationError(
                f"{person.full_name} är hushållets sökande. Gör först en annan medlem till "
                "sökande, avsluta sedan medlemskapet."
            )
        member.to_date = to_date
        _saved(s, household, today or dt.date.today())
        uow.audit("end_member", "household", household.id, f"person {person.id}")
        uow.commit()


def make_applicant(
    db: Database,
    member_id: int,
    expected_version: int,
    user: str | None = None,
    today: dt.date | None = None,
) -> None:
    """The member becomes the household's applicant; the applicant before becomes co-applicant."""
    day = today or dt.date.today()
    with UnitOfWork(db, user) as uow:
        s = uow.session
        member, household = _member_for_edit(s, member_id, expected_version)
        person = member.person
        if not lives_there(member.from_date, member.to_date, day):
            raise ValidationError(
                f"{person.full_name} bor inte i hushållet nu och kan inte vara sökande."
            )
        if member.role == HouseholdRole.APPLICANT:
            raise ValidationError(f"{person.full_name} är redan hushållets sökande.")
        birth = birth_date_of(person.identity, person.birth_date)
        if is_child(HouseholdRole(member.role), birth, day):
            raise ValidationError(
                f"{person.full_name} är ett barn och kan inte vara hushållets sökande."
            )
        for other in household.members:
            if other.role == HouseholdRole.APPLICANT:
                other.role = HouseholdRole.CO_APPLICANT
        member.role = HouseholdRole.APPLICANT
        _saved(s, household, day)
        uow.audit("make_applicant", "household", household.id, f"person {person.id}")
        uow.commit()


def member_names(
    members: Sequence[MemberView], date_text: Callable[[dt.date], str] = dt.date.isoformat
) -> str:
    """Who lives in the dwelling, for a contract: "Karin Öberg, Ali Öberg (barn, född 2015-04-02)".

    The applicant (the tenant, named with their number elsewhere) stands first and plain; the
    others with their role, a child also with the birth date (the only way to tell two apart
    who share a name when no personnummer is printed).
    """
    parts = []
    for m in members:
        if m.role == HouseholdRole.APPLICANT:
            parts.append(m.name)
        elif m.child and m.birth_date is not None:
            parts.append(f"{m.name} (barn, född {date_text(m.birth_date)})")
        else:
            parts.append(f"{m.name} ({m.role_label.lower()})")
    return ", ".join(parts)
