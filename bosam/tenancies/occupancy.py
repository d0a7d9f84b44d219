"""For the register's "vacant" filter: the head leases that have a sublet on a day."""

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from bosam.tenancies.models import Sublet


def occupied_head_leases(day: date) -> QuerySet[Any]:
    """Ids of head leases with a sublet running on the day (an open end runs on)."""
    return (
        Sublet.objects.filter(start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .values("head_lease_id")
    )
