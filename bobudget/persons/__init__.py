"""Persons and households: the register, search, create and change."""
