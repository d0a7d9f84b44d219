"""Pure rules for sublets: periods, vacancies and their cost, the planned takeover, the takeover
criteria, goal fulfilment and rent arrears. Plain values in, plain values out.

A period is a pair of dates, both days included; an open end (`None`) runs until further notice.
"""

import calendar
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from bosam.core.i18n import gettext as _
from bosam.core.i18n import gettext_lazy
from bosam.core.working_days import is_non_working_day

# The definition shown beside the figure, in the report and in docs/tenancies.md.
GOAL_FULFILMENT_DEFINITION = gettext_lazy(
    "Måluppfyllelse för övertagande i stödboende: andelen andrahandskontrakt där övertagande "
    "var planen (användningen syftar till övertagande) och som avslutades under året med att "
    "hushållet tog över förstahandskontraktet, av alla sådana kontrakt som avslutades under "
    "året. Kontrakt som avslutades av en orsak som kommunen undantar (som standard dödsfall och "
    "flytt till vård- och omsorgsboende) räknas inte. Förlängda kontrakt som fortsätter räknas "
    "inte förrän de avslutas. Andelen avrundas till hela procent."
)

DAYS_PER_YEAR = Decimal(365)


@dataclass(frozen=True)
class Period:
    start: date
    end: date | None = None  # None: until further notice

    def days(self) -> int:
        """Length in days, both ends included; an open period has no length."""
        if self.end is None:
            raise ValueError("An open period has no length.")
        return (self.end - self.start).days + 1

    def clipped(self, start: date, end: date) -> "Period | None":
        """The part of the period inside [start, end], or None when they do not meet."""
        first = max(self.start, start)
        last = end if self.end is None else min(self.end, end)
        return Period(first, last) if first <= last else None


def periods_overlap(a: Period, b: Period) -> bool:
    """True when the two periods share at least one day (an open end overlaps everything later)."""
    a_before_b = a.end is not None and a.end < b.start
    b_before_a = b.end is not None and b.end < a.start
    return not (a_before_b or b_before_a)


def overlapping(new: Period, existing: Iterable[tuple[Hashable, Period]]) -> list[Hashable]:
    """The keys of existing sublets on the apartment that the new one would overlap."""
    return [key for key, period in existing if periods_overlap(new, period)]


def lies_within(inner: Period, outer: Period) -> bool:
    """A sublet lies inside its head lease: not before its start, and not past its end. A sublet
    without an end only fits a head lease without an end."""
    if inner.start < outer.start:
        return False
    if outer.end is None:
        return True
    return inner.end is not None and inner.end <= outer.end


def vacancy_periods(lease: Period, sublets: Iterable[Period], until: date) -> list[Period]:
    """The parts of a head lease's period (up to `until`) that no sublet covers: tomställning.

    A sublet running until further notice covers everything from its start."""
    window = lease.clipped(lease.start, until)
    if window is None:
        return []
    assert window.end is not None
    gaps: list[Period] = []
    cursor = window.start
    for sublet in sorted(sublets, key=lambda p: p.start):
        if sublet.start > cursor:
            gap_end = min(sublet.start - timedelta(days=1), window.end)
            if gap_end >= cursor:
                gaps.append(Period(cursor, gap_end))
        if sublet.end is None:
            return gaps
        cursor = max(cursor, sublet.end + timedelta(days=1))
        if cursor > window.end:
            return gaps
    if cursor <= window.end:
        gaps.append(Period(cursor, window.end))
    return gaps


def days_in_year(period: Period, year: int) -> int:
    """How many of the period's days fall in the calendar year (an open period: up to 31 Dec)."""
    part = period.clipped(date(year, 1, 1), date(year, 12, 31))
    return part.days() if part else 0


def vacancy_cost(days: int, monthly_rent: Decimal) -> Decimal:
    """The rent the municipality pays for an empty apartment: days × monthly rent × 12 / 365,
    in kronor and öre."""
    cost = Decimal(days) * monthly_rent * 12 / DAYS_PER_YEAR
    return cost.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the last day of the month where that day does not exist."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def planned_takeover_date(
    start: date, months_to_takeover: int, takeover_planned: bool
) -> date | None:
    """When the takeover is planned: a configured number of months after the sublet starts
    (domain.md §2: commonly 12–24; one city uses 18). None when takeover is not the plan."""
    return add_months(start, months_to_takeover) if takeover_planned else None


