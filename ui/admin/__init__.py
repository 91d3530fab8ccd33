"""The Administration page's parts: the staff list (users)."""
