"""The vocabulary: every stored word has a Swedish label, and the database allows exactly it."""

from __future__ import annotations

import ast
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


def _migration(file_name: str) -> ModuleType:
    path = Path(bobudget.__file__).parent / "migrations/versions" / file_name
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _migration_0005() -> ModuleType:
    return _migration("0005_vocabulary_checks.py")


def _frozen_allowed() -> dict[str, dict[str, tuple[str, ...]]]:
    """The allowed words 0005 froze, with the vocabulary columns later migrations added."""
    frozen = {table: dict(columns) for table, columns in _migration_0005().ALLOWED.items()}
    for later in (
        "0007_letter_decisions.py",
        "0011_checklist_history_and_consent.py",
        "0015_access_log_and_change_trail.py",
        "0016_user_roles.py",
        "0014_unit_settings.py",
    ):
        for table, columns in _migration(later).ALLOWED.items():
            frozen.setdefault(table, {}).update(columns)
    return frozen


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
    frozen = _frozen_allowed()
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


# --- no stored word written as a bare string -------------------------------------------------

# Names that, assigned or passed a stored word, mean that word: `contract.kind = "social"`,
# `Offer(answer="declined")`, a dataclass field `status: str = "available"`; also with a
# prefix (`cost_unit`, `identity_kind`).
_VOCABULARY_NAMES = (
    "kind",
    "status",
    "answer",
    "outcome",
    "role",
    "direction",
    "unit",
    "basis",
    "sender",
)
_STORED_WORDS = frozenset(
    str(member.value) for vocabulary in (*ALL_VOCABULARIES, IdentityKind) for member in vocabulary
)
_ROOT = Path(bobudget.__file__).parent.parent
# vocab.py defines the words; the migrations are frozen copies that must not follow the enums.
_EXEMPT = ("bobudget/model/vocab.py", "bobudget/migrations/")


def _stored_words_in(node: ast.expr | None) -> list[str]:
    """The stored words `node` is, or may be (either branch of `a if c else b`)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if node.value in _STORED_WORDS else []
    if isinstance(node, ast.IfExp):
        return _stored_words_in(node.body) + _stored_words_in(node.orelse)
    return []


_COLLECTIONS = (ast.Tuple, ast.Set, ast.List)


def _compared_words(node: ast.Compare) -> list[str]:
    words: list[str] = []
    sides = [node.left, *node.comparators]
    for op, left, right in zip(node.ops, sides, sides[1:], strict=False):
        if isinstance(op, ast.Eq | ast.NotEq):
            words += _stored_words_in(left) + _stored_words_in(right)
        elif isinstance(op, ast.In | ast.NotIn) and isinstance(right, _COLLECTIONS):
            words += [w for element in right.elts for w in _stored_words_in(element)]
    return words


def _names_a_word(name: str | None) -> bool:
    return name is not None and (
        name in _VOCABULARY_NAMES or name.endswith(tuple(f"_{n}" for n in _VOCABULARY_NAMES))
    )


def _target_name(target: ast.expr, in_class: bool) -> str | None:
    if isinstance(target, ast.Attribute):
        return target.attr
    # A class body's name is a dataclass field (with its default); elsewhere a local variable.
    if in_class and isinstance(target, ast.Name):
        return target.id
    return None


def vocabulary_literals(source: str, filename: str) -> list[str]:
    """Every stored word the source writes as a string where the enum member belongs."""
    tree = ast.parse(source)
    in_class = {
        id(statement)
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
        for statement in node.body
    }
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        words: list[str] = []
        if isinstance(node, ast.Compare):
            words = _compared_words(node)
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(_names_a_word(_target_name(t, id(node) in in_class)) for t in targets):
                words = _stored_words_in(node.value)
        elif isinstance(node, ast.keyword) and _names_a_word(node.arg):
            words = _stored_words_in(node.value)
        found += [(node.lineno, word) for word in words]
    return [f"{filename}:{line}: {word!r}" for line, word in sorted(found)]


def test_the_scan_finds_a_stored_word_written_as_a_string() -> None:
    # The scanner itself, on the shapes it must catch and the look-alikes it must leave.
    planted = """
if contract.kind == "social": pass
if answer in ("accepted", "declined"): pass
row.status = "let"
Offer(answer="pending" if waiting else "declined")
class Input:
    cost_unit: str = "night"
    kind: str = "hostel"
"""
    found = vocabulary_literals(planted, "planted.py")
    assert found == [
        "planted.py:2: 'social'",
        "planted.py:3: 'accepted'",
        "planted.py:3: 'declined'",
        "planted.py:4: 'let'",
        "planted.py:5: 'declined'",
        "planted.py:5: 'pending'",
        "planted.py:7: 'night'",
        "planted.py:8: 'hostel'",
    ]
    left_alone = """
if area.key == AreaKey.TEMPORARY: pass
uow.audit("create", "decision", 1)
kind = "social"
Contract(kind=ContractKind.SOCIAL, note="social")
"""
    assert vocabulary_literals(left_alone, "fine.py") == []


def test_no_stored_word_is_written_as_a_string_in_the_code() -> None:
    # A comparison or assignment with "social", "declined", "cash"… compares with a word the
    # vocabulary owns: it must name the enum member, so a renamed or removed word is found by
    # the type checker and not by a user. Tests may keep literals (they assert what is stored).
    found: list[str] = []
    for package in ("bobudget", "ui"):
        for path in sorted((_ROOT / package).rglob("*.py")):
            name = path.relative_to(_ROOT).as_posix()
            if not name.startswith(_EXEMPT):
                found += vocabulary_literals(path.read_text(encoding="utf-8"), name)
    assert not found, "Use the vocabulary's enum member (bobudget.model.vocab):\n" + "\n".join(
        found
    )
