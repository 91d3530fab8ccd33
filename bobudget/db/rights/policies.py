"""Row-level security: a protected person, and every row hanging off one, is visible only to a
user named for protected persons (users.protected_access). So is a household with a protected
member, and every row hanging off that household (its decisions, their offers …)."""

from __future__ import annotations

# The column that marks a person with skyddade personuppgifter (model/persons.py).
PROTECTED_COLUMN = "protected_identity"

# The login of the session is the user (never a name the client claims): current_user.
NAMED_FOR_PROTECTED = (
    "EXISTS (SELECT 1 FROM users u WHERE u.username = current_user "
    "AND u.active AND u.protected_access)"
)

PERSON_POLICY = f"(NOT {PROTECTED_COLUMN} OR {NAMED_FOR_PROTECTED})"

# The households with a protected member. A policy cannot find them itself: the user's own
# query of persons hides the protected ones. So a function owned by the table owner (who
# passes row-level security) answers; it gives household ids only, never who is in them.
PROTECTED_HOUSEHOLDS_FUNCTION = "bobudget_protected_households"
PROTECTED_HOUSEHOLDS_SQL = (
    f"CREATE OR REPLACE FUNCTION {PROTECTED_HOUSEHOLDS_FUNCTION}() RETURNS SETOF integer "
    "LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS "
    "$$ SELECT m.household_id FROM household_members m JOIN persons p ON p.id = m.person_id "
    f"WHERE p.{PROTECTED_COLUMN} $$"
)
# NOT IN over a non-correlated set: hashed once per query, like the IN form below.
HOUSEHOLD_POLICY = (
    f"(id NOT IN (SELECT {PROTECTED_HOUSEHOLDS_FUNCTION}()) OR {NAMED_FOR_PROTECTED})"
)

# table → (column, parent table) pairs: a row is visible when each of its parent rows is. The
# parent's own policy applies inside the subquery, so the chain reaches persons from any depth.
HANGING_OFF: dict[str, tuple[tuple[str, str], ...]] = {
    "household_members": (("person_id", "persons"), ("household_id", "households")),
    "contracts": (("person_id", "persons"), ("household_id", "households")),
    "decisions": (("household_id", "households"),),
    "offers": (("decision_id", "decisions"),),
    "ivo_delay_reasons": (("decision_id", "decisions"),),
}
_ONE_PARENT: dict[str, tuple[str, str]] = {
    "housing_supports": ("person_id", "persons"),
    "rent_arrears": ("person_id", "persons"),
    "disturbances": ("person_id", "persons"),
    "eviction_notices": ("person_id", "persons"),
    "multiparty_meetings": ("person_id", "persons"),
    "managed_funds_accounts": ("person_id", "persons"),
    "printed_letters": ("person_id", "persons"),
    "contract_periods": ("contract_id", "contracts"),
    "housing_plans": ("contract_id", "contracts"),
    "follow_ups": ("contract_id", "contracts"),
    "startup_meetings": ("contract_id", "contracts"),
    "startup_checklist_items": ("meeting_id", "startup_meetings"),
    "startup_checklist_item_events": ("item_id", "startup_checklist_items"),
    "funds_transactions": ("account_id", "managed_funds_accounts"),
    "budget_lines": ("account_id", "managed_funds_accounts"),
    "recurring_payments": ("account_id", "managed_funds_accounts"),
    "funds_reconciliations": ("account_id", "managed_funds_accounts"),
}
HANGING_OFF.update({table: (parent,) for table, parent in _ONE_PARENT.items()})

POLICY_NAME = "bobudget_protected_persons"


def policy_expression(table: str) -> str:
    if table == "persons":
        return PERSON_POLICY
    if table == "households":
        return HOUSEHOLD_POLICY
    # A NULL reference (a letter to nobody in particular) hangs off no person. IN over the
    # parent's visible ids, not a correlated EXISTS: PostgreSQL hashes the ids once per query
    # instead of probing per row (a million ledger rows summed: 0.4 s instead of 1.0 s).
    conditions = " AND ".join(
        f"({column} IS NULL OR {column} IN (SELECT id FROM {parent}))"
        for column, parent in HANGING_OFF[table]
    )
    return f"({conditions})"


PROTECTED_TABLES: tuple[str, ...] = ("persons", "households", *HANGING_OFF)
