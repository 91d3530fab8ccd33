"""Every report the program makes, in the order the Statistik page and `bobudget report` list
them. A report module adds itself here; nothing else names the reports."""

from __future__ import annotations

from bobudget.statistics.housing_first import HousingFirstReport
from bobudget.statistics.ivo import IvoReport
from bobudget.statistics.placements import PlacementsReport
from bobudget.statistics.queue_stats import QueueReport
from bobudget.statistics.report import Report
from bobudget.statistics.survey import SurveyReport

REPORTS: tuple[Report, ...] = (
    PlacementsReport(),
    IvoReport(),
    SurveyReport(),
    QueueReport(),
    HousingFirstReport(),
)


def report_by_key(key: str) -> Report | None:
    return next((report for report in REPORTS if report.key == key), None)
