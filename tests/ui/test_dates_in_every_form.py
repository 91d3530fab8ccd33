"""A typed date is never changed, in any form: in every dialog of the window, each date field
takes an impossible date ("2026-02-31", a 13th month) only to refuse it, with a message that
names the field by its label, and nothing is saved. "2025-05-12" stays 12 May 2025.

The dialogs are opened on a small demo database. A dialog with a date field that is added to
the window without being opened here makes the last test fail: every form is walked.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from sqlalchemy import func, select
from sqlalchemy.sql import Select

import ui
import ui.follow_up.meetings_tab as meetings_tab
import ui.follow_up.multiparty_tab as multiparty_tab
from bobudget.db import migrate
from bobudget.db.engine import Database, connect, parse_url
from bobudget.demo.generate import fill_demo
from bobudget.follow_up.follow_ups import get_follow_up
from bobudget.follow_up.housing_support import get_housing_support
from bobudget.follow_up.multiparty import get_multiparty_meeting
from bobudget.follow_up.startup_meetings import get_startup_meeting
from bobudget.follow_up.trouble import get_eviction_notice
from bobudget.funds.queries import get_account, get_entry
from bobudget.model import (
    AuditEntry,
    Contract,
    Decision,
    EvictionNotice,
    FollowUp,
    FundsTransaction,
    HousingSupport,
    ManagedFundsAccount,
    MultipartyMeeting,
    Offer,
    StartupMeeting,
)
from bobudget.model.vocab import EntryKind
from bobudget.persons.households import get_household
from bobudget.placement.contract_list import get_contract
from bobudget.placement.decisions import get_decision
from bobudget.placement.temporary_list import get_placement
from ui.follow_up.notices_tab import CloseDialog, NoticeDialog
from ui.follow_up.startup_tab import MeetingDialog
from ui.follow_up.support_tab import ReviewDialog, SupportDialog
from ui.follow_up.trouble_tab import ArrearDialog, DisturbanceDialog
from ui.funds.account_dialogs import AccountDialog, CloseAccountDialog
from ui.funds.entry_dialogs import EntryDialog, ReverseDialog
from ui.funds.fields import OptionalDateField
from ui.funds.output_dialogs import ExportDialog, StatementDialog
from ui.funds.reconcile_dialog import ReconcileDialog
from ui.kit import DateField, Dialog
from ui.kit.field_errors import checked_fields, label_text
from ui.persons.household import AddMemberDialog, EndMemberDialog, NewChildDialog
from ui.placement.contract_dialogs import (
    EndContractDialog,
    HousingPlanDialog,
    SignContractDialog,
    TermsDialog,
)
from ui.placement.decision_dialogs import (
    AnswerDialog,
    DecisionDialog,
    EndDecisionDialog,
    OfferDialog,
)
from ui.placement.takeover_dialogs import TakeoverDialog, TakeoverReviewDialog
from ui.placement.temporary_dialogs import (
    EndPlacementDialog,
    MoveDialog,
    PlaceDialog,
    RenewDialog,
)

TODAY = dt.date(2026, 11, 27)
_PARENT: list[QWidget] = []  # the follow-up dialogs want a parent that outlives them


def today() -> dt.date:
    return TODAY


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path: Path = tmp_path_factory.mktemp("dates") / "demo.db"
    db = connect(parse_url(f"sqlite:///{path}"))
    migrate.upgrade(db)
    fill_demo(db, 60, seed=3, today=TODAY)
    try:
        yield db
    finally:
        db.dispose()


def first(db: Database, stmt: Select[tuple[int]]) -> int:
    with db.sessions() as session:
        found = session.scalars(stmt.limit(1)).first()
    assert found is not None, f"the demo has no row for {stmt}"
    return found


def parent() -> QWidget:
    _PARENT.append(QWidget())
    return _PARENT[-1]


def _account(db: Database) -> int:
    return first(
        db, select(ManagedFundsAccount.id).where(ManagedFundsAccount.closed_date.is_(None))
    )


def _temporary(db: Database) -> int:
    return first(
        db,
        select(Contract.id).where(Contract.kind == "temporary", Contract.end_date.is_(None)),
    )


def _contract(db: Database, kind: str) -> int:
    return first(db, select(Contract.id).where(Contract.kind == kind).order_by(Contract.end_date))


def _decision(db: Database) -> int:
    return first(db, select(Decision.id).where(Decision.status == "waiting"))


def _pending_offer(db: Database) -> tuple[int, int]:
    with db.sessions() as session:
        row = session.execute(
            select(Offer.decision_id, Offer.id).where(Offer.answer == "pending").limit(1)
        ).first()
    assert row is not None
    return row[0], row[1]


def _answer(db: Database) -> Dialog:
    decision_id, offer_id = _pending_offer(db)
    detail = get_decision(db, decision_id)
    offer = next(o for o in detail.offers if o.id == offer_id)
    return AnswerDialog(db, today, detail, offer)


def _person(db: Database) -> int:
    return first(db, select(Contract.person_id).where(Contract.kind == "social"))


# Every dialog with a date field, opened as its page opens it.
FACTORIES: dict[type[Dialog], Callable[[Database], Dialog]] = {
    # Egna medel
    AccountDialog: lambda db: AccountDialog(db, get_account(db, _account(db), TODAY), today=TODAY),
    CloseAccountDialog: lambda db: CloseAccountDialog(
        db, get_account(db, _account(db), TODAY), today=TODAY
    ),
    EntryDialog: lambda db: EntryDialog(
        db,
        get_account(db, _account(db), TODAY),
        EntryKind.PAYMENT,
        user_name="testare",
        today=TODAY,
    ),
    ReverseDialog: lambda db: ReverseDialog(
        db,
        get_entry(
            db,
            first(db, select(FundsTransaction.id).where(FundsTransaction.reverses_id.is_(None))),
        ),
        today=TODAY,
    ),
    ExportDialog: lambda db: ExportDialog(db, get_account(db, _account(db), TODAY), today=TODAY),
    StatementDialog: lambda db: StatementDialog(today=TODAY),
    ReconcileDialog: lambda db: ReconcileDialog(db, _account(db), today=TODAY),
    # Uppföljning
    SupportDialog: lambda db: SupportDialog(db, _person(db), None, parent()),
    ReviewDialog: lambda db: ReviewDialog(
        db,
        get_housing_support(db, first(db, select(HousingSupport.id))),
        today,
        parent(),
    ),
    multiparty_tab.BookDialog: lambda db: multiparty_tab.BookDialog(
        db, get_multiparty_meeting(db, first(db, select(MultipartyMeeting.id))), parent()
    ),
    multiparty_tab.ConsentDialog: lambda db: multiparty_tab.ConsentDialog(
        db, get_multiparty_meeting(db, first(db, select(MultipartyMeeting.id))), parent(), today
    ),
    multiparty_tab.WithdrawConsentDialog: lambda db: multiparty_tab.WithdrawConsentDialog(
        db,
        get_multiparty_meeting(
            db,
            first(
                db,
                select(MultipartyMeeting.id).where(
                    MultipartyMeeting.consent_recorded_at.is_not(None)
                ),
            ),
        ),
        parent(),
        today,
    ),
    multiparty_tab.RecordDialog: lambda db: multiparty_tab.RecordDialog(
        db, get_multiparty_meeting(db, first(db, select(MultipartyMeeting.id))), today, parent()
    ),
    meetings_tab.RecordDialog: lambda db: meetings_tab.RecordDialog(
        db,
        get_follow_up(db, first(db, select(FollowUp.id).where(FollowUp.held_date.is_(None)))),
        today,
        parent(),
    ),
    meetings_tab.PlanDialog: lambda db: meetings_tab.PlanDialog(
        db,
        get_follow_up(db, first(db, select(FollowUp.id).where(FollowUp.held_date.is_(None)))),
        parent(),
    ),
    NoticeDialog: lambda db: NoticeDialog(
        db, _person(db), _contract(db, "social"), today, parent()
    ),
    CloseDialog: lambda db: CloseDialog(
        db,
        get_eviction_notice(
            db, first(db, select(EvictionNotice.id).where(EvictionNotice.closed_date.is_(None)))
        ),
        today,
        parent(),
    ),
    ArrearDialog: lambda db: ArrearDialog(
        db, _person(db), _contract(db, "social"), None, today, parent()
    ),
    DisturbanceDialog: lambda db: DisturbanceDialog(
        db, _person(db), _contract(db, "social"), today, parent()
    ),
    MeetingDialog: lambda db: MeetingDialog(
        db, get_startup_meeting(db, first(db, select(StartupMeeting.id))), parent()
    ),
    # Kö, kontrakt och tillfälligt boende
    DecisionDialog: lambda db: DecisionDialog(db, today),
    EndDecisionDialog: lambda db: EndDecisionDialog(db, today, get_decision(db, _decision(db))),
    OfferDialog: lambda db: OfferDialog(db, today, get_decision(db, _decision(db))),
    AnswerDialog: _answer,
    SignContractDialog: lambda db: SignContractDialog(db, today, get_decision(db, _decision(db))),
    TermsDialog: lambda db: TermsDialog(
        db, get_contract(db, _contract(db, "housing_first"), TODAY), None, today
    ),
    EndContractDialog: lambda db: EndContractDialog(
        db, today, _contract(db, "social"), 1, "kontraktet", None
    ),
    HousingPlanDialog: lambda db: HousingPlanDialog(
        db, _contract(db, "housing_first"), "kontraktet"
    ),
    TakeoverReviewDialog: lambda db: TakeoverReviewDialog(
        db, today, _contract(db, "transitional"), "kontraktet"
    ),
    TakeoverDialog: lambda db: TakeoverDialog(
        db, today, _contract(db, "transitional"), "kontraktet"
    ),
    PlaceDialog: lambda db: PlaceDialog(db, today, 3),
    RenewDialog: lambda db: RenewDialog(
        db, get_placement(db, _temporary(db), TODAY), 3, None, today
    ),
    EndPlacementDialog: lambda db: EndPlacementDialog(
        db, today, get_placement(db, _temporary(db), TODAY)
    ),
    MoveDialog: lambda db: MoveDialog(db, today, get_placement(db, _temporary(db), TODAY)),
    # Personkortets hushåll
    AddMemberDialog: lambda db: AddMemberDialog(db, get_household(db, _person(db), TODAY), today),
    NewChildDialog: lambda db: NewChildDialog(db, get_household(db, _person(db), TODAY), today),
    EndMemberDialog: lambda db: EndMemberDialog(
        db, get_household(db, _person(db), TODAY).members[0], today
    ),
}


def saved_count(db: Database) -> int:
    """Every service records what it saved in the audit log: a refused save adds nothing."""
    with db.sessions() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry)) or 0


def label_of(dialog: Dialog, field: DateField) -> str:
    """The name the user reads for the field: its row's label, or (in a row of several
    fields) its own name."""
    row = dialog.rows.row_of(field)
    assert row is not None, f"{field.accessibleName()} has no row in the form"
    label = label_text(dialog.form.labelForField(row))
    return label if label and len(checked_fields(row)) == 1 else field.field_name()


def date_fields(dialog: Dialog) -> list[DateField]:
    for optional in dialog.findChildren(OptionalDateField):
        optional.enabled.setChecked(True)  # an end date "tills vidare" is typed once ticked
    return [f for f in dialog.findChildren(DateField) if f.isEnabled() and f.isVisibleTo(dialog)]


@pytest.mark.parametrize("kind", list(FACTORIES), ids=lambda k: f"{k.__module__}.{k.__name__}")
def test_an_impossible_date_is_refused_by_the_fields_label_and_nothing_is_saved(
    qtbot, demo_db: Database, kind: type[Dialog]
) -> None:
    dialog = FACTORIES[kind](demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    fields = date_fields(dialog)
    assert fields, f"{kind.__name__} shows no date field"
    before = saved_count(demo_db)
    for field in fields:
        was = field.text()
        impossible, says = (
            ("2026-13", "Månad 13 finns inte") if field.month_only else ("2026-02-31", "")
        )
        field.setText(impossible)
        dialog.save_button.click()
        row = dialog.rows.row_of(field)
        assert row is not None
        shown = dialog.rows.lines[row].text().strip()
        label = label_of(dialog, field)
        assert label in shown, f"{kind.__name__}: {shown!r} does not name {label!r}"
        assert (says or "31 februari 2026 finns inte") in shown
        assert field.text() == impossible, "the typed date was changed"
        assert not dialog.saved and dialog.isVisible()
        assert saved_count(demo_db) == before
        field.setText(was)
    dialog.reject()


def test_a_typed_date_is_taken_exactly_as_typed(qtbot, demo_db: Database) -> None:
    """In egna medel "2025-05-12" was once read as 5 November: it is 12 May, and stays so."""
    dialog = FACTORIES[EntryDialog](demo_db)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, EntryDialog)
    dialog.entry_date.setText("2025-05-12")
    dialog.entry_date.editingFinished.emit()
    assert dialog.entry_date.value() == dt.date(2025, 5, 12)
    assert dialog.entry_date.text() == "2025-05-12"
    dialog.entry_date.setText("12/5")
    dialog.entry_date.editingFinished.emit()
    assert dialog.entry_date.text() == "2026-05-12"  # day/month, this year: shown in full


def _has_date_field(kind: type[Dialog]) -> bool:
    source = inspect.getsource(kind)
    return any(word in source for word in ("DateField(", "OptionalDateField(", "TermsFields("))


def _subclasses(kind: type[Dialog]) -> Iterator[type[Dialog]]:
    for sub in kind.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_dialog_with_a_date_field_is_walked() -> None:
    for module in pkgutil.walk_packages(ui.__path__, "ui."):  # every dialog of the window
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)

    missing = [
        f"{k.__module__}.{k.__name__}"
        for k in _subclasses(Dialog)
        if _has_date_field(k) and not k.__name__.startswith("_") and k not in FACTORIES
    ]
    assert not missing, f"open these dialogs in FACTORIES: {missing}"
