from datetime import date

import pytest

from bosam.advice.rules import (
    InvalidPeriod,
    age_band_for,
    format_minutes,
    group_ids,
    minutes_are_plausible,
    people_with_more_than_one_case,
    period_from,
    year_period,
)

pytestmark = pytest.mark.nodb


@pytest.mark.parametrize(
    ("born", "band"),
    [
        (date(2009, 6, 2), "under_18"),  # 17 the day before the 18th birthday
        (date(2008, 6, 1), "18_25"),  # 18 on the day
        (date(2000, 6, 1), "26_35"),
        (date(1976, 6, 2), "36_50"),  # 49, birthday tomorrow
        (date(1975, 6, 1), "51_64"),
        (date(1961, 6, 1), "65_plus"),
    ],
)
def test_age_band_follows_the_birthday(born, band) -> None:
    assert age_band_for(born, date(2026, 6, 1)) == band


def test_age_band_is_unknown_without_birth_date() -> None:
    assert age_band_for(None, date(2026, 6, 1)) == "unknown"


def test_a_year_is_the_calendar_year_both_ends_included() -> None:
    period = year_period(2022)
    assert (period.start, period.end, period.days) == (date(2022, 1, 1), date(2022, 12, 31), 365)


def test_period_defaults_to_this_year_to_date() -> None:
    period = period_from(None, None, today=date(2026, 11, 25))
    assert (period.start, period.end) == (date(2026, 1, 1), date(2026, 11, 25))


def test_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(InvalidPeriod, match="Slutdatum"):
        period_from(date(2022, 2, 1), date(2022, 1, 31), today=date(2026, 1, 1))


def test_group_ids_counts_a_case_once_per_key_even_with_several_contacts() -> None:
    pairs = [("queue", "c1"), ("queue", "c1"), ("queue", "c2"), ("bankid", "c1")]
    assert group_ids(pairs) == {"queue": ["c1", "c2"], "bankid": ["c1"]}


def test_people_helped_more_than_once_ignore_anonymous_cases() -> None:
    pairs = [("p1", "c1"), ("p1", "c2"), ("p2", "c3"), (None, "c4"), (None, "c5")]
    assert people_with_more_than_one_case(pairs) == {"p1": ["c1", "c2"]}


@pytest.mark.parametrize(("minutes", "ok"), [(0, False), (1, True), (480, True), (481, False)])
def test_a_contact_takes_a_minute_to_a_working_day(minutes, ok) -> None:
    assert minutes_are_plausible(minutes) is ok


@pytest.mark.parametrize(
    ("minutes", "text"), [(45, "45 min"), (60, "1 h"), (90, "1 h 30 min"), (0, "0 min")]
)
def test_time_spent_reads_as_people_say_it(minutes, text) -> None:
    assert format_minutes(minutes) == text
