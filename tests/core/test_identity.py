"""Tests for bobudget.kernel.identity: reference vectors, hand-written boundaries and properties."""

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bobudget.kernel.errors import ValidationError
from bobudget.kernel.identity import (
    DEMO_BIRTH_NUMBERS,
    IdentityKind,
    IdentityNumber,
    demo_identity,
    is_valid_identity,
    make_reserve_number,
    parse_identity,
)

TODAY = date(2026, 11, 27)

# The shared vectors live beside the repository, never inside it (/work/shared/...).
VECTORS_PATH = Path(__file__).resolve().parents[3] / "shared/testdata/personnummer/list.json"


def _load_vectors() -> list[dict[str, Any]]:
    if not VECTORS_PATH.is_file():
        return []
    vectors: list[dict[str, Any]] = json.loads(VECTORS_PATH.read_text(encoding="utf-8"))
    return vectors


VECTORS = _load_vectors()
VALID_VECTORS = [v for v in VECTORS if v["valid"]]
INVALID_VECTORS = [v for v in VECTORS if not v["valid"]]


def _luhn_digit(nine: str) -> str:
    """An independent Luhn computation, so the tests do not trust the code under test."""
    total = 0
    for index, char in enumerate(nine):
        value = int(char) * (2 - index % 2)
        total += value - 9 if value > 9 else value
    return str((10 - total % 10) % 10)


def _number(birth: date, birth_number: int, *, coordination: bool = False) -> str:
    """The canonical 12-digit number for a birth date and birth number."""
    day = birth.day + 60 if coordination else birth.day
    without_check = f"{birth.year:04d}{birth.month:02d}{day:02d}{birth_number:03d}"
    return without_check + _luhn_digit(without_check[2:])


def _age(birth: date, today: date) -> int:
    return today.year - birth.year - int((today.month, today.day) < (birth.month, birth.day))


# --- (a) the public reference vectors --------------------------------------------------------


def test_reference_vectors_file_is_present() -> None:
    # CI always has the file; a missing file must fail, not quietly skip the vectors below.
    if not VECTORS_PATH.is_file():
        pytest.fail(f"Reference vectors missing: expected {VECTORS_PATH} (the shared test data).")
    assert VALID_VECTORS and INVALID_VECTORS


@pytest.mark.parametrize("vector", VALID_VECTORS, ids=lambda v: v["separated_long"])
def test_valid_reference_vector(vector: dict[str, Any]) -> None:
    parsed = parse_identity(vector["separated_long"], TODAY)
    expected_kind = {"ssn": IdentityKind.PERSONNUMMER, "con": IdentityKind.SAMORDNINGSNUMMER}
    assert parsed.kind is expected_kind[vector["type"]]
    assert parsed.canonical == vector["long_format"]
    assert parsed.display == vector["separated_long"].replace("+", "-")
    assert parsed.short_display(TODAY) == vector["separated_format"]

    # The 12-digit form and the 10-digit form with its separator always name the same person.
    assert parse_identity(vector["long_format"], TODAY) == parsed
    assert parse_identity(vector["separated_format"], TODAY) == parsed

    # Without a separator a 10-digit number is read as under 100, so it names this person only
    # when they are under 100 at TODAY; otherwise it names someone born a century later.
    short = parse_identity(vector["short_format"], TODAY)
    assert parsed.birth_date is not None
    if _age(parsed.birth_date, TODAY) < 100:
        assert short == parsed
    else:
        century = int(parsed.canonical[:2]) + 1
        assert short.canonical == f"{century}{parsed.canonical[2:]}"


@pytest.mark.parametrize("vector", INVALID_VECTORS, ids=lambda v: v["separated_long"])
def test_invalid_reference_vector(vector: dict[str, Any]) -> None:
    for form in ("separated_long", "long_format", "short_format", "separated_format"):
        with pytest.raises(ValidationError):
            parse_identity(vector[form], TODAY)
        assert not is_valid_identity(vector[form], TODAY)


# --- (b) hand-written cases ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "198501011236",
        "19850101-1236",
        "19850101+1236",  # in the 12-digit form the separator is not checked
        "8501011236",
        "850101-1236",
        "  850101-1236\t",
        "\u00a019850101-1236\n",
    ],
)
def test_written_forms_of_one_personnummer(text: str) -> None:
    parsed = parse_identity(text, TODAY)
    assert parsed == IdentityNumber("198501011236", IdentityKind.PERSONNUMMER, date(1985, 1, 1))
    assert parsed.display == "19850101-1236"
    assert parsed.short_display(TODAY) == "850101-1236"
    assert not parsed.is_reserve


def test_plus_in_10_digit_form_means_a_century_earlier() -> None:
    assert parse_identity("850101+1236", TODAY).canonical == "188501011236"