@dataclass(frozen=True)
class TakeoverCriteria:
    rent_paid_on_time: bool
    conditions_kept: bool
    no_disturbance: bool
    landlord_consent: bool


def takeover_criteria_unmet(criteria: TakeoverCriteria) -> list[str]:
    """Which takeover criteria are not met (Swedish labels); empty means the household qualifies.
    Takeover needs all four, the landlord's consent above all (domain.md §2)."""
    labels = {
        "rent_paid_on_time": _("hyran betald i tid"),
        "conditions_kept": _("villkoren följda"),
        "no_disturbance": _("inga störningar"),
        "landlord_consent": _("hyresvärdens samtycke"),
    }
    return [label for name, label in labels.items() if not getattr(criteria, name)]


@dataclass(frozen=True)
class EndedSublet:
    """What goal fulfilment needs to know about a sublet."""

    id: Hashable
    end_date: date | None
    takeover_planned: bool
    took_over: bool
    excluded: bool  # ended for a reason the municipality excludes (death, care …)


@dataclass(frozen=True)
class GoalFulfilment:
    year: int
    numerator_ids: list[Hashable] = field(default_factory=list)
    denominator_ids: list[Hashable] = field(default_factory=list)
    excluded_ids: list[Hashable] = field(default_factory=list)

    @property
    def numerator(self) -> int:
        return len(self.numerator_ids)

    @property
    def denominator(self) -> int:
        return len(self.denominator_ids)

    @property
    def percent(self) -> int | None:
        """Whole percent, half up; None when nothing ended that year (no figure, not 0 %)."""
        if not self.denominator_ids:
            return None
        value = Decimal(100 * self.numerator) / Decimal(self.denominator)
        return int(value.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def goal_fulfilment(sublets: Iterable[EndedSublet], year: int) -> GoalFulfilment:
    """Takeover goal fulfilment for a year (see GOAL_FULFILMENT_DEFINITION): of the sublets where
    takeover was the plan and that ended in the year, the share that ended with a takeover;
    excluded end reasons leave the denominator. A takeover is never excluded."""
    numerator: list[Hashable] = []
    denominator: list[Hashable] = []
    excluded: list[Hashable] = []
    for sublet in sublets:
        if not sublet.takeover_planned or sublet.end_date is None:
            continue
        if sublet.end_date.year != year:
            continue
        if sublet.excluded and not sublet.took_over:
            excluded.append(sublet.id)
            continue
        denominator.append(sublet.id)
        if sublet.took_over:
            numerator.append(sublet.id)
    return GoalFulfilment(year, numerator, denominator, excluded)


def rent_due_date(month: date) -> date:
    """Rent is due in advance, by the last working day before the calendar month
    (12 kap. 20 § jordabalken, unless agreed otherwise)."""
    day = month.replace(day=1) - timedelta(days=1)
    while is_non_working_day(day):
        day -= timedelta(days=1)
    return day


def rent_for_month(
    monthly_rent: Decimal, month: date, *, start: date, end: date | None
) -> Decimal | None:
    """The rent to charge for a calendar month of a sublet running from `start` to `end`
    (inclusive; None = until further notice): the whole rent for a whole month, a first or last
    month prorated by the days the sublet runs in it (rent × days ÷ days in the month, to the
    öre), and None for a month the sublet does not run in at all (nothing may be charged)."""
    first = month.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    begins = max(first, start)
    ends = min(last, end) if end is not None else last
    if ends < begins:
        return None
    days = (ends - begins).days + 1
    month_days = (last - first).days + 1
    if days == month_days:
        return monthly_rent
    return (monthly_rent * days / month_days).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Charge:
    due_date: date
    amount: Decimal
    paid: Decimal


def arrears(charges: Sequence[Charge], on: date) -> Decimal:
    """Rent owed on a day: what fell due before it and has not been paid."""
    unpaid = (max(Decimal(0), c.amount - c.paid) for c in charges if c.due_date < on)
    return sum(unpaid, Decimal(0))


def months_in_arrears(charges: Sequence[Charge], on: date) -> int:
    """How many charges due before the day are not paid in full."""
    return sum(1 for c in charges if c.due_date < on and c.paid < c.amount)
