"""Pure rules for housing advice: age bands, periods and the arithmetic behind the figures.

Source: the seed's annual report 2022 ("423 bostadsrådgivningsärenden inkom under 2022") and
domain.md §4: a case counts in the year it came in, closed or not."""

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date

from bosam.core.i18n import gettext as _

MAX_MINUTES_PER_CONTACT = 480  # one working day; more is a typing error, not a contact

# (lowest age, band code); the AgeBand choices in models use the same codes.
_AGE_BANDS = [(65, "65_plus"), (51, "51_64"), (36, "36_50"), (26, "26_35"), (18, "18_25")]


def age_on(birth_date: date, day: date) -> int:
    """Whole years of age on `day`."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - int(before_birthday)


def age_band_for(birth_date: date | None, day: date) -> str:
    """The age band of a person on a day; "unknown" without a birth date."""
    if birth_date is None:
        return "unknown"
    age = age_on(birth_date, day)
    for lowest, band in _AGE_BANDS:
        if age >= lowest:
            return band
    return "under_18"


@dataclass(frozen=True)
class Period:
    """A closed range of days, both ends included."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


class InvalidPeriod(ValueError):
    """The period cannot be used; the message is UI copy."""


def year_period(year: int) -> Period:
    """A calendar year, as the annual report counts it."""
    return Period(date(year, 1, 1), date(year, 12, 31))


def period_from(start: date | None, end: date | None, *, today: date) -> Period:
    """The period a user asked for: missing start = 1 January this year, missing end = today."""
    start = start or date(today.year, 1, 1)
    end = end or today
    if end < start:
        raise InvalidPeriod(_("Slutdatum kan inte ligga före startdatum."))
    if (end - start).days > 366 * 20:
        raise InvalidPeriod(_("Välj en period på högst tjugo år."))
    return Period(start, end)


def group_ids[K: Hashable, V: Hashable](pairs: Iterable[tuple[K, V]]) -> dict[K, list[V]]:
    """Group record ids by key (a channel, a reason …), each id once per key, order kept."""
    grouped: dict[K, list[V]] = defaultdict(list)
    seen: set[tuple[K, V]] = set()
    for key, record_id in pairs:
        if (key, record_id) in seen:
            continue
        seen.add((key, record_id))
        grouped[key].append(record_id)
    return dict(grouped)


def people_with_more_than_one_case[K: Hashable, V: Hashable](
    pairs: Iterable[tuple[K | None, V]],
) -> dict[K, list[V]]:
    """Identified people with two or more cases among (person, case) pairs.

    Anonymous cases (person None) cannot be told apart and never count as repeat visits."""
    by_person = group_ids((person, case) for person, case in pairs if person is not None)
    return {person: cases for person, cases in by_person.items() if len(cases) >= 2}


def minutes_are_plausible(minutes: int) -> bool:
    """A contact takes at least a minute and at most a working day."""
    return 1 <= minutes <= MAX_MINUTES_PER_CONTACT


def format_minutes(minutes: int) -> str:
    """Time spent as people say it: "45 min", "1 h 30 min", "2 h"."""
    hours, rest = divmod(max(0, minutes), 60)
    if not hours:
        return f"{rest} min"
    if not rest:
        return f"{hours} h"
    return f"{hours} h {rest} min"
