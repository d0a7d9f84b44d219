"""The pure tenancy rules, in the words of the people who use them."""

from datetime import date
from decimal import Decimal

import pytest

from bosam.tenancies.rules import (
    Charge,
    EndedSublet,
    Period,
    TakeoverCriteria,
    add_months,
    arrears,
    days_in_year,
    goal_fulfilment,
    lies_within,
    months_in_arrears,
    overlapping,
    periods_overlap,
    planned_takeover_date,
    rent_due_date,
    takeover_criteria_unmet,
    vacancy_cost,
    vacancy_periods,
)

pytestmark = pytest.mark.nodb

D = date


def test_sublets_sharing_a_day_overlap() -> None:
    assert periods_overlap(Period(D(2022, 1, 1), D(2022, 6, 30)), Period(D(2022, 6, 30), None))


def test_a_sublet_starting_the_day_after_another_ends_does_not_overlap() -> None:
    assert not periods_overlap(Period(D(2022, 1, 1), D(2022, 6, 30)), Period(D(2022, 7, 1)))


def test_a_running_sublet_overlaps_every_later_one() -> None:
    existing = [("a", Period(D(2020, 1, 1), None)), ("b", Period(D(2018, 1, 1), D(2019, 1, 1)))]
    assert overlapping(Period(D(2025, 1, 1), D(2025, 2, 1)), existing) == ["a"]


def test_a_sublet_must_start_inside_its_head_lease() -> None:
    lease = Period(D(2020, 3, 1), None)
    assert not lies_within(Period(D(2020, 2, 28), None), lease)
    assert lies_within(Period(D(2020, 3, 1), None), lease)


def test_a_running_sublet_does_not_fit_a_head_lease_with_an_end() -> None:
    lease = Period(D(2020, 1, 1), D(2023, 12, 31))
    assert not lies_within(Period(D(2021, 1, 1), None), lease)
    assert lies_within(Period(D(2021, 1, 1), D(2023, 12, 31)), lease)
    assert not lies_within(Period(D(2021, 1, 1), D(2024, 1, 1)), lease)


def test_vacancy_is_the_head_lease_period_minus_its_sublets() -> None:
    lease = Period(D(2022, 1, 1), D(2022, 12, 31))
    sublets = [Period(D(2022, 3, 1), D(2022, 5, 31)), Period(D(2022, 8, 1), D(2022, 12, 31))]
    assert vacancy_periods(lease, sublets, until=D(2030, 1, 1)) == [
        Period(D(2022, 1, 1), D(2022, 2, 28)),
        Period(D(2022, 6, 1), D(2022, 7, 31)),
    ]


def test_a_running_head_lease_is_vacant_until_today_at_most() -> None:
    lease = Period(D(2024, 1, 1), None)
    assert vacancy_periods(
        lease, [Period(D(2024, 1, 1), D(2024, 1, 31))], until=D(2024, 3, 10)
    ) == [Period(D(2024, 2, 1), D(2024, 3, 10))]


def test_a_running_sublet_leaves_no_vacancy_after_its_start() -> None:
    lease = Period(D(2024, 1, 1), None)
    assert vacancy_periods(lease, [Period(D(2024, 1, 11))], until=D(2025, 1, 1)) == [
        Period(D(2024, 1, 1), D(2024, 1, 10))
    ]


def test_a_head_lease_starting_in_the_future_has_no_vacancy_yet() -> None:
    assert vacancy_periods(Period(D(2030, 1, 1)), [], until=D(2025, 1, 1)) == []


def test_vacancy_days_are_counted_per_calendar_year() -> None:
    gap = Period(D(2021, 12, 20), D(2022, 1, 10))
    assert days_in_year(gap, 2021) == 12
    assert days_in_year(gap, 2022) == 10
    assert days_in_year(gap, 2023) == 0


def test_vacancy_cost_is_days_times_monthly_rent_times_twelve_over_365() -> None:
    assert vacancy_cost(365, Decimal("6000")) == Decimal("72000.00")
    assert vacancy_cost(10, Decimal("7300")) == Decimal("2400.00")


