"""bobudget: the core of the housing and budget unit's program (never imports Qt)."""

__version__ = "0.1.0"
