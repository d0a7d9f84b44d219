"""The Swedish working-day calendar for statutory periods.

Lag (1930:173) om beräkning av lagstadgad tid: a period whose last day falls on a Saturday, Sunday,
other public holiday, Midsummer Eve, Christmas Eve or New Year's Eve ends on the next working day.
The `holidays` package's Swedish calendar gives both: its PUBLIC category the public holidays, its
DE_FACTO category exactly those three eves (bosam/core/tests/test_working_days.py checks every day
of 1990–2100 against the act's rule written out by hand).
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _closed_days(year: int) -> frozenset[date]:
    # The package lists every Sunday as a holiday in its Swedish calendar by default; we only
    # want the named days, and treat weekends separately.
    calendar = holidays.country_holidays(
        "SE", years=year, categories=(holidays.PUBLIC, holidays.DE_FACTO), include_sundays=False
    )
    return frozenset(calendar.keys())


def is_non_working_day(day: date) -> bool:
    """True on Saturdays, Sundays, public holidays and the three eves the 1930 act names."""
    return day.weekday() >= 5 or day in _closed_days(day.year)


def next_working_day_if_closed(day: date) -> date:
    """The day itself if it is a working day, else the next working day (1930:173, 2 §)."""
    while is_non_working_day(day):
        day += timedelta(days=1)
    return day
