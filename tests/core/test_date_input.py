"""Typed dates: the forms a user types, and impossible dates refused, never rolled over."""

from __future__ import annotations

import datetime as dt

import pytest

from bobudget.kernel.errors import ValidationError
from bobudget.kernel.formatting import parse_date_input, parse_month_input, parse_named_date

TODAY = dt.date(2026, 6, 15)


@pytest.mark.parametrize("typed", ["2026-03-05", "20260305", "5/3", " 05/03 ", "2026-3-5"])
def test_the_three_forms_give_the_same_date(typed: str) -> None:
    assert parse_date_input(typed, TODAY) == dt.date(2026, 3, 5)


def test_day_month_takes_the_year_of_today() -> None:
    assert parse_date_input("5/3", dt.date(2027, 1, 2)) == dt.date(2027, 3, 5)


def test_empty_is_no_date() -> None:
    assert parse_date_input("  ", TODAY) is None


@pytest.mark.parametrize("typed", ["2026-02-31", "20260231", "31/2"])
def test_an_impossible_date_is_refused_by_name(typed: str) -> None:
    with pytest.raises(ValidationError, match="31 februari 2026 finns inte"):
        parse_date_input(typed, TODAY)


def test_leap_day_only_in_a_leap_year() -> None:
    assert parse_date_input("2028-02-29", TODAY) == dt.date(2028, 2, 29)
    with pytest.raises(ValidationError, match="29 februari 2026 finns inte"):
        parse_date_input("29/2", TODAY)


@pytest.mark.parametrize("typed", ["2026-13-01", "igår", "5.3", "2026/03/05", "1/2/3"])
def test_what_cannot_be_read_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError):
        parse_date_input(typed, TODAY)


def test_a_month() -> None:
    assert parse_month_input("2026-03") == dt.date(2026, 3, 1)
    assert parse_month_input("202603") == dt.date(2026, 3, 1)
    with pytest.raises(ValidationError):
        parse_month_input("2026-13")


def test_a_date_given_without_a_form_is_read_the_same_way_and_named() -> None:
    """The command line reads its dates as the forms do: never rolled over, the option named."""
    assert parse_named_date("2025-05-12", "Från-datumet", TODAY) == dt.date(2025, 5, 12)
    with pytest.raises(ValidationError, match=r"^Från-datumet: 31 februari 2026 finns inte"):
        parse_named_date("2026-02-31", "Från-datumet", TODAY)
    with pytest.raises(ValidationError, match=r"^Till-datumet saknas"):
        parse_named_date(" ", "Till-datumet", TODAY)
