"""Which head leases can have a vacancy in a window, decided in SQL.

Vacancy itself is the pure `rules.vacancy_periods` over a lease's sublets. Run over every lease
and every sublet it costs a second of Python at ten times Norrköping, while most leases are
covered by one sublet for the whole window asked about and so have no vacancy there. This
excludes those in SQL (an `EXISTS`), so the rule only runs on the leases that may have a gap.
The rule stays the definition: a lease kept here may still turn out to have no gap (two sublets
back to back), and the caller's result is the same as running the rule over everything."""

from datetime import date

from django.db.models import DateField, Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Greatest, Least

from bosam.properties.models import HeadLease
from bosam.tenancies.models import Sublet


def covered_throughout(first: date, last: date) -> Exists:
    """For a head lease (the outer row): one sublet covers the lease's days in [first, last]
    (from the later of the lease's start and `first` to the earlier of its end and `last`)."""
    window_start = Greatest(OuterRef("start_date"), Value(first, output_field=DateField()))
    window_end = Least(
        Coalesce(OuterRef("end_date"), Value(last, output_field=DateField())),
        Value(last, output_field=DateField()),
    )
    return Exists(
        Sublet.objects.filter(head_lease_id=OuterRef("pk"), start_date__lte=window_start).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=window_end)
        )
    )


def leases_maybe_vacant(first: date, last: date) -> QuerySet[HeadLease]:
    """Head leases running some day in [first, last] that no single sublet covers for all of
    their days in it: the only ones that can have a vacancy there."""
    return (
        HeadLease.objects.filter(start_date__lte=last)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=first))
        .exclude(covered_throughout(first, last))
    )


def sublet_periods_meeting(
    leases: QuerySet[HeadLease], first: date, last: date
) -> QuerySet[Sublet]:
    """(head lease id, start, end) of the leases' sublets that share a day with [first, last]:
    the only ones that decide a vacancy there."""
    return (
        Sublet.objects.filter(head_lease_id__in=leases.values("pk"), start_date__lte=last)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=first))
        .order_by()
    )
