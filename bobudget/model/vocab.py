"""The closed sets of words the data model stores: every status and kind, with its Swedish label.

Each enum's member values are exactly the strings in the database (a StrEnum formats and
compares as its value, so printing one or comparing it with a stored string needs no
conversion). The database holds to the same sets through CHECK constraints (migration 0005);
`bobudget.model.base.vocab_check` declares them on the models from these enums.

Every member is written `NAME = "value", "Swedish label"`; `member.label` is what the window,
the letters and the reports show.
"""

from __future__ import annotations

from bobudget.kernel.identity import IdentityKind
from bobudget.kernel.labelled import Vocabulary

__all__ = [
    "ALL_VOCABULARIES",
    "LEASE_KINDS",
    "AccessKind",
    "BudgetDirection",
    "ChecklistAction",
    "ConsentForm",
    "ContractBasis",
    "ContractKind",
    "CostUnit",
    "DataOperation",
    "DecisionKind",
    "DecisionStatus",
    "DwellingStatus",
    "EntryKind",
    "HouseholdRole",
    "IdentityKind",
    "LandlordKind",
    "NoticeSender",
    "OfferAnswer",
    "PeriodOutcome",
    "PlaceKind",
    "SettingSource",
    "TakeoverOutcome",
    "UserRole",
    "Vocabulary",
]


# Placement


class ContractKind(Vocabulary):
    """contracts.kind: the four kinds of contract (DOMAIN.md)."""

    SOCIAL = "social", "Socialt kontrakt"
    TRANSITIONAL = "transitional", "Bostadssocialt kontrakt"
    HOUSING_FIRST = "housing_first", "Bostad först"
    TEMPORARY = "temporary", "Tillfälligt boende"


# The contract kinds that are a lease the unit follows up after move-in. Temporary housing is a
# placement, renewed or ended every period, not followed up with meetings.
LEASE_KINDS: frozenset[ContractKind] = frozenset(
    {ContractKind.SOCIAL, ContractKind.TRANSITIONAL, ContractKind.HOUSING_FIRST}
)


class ContractBasis(Vocabulary):
    """contracts.basis: what the contract rests on."""

    DECISION = "decision", "Beslut"  # carries out a decision
    LEASE = "lease", "Upplåtelse mot betalning"  # temporary housing let for payment
    IMPORT = "import", "Import"


class PeriodOutcome(Vocabulary):
    """contract_periods.outcome: what became of one period of temporary housing."""

    PENDING = "pending", "Ej beslutad"
    RENEWED = "renewed", "Förlängd"
    ENDED = "ended", "Avslutad"
    MOVED = "moved", "Flyttad"


class DecisionKind(Vocabulary):
    """decisions.kind: what the decision grants."""

    HOUSING = "housing", "Hjälp med bostadsanskaffning"
    TEMPORARY = "temporary", "Tillfälligt boende"
    HOUSING_SUPPORT = "housing_support", "Boendestöd"
    MANAGED_FUNDS = "managed_funds", "Egna medel"


class DecisionStatus(Vocabulary):
    """decisions.status: waiting, carried out (verkställt), or ended without being carried out."""

    WAITING = "waiting", "Väntar"
    EXECUTED = "executed", "Verkställt"
    ENDED = "ended", "Avslutat"


class OfferAnswer(Vocabulary):
    """offers.answer."""

    PENDING = "pending", "Väntar på svar"
    ACCEPTED = "accepted", "Tackade ja"
    DECLINED = "declined", "Tackade nej"


class LandlordKind(Vocabulary):
    """landlords.kind."""

    MUNICIPAL_COMPANY = "municipal_company", "Kommunalt bostadsbolag"  # allmännyttan
    MUNICIPAL_FOUNDATION = "municipal_foundation", "Kommunal stiftelse"
    PRIVATE = "private", "Privat hyresvärd"


class DwellingStatus(Vocabulary):
    """dwellings.status."""

    AVAILABLE = "available", "Ledig"
    OFFERED = "offered", "Erbjuden"
    LET = "let", "Uthyrd"
    BLOCKED = "blocked", "Spärrad"


class PlaceKind(Vocabulary):
    """temporary_places.kind."""

    HOSTEL = "hostel", "Vandrarhem"
    HOTEL = "hotel", "Hotell"
    TEMPORARY_FLAT = "temporary_flat", "Tillfällig lägenhet"
    SHELTER = "shelter", "Härbärge"


