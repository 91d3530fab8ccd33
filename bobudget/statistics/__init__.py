"""Statistics and the statutory reports (DOMAIN.md, "Statistics the unit must produce").

Every report is a pure reading of the data into `ReportResult` (report.py); the window, the
command line and the exports all draw the same result, so a number never differs between them.
"""
