"""The vocabulary: every stored word has a Swedish label, and the database allows exactly it."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from sqlalchemy import CheckConstraint

import bobudget
from bobudget.model import Base
from bobudget.model.base import VocabType
from bobudget.model.vocab import (
    ALL_VOCABULARIES,
    LEASE_KINDS,
    ContractKind,
    EntryKind,
    IdentityKind,
    Vocabulary,
)


def _migration_0005() -> ModuleType:
    path = Path(bobudget.__file__).parent / "migrations/versions/0005_vocabulary_checks.py"
    spec = importlib.util.spec_from_file_location("migration_0005", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _vocabulary_columns() -> dict[tuple[str, str], VocabType]:
    return {
        (table.name, column.name): column.type
        for table in Base.metadata.tables.values()
        for column in table.columns
        if isinstance(column.type, VocabType)
    }


def test_every_word_has_a_swedish_label() -> None:
    for vocabulary in ALL_VOCABULARIES:
        for member in vocabulary:
            assert member.label.strip(), f"{vocabulary.__name__}.{member.name} has no label"
            assert member.label != member.value or member.label[0].isupper()


def test_a_member_prints_and_compares_as_the_stored_string() -> None:
    # The CLI and the exports print members: they must read exactly as before.
    assert str(ContractKind.SOCIAL) == "social"
    assert f"{ContractKind.HOUSING_FIRST}" == "housing_first"
    assert ContractKind("temporary") is ContractKind.TEMPORARY
    assert EntryKind.REVERSAL == "reversal"
    assert ContractKind.TRANSITIONAL.label == "Bostadssocialt kontrakt"


def test_the_lease_kinds_are_the_three_followed_up() -> None:
    assert {"social", "transitional", "housing_first"} == LEASE_KINDS
    assert ContractKind.TEMPORARY not in LEASE_KINDS


def test_every_vocabulary_is_stored_in_some_column() -> None:
    stored = {column.vocabulary for column in _vocabulary_columns().values()}
    assert stored == {*ALL_VOCABULARIES, IdentityKind}
    assert all(issubclass(v, Vocabulary) for v in ALL_VOCABULARIES)


def test_the_database_checks_allow_exactly_the_vocabulary() -> None:
    frozen = _migration_0005().ALLOWED
    columns = _vocabulary_columns()
    from_migration = {
        (table, column): set(values)
        for table, by_column in frozen.items()
        for column, values in by_column.items()
    }
    assert from_migration == {key: set(kind.allowed()) for key, kind in columns.items()}


def test_the_models_declare_the_same_checks_as_the_migration() -> None:
    migration = _migration_0005()
    for (table, column), kind in _vocabulary_columns().items():
        name = migration.constraint_name(table, column)
        checks = {
            str(c.name): str(c.sqltext)
            for c in Base.metadata.tables[table].constraints
            if isinstance(c, CheckConstraint)
        }
        assert checks[name] == migration.condition(column, kind.allowed())
