from datetime import date, timedelta
from functools import cache

import holidays
import pytest

from bosam.core.working_days import is_non_working_day, next_working_day_if_closed

pytestmark = pytest.mark.nodb


@cache
def _closed_by_the_act(year: int) -> frozenset[date]:
    """Lag (1930:173) written out by hand: public holidays (the package's PUBLIC category),
    Midsummer Eve (the Friday between 19 and 25 June), Christmas Eve, New Year's Eve."""
    public = holidays.country_holidays("SE", years=year, include_sundays=False)
    june_19 = date(year, 6, 19)
    midsummer_eve = june_19 + timedelta(days=(4 - june_19.weekday()) % 7)
    return frozenset({*public, midsummer_eve, date(year, 12, 24), date(year, 12, 31)})


def _by_the_act(day: date) -> bool:
    return day.weekday() >= 5 or day in _closed_by_the_act(day.year)


def test_the_calendar_closes_exactly_the_days_the_act_names_1990_to_2100() -> None:
    # given every day from 1990 to 2100
    day, differences = date(1990, 1, 1), []
    while day <= date(2100, 12, 31):
        # when the package's calendar (PUBLIC and DE_FACTO) and the hand-written rule are asked
        if is_non_working_day(day) != _by_the_act(day):
            differences.append(day)
        day += timedelta(days=1)
    # then they agree on every one
    assert differences == []


def test_a_period_ending_on_christmas_eve_moves_past_the_holidays() -> None:
    assert next_working_day_if_closed(date(2026, 12, 24)) == date(2026, 12, 28)
