"""The data model of the whole domain: SQLAlchemy 2 typed classes on one Base."""

from bobudget.model.admin import (
    ROLES,
    AuditEntry,
    DatabaseFact,
    LetterSource,
    PrintedLetter,
    User,
    UserRoleGrant,
)
from bobudget.model.audit_log import AccessLog, ChangeTrail
from bobudget.model.base import Base, Editable
from bobudget.model.follow_up import (
    ChecklistItemEvent,
    ChecklistTemplate,
    Disturbance,
    EvictionNotice,
    FollowUp,
    HousingSupport,
    MultipartyMeeting,
    RentArrear,
    StartupChecklistItem,
    StartupMeeting,
)
from bobudget.model.funds import (
    BudgetLine,
    FundsTransaction,
    ManagedFundsAccount,
    Reconciliation,
    RecurringPayment,
)
from bobudget.model.housing import (
    Contract,
    ContractPeriod,
    Decision,
    Dwelling,
    HousingPlan,
    Landlord,
    Offer,
    TemporaryPlace,
)
from bobudget.model.persons import Household, HouseholdMember, Person
from bobudget.model.statistics import IvoDelayReason, IvoSubmission
from bobudget.model.survey import HousingCompanyLettings, SurveyEntry
from bobudget.model.unit import LetterTemplate, UnitSetting, UnitSettingChange

__all__ = [
    "ROLES",
    "AccessLog",
    "AuditEntry",
    "Base",
    "BudgetLine",
    "ChangeTrail",
    "ChecklistItemEvent",
    "ChecklistTemplate",
    "Contract",
    "ContractPeriod",
    "DatabaseFact",
    "Decision",
    "Disturbance",
    "Dwelling",
    "Editable",
    "EvictionNotice",
    "FollowUp",
    "FundsTransaction",
    "Household",
    "HouseholdMember",
    "HousingCompanyLettings",
    "HousingPlan",
    "HousingSupport",
    "IvoDelayReason",
    "IvoSubmission",
    "Landlord",
    "LetterSource",
    "LetterTemplate",
    "ManagedFundsAccount",
    "MultipartyMeeting",
    "Offer",
    "Person",
    "PrintedLetter",
    "Reconciliation",
    "RecurringPayment",
    "RentArrear",
    "StartupChecklistItem",
    "StartupMeeting",
    "SurveyEntry",
    "TemporaryPlace",
    "UnitSetting",
    "UnitSettingChange",
    "User",
    "UserRoleGrant",
]
