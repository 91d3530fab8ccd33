"""The PostgreSQL group roles of bobudget, one per user role, and the owner nobody logs in as.

Role names are cluster-wide: every bobudget database on one server shares these groups.
"""

from __future__ import annotations

from bobudget.model.vocab import UserRole

KONSULENT = "bobudget_konsulent"
HANDLEDARE = "bobudget_handledare"
EGNA_MEDEL = "bobudget_egna_medel"
CHEF = "bobudget_chef"
ADMIN = "bobudget_admin"
# Owns the schema and every table; NOLOGIN, so no session works with the owner's rights (an
# owner passes row-level security and may change grants).
OWNER = "bobudget_owner"

GROUP_OF_ROLE: dict[UserRole, str] = {
    UserRole.BOSTADSKONSULENT: KONSULENT,
    UserRole.BOSTADSHANDLEDARE: HANDLEDARE,
    UserRole.HANDLAGGARE_EGNA_MEDEL: EGNA_MEDEL,
    UserRole.ENHETSCHEF: CHEF,
    UserRole.ADMINISTRATOR: ADMIN,
}

GROUPS: tuple[str, ...] = (KONSULENT, HANDLEDARE, EGNA_MEDEL, CHEF, ADMIN)
