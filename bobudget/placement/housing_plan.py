"""The housing plan (boplan) of a contract: goals, activities, who does what, support, how the
person took part, when it was adopted and how it is followed up. Printed with the contract.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from sqlalchemy import select

from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork, conflict_error
from bobudget.kernel.errors import NotFoundError
from bobudget.model import Contract, HousingPlan
from bobudget.placement.common import fetch_for_edit

__all__ = ["HousingPlanData", "get_housing_plan", "save_housing_plan"]


@dataclass
class HousingPlanData:
    goals: str = ""
    activities: str = ""
    responsibilities: str = ""
    support: str = ""
    participation: str = ""
    adopted_date: dt.date | None = None
    follow_up_plan: str = ""
    # None: the contract has no plan yet; saving creates it.
    version: int | None = None

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self) if f.name not in ("version",))


_TEXTS = ("goals", "activities", "responsibilities", "support", "participation", "follow_up_plan")


def get_housing_plan(db: Database, contract_id: int) -> HousingPlanData:
    with db.sessions() as s:
        if s.get(Contract, contract_id) is None:
            raise NotFoundError("Kontraktet finns inte längre i databasen.")
        plan = s.scalar(select(HousingPlan).where(HousingPlan.contract_id == contract_id))
        if plan is None:
            return HousingPlanData()
        data = HousingPlanData(adopted_date=plan.adopted_date, version=plan.version)
        for name in _TEXTS:
            setattr(data, name, getattr(plan, name))
        return data


def save_housing_plan(
    db: Database, contract_id: int, data: HousingPlanData, user: str | None = None
) -> int:
    """Create or change the contract's plan; `data.version` is the version it was read at.

    Returns the new version. Someone else's save in between is refused, nothing overwritten.
    """
    with UnitOfWork(db, user) as uow:
        s = uow.session
        fetch_for_edit(s, Contract, contract_id, None, "Kontraktet finns inte längre.")
        plan = s.scalar(select(HousingPlan).where(HousingPlan.contract_id == contract_id))
        if plan is None:
            if data.version is not None:
                raise NotFoundError(
                    "Boplanen har tagits bort av någon annan medan du ändrade den. "
                    "Ingenting sparades."
                )
            plan = HousingPlan(contract_id=contract_id)
            s.add(plan)
        elif data.version != plan.version:
            raise conflict_error(plan.updated_by, plan.updated_at)
        for name in _TEXTS:
            setattr(plan, name, getattr(data, name).strip())
        plan.adopted_date = data.adopted_date
        s.flush()
        uow.audit("update", "housing_plan", plan.id)
        uow.commit()
        return plan.version
