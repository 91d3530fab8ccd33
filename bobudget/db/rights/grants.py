"""Least privileges per group role and table: the one table of who may do what on PostgreSQL.

S = SELECT, I = INSERT, U = UPDATE, D = DELETE. A table not named here gets SELECT for every
group (read-only to the program). The README's table of roles says the same in words.
"""

from __future__ import annotations

from bobudget.db.rights.groups import ADMIN, CHEF, EGNA_MEDEL, GROUPS, HANDLEDARE, KONSULENT

_CASE_WORKERS = (KONSULENT, HANDLEDARE, EGNA_MEDEL)
_EVERYONE = GROUPS

# Append-only: INSERT and SELECT, never UPDATE or DELETE, for every application role. The
# access log and the change trail come with another part of the program: applied when present.
APPEND_ONLY_TABLES: tuple[str, ...] = ("audit_entries", "access_log", "change_trail")

# Only the unit manager and the administrators read these (the others only write them).
_READ_BY_CHEF_AND_ADMIN = frozenset({"access_log", "change_trail"})

# users: everyone saves their own name, phone and e-mail (the version and who-when columns go
# with any save); only administrators add users, change roles, deactivate, and name users for
# protected persons (users.protected_access: row-level security reads it).
OWN_DETAILS_COLUMNS: tuple[str, ...] = (
    "full_name",
    "phone",
    "email",
    "version",
    "updated_at",
    "updated_by",
)


def _each(groups: tuple[str, ...], privileges: str) -> dict[str, str]:
    return dict.fromkeys(groups, privileges)


_PERSON_REGISTER = {**_each(_CASE_WORKERS, "SIUD"), CHEF: "SU", ADMIN: "S"}
_PLACEMENT = {KONSULENT: "SIUD", HANDLEDARE: "SU", EGNA_MEDEL: "S", CHEF: "SU", ADMIN: "S"}
_FOLLOW_UP = {KONSULENT: "SIU", HANDLEDARE: "SIUD", EGNA_MEDEL: "S", CHEF: "SU", ADMIN: "S"}
_FUNDS = {KONSULENT: "S", HANDLEDARE: "S", EGNA_MEDEL: "SIUD", CHEF: "SU", ADMIN: "S"}
# The ledger: only egna medel staff post, and nobody changes or removes an entry (a mistake is
# corrected by a reversal, itself a new entry).
_LEDGER = {KONSULENT: "S", HANDLEDARE: "S", EGNA_MEDEL: "SI", CHEF: "S", ADMIN: "S"}

TABLE_PRIVILEGES: dict[str, dict[str, str]] = {
    "persons": _PERSON_REGISTER,
    "households": _PERSON_REGISTER,
    "household_members": _PERSON_REGISTER,
    "decisions": _PLACEMENT,
    "offers": _PLACEMENT,
    "landlords": _PLACEMENT,
    "dwellings": _PLACEMENT,
    "temporary_places": _PLACEMENT,
    "contracts": {**_PLACEMENT, HANDLEDARE: "SIU"},
    "contract_periods": _PLACEMENT,
    "housing_plans": {**_PLACEMENT, HANDLEDARE: "SIU"},
    "startup_meetings": _FOLLOW_UP,
    "startup_checklist_items": _FOLLOW_UP,
    "startup_checklist_item_events": _FOLLOW_UP,
    "follow_ups": _FOLLOW_UP,
    "housing_supports": _FOLLOW_UP,
    "rent_arrears": _FOLLOW_UP,
    "disturbances": _FOLLOW_UP,
    "eviction_notices": _FOLLOW_UP,
    "multiparty_meetings": _FOLLOW_UP,
    "managed_funds_accounts": _FUNDS,
    "budget_lines": _FUNDS,
    "recurring_payments": _FUNDS,
    "funds_reconciliations": _FUNDS,
    "funds_transactions": _LEDGER,
    "printed_letters": _each(_EVERYONE, "SI"),
    # The template texts and logos letters were drawn from (no personal data).
    "letter_sources": _each(_EVERYONE, "SI"),
    "checklist_templates": {**_each(_EVERYONE, "S"), ADMIN: "SIUD"},
    "database_facts": {**_each(_EVERYONE, "S"), ADMIN: "SIUD"},
    "users": {**_each(_EVERYONE, "S"), ADMIN: "SIU"},
    "user_roles": {**_each(_EVERYONE, "S"), ADMIN: "SID"},
    # The unit's settings and letter texts: every PC reads them, administrators change them.
    "unit_settings": {**_each(_EVERYONE, "S"), ADMIN: "SIU"},
    "unit_setting_changes": {**_each(_EVERYONE, "S"), ADMIN: "SI"},
    "letter_templates": {**_each(_EVERYONE, "S"), ADMIN: "SIU"},
    # Statistics: the reason for delay is written by who answers for the decisions and by the
    # unit manager; a report to IVO, once made, is kept as it was (no UPDATE or DELETE).
    "ivo_delay_reasons": {**_each(_EVERYONE, "S"), KONSULENT: "SIUD", CHEF: "SIUD"},
    "ivo_submissions": {**_each(_EVERYONE, "S"), KONSULENT: "SI", CHEF: "SI"},
    "survey_entries": {**_each(_EVERYONE, "S"), KONSULENT: "SIUD", CHEF: "SIUD"},
    "housing_company_lettings": {**_each(_EVERYONE, "S"), CHEF: "SIU", ADMIN: "SIU"},
}

_WORDS = {"S": "SELECT", "I": "INSERT", "U": "UPDATE", "D": "DELETE"}


def privileges(table: str, group: str) -> list[str]:
    """The SQL privileges `group` gets on `table` (the append-only rule wins over the map)."""
    if table in APPEND_ONLY_TABLES:
        reads = table not in _READ_BY_CHEF_AND_ADMIN or group in (CHEF, ADMIN)
        return ["INSERT", "SELECT"] if reads else ["INSERT"]
    letters = TABLE_PRIVILEGES.get(table, {}).get(group, "S")
    return [_WORDS[letter] for letter in letters]