def test_planned_takeover_is_a_configured_number_of_months_after_start() -> None:
    assert planned_takeover_date(D(2021, 3, 15), 18, takeover_planned=True) == D(2022, 9, 15)
    assert planned_takeover_date(D(2021, 3, 15), 18, takeover_planned=False) is None


def test_adding_months_to_the_31st_lands_on_the_last_day_of_a_shorter_month() -> None:
    assert add_months(D(2023, 8, 31), 6) == D(2024, 2, 29)


def test_takeover_needs_every_criterion_and_the_landlords_consent() -> None:
    ok = TakeoverCriteria(True, True, True, True)
    no_consent = TakeoverCriteria(True, True, True, False)
    assert takeover_criteria_unmet(ok) == []
    assert takeover_criteria_unmet(no_consent) == ["hyresvärdens samtycke"]


def _ended(
    id_: str, end: date, *, took_over: bool, planned: bool = True, excluded: bool = False
) -> EndedSublet:
    return EndedSublet(id_, end, planned, took_over, excluded)


def test_goal_fulfilment_is_takeovers_of_planned_sublets_ended_in_the_year() -> None:
    sublets = [
        _ended("a", D(2022, 3, 1), took_over=True),
        _ended("b", D(2022, 6, 1), took_over=True),
        _ended("c", D(2022, 9, 1), took_over=True),
        _ended("d", D(2022, 12, 31), took_over=False),
    ]
    result = goal_fulfilment(sublets, 2022)
    assert (result.numerator, result.denominator, result.percent) == (3, 4, 75)
    assert result.numerator_ids == ["a", "b", "c"]


def test_goal_fulfilment_leaves_out_death_and_care_when_configured() -> None:
    sublets = [
        _ended("a", D(2022, 3, 1), took_over=True),
        _ended("b", D(2022, 6, 1), took_over=False, excluded=True),
    ]
    result = goal_fulfilment(sublets, 2022)
    assert (result.numerator, result.denominator, result.percent) == (1, 1, 100)
    assert result.excluded_ids == ["b"]


def test_goal_fulfilment_counts_a_sublet_in_the_year_it_ended() -> None:
    sublets = [
        _ended("new_years_eve", D(2021, 12, 31), took_over=True),
        _ended("new_years_day", D(2022, 1, 1), took_over=False),
    ]
    assert goal_fulfilment(sublets, 2021).percent == 100
    assert goal_fulfilment(sublets, 2022).percent == 0


def test_goal_fulfilment_ignores_sublets_where_takeover_was_not_the_plan() -> None:
    sublets = [_ended("emergency", D(2022, 3, 1), took_over=False, planned=False)]
    assert goal_fulfilment(sublets, 2022).percent is None


def test_goal_fulfilment_rounds_to_whole_percent_half_up() -> None:
    sublets = [_ended(str(i), D(2022, 5, 1), took_over=i < 7) for i in range(8)]
    assert goal_fulfilment(sublets, 2022).percent == 88  # 7/8 = 87.5 %


def test_rent_is_due_the_last_working_day_before_the_month() -> None:
    # 31 Dec 2022 is New Year's Eve and a Saturday; 30 Dec is a Friday.
    assert rent_due_date(D(2023, 1, 1)) == D(2022, 12, 30)
    # 30 Apr 2023 is a Sunday.
    assert rent_due_date(D(2023, 5, 1)) == D(2023, 4, 28)


def test_arrears_are_unpaid_rent_that_has_fallen_due() -> None:
    charges = [
        Charge(D(2023, 1, 31), Decimal("5000"), Decimal("5000")),
        Charge(D(2023, 2, 28), Decimal("5000"), Decimal("2000")),
        Charge(D(2023, 3, 31), Decimal("5000"), Decimal("0")),
    ]
    assert arrears(charges, on=D(2023, 3, 15)) == Decimal("3000")
    assert months_in_arrears(charges, on=D(2023, 4, 1)) == 2
