"""Postnummer, telephone and e-mail: checked, and written one way however typed."""

from __future__ import annotations

import pytest

from bobudget.kernel.contact import email_address, phone_number, postal_code
from bobudget.kernel.errors import ValidationError


@pytest.mark.parametrize("typed", ["65224", "652 24", " 652 24 "])
def test_a_postnummer_is_five_digits_shown_three_and_two(typed: str) -> None:
    assert postal_code(typed) == "652 24"


@pytest.mark.parametrize("typed", ["6522", "652244", "652-24", "ABC DE", "６５２２４"])
def test_anything_else_is_not_a_postnummer(typed: str) -> None:
    with pytest.raises(ValidationError, match="ska vara fem siffror, till exempel 652 24"):
        postal_code(typed)


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("0701112233", "070-111 22 33"),
        ("070-111 22 33", "070-111 22 33"),
        ("+46 70 111 22 33", "070-111 22 33"),
        ("0652-123 45", "0652-123 45"),
        ("+47 22 12 34 56", "+47 22 12 34 56"),
    ],
)
def test_a_telephone_number_is_written_as_swedes_write_it(typed: str, written: str) -> None:
    assert phone_number(typed) == written


@pytest.mark.parametrize("typed", ["070-999", "abc", "12", "070-111 22 33 44 55"])
def test_a_number_nobody_can_call_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError, match=f"Telefonnumret '{typed}' finns inte"):
        phone_number(typed)


def test_an_e_mail_address_is_checked_without_the_network() -> None:
    assert email_address(" anna@Example.SE ") == "anna@example.se"
    for typed in ("anna@", "anna example.se", "a b@c.se", "@example.se"):
        with pytest.raises(ValidationError, match=r"ska se ut som namn@exempel\.se"):
            email_address(typed)


def test_empty_is_allowed_here() -> None:
    """Whether a field must be filled in is the form's business, not the format's."""
    assert postal_code(" ") == phone_number("") == email_address("") == ""
