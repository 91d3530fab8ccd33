"""The form's words for each stored text, so that a refused text is named as the user knows it.

The unit of work's last guard (uow.py) refuses a control character or a text longer than its
column for every service alike; this says which field it was ("Hyresvärdens namn", "Plats").
A column not listed here is named "En text": it is never typed by a user.
"""

from __future__ import annotations

__all__ = ["field_label"]

_NOTE = {"note": "Anteckning"}

_LABELS: dict[str, dict[str, str]] = {
    "persons": {
        "identity": "Personnummer",
        "first_name": "Förnamn",
        "last_name": "Efternamn",
        "address": "Adress",
        "postal_code": "Postnummer",
        "city": "Ort",
        "phone": "Telefon",
        "email": "E-post",
        **_NOTE,
    },
    "households": {"name": "Hushållets namn", **_NOTE},
    "landlords": {
        "name": "Hyresvärdens namn",
        "contact_name": "Kontaktperson",
        "phone": "Telefon",
        "email": "E-post",
        "address": "Adress",
    },
    "dwellings": {
        "address": "Bostadens adress",
        "postal_code": "Postnummer",
        "city": "Ort",
        "object_number": "Objektnummer",
    },
    "temporary_places": {
        "name": "Platsens namn",
        "address": "Adress",
        "postal_code": "Postnummer",
        "city": "Ort",
        "rules": "Platsens regler",
    },
    "users": {"username": "Användarnamn", "full_name": "Namn"},
    "decisions": {
        "decided_by": "Beslutsfattare",
        "unit": "Enhet",
        "reference": "Diarienummer",
        "end_reason": "Skäl",
        "need_areas_wished": "Önskade områden",
        "need_areas_avoided": "Områden att undvika",
        "delay_reason": "Skäl till dröjsmål",
        **_NOTE,
    },
    "offers": {"decline_reason": "Skäl till nej"},
    "contracts": {
        "end_reason": "Skäl",
        "municipality_lease_reference": "Kommunens förstahandskontrakt",
        "takeover_review_note": "Bedömning",
        **_NOTE,
    },
    "contract_periods": {"assessment": "Bedömning"},
    "managed_funds_accounts": {"bank_account_reference": "Bankkonto", **_NOTE},
    "funds_transactions": {
        "category": "Kategori",
        "counterparty": "Motpart",
        "handed_out_by": "Utlämnat av",
        **_NOTE,
    },
    "recurring_payments": {"category": "Kategori", "counterparty": "Mottagare", **_NOTE},
    "budget_lines": {"category": "Kategori"},
    "funds_reconciliations": _NOTE,
    "housing_supports": {"provider": "Utförare", "responsible": "Ansvarig", **_NOTE},
    "disturbances": {"description": "Vad som anmäldes"},
    "eviction_notices": {
        "case_number": "Mål-/ärendenummer",
        "responsible": "Ansvarig",
        **_NOTE,
    },
    "rent_arrears": _NOTE,
    "follow_ups": {
        "participants": "Deltagare",
        "notes": "Anteckningar",
        "outcome": "Resultat och plan",
        "responsible": "Ansvarig",
    },
    "housing_plans": {
        "goals": "Mål",
        "activities": "Aktiviteter",
        "responsibilities": "Ansvar",
        "support": "Stöd",
        "participation": "Delaktighet",
        "follow_up_plan": "Uppföljning",
    },
    "startup_meetings": {
        "meeting_time": "Klockslag",
        "place": "Plats",
        "participants": "Deltagare",
        "responsible": "Ansvarig",
    },
    "startup_checklist_items": {"text": "Punkt", "done_by": "Gjord av", **_NOTE},
    "multiparty_meetings": {
        "meeting_time": "Klockslag",
        "place": "Plats",
        "participants": "Inbjudna",
        "agreed": "Överenskommet",
        "consent_to_share": "Samtycke",
        "responsible": "Ansvarig",
    },
}


def field_label(table: str, column: str) -> str:
    """How the forms name `table.column`; "En text" for one no form shows."""
    return _LABELS.get(table, {}).get(column, "En text")
