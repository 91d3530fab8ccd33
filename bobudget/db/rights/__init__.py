"""Who may do what, enforced by PostgreSQL itself: group roles, grants, row-level security."""
