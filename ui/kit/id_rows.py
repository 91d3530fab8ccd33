"""Lists of rows that carry an `id`: the kit's table model plus finding a row by its id."""

from __future__ import annotations

from typing import Protocol, TypeVar

from .table_model import Column, TableModel

__all__ = ["Column", "HasId", "RowListModel"]


class HasId(Protocol):
    @property
    def id(self) -> int: ...


RowT = TypeVar("RowT", bound=HasId)


class RowListModel(TableModel[RowT]):
    """The kit's table model over rows with an id (persons found, egna medel accounts)."""

    def row_of(self, row_id: int) -> int | None:
        return self.find(lambda row: row.id == row_id)
