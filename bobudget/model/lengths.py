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
