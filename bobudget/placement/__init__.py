"""Placement: decisions, the queue, offers, landlords and dwellings, contracts, temporary housing,
takeover, costs, the lists, and what falls due.
"""
