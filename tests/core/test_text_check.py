"""Tests for bobudget.kernel.text_check: control characters refused, naming the field."""

import pytest

from bobudget.kernel.errors import ValidationError
from bobudget.kernel.text_check import check_text, control_character, has_control_character


@pytest.mark.parametrize("bad", ["Nul\x00Person", "\x07", "a\x1bb", "slut\x7f", "\x1f"])
def test_control_characters_are_refused_naming_the_field(bad: str) -> None:
    with pytest.raises(ValidationError, match=r"^Förnamn innehåller ett otillåtet tecken"):
        check_text(bad, "Förnamn")
    with pytest.raises(ValidationError, match="Anteckning innehåller ett otillåtet tecken"):
        check_text(bad, "Anteckning", multiline=True)


def test_the_message_says_which_character_and_what_to_do() -> None:
    with pytest.raises(ValidationError) as caught:
        check_text("Nul\x00Person", "Efternamn")
    assert "NUL" in str(caught.value) and "Skriv texten på nytt" in str(caught.value)


@pytest.mark.parametrize("spacing", ["\t=1+1", "rad ett\nrad två", "a\r\nb"])
def test_tab_and_line_breaks_only_where_a_text_may_run_over_lines(spacing: str) -> None:
    with pytest.raises(ValidationError, match="Efternamn"):
        check_text(spacing, "Efternamn")
    assert check_text(spacing, "Anteckning", multiline=True) == spacing


@pytest.mark.parametrize(
    "fine", ["", "Åsa Öberg", "=1+1", "'citat", "José Müller-Ängel", "é\u00a0ü"]
)
def test_ordinary_text_passes_unchanged(fine: str) -> None:
    assert check_text(fine, "Namn") == fine
    assert not has_control_character(fine)
    assert control_character(fine) is None
