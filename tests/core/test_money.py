"""Tests for bobudget.kernel.money: reading and writing amounts in integer öre."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bobudget.kernel.errors import ValidationError
from bobudget.kernel.money import MAX_ABS_ORE, format_amount, format_amount_plain, parse_amount_ore

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("text", "ore"),
    [
        ("1 234,50", 123450),
        ("1234,50", 123450),
        ("1234.50", 123450),
        ("1 234", 123400),
        ("1234,5", 123450),
        ("1234.5", 123450),
        ("1234", 123400),
        ("0,05", 5),
        ("0", 0),
        ("-0", 0),
        ("12 345 678,90", 1234567890),
        ("1 234,50 kr", 123450),
        ("1 234,50kr", 123450),
        ("1 234,50 KR", 123450),
        ("1 234 kr.", 123400),
        (f"1{NBSP}234,50{NBSP}kr", 123450),
        ("1\u202f234,50", 123450),  # narrow no-break space
        ("1\u2009234,50", 123450),  # thin space
        ("-1 234,50 kr", -123450),
        ("\u22121 234,50", -123450),  # typographic minus sign
        ("-0,01", -1),
        ("  42  ", 4200),
    ],
)
def test_parse(text: str, ore: int) -> None:
    assert parse_amount_ore(text) == ore


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Belopp saknas"),
        ("   ", "Belopp saknas"),
        ("1234,567", "fler än två decimaler"),
        ("1.234", "fler än två decimaler"),  # a thousands point would be a thousandfold error
        ("1,234", "fler än två decimaler"),
        ("1.234,50", "blandar komma och punkt"),
        ("1,234.50", "blandar komma och punkt"),
        ("1.234.567", "fler än ett decimaltecken"),
        ("1234,", "saknar siffror efter decimaltecknet"),
        ("1234,-", "saknar siffror efter decimaltecknet"),
        ("abc", "är inte ett belopp"),
        ("12a", "är inte ett belopp"),
        ("kr", "är inte ett belopp"),
        ("12 34", "är inte ett belopp"),
        ("1234 567", "är inte ett belopp"),
        ("--5", "är inte ett belopp"),
        ("+5", "är inte ett belopp"),
        ("- 5", "är inte ett belopp"),
        (",50", "är inte ett belopp"),
        ("١٢٣", "är inte ett belopp"),  # Arabic-Indic digits
        ("1e3", "är inte ett belopp"),
        ("10 000 000 000 001", "orimligt stort"),
    ],
)
def test_parse_refuses(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_amount_ore(text)


def test_refusal_names_the_text() -> None:
    with pytest.raises(ValidationError, match=re.escape("'1.234,50 kr'")):
        parse_amount_ore("1.234,50 kr")


def test_largest_amount_is_accepted() -> None:
    assert parse_amount_ore("10 000 000 000 000") == MAX_ABS_ORE
    assert parse_amount_ore("-10 000 000 000 000") == -MAX_ABS_ORE


@pytest.mark.parametrize(
    ("ore", "text"),
    [
        (0, f"0,00{NBSP}kr"),
        (5, f"0,05{NBSP}kr"),
        (-5, f"-0,05{NBSP}kr"),
        (100, f"1,00{NBSP}kr"),
        (99999, f"999,99{NBSP}kr"),
        (123450, f"1{NBSP}234,50{NBSP}kr"),
        (-123450, f"-1{NBSP}234,50{NBSP}kr"),
        (123456789012, f"1{NBSP}234{NBSP}567{NBSP}890,12{NBSP}kr"),
    ],
)
def test_format_amount(ore: int, text: str) -> None:
    assert format_amount(ore) == text


@pytest.mark.parametrize(
    ("ore", "text"),
    [(0, "0,00"), (5, "0,05"), (-5, "-0,05"), (123450, "1234,50"), (-123450, "-1234,50")],
)
def test_format_amount_plain(ore: int, text: str) -> None:
    assert format_amount_plain(ore) == text


def test_format_never_wraps() -> None:
    assert " " not in format_amount(-123456789)


@settings(database=None)
@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_round_trip(ore: int) -> None:
    assert parse_amount_ore(format_amount(ore)) == ore
    assert parse_amount_ore(format_amount_plain(ore)) == ore
