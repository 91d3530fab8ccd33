"""A closed set of words, each with its Swedish label: the base of every status, kind and
urgency (model.vocab, kernel.urgency). A member is written `NAME = "value", "Svensk etikett"`.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Self

__all__ = ["Vocabulary"]


class Vocabulary(enum.StrEnum):
    """A stored word with its Swedish label: `NAME = "stored value", "Svensk etikett"`."""

    _value_: str
    _label: str

    if not TYPE_CHECKING:
        # Hidden from the type checker, which would otherwise take this for the signature of
        # a lookup by value (`ContractKind("social")`).
        def __new__(cls, value: str, label: str) -> Self:
            member = str.__new__(cls, value)
            member._value_ = value
            member._label = label
            return member

    @property
    def label(self) -> str:
        """The word as the users say it (DOMAIN.md's glossary)."""
        return self._label

    @classmethod
    def labels(cls) -> dict[Self, str]:
        """Every member and its label, in the order a list offers them."""
        return {member: member.label for member in cls}
