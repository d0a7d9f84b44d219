"""The one rule for a typed search term (issue 21, item 7)."""

import pytest

from bosam.core.search_terms import clean_query

pytestmark = pytest.mark.nodb


@pytest.mark.parametrize(
    "typed", ["", None, "   ", "\x00", "%00", "a", "ab", "Å Ö", "--*--", "\x00\x00\x00"]
)
def test_a_term_with_fewer_than_three_letters_or_digits_searches_for_nobody(typed) -> None:  # type: ignore[no-untyped-def]
    assert clean_query(typed) == ""


def test_a_nul_character_cannot_turn_a_search_into_the_whole_register() -> None:
    assert clean_query("\x00") == ""
    assert clean_query("An\x00na") == "Anna"


def test_invisible_characters_are_dropped_and_white_space_becomes_one_space() -> None:
    assert clean_query("  Anna\u200b \t Andersson\n") == "Anna Andersson"
    assert clean_query("Åsa\u202eÖberg") == "ÅsaÖberg"


@pytest.mark.parametrize("typed", ["Åsa", "19850312", "850312-1234", "o'Neil", "Lind-Berg", "1102"])
def test_names_and_numbers_as_caseworkers_type_them_are_kept(typed) -> None:  # type: ignore[no-untyped-def]
    assert clean_query(typed) == typed


def test_a_very_long_term_is_cut_not_searched_whole() -> None:
    assert len(clean_query("a" * 10_000)) == 100