class CostUnit(Vocabulary):
    """temporary_places.cost_unit and contracts.placement_cost_unit: what a price is the price of.

    contracts.placement_cost_unit may also be "" (no price of its own: the place's applies).
    """

    NIGHT = "night", "per natt"
    MONTH = "month", "per månad"


class TakeoverOutcome(Vocabulary):
    """contracts.takeover_outcome: what the takeover review (or the 24-month review) decided.

    "" when no decision is recorded yet.
    """

    TAKEN_OVER = "taken_over", "Tar över kontraktet"
    EXTENDED = "extended", "Prövotiden förlängs"
    NOT_TAKEN_OVER = "not_taken_over", "Tar inte över kontraktet"


# Persons and users


class HouseholdRole(Vocabulary):
    """household_members.role."""

    APPLICANT = "applicant", "Sökande"
    CO_APPLICANT = "co_applicant", "Medsökande"
    CHILD = "child", "Barn"
    OTHER = "other", "Övrig"


class UserRole(Vocabulary):
    """users.role: what a user may do."""

    BOSTADSKONSULENT = "bostadskonsulent", "Bostadskonsulent"
    BOSTADSHANDLEDARE = "bostadshandledare", "Bostadshandledare"
    HANDLAGGARE_EGNA_MEDEL = "handlaggare_egna_medel", "Handläggare egna medel"
    ENHETSCHEF = "enhetschef", "Enhetschef"
    ADMINISTRATOR = "administrator", "Systemadministratör"


class AccessKind(Vocabulary):
    """access_log.what: how a user came to see a person's data (DOMAIN.md, "Personal data")."""

    CARD_OPENED = "card_opened", "Personkort öppnat"
    LIST_SHOWN = "list_shown", "Lista visad"
    SEARCH = "search", "Sökning"
    LETTER_PRINTED = "letter_printed", "Brev utskrivet"
    EXPORT = "export", "Export"


class DataOperation(Vocabulary):
    """change_trail.operation: what a saved change did to a row."""

    INSERT = "insert", "Ny"
    UPDATE = "update", "Ändrad"
    DELETE = "delete", "Borttagen"


# Follow-up


class NoticeSender(Vocabulary):
    """eviction_notices.sender: who sent the underrättelse."""

    LANDLORD = "landlord", "Hyresvärden"
    KRONOFOGDEN = "kronofogden", "Kronofogden"


class ConsentForm(Vocabulary):
    """multiparty_meetings.consent_form and consent_withdrawal_form: how the tenant gave (or
    withdrew) consent to tell the landlord something. Blank on rows from before it was asked."""

    WRITTEN = "written", "Skriftligt"
    ORAL = "oral", "Muntligt"


class ChecklistAction(Vocabulary):
    """startup_checklist_item_events.action: a tick set, or a tick taken away."""

    TICKED = "ticked", "Bockade av"
    UNTICKED = "unticked", "Tog bort bocken"


# The unit's settings


class SettingSource(Vocabulary):
    """unit_setting_changes.source and letter_templates.source: how a value got there."""

    EDITED = "edited", "Ändrad"
    CARRIED_OVER = "carried_over", "Överförd från inställningsfilen"
    RESTORED = "restored", "Återställd från äldre version"


# Egna medel


class EntryKind(Vocabulary):
    """funds_transactions.kind. Income adds; payment and cash take away; a reversal undoes."""

    INCOME = "income", "Insättning"
    PAYMENT = "payment", "Betalning"
    CASH = "cash", "Kontantutbetalning"
    REVERSAL = "reversal", "Rättelse"


class BudgetDirection(Vocabulary):
    """budget_lines.direction, and which side of the budget an entry kind draws on."""

    INCOME = "income", "Inkomst"
    EXPENSE = "expense", "Utgift"


# Every vocabulary a column stores, for the tests and the constraints. IdentityKind
# (persons.identity_kind) lives with the identity numbers; its words are shown by the number.
ALL_VOCABULARIES: tuple[type[Vocabulary], ...] = (
    ContractKind,
    ContractBasis,
    PeriodOutcome,
    DecisionKind,
    DecisionStatus,
    OfferAnswer,
    LandlordKind,
    DwellingStatus,
    PlaceKind,
    CostUnit,
    TakeoverOutcome,
    HouseholdRole,
    UserRole,
    AccessKind,
    DataOperation,
    NoticeSender,
    ConsentForm,
    ChecklistAction,
    SettingSource,
    EntryKind,
    BudgetDirection,
)
