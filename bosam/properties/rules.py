"""Pure rules of the register: identifiers, notice, overlapping periods and lease status.

No database here. Messages in exceptions are Swedish UI copy.
"""

import calendar
import re
from datetime import date, timedelta
from enum import StrEnum

from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.se import orgnr

from bosam.core.i18n import gettext as _

# JB 12:4 first paragraph, point 1: a residential lease for an indefinite time ends at the turn of
# the month that comes next after three months from the notice. Head leases may agree otherwise
# (the notice period is stored on each lease); this is the default for a new one.
DEFAULT_NOTICE_PERIOD_MONTHS = 3

# The "ending soon" window of lists and the coordinator's start page.
ENDING_SOON_DAYS = 90


class InvalidOrgNumber(ValueError):
    """Not a valid Swedish organisation number; the message is UI copy."""


class InvalidApartmentNumber(ValueError):
    """Not a four-digit apartment number; the message is UI copy."""


def parse_org_number(text: str) -> str:
    """Validate an organisation number (10 digits with a Luhn check digit, with or without the
    hyphen; the 12-digit form with the prefix 16 is accepted) and return its 10 digits."""
    raw = re.sub(r"[\s\-.]", "", text or "")
    if len(raw) == 12 and raw.startswith("16"):
        raw = raw[2:]
    if not raw:
        raise InvalidOrgNumber(_("Ange organisationsnummer."))
    if not raw.isdigit() or len(raw) != 10:
        raise InvalidOrgNumber(_("Organisationsnumret ska ha tio siffror, t.ex. 556677-8899."))
    try:
        return str(orgnr.validate(raw))
    except InvalidChecksum as exc:
        raise InvalidOrgNumber(_("Organisationsnumrets kontrollsiffra stämmer inte.")) from exc
    except ValidationError as exc:
        raise InvalidOrgNumber(_("Organisationsnumret är inte giltigt.")) from exc


def format_org_number(digits: str) -> str:
    """5566778899 -> 556677-8899 (as printed on letters and in the company register)."""
    return f"{digits[:6]}-{digits[6:]}" if len(digits) == 10 else digits


def parse_apartment_number(text: str) -> str:
    """The national four-digit apartment number (lägenhetsnummer, e.g. 1102), or "" when unknown.

    Lantmäteriet's scheme gives the floor in the first two digits (10 is the entrance floor) and
    the position on the floor in the last two; only the four digits are checked here."""
    raw = (text or "").strip()
    if raw.lower().startswith("lgh"):
        raw = raw[3:].strip()
    if not raw:
        return ""
    if not re.fullmatch(r"[0-9]{4}", raw):
        raise InvalidApartmentNumber(_("Lägenhetsnumret ska vara fyra siffror, t.ex. 1102."))
    return raw


def floor_of_apartment_number(number: str) -> int | None:
    """The floor relative to the entrance floor (0) that a lägenhetsnummer gives: 1102 -> 1."""
    return int(number[:2]) - 10 if re.fullmatch(r"[0-9]{4}", number or "") else None


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def last_day_of_month(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def notice_end_date(notice_given_on: date, notice_period_months: int) -> date:
    """The last day of a lease for an indefinite time when notice is given on this day.

    JB 12 kap. 4 § första stycket 1: the lease ends at the turn of the month that comes next after
    the notice period from the notice. Notice given any day in March with three months' notice
    thus ends the lease on 30 June. A period of 0 months ends it at the end of the same month."""
    if notice_period_months < 0:
        raise ValueError("notice period cannot be negative")
    return last_day_of_month(add_months(notice_given_on.replace(day=1), notice_period_months))


def end_if_notice_given(
    *,
    start_date: date,
    end_date: date | None,
    notice_period_months: int,
    notice_given_on: date,
) -> date:
    """The day a lease would end if notice were given on `notice_given_on`.

    A lease for an indefinite time ends per `notice_end_date`. A fixed-term lease cannot be ended
    before its agreed end; notice given too late to reach it prolongs the lease until the notice
    has run (JB 12 kap. 3–4 §§). Never before the lease starts."""
    by_notice = notice_end_date(notice_given_on, notice_period_months)
    end = by_notice if end_date is None else max(end_date, by_notice)
    return max(end, start_date)


def periods_overlap(a_start: date, a_end: date | None, b_start: date, b_end: date | None) -> bool:
    """Whether two periods share a day. End dates are inclusive (the lease's last day); None is
    open-ended. A lease ending 30 June and one starting 1 July do not overlap."""
    return a_start <= (b_end or date.max) and b_start <= (a_end or date.max)


class LeaseStatus(StrEnum):
    PLANNED = "planned"  # signed, starts after today
    ACTIVE = "active"  # running, no notice given
    UNDER_NOTICE = "under_notice"  # running, notice given, ends on its end date
    ENDED = "ended"  # the end date has passed


def lease_status(
    *, start_date: date, end_date: date | None, notice_given_on: date | None, today: date
) -> LeaseStatus:
    """A head lease's status on `today`. A fixed-term lease without notice is active until its
    last day; the end date itself is still a day of the lease."""
    if start_date > today:
        return LeaseStatus.PLANNED
    if end_date is not None and end_date < today:
        return LeaseStatus.ENDED
    if notice_given_on is not None:
        return LeaseStatus.UNDER_NOTICE
    return LeaseStatus.ACTIVE


def ends_soon(*, end_date: date | None, today: date, days: int = ENDING_SOON_DAYS) -> bool:
    """The lease has a last day within the next `days` days (today included)."""
    return end_date is not None and today <= end_date <= today + timedelta(days=days)
