"""Small-number suppression is honest: "<5" is a value from 1 to 4, a value hidden to protect
another is marked "..", and nothing hidden can be worked out from what the page shows."""

from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bosam.reporting.rules import COMPLEMENTARY_MARK, suppress_with_total

pytestmark = pytest.mark.nodb


def _possible_values(
    values: list[int], cells: list[str | None], threshold: int, total_shown: bool
) -> dict[int, set[int]]:
    """Every value a reader could assign to each hidden cell, knowing the shown cells, the total
    (when shown), that "<t" is 1..t-1 and that ".." is at least t (worked out by brute force)."""
    hidden = [i for i, c in enumerate(cells) if c is not None]
    top = sum(values) + threshold + 2
    domains = [
        range(1, threshold) if cells[i] != COMPLEMENTARY_MARK else range(threshold, top + 1)
        for i in hidden
    ]
    hidden_sum = sum(values[i] for i in hidden)
    possible: dict[int, set[int]] = {i: set() for i in hidden}
    for guess in product(*domains):
        if total_shown and sum(guess) != hidden_sum:
            continue
        for i, v in zip(hidden, guess, strict=True):
            possible[i].add(v)
    return possible


breakdowns = st.tuples(
    st.lists(st.integers(min_value=0, max_value=25), min_size=1, max_size=4),
    st.integers(min_value=3, max_value=8),
)


@settings(max_examples=300, deadline=None)
@given(breakdowns)
def test_no_less_than_mark_hides_a_value_at_or_above_the_threshold(case) -> None:  # type: ignore[no-untyped-def]
    values, threshold = case
    cells = suppress_with_total(values, threshold=threshold).cells
    for value, cell in zip(values, cells, strict=True):
        if cell is not None and cell.startswith("<"):
            assert 1 <= value < threshold
        if cell == COMPLEMENTARY_MARK:
            assert value >= threshold


@settings(max_examples=300, deadline=None)
@given(breakdowns)
def test_no_suppressed_value_can_be_worked_out_from_the_total_and_the_shown_cells(case) -> None:  # type: ignore[no-untyped-def]
    values, threshold = case
    result = suppress_with_total(values, threshold=threshold)
    possible = _possible_values(values, result.cells, threshold, not result.total_hidden)
    for index, options in possible.items():
        assert values[index] in options
        assert len(options) >= 2, (values, result, index, options)


def test_the_published_takeover_table_no_longer_shows_sixteen_as_less_than_five() -> None:
    # given 16 of 18 ended sublets taken over, 2 not, 0 excluded
    result = suppress_with_total([16, 2, 0], threshold=5)
    # then the 2 is "<5" and the 16 hidden to protect it is "..", not "<5"
    assert result.cells == ["..", "<5", None]


def test_five_and_eight_are_never_shown_as_less_than_five() -> None:
    # given a 1 to protect: hiding the 5 alone would leave 1 + 5 = 6 readable as exactly 1 + 5
    result = suppress_with_total([5, 8, 1], threshold=5)
    assert result.cells == ["..", "..", "<5"]


def test_a_small_cell_that_cannot_be_protected_hides_the_total() -> None:
    # one household, all in one row: the total would say which row
    assert suppress_with_total([2, 0], threshold=5).total_hidden
