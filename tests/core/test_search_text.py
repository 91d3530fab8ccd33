"""Tests for bobudget.kernel.search_text: folding and matching names and identity numbers."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bobudget.kernel.errors import ValidationError
from bobudget.kernel.search_text import (
    MAX_SEARCH_CHARACTERS,
    MAX_SEARCH_TERMS,
    fold,
    person_search_text,
    search_terms,
)


def test_fold_ignores_case() -> None:
    assert fold("ÖBERG") == fold("öberg") == "öberg"
    assert fold("ÅSA") == fold("åsa")
    assert fold("Ängel") == "ängel"
    assert fold("JOSÉ MÜLLER") == "josé müller"


def test_fold_keeps_swedish_letters_distinct() -> None:
    assert fold("Åsa") != fold("asa")
    assert fold("Åsa") != fold("Asa")
    assert fold("Öberg") != fold("Oberg")
    assert fold("Älv") != fold("Alv")
    assert fold("Åsa") != fold("Äsa")


def test_fold_normalises_decomposed_letters() -> None:
    decomposed = unicodedata.normalize("NFD", "Åsa Öberg")
    assert decomposed != "Åsa Öberg"
    assert fold(decomposed) == fold("åsa öberg")


def test_fold_collapses_whitespace() -> None:
    assert fold("  Anna \t Karin\n Öberg ") == "anna karin öberg"
    assert fold("Anna\u00a0Öberg") == "anna öberg"
    assert fold("") == ""


def test_fold_casefolds_beyond_lower() -> None:
    assert fold("Straße") == fold("STRASSE")


@settings(database=None)
@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


SEARCH = person_search_text("Öberg", "Åsa Maria", "19850101-1236", "198501011236")


def _finds(query: str, search_text: str = SEARCH) -> bool:
    return all(term in search_text for term in search_terms(query))


def test_person_search_text_contents() -> None:
    assert SEARCH == "öberg åsa maria 198501011236 8501011236 19850101-1236"


@pytest.mark.parametrize(
    "query",
    [
        "öberg",
        "ÖBERG",
        "åsa",
        "Öberg Åsa",
        "Åsa Öberg",
        "Öberg, Åsa",
        "maria",
        "öb",
        "198501011236",
        "8501011236",
        "19850101-1236",
        "850101-1236",
        "850101+1236",  # written as for someone 100 or older still finds the number
        "850101",
        "1236",
        "",
    ],
)
def test_search_finds(query: str) -> None:
    assert _finds(query)


@pytest.mark.parametrize("query", ["asa", "oberg", "Åsa Andersson", "19850101-1237", "850102"])
def test_search_does_not_find(query: str) -> None:
    assert not _finds(query)


def test_search_text_for_reserve_number() -> None:
    text = person_search_text("Okänd", "Person", "R000123", "R000123")
    assert text == "okänd person r000123 r000123"
    assert _finds("R000123", text)
    assert _finds("r000123", text)


def test_search_text_for_samordningsnummer() -> None:
    text = person_search_text("Berg", "Ali", "19850161-1233", "198501611233")
    assert _finds("850161-1233", text)
    assert _finds("8501611233", text)


def test_search_terms() -> None:
    assert search_terms("  Öberg   Åsa ") == ["öberg", "åsa"]
    assert search_terms("19850101-1234") == ["19850101-1234"]
    assert search_terms("850101-1234") == ["850101-1234"]
    assert search_terms("850101+1234") == ["850101-1234"]
    assert search_terms("19090527+1474") == ["19090527-1474"]
    assert search_terms("Anna-Karin") == ["anna-karin"]
    assert search_terms("Öberg, Åsa") == ["öberg", "åsa"]
    assert search_terms("a+b") == ["a+b"]
    assert search_terms("") == []
    assert search_terms(" , ") == []


# --- what a search may take ------------------------------------------------------------------


@pytest.mark.parametrize("query", ["\x00", "Öberg\x00", "Å\x07sa", "\x1b[2J"])
def test_a_search_with_a_control_character_is_refused(query: str) -> None:
    with pytest.raises(ValidationError, match="Sökningen innehåller ett otillåtet tecken"):
        search_terms(query)


def test_a_tab_or_line_break_pasted_into_a_search_is_a_space() -> None:
    assert search_terms("Öberg\tÅsa\r\n") == ["öberg", "åsa"]


def test_a_search_of_ten_words_and_a_hundred_characters_is_taken() -> None:
    words = " ".join(f"ord{n}" for n in range(MAX_SEARCH_TERMS))
    assert len(search_terms(words)) == MAX_SEARCH_TERMS == 10
    assert search_terms("x" * MAX_SEARCH_CHARACTERS) == ["x" * 100]


@pytest.mark.parametrize(
    "query",
    [
        " ".join(["ord"] * 1000),
        " ".join(["ord"] * (MAX_SEARCH_TERMS + 1)),
        "x" * (MAX_SEARCH_CHARACTERS + 1),
    ],
)
def test_a_longer_search_is_refused_saying_how_long_it_may_be(query: str) -> None:
    with pytest.raises(ValidationError, match="högst 10 ord och 100 tecken"):
        search_terms(query)
