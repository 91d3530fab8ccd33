"""Every problem of a form at once: checks run field by field and are refused together.

A service checks all fields before it refuses, so the user sees every problem at one save
(not five saves for five problems). Each problem carries the field's label, which the form
uses to show it next to that field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from bobudget.kernel.errors import FieldError, ValidationError

T = TypeVar("T")


class Problems:
    """`check(field, ...)` or `add(field, message)` for every field, then `raise_any()`."""

    def __init__(self) -> None:
        self._errors: list[FieldError] = []

    def add(self, field: str, message: str) -> None:
        self._errors.append(FieldError(field, message))

    def check(self, field: str, check: Callable[[], T]) -> T | None:
        """The check's value, or None when it refused (the refusal is kept for `field`)."""
        try:
            return check()
        except ValidationError as error:
            if error.field_errors:
                self._errors.extend(error.field_errors)
            else:
                self.add(field, str(error))
            return None

    @property
    def errors(self) -> tuple[FieldError, ...]:
        return tuple(self._errors)

    def __bool__(self) -> bool:
        return bool(self._errors)

    def raise_any(self) -> None:
        """Refuses with every problem found, if there is one."""
        if self._errors:
            raise ValidationError(field_errors=self._errors)
