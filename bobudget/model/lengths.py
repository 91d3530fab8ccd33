"""How much text each column holds, and the form's word for each typed text column.

The forms limit their fields to what the columns hold (ui/kit), and the unit of work refuses a
longer text from anywhere, naming the field (db/uow.py): a 5 000-character first name once
broke the person card. Both read the length from the model, so it is written once.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import InstrumentedAttribute

# The label a form shows for each column a user types into (table, column) → label.
FIELD_LABELS: dict[tuple[str, str], str] = {
    ("persons", "first_name"): "Förnamn",
    ("persons", "last_name"): "Efternamn",
    ("persons", "address"): "Adress",
    ("persons", "postal_code"): "Postnummer",
    ("persons", "city"): "Ort",
    ("persons", "phone"): "Telefon",
    ("persons", "email"): "E-post",
    ("households", "name"): "Hushållets namn",
    ("users", "full_name"): "Namn",
    ("landlords", "name"): "Namn",
    ("landlords", "contact_name"): "Kontaktperson",
    ("landlords", "phone"): "Telefon",
    ("landlords", "email"): "E-post",
    ("landlords", "address"): "Adress",
    ("dwellings", "address"): "Adress",
    ("dwellings", "postal_code"): "Postnummer",
    ("dwellings", "city"): "Ort",
    ("dwellings", "object_number"): "Objektnummer",
    ("decisions", "decided_by"): "Beslutsfattare",
    ("decisions", "unit"): "Enhet",
    ("decisions", "reference"): "Diarienummer",
    ("decisions", "need_areas_wished"): "Önskade områden",
    ("decisions", "need_areas_avoided"): "Områden att undvika",
    ("temporary_places", "name"): "Namn",
    ("temporary_places", "address"): "Adress",
    ("temporary_places", "postal_code"): "Postnummer",
    ("temporary_places", "city"): "Ort",
    ("contracts", "municipality_lease_reference"): "Kommunens förstahandskontrakt",
    ("startup_meetings", "meeting_time"): "Klockslag",
    ("startup_meetings", "place"): "Plats",
    ("startup_meetings", "responsible"): "Ansvarig",
    ("startup_checklist_items", "text"): "Punkt",
    ("follow_ups", "responsible"): "Ansvarig",
    ("housing_supports", "provider"): "Utförare",
    ("housing_supports", "responsible"): "Ansvarig",
    ("eviction_notices", "case_number"): "Målnummer",
    ("eviction_notices", "responsible"): "Ansvarig",
    ("multiparty_meetings", "meeting_time"): "Klockslag",
    ("multiparty_meetings", "place"): "Plats",
    ("multiparty_meetings", "responsible"): "Ansvarig",
    ("managed_funds_accounts", "bank_account_reference"): "Bankkonto",
    ("funds_transactions", "counterparty"): "Motpart",
    ("funds_transactions", "handed_out_by"): "Utlämnat av",
    ("recurring_payments", "counterparty"): "Motpart",
    # Texts without a length limit too (notes, reasons): a refused control character names
    # its field in every service (db/uow.py).
    ("persons", "note"): "Anteckning",
    ("households", "note"): "Anteckning",
    ("temporary_places", "rules"): "Platsens regler",
    ("decisions", "end_reason"): "Skäl",
    ("decisions", "delay_reason"): "Skäl till dröjsmål",
    ("decisions", "note"): "Anteckning",
    ("ivo_delay_reasons", "reason"): "Orsak till dröjsmål",
    ("offers", "decline_reason"): "Skäl till nej",
    ("contracts", "end_reason"): "Skäl",
    ("contracts", "takeover_review_note"): "Bedömning",
    ("contracts", "note"): "Anteckning",
    ("contract_periods", "assessment"): "Bedömning",
    ("managed_funds_accounts", "note"): "Anteckning",
    ("funds_transactions", "category"): "Kategori",
    ("funds_transactions", "note"): "Anteckning",
    ("recurring_payments", "category"): "Kategori",
    ("recurring_payments", "note"): "Anteckning",
    ("budget_lines", "category"): "Kategori",
    ("funds_reconciliations", "note"): "Anteckning",
    ("housing_supports", "note"): "Anteckning",
    ("disturbances", "description"): "Vad som anmäldes",
    ("eviction_notices", "note"): "Anteckning",
    ("rent_arrears", "note"): "Anteckning",
    ("follow_ups", "participants"): "Deltagare",
    ("follow_ups", "notes"): "Anteckningar",
    ("follow_ups", "outcome"): "Resultat och plan",
    ("housing_plans", "goals"): "Mål",
    ("housing_plans", "activities"): "Aktiviteter",
    ("housing_plans", "responsibilities"): "Ansvar",
    ("housing_plans", "support"): "Stöd",
    ("housing_plans", "participation"): "Delaktighet",
    ("housing_plans", "follow_up_plan"): "Uppföljning",
    ("startup_meetings", "participants"): "Deltagare",
    ("startup_checklist_items", "done_by"): "Gjord av",
    ("startup_checklist_items", "note"): "Anteckning",
    ("multiparty_meetings", "participants"): "Inbjudna",
    ("multiparty_meetings", "agreed"): "Överenskommet",
    ("multiparty_meetings", "consent_to_share"): "Samtycke",
}


def max_length(attribute: InstrumentedAttribute[Any]) -> int | None:
    """The characters a String(n) column holds; None for a text without a limit."""
    columns = getattr(attribute.property, "columns", ())
    kind = columns[0].type if columns else None
    return kind.length if isinstance(kind, String) else None


def field_label(table: str, column: str) -> str:
    """The form's word for a column, for a message; a plain description where none is known."""
    return FIELD_LABELS.get((table, column), f"Texten ({column})")


def too_long_message(label: str, length: int, limit: int) -> str:
    return f"{label} får vara högst {limit} tecken, men texten har {length}. Korta den."
