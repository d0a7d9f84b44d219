from decimal import Decimal

import pytest

from bosam.reporting.charts import BAR_AREA, ChartInput, bar_chart
from bosam.reporting.rules import (
    FigureSnapshot,
    changed_since_publishing,
    is_report_year,
    percentage,
    suppress_breakdown,
    suppress_cell,
    year_may_be_published,
    year_over_year,
)

pytestmark = pytest.mark.nodb


@pytest.mark.parametrize(
    ("value", "shown"),
    [(0, None), (1, "<5"), (4, "<5"), (5, None), (428, None), (None, None)],
)
def test_counts_from_one_to_below_the_threshold_are_suppressed(value, shown) -> None:
    assert suppress_cell(value, threshold=5) == shown


def test_totals_are_never_suppressed() -> None:
    assert suppress_cell(3, threshold=5, is_total=True) is None


def test_the_threshold_is_configurable() -> None:
    assert suppress_cell(9, threshold=10) == "<10"
    assert suppress_cell(9, threshold=5) is None


def test_a_threshold_of_one_suppresses_nothing() -> None:
    assert suppress_cell(1, threshold=1) is None


def test_a_single_suppressed_cell_takes_the_next_smallest_with_it_under_its_own_mark() -> None:
    # given a breakdown whose total (3 + 7 + 20 = 30) is shown
    # when only the 3 were hidden, 30 - 7 - 20 would give it away
    shown = suppress_breakdown([3, 7, 20], threshold=5)
    # then the 7 is hidden too, as "..": "<5" would say it is below five
    assert shown == ["<5", "..", None]


def test_two_suppressed_cells_need_no_complement() -> None:
    assert suppress_breakdown([3, 2, 20], threshold=5) == ["<5", "<5", None]


def test_zero_cells_are_not_used_as_complement() -> None:
    assert suppress_breakdown([0, 3, 20], threshold=5) == [None, "<5", ".."]


def test_a_breakdown_without_small_cells_is_shown_whole() -> None:
    assert suppress_breakdown([0, 5, 20], threshold=5) == [None, None, None]


def test_year_over_year_change_in_numbers_and_percent() -> None:
    change = year_over_year(152, 170)
    assert change is not None
    assert change.difference == -18
    assert change.percent == Decimal("-11")


def test_year_over_year_has_no_percent_from_zero() -> None:
    change = year_over_year(5, 0)
    assert change is not None
    assert change.percent is None


def test_year_over_year_needs_both_years() -> None:
    assert year_over_year(5, None) is None


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (87, 100, Decimal("87")),
        (20, 26, Decimal("77")),
        (7, 8, Decimal("88")),
        (1, 2, Decimal("50")),
    ],
)
def test_goal_fulfilment_is_rounded_half_up_to_whole_percent(
    numerator, denominator, expected
) -> None:
    assert percentage(numerator, denominator) == expected


def test_goal_fulfilment_of_nothing_is_not_zero_percent() -> None:
    assert percentage(0, 0) is None


def test_a_figure_changed_when_its_number_changed() -> None:
    then = {"a": FigureSnapshot(10, frozenset({"1"}))}
    now = {"a": FigureSnapshot(11, frozenset({"1", "2"}))}
    assert changed_since_publishing(then, now) == ["a"]


def test_a_figure_changed_when_other_records_make_the_same_number() -> None:
    then = {"a": FigureSnapshot(1, frozenset({"1"}))}
    now = {"a": FigureSnapshot(1, frozenset({"2"}))}
    assert changed_since_publishing(then, now) == ["a"]


def test_an_unchanged_figure_is_not_reported() -> None:
    then = {"a": FigureSnapshot(Decimal("87.00"), frozenset({"1"}))}
    now = {"a": FigureSnapshot(87, frozenset({"1"}))}
    assert changed_since_publishing(then, now) == []


def test_a_figure_that_became_uncomputable_changed() -> None:
    then = {"a": FigureSnapshot(87, frozenset())}
    now = {"a": FigureSnapshot(None, frozenset())}
    assert changed_since_publishing(then, now) == ["a"]


def test_a_year_is_published_once_it_has_ended() -> None:
    assert year_may_be_published(2022, 2023)
    assert not year_may_be_published(2023, 2023)


def test_bars_are_scaled_to_the_largest_value() -> None:
    chart = bar_chart(
        "Insatser",
        2022,
        [ChartInput("A", 428, 214, "428", "214"), ChartInput("B", 0, None, "0", "–")],
    )
    a, b = chart.rows
    assert a.bars[0].width == BAR_AREA
    assert a.bars[1].width == BAR_AREA // 2
    assert b.bars[0].width == 0
    assert b.bars[1].width == 0
    assert chart.legend[0][1] == "2022"
    assert chart.legend[1][1] == "2021"


def test_a_report_year_and_the_year_before_must_be_calendar_years() -> None:
    assert is_report_year(2022)
    assert not is_report_year(1900)
    assert not is_report_year(999_999)
