"""Uppstartsmöte: the meeting at move-in and its checklist, ticked item by item by whom and when.

The checklist's items come from a template the administrator edits (stored in the database);
until one is saved, the default in resources/checklists/startup_default.txt applies. A meeting
copies the template's items when it is created, so a later edit of the template never changes
a meeting already under way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bobudget.db.engine import Database
from bobudget.db.integrity import breaks_unique
from bobudget.db.responsible import check_responsible, default_responsible
from bobudget.db.uow import UnitOfWork, conflict_error
from bobudget.follow_up.common import (
    CONTRACT_GONE,
    check_not_before_contract,
    check_time,
    contract_label,
    display_names,
)
from bobudget.follow_up.rules import (
    LEASE_KINDS,
    checklist_complete,
    first_follow_up_due,
    missing_checklist_items,
    parse_checklist,
    untick_question,
)
from bobudget.kernel.errors import ConflictError, DomainError, NotFoundError, ValidationError
from bobudget.kernel.formatting import format_timestamp
from bobudget.kernel.resources import resource_folder
from bobudget.model import Contract, FollowUp, StartupChecklistItem, StartupMeeting
from bobudget.model.base import utc_now
from bobudget.model.follow_up import (
    STARTUP_MEETING_PER_CONTRACT,
    ChecklistItemEvent,
    ChecklistTemplate,
)
from bobudget.model.vocab import ChecklistAction
from bobudget.placement.common import fetch_for_edit

__all__ = [
    "STARTUP_CHECKLIST_KEY",
    "ChecklistEventView",
    "ChecklistItemView",
    "ChecklistTemplateView",
    "StartupMeetingInput",
    "StartupMeetingView",
    "close_startup_meeting",
    "default_checklist",
    "get_checklist_template",
    "get_startup_meeting",
    "note_checklist_item",
    "open_startup_meeting",
    "save_checklist_template",
    "startup_meetings_of_contracts",
    "tick_checklist_item",
    "update_startup_meeting",
]

STARTUP_CHECKLIST_KEY = "startup_meeting"
MEETING_GONE = "Uppstartsmötet finns inte längre i databasen. Läs in sidan på nytt."
ITEM_GONE = "Punkten finns inte längre i checklistan. Läs in sidan på nytt."
CLOSED_MESSAGE = (
    "Uppstartsmötet är avslutat: dess checklista kan inte längre ändras. Det som behöver "
    "följas upp noteras vid nästa uppföljningsmöte."
)
CONCURRENT_MEETING_MESSAGE = (
    "En kollega skapade uppstartsmötet för det här kontraktet samtidigt som du och hann spara "
    "först. Ingenting av ditt sparades: läs in sidan på nytt och öppna mötet som finns."
)
_MAX_ITEM_LENGTH = 300
_DEFAULT_FILE = "startup_default.txt"


# --- the template ------------------------------------------------------------------------------


def default_checklist() -> list[str]:
    """The unit's default checklist (DOMAIN.md), one item per line of the resource file."""
    path = resource_folder("checklists") / _DEFAULT_FILE
    try:
        return parse_checklist(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise DomainError(
            f"Standardchecklistan för uppstartsmötet ({path}) kan inte läsas. Installera om "
            "programmet, eller spara en egen checklista under Administration."
        ) from error


@dataclass(frozen=True)
class ChecklistTemplateView:
    items: list[str]
    # None while the default applies: nothing saved yet.
    version: int | None
    updated_by: str = ""
    updated_at: dt.datetime | None = None

    @property
    def is_default(self) -> bool:
        return self.version is None


def get_checklist_template(db: Database) -> ChecklistTemplateView:
    with db.sessions() as session:
        row = _template_row(session)
        if row is None:
            return ChecklistTemplateView(default_checklist(), None)
        return ChecklistTemplateView(
            parse_checklist(row.items), row.version, row.updated_by, row.updated_at
        )


def _template_row(session: Session) -> ChecklistTemplate | None:
    return session.scalar(
        select(ChecklistTemplate).where(ChecklistTemplate.key == STARTUP_CHECKLIST_KEY)
    )


def save_checklist_template(
    db: Database, text: str, expected_version: int | None, user: str | None = None
) -> int:
    """Save the template's items (one per line) as read at `expected_version`; new version.

    `expected_version` None means the default was shown: refused if someone has saved a
    template meanwhile. Meetings already created keep the items they were given.
    """
    items = parse_checklist(text)
    if not items:
        raise ValidationError("Checklistan måste ha minst en punkt. Skriv en punkt per rad.")
    too_long = [item for item in items if len(item) > _MAX_ITEM_LENGTH]
    if too_long:
        raise ValidationError(
            f"Punkten som börjar '{too_long[0][:40]}…' är längre än {_MAX_ITEM_LENGTH} tecken. "
            "Korta den eller dela upp den på två punkter."
        )
    with UnitOfWork(db, user) as uow:
        row = _template_row(uow.session)
        if row is None:
            if expected_version is not None:
                raise NotFoundError("Den sparade checklistan har tagits bort. Läs in den på nytt.")
            row = ChecklistTemplate(key=STARTUP_CHECKLIST_KEY)
            uow.session.add(row)
        elif row.version != expected_version:
            raise conflict_error(row.updated_by, row.updated_at)
        row.items = "\n".join(items)
        uow.session.flush()
        uow.audit("update", "checklist_template", row.id)
        uow.commit()
        return row.version


def _template_items(session: Session) -> list[str]:
    row = _template_row(session)
    return parse_checklist(row.items) if row is not None else default_checklist()


# --- the meeting -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChecklistEventView:
    """One tick or untick in an item's history."""

    action: ChecklistAction
    username: str
    name: str  # the user's full name (the username when it has none)
    at: dt.datetime

    @property
    def line(self) -> str:
        """ "Bockade av: Anna Ärlig 2026-11-27 10:15"."""
        return f"{self.action.label}: {self.name} {format_timestamp(self.at)}"


@dataclass(frozen=True)
class ChecklistItemView:
    id: int
    version: int
    position: int
    text: str
    done_by: str
    done_by_name: str
    done_at: dt.datetime | None
    note: str
    history: tuple[ChecklistEventView, ...] = ()

    @property
    def done(self) -> bool:
        return self.done_at is not None

    def untick_question(self, user: str) -> str | None:
        """What to ask `user` before taking away this tick (a colleague's); None: don't ask."""
        return untick_question(self.done_by, self.done_by_name, self.done_at, user)


@dataclass(frozen=True)
class StartupMeetingView:
    id: int
    version: int
    contract_id: int
    contract_label: str
    contract_start: dt.date
    person_id: int
    due_date: dt.date
    meeting_date: dt.date | None
    meeting_time: str
    place: str
    participants: str
    responsible: str
    closed: bool
    items: list[ChecklistItemView] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return checklist_complete([(i.text, i.done) for i in self.items])

    @property
    def missing(self) -> list[str]:
        return missing_checklist_items([(i.text, i.done) for i in self.items])


def _view(session: Session, meeting: StartupMeeting) -> StartupMeetingView:
    names = display_names(
        session,
        {i.done_by for i in meeting.items} | {e.username for i in meeting.items for e in i.history},
    )
    contract = meeting.contract
    return StartupMeetingView(
        id=meeting.id,
        version=meeting.version,
        contract_id=contract.id,
        contract_label=contract_label(contract),
        contract_start=contract.start_date,
        person_id=contract.person_id,
        due_date=meeting.due_date,
        meeting_date=meeting.meeting_date,
        meeting_time=meeting.meeting_time,
        place=meeting.place,
        participants=meeting.participants,
        responsible=meeting.responsible or "",
        closed=meeting.closed,
        items=[_item_view(i, names) for i in meeting.items],
    )


def _item_view(i: StartupChecklistItem, names: dict[str, str]) -> ChecklistItemView:
    return ChecklistItemView(
        id=i.id,
        version=i.version,
        position=i.position,
        text=i.text,
        done_by=i.done_by,
        done_by_name=names.get(i.done_by, i.done_by),
        done_at=i.done_at,
        note=i.note,
        history=_history(i, names),
    )


def get_checklist_item(db: Database, item_id: int) -> ChecklistItemView:
    """One point of a start-up meeting's checklist as it is saved now."""
    with db.sessions() as session:
        item = session.get(StartupChecklistItem, item_id)
        if item is None:
            raise NotFoundError(ITEM_GONE)
        users = {item.done_by} | {e.username for e in item.history}
        return _item_view(item, display_names(session, users))


def get_startup_meeting(db: Database, meeting_id: int) -> StartupMeetingView:
    with db.sessions() as session:
        meeting = session.get(StartupMeeting, meeting_id)
        if meeting is None:
            raise NotFoundError(MEETING_GONE)
        return _view(session, meeting)


def startup_meetings_of_contracts(
    db: Database, contract_ids: list[int]
) -> dict[int, StartupMeetingView]:
    """The latest start-up meeting of each of these contracts that has one."""
    if not contract_ids:
        return {}
    with db.sessions() as session:
        meetings = session.scalars(
            select(StartupMeeting)
            .where(StartupMeeting.contract_id.in_(contract_ids))
            .order_by(StartupMeeting.contract_id, StartupMeeting.due_date, StartupMeeting.id)
        ).all()
        return {m.contract_id: _view(session, m) for m in meetings}


def open_startup_meeting(db: Database, contract_id: int, user: str | None = None) -> int:
    """The contract's start-up meeting; created, due on the start day, if it has none yet.

    A new meeting gets the checklist template's items as they stand now, and the one who
    creates it as responsible.
    """
    with UnitOfWork(db, user) as uow:
        s = uow.session
        contract = s.get(Contract, contract_id)
        if contract is None:
            raise NotFoundError(CONTRACT_GONE)
        existing = s.scalar(
            select(StartupMeeting.id)
            .where(StartupMeeting.contract_id == contract_id)
            .order_by(StartupMeeting.due_date.desc(), StartupMeeting.id.desc())
            .limit(1)
        )
        if existing is not None:
            return existing
        if contract.kind not in LEASE_KINDS:
            raise ValidationError(
                "Uppstartsmöte hålls när ett hyreskontrakt börjar (socialt, bostadssocialt "
                "eller Bostad först), inte för tillfälligt boende."
            )
        meeting = StartupMeeting(
            contract_id=contract.id,
            due_date=contract.start_date,
            responsible=contract.responsible or default_responsible(s, uow.user),
        )
        for position, text in enumerate(_template_items(s), start=1):
            meeting.items.append(StartupChecklistItem(position=position, text=text))
        s.add(meeting)
        try:
            s.flush()
            uow.audit("create", "startup_meeting", meeting.id)
            uow.commit()
        except IntegrityError as error:
            # A colleague created it after this looked: the database holds one per contract.
            if not breaks_unique(error, STARTUP_MEETING_PER_CONTRACT):
                raise
            raise ConflictError(
                CONCURRENT_MEETING_MESSAGE, changed_by=None, changed_at=None
            ) from None
        return meeting.id


@dataclass
class StartupMeetingInput:
    meeting_date: dt.date | None
    meeting_time: str = ""
    place: str = ""
    participants: str = ""
    responsible: str = ""


def update_startup_meeting(
    db: Database,
    meeting_id: int,
    expected_version: int,
    data: StartupMeetingInput,
    user: str | None = None,
) -> int:
    """Book or change the meeting's day, time, place, participants and who holds it."""
    time = check_time(data.meeting_time)
    with UnitOfWork(db, user) as uow:
        meeting = fetch_for_edit(
            uow.session, StartupMeeting, meeting_id, expected_version, MEETING_GONE
        )
        if meeting.closed:
            raise ValidationError(CLOSED_MESSAGE)
        # Only a changed day is checked: older rows may predate the rule.
        if data.meeting_date is not None and data.meeting_date != meeting.meeting_date:
            check_not_before_contract(data.meeting_date, meeting.contract, "Mötesdagen")
        meeting.meeting_date = data.meeting_date
        meeting.meeting_time = time
        meeting.place = data.place.strip()
        meeting.participants = data.participants.strip()
        meeting.responsible = check_responsible(
            uow.session, data.responsible, keep=meeting.responsible
        )
        uow.audit("update", "startup_meeting", meeting.id)
        uow.commit()
        return meeting.version


def _open_item(uow: UnitOfWork, item_id: int, expected_version: int) -> StartupChecklistItem:
    item = fetch_for_edit(uow.session, StartupChecklistItem, item_id, expected_version, ITEM_GONE)
    if item.meeting.closed:
        raise ValidationError(CLOSED_MESSAGE)
    return item


def _tick_recorded(item: StartupChecklistItem) -> bool:
    """The tick the item shows is the last entry of its history."""
    return bool(item.history) and item.history[-1].action == ChecklistAction.TICKED


def _history(i: StartupChecklistItem, names: dict[str, str]) -> tuple[ChecklistEventView, ...]:
    events = [
        ChecklistEventView(e.action, e.username, names.get(e.username, e.username), e.happened_at)
        for e in i.history
    ]
    if i.done_at is not None and not _tick_recorded(i):
        # Ticked before there was a history: the tick itself is its first line.
        name = names.get(i.done_by, i.done_by)
        events.append(ChecklistEventView(ChecklistAction.TICKED, i.done_by, name, i.done_at))
    return tuple(events)


def tick_checklist_item(
    db: Database,
    item_id: int,
    expected_version: int,
    done: bool = True,
    note: str | None = None,
    user: str | None = None,
    now: dt.datetime | None = None,
    *,
    confirmed: bool = False,
) -> int:
    """Tick an item (by the user, now) or untick it; `note` replaces its note when given.

    Every tick and untick is kept in the item's history (who, when). A colleague's tick is
    taken away only `confirmed` (the user was asked, untick_question): else refused, asking.
    """
    with UnitOfWork(db, user) as uow:
        item = _open_item(uow, item_id, expected_version)
        if not done and not confirmed:
            names = display_names(uow.session, {item.done_by})
            question = untick_question(
                item.done_by, names.get(item.done_by, item.done_by), item.done_at, uow.user
            )
            if question is not None:
                raise ValidationError(f"{question} Bekräfta att bocken ska tas bort.")
        at = now or utc_now()
        if item.done_at is not None and not _tick_recorded(item):
            # A tick set before there was a history (older rows, the demo): kept first, so
            # taking it away never loses who set it and when.
            item.history.append(
                ChecklistItemEvent(
                    action=ChecklistAction.TICKED, username=item.done_by, happened_at=item.done_at
                )
            )
        if done:
            item.done_by = uow.user
            item.done_at = at
        else:
            item.done_by = ""
            item.done_at = None
        if note is not None:
            item.note = note.strip()
        action = ChecklistAction.TICKED if done else ChecklistAction.UNTICKED
        item.history.append(ChecklistItemEvent(action=action, username=uow.user, happened_at=at))
        uow.audit("tick" if done else "untick", "startup_checklist_item", item.id)
        uow.commit()
        return item.version


def note_checklist_item(
    db: Database, item_id: int, expected_version: int, note: str, user: str | None = None
) -> int:
    """Write or change an item's note, ticked or not."""
    with UnitOfWork(db, user) as uow:
        item = _open_item(uow, item_id, expected_version)
        item.note = note.strip()
        uow.audit("update", "startup_checklist_item", item.id)
        uow.commit()
        return item.version


def close_startup_meeting(
    db: Database,
    meeting_id: int,
    expected_version: int,
    user: str | None = None,
    today: dt.date | None = None,
) -> int | None:
    """Close a held meeting whose every item is ticked; returns the first follow-up booked.

    When the contract has no follow-up yet, the first is booked one month after move-in
    (DOMAIN.md) with the meeting's responsible; its id is returned (None when one existed).
    """
    today = today or dt.date.today()
    with UnitOfWork(db, user) as uow:
        s = uow.session
        meeting = fetch_for_edit(s, StartupMeeting, meeting_id, expected_version, MEETING_GONE)
        if meeting.closed:
            raise ValidationError("Uppstartsmötet är redan avslutat.")
        if meeting.meeting_date is None or meeting.meeting_date > today:
            raise ValidationError(
                "Fyll i dagen då uppstartsmötet hölls innan det avslutas. Ett möte som inte "
                "har hållits ännu kan inte avslutas."
            )
        missing = missing_checklist_items([(i.text, i.done_at is not None) for i in meeting.items])
        if missing:
            listed = ", ".join(f"'{text}'" for text in missing[:3])
            more = f" och {len(missing) - 3} till" if len(missing) > 3 else ""
            raise ValidationError(
                f"Checklistan är inte klar: {listed}{more} är inte avbockade. Bocka av dem "
                "innan mötet avslutas."
            )
        meeting.closed = True
        booked: FollowUp | None = None
        contract = meeting.contract
        has_follow_up = s.scalar(
            select(func.count(FollowUp.id)).where(FollowUp.contract_id == contract.id)
        )
        if not has_follow_up and contract.end_date is None:
            booked = FollowUp(
                contract_id=contract.id,
                due_date=first_follow_up_due(contract.start_date),
                responsible=meeting.responsible or default_responsible(s, uow.user),
            )
            s.add(booked)
        s.flush()
        uow.audit("close", "startup_meeting", meeting.id)
        if booked is not None:
            uow.audit("create", "follow_up", booked.id)
        uow.commit()
        return booked.id if booked is not None else None
