"""Follow-up: start-up meetings, follow-up meetings, boendestöd, rent debts and disturbances,
eviction notices, multiparty meetings, and what falls due.
"""
