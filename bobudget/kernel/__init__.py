"""The kernel: what every part of the program stands on — errors, money, identity numbers, dates
and the calendar, formatting, search text, settings, spreadsheets. Imports nothing else of
bobudget.
"""