def test_person_turning_100_today() -> None:
    centenarian = parse_identity("261127+1236", TODAY)
    assert centenarian.birth_date == date(1926, 11, 27)
    assert centenarian.short_display(TODAY) == "261127+1236"
    # The day before, the same person was 99 and written with "-".
    assert centenarian.short_display(TODAY - timedelta(days=1)) == "261127-1236"
    # With "-" the same digits name a child born today.
    assert parse_identity("261127-1236", TODAY).birth_date == TODAY


def test_person_turning_100_tomorrow() -> None:
    assert parse_identity("261128-1235", TODAY).birth_date == date(1926, 11, 28)
    assert parse_identity("261128+1235", TODAY).birth_date == date(1826, 11, 28)
    assert parse_identity("192611281235", TODAY).short_display(TODAY) == "261128-1235"
    assert parse_identity("192611281235", TODAY).short_display(date(2026, 11, 28)) == (
        "261128+1235"
    )


@pytest.mark.parametrize(
    ("text", "canonical", "birth"),
    [
        ("19850161-1233", "198501611233", date(1985, 1, 1)),
        ("850161-1233", "198501611233", date(1985, 1, 1)),
        ("19850191-1237", "198501911237", date(1985, 1, 31)),
    ],
)
def test_samordningsnummer(text: str, canonical: str, birth: date) -> None:
    parsed = parse_identity(text, TODAY)
    assert parsed.kind is IdentityKind.SAMORDNINGSNUMMER
    assert parsed.birth_date == birth
    assert parsed.canonical == canonical


def test_samordningsnummer_canonical_keeps_day_plus_60() -> None:
    parsed = parse_identity("850161-1233", TODAY)
    assert parsed.canonical == "198501611233"
    assert parsed.display == "19850161-1233"
    assert parsed.short_display(TODAY) == "850161-1233"


@pytest.mark.parametrize(
    "text",
    [
        "19850192-1236",  # samordningsnummer day 92 = 32nd
        "19850160-1234",  # samordningsnummer day 60 = 0th
        "19850132-1239",  # 32nd
        "19851301-1232",  # month 13
        "19850100-1237",  # day 0
    ],
)
def test_dates_that_do_not_exist(text: str) -> None:
    with pytest.raises(ValidationError, match="datumet finns inte"):
        parse_identity(text, TODAY)


def test_samordningsnummer_date_message_explains_plus_60() -> None:
    with pytest.raises(ValidationError, match=r"samordningsnummer.*\+ 60"):
        parse_identity("19850192-1236", TODAY)


def test_february_29() -> None:
    assert parse_identity("20000229-1235", TODAY).birth_date == date(2000, 2, 29)
    assert parse_identity("000229-1235", TODAY).birth_date == date(2000, 2, 29)
    assert parse_identity("20240229-1237", TODAY).birth_date == date(2024, 2, 29)
    assert parse_identity("20000289-1232", TODAY).kind is IdentityKind.SAMORDNINGSNUMMER
    for not_leap in ("19000229-1235", "000229+1235", "20230229-1238", "230229-1238"):
        with pytest.raises(ValidationError, match="datumet finns inte"):
            parse_identity(not_leap, TODAY)


def test_february_29_birthday_in_common_year_comes_on_march_1() -> None:
    # 2100 is a common year: the leapling born 2000-02-29 turns 100 on 1 March.
    leapling = parse_identity("20000229-1235", TODAY)
    assert leapling.short_display(date(2100, 2, 28)) == "000229-1235"
    assert leapling.short_display(date(2100, 3, 1)) == "000229+1235"
    assert parse_identity("000229-1235", date(2100, 2, 28)) == leapling
    assert parse_identity("000229+1235", date(2100, 3, 1)) == leapling


@pytest.mark.parametrize(
    "text", ["19850101-1235", "850101-1230", "198501011239", "19850161-1234", "8501611239"]
)
def test_bad_check_digit(text: str) -> None:
    with pytest.raises(ValidationError, match="kontrollsiffran stämmer inte"):
        parse_identity(text, TODAY)


@pytest.mark.parametrize(
    "text",
    [
        "19850101-123A",
        "abcdefghijkl",
        "1985O101-1236",  # letter O for zero
        "19850101 1236",  # a space is not a separator
        "19850101--1236",
        "850101-123",
        "85010112366",  # 11 digits
        "1198501011236",  # 13 digits
        "١٩٨٥٠١٠١١٢٣٦",  # Arabic-Indic digits
        "19850101/1236",
    ],
)
def test_malformed_text(text: str) -> None:
    with pytest.raises(ValidationError, match="skriv det som ÅÅÅÅMMDD-NNNN"):
        parse_identity(text, TODAY)


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_empty(text: str) -> None:
    with pytest.raises(ValidationError, match="Personnummer saknas"):
        parse_identity(text, TODAY)
    assert not is_valid_identity(text, TODAY)


def test_future_birth_date() -> None:
    with pytest.raises(ValidationError, match="framtiden"):
        parse_identity("20261128-1235", TODAY)
    # Born today is not in the future.
    assert parse_identity("20261127-1236", TODAY).birth_date == TODAY


