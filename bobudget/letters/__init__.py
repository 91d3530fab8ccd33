"""The letter engine: kinds, template syntax, templates staff can override, facts, PDF output.

Each domain builds its own letter data (placement/letters.py, follow_up/letters.py,
funds/letters.py); the letter service in app/letters.py puts them together. No Qt here.
"""
