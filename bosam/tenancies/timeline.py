"""Tenancies' entries on the register's apartment timeline: sublets and vacancies.

Sublets concern people: the entries name the contract, not the household, and only sublets the
user may see are listed (and audited). Vacancies carry no personal data."""

from typing import Any

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bosam.audit.services import audit_list
from bosam.households.models import HouseholdMember
from bosam.properties.hooks import TimelineEntry
from bosam.properties.models import Apartment, HeadLease
from bosam.tenancies import rules
from bosam.tenancies.models import Sublet
from bosam.tenancies.selectors import sublet_visible_to


def apartment_entries(apartment: Apartment, user: Any) -> list[TimelineEntry]:
    """One entry per sublet the user may see, and one per vacancy of the apartment's leases."""
    today = timezone.localdate()
    all_sublets = list(Sublet.objects.filter(apartment=apartment).order_by("start_date"))
    # The household's members are prefetched: the audit names each one, for every sublet.
    visible = list(
        sublet_visible_to(user)
        .filter(apartment=apartment)
        .select_related("apartment", "household")
        .prefetch_related(
            Prefetch(
                "household__memberships",
                queryset=HouseholdMember.objects.filter(end_date__isnull=True)
                .select_related("person")
                .order_by("relation", "person__birth_date"),
                to_attr="prefetched_current_members",
            )
        )
        .order_by("start_date")
    )
    audit_list(actor=user, objects=visible)
    entries = [
        TimelineEntry(
            day=s.start_date,
            end=s.end_date,
            title=_("Andrahandskontrakt %(number)s") % {"number": s.number},
            kind="sublet",
            detail=f"{s.get_kind_display()} · {s.get_status_display()}"
            + (f" · {s.get_outcome_display()}" if s.outcome else ""),
            url=reverse("tenancies:sublet_detail", args=[s.pk]),
        )
        for s in visible
    ]
    for lease in HeadLease.objects.filter(apartment=apartment).select_related("committee"):
        periods = [
            rules.Period(s.start_date, s.end_date)
            for s in all_sublets
            if s.head_lease_id == lease.pk
        ]
        for gap in rules.vacancy_periods(
            rules.Period(lease.start_date, lease.end_date), periods, until=today
        ):
            days = gap.days()
            entries.append(
                TimelineEntry(
                    day=gap.start,
                    end=gap.end,
                    title=_("Tomställd %(days)s dagar") % {"days": days},
                    kind="vacancy",
                    detail=_("%(cost)s kr, %(committee)s")
                    % {
                        "cost": rules.vacancy_cost(days, lease.monthly_rent),
                        "committee": lease.committee,
                    },
                )
            )
    return entries


def head_lease_entries(head_lease: HeadLease, user: Any) -> list[TimelineEntry]:
    """One entry per sublet under the head lease that the user may see (audited as a list)."""
    visible = list(
        sublet_visible_to(user)
        .filter(head_lease=head_lease)
        .select_related("household")
        .prefetch_related(
            Prefetch(
                "household__memberships",
                queryset=HouseholdMember.objects.filter(end_date__isnull=True)
                .select_related("person")
                .order_by("relation", "person__birth_date"),
                to_attr="prefetched_current_members",
            )
        )
        .order_by("-start_date")
    )
    audit_list(actor=user, objects=visible)
    return [
        TimelineEntry(
            day=s.start_date,
            end=s.end_date,
            title=_("Andrahandskontrakt %(number)s") % {"number": s.number},
            kind="sublet",
            detail=f"{s.get_kind_display()} · {s.get_status_display()}"
            + (f" · {s.get_outcome_display()}" if s.outcome else ""),
            url=reverse("tenancies:sublet_detail", args=[s.pk]),
        )
        for s in visible
    ]