def test_birth_number_000_is_never_given() -> None:
    text = "19850101-000" + _luhn_digit("850101000")
    with pytest.raises(ValidationError, match="födelsenumret 000"):
        parse_identity(text, TODAY)


def test_messages_name_the_text() -> None:
    with pytest.raises(ValidationError, match="'19850101-1235'"):
        parse_identity(" 19850101-1235 ", TODAY)


def test_is_valid_identity() -> None:
    assert is_valid_identity("19850101-1236", TODAY)
    assert is_valid_identity("R000123", TODAY)
    assert not is_valid_identity("19850101-1235", TODAY)
    assert not is_valid_identity("nonsense", TODAY)


# --- reserve numbers --------------------------------------------------------------------------


def test_make_reserve_number() -> None:
    reserve = make_reserve_number(123)
    assert reserve == IdentityNumber("R000123", IdentityKind.RESERVE, None)
    assert reserve.is_reserve
    assert reserve.display == "R000123"
    assert reserve.short_display(TODAY) == "R000123"
    assert make_reserve_number(999_999).canonical == "R999999"


@pytest.mark.parametrize("sequence", [0, -1, 1_000_000])
def test_make_reserve_number_out_of_range(sequence: int) -> None:
    with pytest.raises(ValueError):
        make_reserve_number(sequence)


@pytest.mark.parametrize("text", ["R000123", "r000123", "  R000123 "])
def test_parse_reserve_number(text: str) -> None:
    assert parse_identity(text, TODAY) == make_reserve_number(123)


@pytest.mark.parametrize("text", ["R000000", "R12", "R0001234", "R00012A", "R-000123", "RR000123"])
def test_bad_reserve_number(text: str) -> None:
    with pytest.raises(ValidationError, match="reservnummer"):
        parse_identity(text, TODAY)


def test_reserve_number_cannot_look_like_a_real_number() -> None:
    for sequence in (1, 123, 999_999):
        canonical = make_reserve_number(sequence).canonical
        assert not canonical.isdigit()
        assert canonical.startswith("R")


# --- demo numbers -----------------------------------------------------------------------------


def test_demo_identity_uses_the_test_series_and_is_valid() -> None:
    birth = date(1990, 6, 15)
    numbers = {demo_identity(birth, serial).canonical for serial in range(20)}
    assert len(numbers) == 20
    for canonical in numbers:
        assert 980 <= int(canonical[8:11]) <= 999
        assert canonical[-1] == _luhn_digit(canonical[2:11])
        parsed = parse_identity(canonical, TODAY)
        assert parsed.kind is IdentityKind.PERSONNUMMER
        assert parsed.birth_date == birth
    assert demo_identity(birth, 0).canonical[8:11] == "980"
    assert demo_identity(birth, 19).canonical[8:11] == "999"
    assert tuple(range(980, 1000)) == DEMO_BIRTH_NUMBERS


@pytest.mark.parametrize("serial", [-1, 20])
def test_demo_identity_serial_out_of_range(serial: int) -> None:
    with pytest.raises(ValueError):
        demo_identity(date(1990, 6, 15), serial)


# --- (c) properties ---------------------------------------------------------------------------


@st.composite
def _numbers(draw: st.DrawFn) -> tuple[date, str, bool]:
    """(today, canonical, coordination): a valid number for someone aged 0–199 at today."""
    today = draw(st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31)))
    # A 10-digit form has only two centuries to choose from, so stay under 200 years of age.
    birth = draw(st.dates(min_value=date(today.year - 199, 1, 1), max_value=today))
    birth_number = draw(st.integers(min_value=1, max_value=999))
    coordination = draw(st.booleans())
    return today, _number(birth, birth_number, coordination=coordination), coordination


@settings(database=None, max_examples=300)
@given(_numbers())
def test_every_written_form_parses_to_the_same_canonical(
    example: tuple[date, str, bool],
) -> None:
    today, canonical, coordination = example
    parsed = parse_identity(canonical, today)
    assert parsed.canonical == canonical
    assert parsed.kind is (
        IdentityKind.SAMORDNINGSNUMMER if coordination else IdentityKind.PERSONNUMMER
    )
    assert parsed.birth_date is not None
    separator = "+" if _age(parsed.birth_date, today) >= 100 else "-"
    forms = [
        canonical,
        f"{canonical[:8]}-{canonical[8:]}",
        parsed.display,
        f"{canonical[2:8]}{separator}{canonical[8:]}",
        parsed.short_display(today),
    ]
    if separator == "-":
        forms.append(canonical[2:])
    for form in forms:
        assert parse_identity(form, today).canonical == canonical, form


@settings(database=None, max_examples=200)
@given(_numbers())
def test_any_single_digit_change_is_detected(example: tuple[date, str, bool]) -> None:
    today, canonical, _ = example
    for position in range(2, 12):
        for digit in "0123456789":
            if digit == canonical[position]:
                continue
            changed = canonical[:position] + digit + canonical[position + 1 :]
            assert not is_valid_identity(changed, today), changed
