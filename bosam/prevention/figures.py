"""The figures of eviction prevention for any period, as selectors that return the count and the
ids of the records behind it (the annual report's drill-down). Definitions: docs/prevention.md.

No personal data leaves here, only ids; callers check STATISTICS."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet

from bosam.households.models import Intervention, InterventionType
from bosam.prevention import rules
from bosam.prevention.models import Notification, PreventionCase
from bosam.prevention.selectors import CASE_SOURCE_TYPE


@dataclass(frozen=True)
class Figure:
    count: int
    ids: list[str]


@dataclass(frozen=True)
class ContactFigure(Figure):
    """Households reached, with the days from first notification to first contact."""

    median_days: float | None = None
    within_7_days: int = 0


@dataclass(frozen=True)
class OutcomeFigure:
    by_outcome: dict[str, Figure] = field(default_factory=dict)


def _period(year: int | None, start: date | None, end: date | None) -> tuple[date, date]:
    if year is not None:
        return date(year, 1, 1), date(year, 12, 31)
    if start is None or end is None:
        raise ValueError("Give a year, or both start and end.")
    return start, end


def _figure(ids: list[object]) -> Figure:
    return Figure(count=len(ids), ids=[str(i) for i in ids])


def notifications_received(
    year: int | None = None, *, start: date | None = None, end: date | None = None
) -> Figure:
    """Notifications received in the period (every source and stage; a list row is one)."""
    first, last = _period(year, start, end)
    return _figure(
        list(
            Notification.objects.filter(received_on__range=(first, last))
            .order_by("received_on")
            .values_list("id", flat=True)
        )
    )


def households_reached(
    year: int | None = None, *, start: date | None = None, end: date | None = None
) -> ContactFigure:
    """Cases opened in the period whose household was reached (a contact, whenever it came),
    with the median days from the case's first notification to the first contact."""
    first, last = _period(year, start, end)
    rows = list(
        PreventionCase.objects.filter(
            opened_on__range=(first, last), first_contact_on__isnull=False
        )
        .order_by("opened_on")
        .values_list("id", "opened_on", "first_contact_on")
    )
    days = [rules.days_to_first_contact(opened, contact) or 0 for _id, opened, contact in rows]
    return ContactFigure(
        count=len(rows),
        ids=[str(pk) for pk, _o, _c in rows],
        median_days=rules.median(days),
        within_7_days=sum(1 for d in days if d <= 7),
    )


def stay_in_home_interventions(
    year: int | None = None, *, start: date | None = None, end: date | None = None
) -> Figure:
    """Stay-in-home interventions (kvarboende insatser): interventions of a catalogue type of
    kind 'kvarboende' recorded in a prevention case, performed in the period."""
    first, last = _period(year, start, end)
    return _figure(
        list(
            stay_in_home_interventions_between(first, last)
            .order_by("performed_on")
            .values_list("id", flat=True)
        )
    )


def stay_in_home_interventions_between(first: date, last: date) -> QuerySet[Intervention]:
    """The stay-in-home interventions performed from `first` to `last`, both included, as a
    query to count or group in SQL (the annual report)."""
    return Intervention.objects.filter(
        intervention_type__kind=InterventionType.Kind.KVARBOENDE,
        source_type=CASE_SOURCE_TYPE,
        performed_on__range=(first, last),
    )


def outcomes(
    year: int | None = None, *, start: date | None = None, end: date | None = None
) -> OutcomeFigure:
    """Cases closed in the period, by outcome (every outcome present, zero or not)."""
    first, last = _period(year, start, end)
    closed = list(
        PreventionCase.objects.filter(closed_on__range=(first, last))
        .order_by("closed_on")
        .values_list("id", "outcome")
    )
    return OutcomeFigure(
        by_outcome={
            value: _figure([pk for pk, outcome in closed if outcome == value])
            for value in PreventionCase.Outcome.values
        }
    )


def evictions(
    year: int | None = None, *, start: date | None = None, end: date | None = None
) -> Figure:
    """Cases closed in the period because the household was evicted."""
    return outcomes(year, start=start, end=end).by_outcome[PreventionCase.Outcome.EVICTED]


def children_affected(
    year: int | None = None, *, start: date | None = None, end: date | None = None
) -> Figure:
    """Children in households evicted in the period (counted on the closing day); the ids are
    the cases."""
    first, last = _period(year, start, end)
    rows = list(
        PreventionCase.objects.filter(
            closed_on__range=(first, last),
            outcome=PreventionCase.Outcome.EVICTED,
            children_count__gt=0,
        ).values_list("id", "children_count")
    )
    return Figure(count=sum(n for _pk, n in rows), ids=[str(pk) for pk, _n in rows])


def households_with_children_notified(
    year: int | None = None, *, start: date | None = None, end: date | None = None
) -> Figure:
    """Cases opened in the period for a household with children (escalated and counted apart)."""
    first, last = _period(year, start, end)
    return _figure(
        list(
            PreventionCase.objects.filter(
                opened_on__range=(first, last), children_count__gt=0
            ).values_list("id", flat=True)
        )
    )
