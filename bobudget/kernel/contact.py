"""Postnummer, telephone numbers and e-mail addresses: checked, and written one way.

Telephone numbers are read by `phonenumbers` (Google's libphonenumber data: which Swedish
series exist and how long their numbers are), e-mail addresses by `email-validator` (the
syntax only; nothing is looked up on the network). Both are used here only, so a change of
library touches this module alone. An empty value is allowed: whether a field must be filled
in is its form's business.
"""

from __future__ import annotations

import re

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from bobudget.kernel.errors import ValidationError

_POSTAL_CODE_RE = re.compile(r"([0-9]{3}) ?([0-9]{2})")
POSTAL_CODE_EXAMPLE = "652 24"


def postal_code(text: str) -> str:
    """Five digits, written "652 24" however typed ("65224", " 652 24 "); "" for empty."""
    typed = text.strip()
    if not typed:
        return ""
    match = _POSTAL_CODE_RE.fullmatch(typed)
    if match is None:
        raise ValidationError(
            f"Postnumret '{typed}' ska vara fem siffror, till exempel {POSTAL_CODE_EXAMPLE}."
        )
    return f"{match[1]} {match[2]}"


def phone_number(text: str) -> str:
    """A Swedish number written as Swedes write it ("070-111 22 33"), a foreign one with its
    country code ("+47 22 12 34 56"); refused when no such number can exist."""
    typed = text.strip()
    if not typed:
        return ""
    problem = (
        f"Telefonnumret '{typed}' finns inte: skriv det med riktnummer, t.ex. 070-123 45 67 "
        "(ett utländskt med landsnummer, +47 …)."
    )
    try:
        number = phonenumbers.parse(typed, "SE")
    except phonenumbers.NumberParseException:
        raise ValidationError(problem) from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(problem)
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 46
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


def email_address(text: str) -> str:
    """An address of the form name@example.se (the domain in lower case); "" for empty."""
    typed = text.strip()
    if not typed:
        return ""
    try:
        checked = validate_email(typed, check_deliverability=False)
    except EmailNotValidError:
        raise ValidationError(
            f"E-postadressen '{typed}' går inte att använda: den ska se ut som namn@exempel.se."
        ) from None
    return str(checked.normalized)
