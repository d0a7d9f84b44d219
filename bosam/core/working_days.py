"""The Swedish working-day calendar for statutory periods.

Lag (1930:173) om beräkning av lagstadgad tid: a period whose last day falls on a Saturday, Sunday,
other public holiday, Midsummer Eve, Christmas Eve or New Year's Eve ends on the next working day.
Public holidays come from the `holidays` package; the three eves are added here explicitly, since
they are not public holidays but the act names them.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[date]:
    # The package lists every Sunday as a holiday in its Swedish calendar by default; we only
    # want the named days, and treat weekends separately.
    calendar = holidays.country_holidays("SE", years=year, include_sundays=False)
    return frozenset(calendar.keys())


def midsummer_eve(year: int) -> date:
    """Midsummer Eve: the Friday between 19 and 25 June."""
    day = date(year, 6, 19)
    return day + timedelta(days=(4 - day.weekday()) % 7)


def is_non_working_day(day: date) -> bool:
    """True on Saturdays, Sundays, public holidays and the three eves the 1930 act names."""
    if day.weekday() >= 5:
        return True
    if day in _public_holidays(day.year):
        return True
    return day in {midsummer_eve(day.year), date(day.year, 12, 24), date(day.year, 12, 31)}


def next_working_day_if_closed(day: date) -> date:
    """The day itself if it is a working day, else the next working day (1930:173, 2 §)."""
    while is_non_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (for internal service targets, not statutes)."""
    day = start
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if not is_non_working_day(day):
            remaining -= 1
    return day
