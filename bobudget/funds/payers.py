"""Who pays a client's income: the list lives with the letters (bobudget.letters.payers)."""

from __future__ import annotations

from bobudget.letters.payers import PAYERS_FILE, Payer, load_payers, parse_payers

__all__ = ["PAYERS_FILE", "Payer", "load_payers", "parse_payers"]
