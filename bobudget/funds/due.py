"""The egna medel kind on the due list: an open account whose power of attorney is due for
review. app/due.py gathers this provider with those of the other domains.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from bobudget.kernel.due import DueItem, DueProvider, DueWindow, Holder
from bobudget.kernel.identity import display_canonical
from bobudget.model import ManagedFundsAccount, Person

__all__ = ["DUE_FUNDS_REVIEW", "DUE_TYPES", "PROVIDERS"]

DUE_FUNDS_REVIEW = "egna_medel_omprovning"

DUE_TYPES: dict[str, str] = {DUE_FUNDS_REVIEW: "Omprövning av egna medel"}


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


PROVIDERS: tuple[DueProvider, ...] = (funds_reviews_due,)
