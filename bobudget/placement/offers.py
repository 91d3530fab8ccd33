"""Offers of dwellings to a household waiting in the queue, and the household's answers.

IVO asks what the municipality offered while a decision waited: each offer keeps its date, the
dwelling, the answer and, when declined, the reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork
from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.model import Decision, Dwelling, Offer
from bobudget.model.vocab import DwellingStatus, OfferAnswer
from bobudget.placement.common import (
    PROTECTED_TEXT,
    fetch_for_edit,
    require_not_future,
)
from bobudget.placement.rules import check_offer_reply_by, new_offer_refusal, offer_reply_by

__all__ = [
    "DECISION_GONE",
    "OfferRow",
    "answer_offer",
    "offer_row",
    "record_offer",
    "release_dwelling",
]

DECISION_GONE = "Beslutet finns inte längre i databasen. Läs in listan på nytt."


@dataclass(frozen=True)
class OfferRow:
    id: int
    version: int
    dwelling_id: int | None
    dwelling: str
    rooms: int | None
    rent_ore: int | None
    offered_date: dt.date
    answer: OfferAnswer
    answer_label: str
    answer_date: dt.date | None
    decline_reason: str


def _dwelling_label(dwelling: Dwelling | None, protected: bool) -> str:
    if dwelling is None:
        return ""
    if protected:
        return PROTECTED_TEXT
    rooms = f", {dwelling.rooms} rum" if dwelling.rooms else ""
    return f"{dwelling.address}{rooms}"


def offer_row(offer: Offer, protected: bool) -> OfferRow:
    dwelling = offer.dwelling
    return OfferRow(
        id=offer.id,
        version=offer.version,
        dwelling_id=offer.dwelling_id,
        dwelling=_dwelling_label(dwelling, protected),
        rooms=dwelling.rooms if dwelling else None,
        rent_ore=dwelling.rent_ore if dwelling else None,
        offered_date=offer.offered_date,
        answer=offer.answer,
        answer_label=OfferAnswer(offer.answer).label,
        answer_date=offer.answer_date,
        decline_reason=offer.decline_reason,
    )


def release_dwelling(dwelling: Dwelling | None) -> None:
    # An offer no longer pending gives the dwelling back, unless something else holds it.
    if dwelling is not None and dwelling.status == DwellingStatus.OFFERED:
        dwelling.status = DwellingStatus.AVAILABLE


def record_offer(
    db: Database,
    decision_id: int,
    dwelling_id: int,
    offered_date: dt.date,
    user: str | None = None,
    today: dt.date | None = None,
    reply_by: dt.date | None = None,
) -> int:
    """Offer a dwelling to a household waiting in the queue; the dwelling becomes "offered".

    `reply_by` is the last day to answer, as the offer letter states it (by default a week on:
    rules.offer_reply_by).
    """
    today = today or dt.date.today()
    require_not_future(offered_date, today, "Datum för erbjudandet")
    reply_by = reply_by or offer_reply_by(offered_date)
    check_offer_reply_by(offered_date, reply_by)
    with UnitOfWork(db, user) as uow:
        s = uow.session
        decision = fetch_for_edit(s, Decision, decision_id, None, DECISION_GONE)
        refusal = new_offer_refusal(
            decision.kind, decision.status, [o.answer for o in decision.offers]
        )
        if refusal is not None:
            raise ValidationError(refusal)
        if offered_date < decision.decision_date:
            raise ValidationError(
                f"Erbjudandet ({offered_date.isoformat()}) ligger före beslutsdatum "
                f"{decision.decision_date.isoformat()}. Ändra datumet."
            )
        dwelling = s.get(Dwelling, dwelling_id)
        if dwelling is None:
            raise NotFoundError("Bostaden finns inte längre i databasen.")
        if dwelling.status != DwellingStatus.AVAILABLE:
            raise ValidationError(
                f"Bostaden {dwelling.address} är inte ledig (den är "
                f"{dwelling.status.label.lower()}). Välj en ledig bostad."
            )
        dwelling.status = DwellingStatus.OFFERED
        offer = Offer(
            decision=decision, dwelling=dwelling, offered_date=offered_date, reply_by=reply_by
        )
        s.add(offer)
        s.flush()
        uow.audit("create", "offer", offer.id)
        uow.commit()
        return offer.id


def answer_offer(
    db: Database,
    offer_id: int,
    expected_version: int,
    answer: OfferAnswer,
    answer_date: dt.date,
    decline_reason: str = "",
    user: str | None = None,
    today: dt.date | None = None,
) -> None:
    """Record the household's answer. Declined needs the reason (IVO asks for it) and frees
    the dwelling; accepted keeps it for the contract, which carries the decision out.
    """
    today = today or dt.date.today()
    if answer not in (OfferAnswer.ACCEPTED, OfferAnswer.DECLINED):
        raise ValidationError("Välj om hushållet tackade ja eller nej.")
    require_not_future(answer_date, today, "Svarsdatum")
    reason = decline_reason.strip()
    if answer == OfferAnswer.DECLINED and not reason:
        raise ValidationError(
            "Skriv varför hushållet tackade nej. Skälet redovisas till IVO om beslutet inte "
            "verkställs inom tre månader."
        )
    with UnitOfWork(db, user) as uow:
        offer = fetch_for_edit(
            uow.session,
            Offer,
            offer_id,
            expected_version,
            "Erbjudandet finns inte längre i databasen. Läs in listan på nytt.",
        )
        if offer.answer != OfferAnswer.PENDING:
            raise ValidationError(
                f"Erbjudandet är redan besvarat ({OfferAnswer(offer.answer).label.lower()})."
            )
        if answer_date < offer.offered_date:
            raise ValidationError(
                f"Svarsdatum {answer_date.isoformat()} ligger före erbjudandet "
                f"{offer.offered_date.isoformat()}. Ändra datumet."
            )
        offer.answer = OfferAnswer(answer)
        offer.answer_date = answer_date
        offer.decline_reason = reason if answer == OfferAnswer.DECLINED else ""
        if answer == OfferAnswer.DECLINED:
            release_dwelling(offer.dwelling)
        uow.audit("answer", "offer", offer.id, detail=answer)
        uow.commit()
