"""Hjälp: the shortcut table and its list, and the handbook shown in the window."""
