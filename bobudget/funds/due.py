"""The egna medel kinds on the due list: an open account whose power of attorney is due for
review, and one whose last reconciliation left a difference against the bank. app/due.py
gathers these providers with those of the other domains.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from bobudget.kernel.due import DueItem, DueProvider, DueWindow, Holder
from bobudget.kernel.identity import display_canonical
from bobudget.kernel.money import format_amount
from bobudget.model import ManagedFundsAccount, Person
from bobudget.model.funds import Reconciliation

__all__ = ["DUE_FUNDS_RECONCILIATION", "DUE_FUNDS_REVIEW", "DUE_TYPES", "PROVIDERS"]

DUE_FUNDS_REVIEW = "egna_medel_omprovning"
DUE_FUNDS_RECONCILIATION = "egna_medel_avstamning"

DUE_TYPES: dict[str, str] = {
    DUE_FUNDS_REVIEW: "Omprövning av egna medel",
    DUE_FUNDS_RECONCILIATION: "Avstämning med differens",
}


def funds_reviews_due(s: Session, w: DueWindow) -> Iterable[DueItem]:
    """Open egna medel accounts whose power of attorney is due for review."""
    stmt = (
        select(ManagedFundsAccount, Person)
        .join(Person, Person.id == ManagedFundsAccount.person_id)
        .where(
            ManagedFundsAccount.closed_date.is_(None),
            ManagedFundsAccount.review_date >= w.first,
            ManagedFundsAccount.review_date <= w.last,
        )
    )
    for account, person in s.execute(stmt).all():
        assert account.review_date is not None
        yield DueItem(
            typ=DUE_FUNDS_REVIEW,
            label=DUE_TYPES[DUE_FUNDS_REVIEW],
            datum=account.review_date,
            person_id=person.id,
            personnummer=display_canonical(person.identity),
            name=f"{person.last_name}, {person.first_name}",
            what="Egna medel: ompröva fullmakten och budgeten",
            target_id=account.id,
            responsible=account.responsible or "",
            holder=Holder("managed_funds_accounts", account.id),
        )


def reconciliation_differences_due(s: Session, w: DueWindow) -> Iterable[DueItem]:
    """Open accounts whose latest reconciliation left a difference: due from the day it was
    made until a later reconciliation agrees with the bank (the difference found and booked).
    """
    latest = (
        select(Reconciliation.id)
        .where(Reconciliation.account_id == ManagedFundsAccount.id)
        .order_by(Reconciliation.reconciled_on.desc(), Reconciliation.id.desc())
        .limit(1)
        .correlate(ManagedFundsAccount)
        .scalar_subquery()
    )
    stmt = (
        select(Reconciliation, ManagedFundsAccount, Person)
        .join(ManagedFundsAccount, ManagedFundsAccount.id == Reconciliation.account_id)
        .join(Person, Person.id == ManagedFundsAccount.person_id)
        .where(
            ManagedFundsAccount.closed_date.is_(None),
            Reconciliation.id == latest,
            Reconciliation.difference_ore != 0,
            Reconciliation.reconciled_on >= w.first,
            Reconciliation.reconciled_on <= w.last,
        )
    )
    for reconciliation, account, person in s.execute(stmt).all():
        yield DueItem(
            typ=DUE_FUNDS_RECONCILIATION,
            label=DUE_TYPES[DUE_FUNDS_RECONCILIATION],
            datum=reconciliation.reconciled_on,
            person_id=person.id,
            personnummer=display_canonical(person.identity),
            name=f"{person.last_name}, {person.first_name}",
            what=(
                f"Egna medel: banken och bokföringen skiljer "
                f"{format_amount(reconciliation.difference_ore)}. Hitta differensen, bokför "
                "det som saknas och stäm av igen"
            ),
            target_id=account.id,
        )


PROVIDERS: tuple[DueProvider, ...] = (funds_reviews_due, reconciliation_differences_due)
