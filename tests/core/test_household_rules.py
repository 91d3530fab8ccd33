"""The household's rules: who lives there on a day, who is a child, the size in words, and
which vacant dwelling fits the household."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from bobudget.kernel.money import format_amount
from bobudget.model.vocab import HouseholdRole
from bobudget.persons.rules import (
    MemberFacts,
    age_on,
    birth_date_of,
    household_size,
    is_child,
    lives_there,
    size_text,
)
from bobudget.placement.dwelling_fit import (
    DwellingNeed,
    Vacancy,
    best_dwelling,
    fits,
    need_text,
    rank_dwellings,
    rooms_for_household,
)

DAY = dt.date(2026, 11, 27)
A, CO, C = HouseholdRole.APPLICANT, HouseholdRole.CO_APPLICANT, HouseholdRole.CHILD


def test_size_in_words() -> None:
    assert size_text(1, 0) == "1 vuxen"
    assert size_text(2, 0) == "2 vuxna"
    assert size_text(1, 2) == "1 vuxen, 2 barn"
    assert size_text(0, 1) == "1 barn"
    assert size_text(0, 0) == "0 vuxna"


def test_birth_date_from_the_number_or_as_stored() -> None:
    assert birth_date_of("201504021234", None) == dt.date(2015, 4, 2)
    assert birth_date_of("201504621234", None) == dt.date(2015, 4, 2)  # samordningsnummer
    assert birth_date_of("R000012", dt.date(2024, 1, 5)) == dt.date(2024, 1, 5)
    assert birth_date_of("R000012", None) is None


def test_age_and_the_day_of_eighteen() -> None:
    born = dt.date(2008, 11, 28)
    assert age_on(born, DAY) == 17
    assert age_on(born, DAY + dt.timedelta(days=1)) == 18
    assert is_child(C, born, DAY) and not is_child(C, born, dt.date(2026, 11, 28))
    # Born on 29 February: of age on 1 March in a year without one.
    assert age_on(dt.date(2008, 2, 29), dt.date(2026, 2, 28)) == 17
    assert age_on(dt.date(2008, 2, 29), dt.date(2026, 3, 1)) == 18
    # Without a birth date the role says.
    assert is_child(C, None, DAY) and not is_child(CO, None, DAY)


def test_who_lives_there_on_a_day() -> None:
    assert lives_there(None, None, DAY)
    assert lives_there(DAY, None, DAY) and not lives_there(DAY, None, DAY - dt.timedelta(1))
    assert lives_there(None, DAY, DAY) and not lives_there(None, DAY, DAY + dt.timedelta(1))


def test_household_size_counts_those_living_there() -> None:
    members = [
        MemberFacts(A, dt.date(1985, 3, 12), None, None),
        MemberFacts(CO, dt.date(1987, 1, 1), None, dt.date(2026, 6, 30)),  # moved out
        MemberFacts(C, dt.date(2015, 4, 2), None, None),
        MemberFacts(C, dt.date(2019, 9, 9), dt.date(2026, 1, 1), None),
        MemberFacts(C, dt.date(2008, 1, 1), None, None),  # 18 now: an adult
        MemberFacts(C, dt.date(2027, 1, 1), dt.date(2027, 1, 1), None),  # not born yet
    ]
    size = household_size(members, DAY)
    assert (size.adults, size.children) == (2, 2)
    assert size.text == "2 vuxna, 2 barn"


@given(st.integers(0, 6), st.integers(0, 10))
def test_rooms_grow_with_the_household_never_shrink(adults: int, children: int) -> None:
    rooms = rooms_for_household(adults, children)
    assert rooms >= 1
    assert rooms_for_household(adults, children + 1) >= rooms
    assert rooms_for_household(adults + 1, children) >= rooms


def test_rooms_for_household() -> None:
    assert rooms_for_household(1, 0) == 1
    assert rooms_for_household(2, 0) == 2
    assert rooms_for_household(1, 1) == 2
    assert rooms_for_household(1, 2) == 3
    assert rooms_for_household(2, 3) == 4


def test_the_smallest_fitting_dwelling_within_the_ceiling_comes_first() -> None:
    big = Vacancy(1, 5, 900_000, False)
    dear = Vacancy(2, 3, 1_200_000, False)
    right = Vacancy(3, 3, 850_000, False)
    small = Vacancy(4, 2, 600_000, False)
    unknown = Vacancy(5, None, None, False)
    cheaper_four = Vacancy(6, 4, 700_000, True)
    need = DwellingNeed(rooms=3, rent_ceiling_ore=1_000_000)
    listed = [big, dear, right, small, unknown, cheaper_four]
    assert [d.id for d in rank_dwellings(listed, need)] == [3, 6, 1, 2, 4, 5]
    assert best_dwelling(listed, need) == right
    assert not fits(dear, need) and not fits(small, need) and not fits(unknown, need)
    # Accessibility asked for: only the accessible one.
    assert best_dwelling(listed, DwellingNeed(3, 1_000_000, accessibility=True)) == cheaper_four
    # Nothing fits: no default is pretended.
    assert best_dwelling([small, unknown], need) is None
    assert need_text(DwellingNeed(3, 800_000, True)) == (
        f"minst 3 rum, högst {format_amount(800_000)}, tillgänglighetsanpassad"
    )
