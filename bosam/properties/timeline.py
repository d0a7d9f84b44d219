"""The register's own entries on an apartment's timeline: its head leases."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from bosam.properties.hooks import TimelineEntry
from bosam.properties.models import Apartment, HeadLease


def apartment_entries(apartment: Apartment, user: Any) -> list[TimelineEntry]:
    """One entry per head lease on the apartment (the caller has checked REGISTER_VIEW)."""
    entries = []
    for lease in HeadLease.objects.filter(apartment=apartment).select_related(
        "usage", "committee", "end_reason", "landlord"
    ):
        detail = f"{lease.usage} · {lease.committee} · {lease.landlord}"
        if lease.end_reason:
            detail += " · " + _("avslutat: %(reason)s") % {"reason": lease.end_reason}
        entries.append(
            TimelineEntry(
                day=lease.start_date,
                end=lease.end_date,
                title=_("Avtal %(number)s") % {"number": lease.number},
                kind="head_lease",
                detail=detail,
                url=reverse("properties:head_lease_detail", args=[lease.pk]),
            )
        )
    return entries
