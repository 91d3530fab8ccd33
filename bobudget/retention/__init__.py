"""Gallring: which persons' records the law says to purge, a preview, and the purge itself."""
