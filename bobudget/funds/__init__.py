"""Egna medel: accounts, the ledger, budgets and recurring payments, rent, reconciliation,
statements, exports, the ledger check, and the review that falls due.
"""
