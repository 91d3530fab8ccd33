"""The folded keys search as you type compares: what a trigger stores for a name and a number."""

from __future__ import annotations

import pytest

from bobudget.kernel.search_text import NAME_KEY_CAPITALS, fold, name_key, prefix_end


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Åsa", "åsa"),
        ("ÄNGSTRÖM", "ängström"),
        ("Öberg", "öberg"),
        ("ÅÄÖ åäö", "åäö åäö"),
        ("Renée", "renée"),
        ("ÉMILE", "émile"),
        ("Ødegård", "ødegård"),
        ("ŁUKASZ", "łukasz"),
        ("Anna-Karin", "anna-karin"),
    ],
)
def test_name_key_folds_the_letters_of_names(name: str, key: str) -> None:
    assert name_key(name) == key
    # A typed term is folded by fold(); for these names the two agree, so a prefix is a range.
    assert fold(name) == key


def test_every_listed_capital_folds_as_a_typed_term_does() -> None:
    for capital in NAME_KEY_CAPITALS:
        assert name_key(capital) == fold(capital), capital


def test_a_prefix_range_holds_exactly_the_names_that_start_with_it() -> None:
    names = ["öb", "öberg", "öbergh", "öc", "ö", "åberg", "oberg", "öbérg"]
    lo, hi = "öb", prefix_end("öb")
    assert sorted(n for n in names if lo <= n < hi) == sorted(n for n in names if n.startswith(lo))
    assert prefix_end("a") == "b"
    assert prefix_end("å") == "æ"


def test_prefix_end_of_the_highest_characters_is_a_string_a_database_stores() -> None:
    assert prefix_end("a\U0010ffff") == "b"
    assert prefix_end("\ud7ff") == "\ue000"
    for prefix in ("a\U0010ffff", "\ud7ff", "\U0010ffff"):
        prefix_end(prefix).encode("utf-8")
