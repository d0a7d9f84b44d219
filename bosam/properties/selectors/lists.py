"""Reads behind the register's pages and API: lists with filters and single records.

The register holds no personal data about households; it is readable with REGISTER_VIEW, and a
user without it sees nothing.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from bosam.accounts.permissions import user_can
from bosam.accounts.roles import Capability
from bosam.core.errors import AccessDenied
from bosam.core.search_terms import clean_query
from bosam.properties.hooks import occupancy_providers, occupied_head_lease_querysets
from bosam.properties.models import Apartment, HeadLease, Landlord
from bosam.properties.rules import ENDING_SOON_DAYS, LeaseStatus

# --- access -----------------------------------------------------------------------------------


def _may_read(user: Any) -> bool:
    return user_can(user, Capability.REGISTER_VIEW)


def _require_read(user: Any) -> None:
    if not _may_read(user):
        raise AccessDenied(_("Du har inte behörighet att se registret."))


# --- derived classification -------------------------------------------------------------------


def earlier_lease_on_same_apartment() -> Exists:
    """True for a head lease whose apartment had a lease that started before it: the lease is on
    a *re-used* object; otherwise on a *new* one (seed: "127 nya objekt, 33 återanvända")."""
    return Exists(
        HeadLease.objects.filter(
            apartment_id=OuterRef("apartment_id"), start_date__lt=OuterRef("start_date")
        )
    )


def status_filter(status: LeaseStatus | str, today: date) -> Q:
    """The database form of `rules.lease_status` (keep the two in step; a test checks them)."""
    started = Q(start_date__lte=today)
    running = started & (Q(end_date__isnull=True) | Q(end_date__gte=today))
    if status == LeaseStatus.PLANNED:
        return Q(start_date__gt=today)
    if status == LeaseStatus.ENDED:
        return started & Q(end_date__lt=today)
    if status == LeaseStatus.UNDER_NOTICE:
        return running & Q(notice_given_on__isnull=False)
    if status == LeaseStatus.ACTIVE:
        return running & Q(notice_given_on__isnull=True)
    raise ValueError(f"unknown status {status!r}")


def running_on(day: date) -> Q:
    """Head leases in force on the day (started, not past their last day)."""
    return Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gte=day))


def ending_soon_filter(today: date, days: int = ENDING_SOON_DAYS) -> Q:
    return Q(end_date__gte=today, end_date__lte=today + timedelta(days=days))


def vacancy_known() -> bool:
    """Whether any module tells the register which head leases have an occupant."""
    return bool(occupancy_providers())


def vacant_filter(today: date) -> Q:
    """Running head leases without an occupant according to the modules that know (tenancies)."""
    cond = running_on(today)
    for occupied in occupied_head_lease_querysets(today):
        cond &= ~Q(pk__in=occupied)
    return cond


class _SubqueryCount(Subquery):
    """COUNT(*) of a correlated subquery, as one column of the outer query."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted)"
    output_field = IntegerField()


def _count(qs: QuerySet[Any]) -> _SubqueryCount:
    return _SubqueryCount(qs.order_by().values("pk"))


# --- landlords --------------------------------------------------------------------------------

LANDLORD_SORTS = {
    "name": ("name",),
    "-name": ("-name",),
    "apartments": ("apartment_count", "name"),
    "-apartments": ("-apartment_count", "name"),
    "first": ("first_lease_start", "name"),
    "-first": ("-first_lease_start", "name"),
}


def landlord_list(
    *,
    user: Any,
    query: str = "",
    kind: str = "",
    new_in_year: int | None = None,
    sort: str = "name",
) -> QuerySet[Landlord]:
    """Landlords with their number of apartments, running leases and first lease's start."""
    if not _may_read(user):
        return Landlord.objects.none()
    today = timezone.localdate()
    # Subqueries, not joins: joining apartments and leases at once multiplies the rows of a
    # large landlord (thousands of apartments × their leases) before counting.
    apartments = Apartment.objects.filter(landlord_id=OuterRef("pk"))
    leases = HeadLease.objects.filter(landlord_id=OuterRef("pk"))
    qs = Landlord.objects.annotate(
        apartment_count=_count(apartments),
        running_count=_count(leases.filter(running_on(today))),
        first_lease_start=Subquery(leases.order_by("start_date").values("start_date")[:1]),
    )
    if query.strip() and not clean_query(query):
        qs = qs.none()  # typed, but no search (see clean_query): nothing, never everything
    query = clean_query(query)
    if query:
        digits = "".join(ch for ch in query if ch.isdigit())
        cond = Q(name__icontains=query)
        if len(digits) >= 4:
            cond |= Q(org_number__contains=digits)
        qs = qs.filter(cond)
    if kind:
        qs = qs.filter(kind=kind)
    if new_in_year:
        qs = qs.filter(
            first_lease_start__gte=date(new_in_year, 1, 1),
            first_lease_start__lte=date(new_in_year, 12, 31),
        )
    return qs.order_by(*LANDLORD_SORTS.get(sort, LANDLORD_SORTS["name"]))


def landlord_get(*, user: Any, landlord_id: int) -> Landlord:
    """One landlord with contacts, or Landlord.DoesNotExist / AccessDenied."""
    _require_read(user)
    return Landlord.objects.prefetch_related("contacts").get(pk=landlord_id)


def landlord_head_leases(*, user: Any, landlord: Landlord) -> list[HeadLease]:
    """Every head lease signed with the landlord, newest first."""
    _require_read(user)
    return list(
        HeadLease.objects.filter(landlord=landlord)
        .select_related("apartment", "usage", "committee", "end_reason")
        .order_by("-start_date")
    )


# --- apartments -------------------------------------------------------------------------------

APARTMENT_SORTS = {
    "address": ("street_address", "apartment_number"),
    "-address": ("-street_address", "-apartment_number"),
    "district": ("district", "street_address"),
    "-district": ("-district", "street_address"),
    "landlord": ("landlord__name", "street_address"),
    "-landlord": ("-landlord__name", "street_address"),
    "rooms": ("room_count", "street_address"),
    "-rooms": ("-room_count", "street_address"),
}


@dataclass
class ApartmentFilters:
    query: str = ""
    landlord_id: int | None = None
    district: str = ""
    usage_id: int | None = None  # of the lease running today
    committee_id: int | None = None  # of the lease running today
    leased: str = ""  # "yes": a lease runs today, "no": none does
    wheelchair_accessible: bool = False
    sort: str = "address"


def apartment_list(*, user: Any, filters: ApartmentFilters | None = None) -> QuerySet[Apartment]:
    """Apartment objects with their landlord; filters on the lease running today."""
    if not _may_read(user):
        return Apartment.objects.none()
    f = filters or ApartmentFilters()
    today = timezone.localdate()
    qs = Apartment.objects.select_related("landlord")
    if f.query.strip():
        text = clean_query(f.query)
        qs = (
            qs.filter(
                Q(street_address__icontains=text)
                | Q(apartment_number=text)
                | Q(landlord_object_number__iexact=text)
                | Q(district__icontains=text)
            )
            if text
            else qs.none()
        )
    if f.landlord_id:
        qs = qs.filter(landlord_id=f.landlord_id)
    if f.district:
        qs = qs.filter(district=f.district)
    if f.wheelchair_accessible:
        qs = qs.filter(wheelchair_accessible=True)
    running = HeadLease.objects.filter(running_on(today), apartment_id=OuterRef("pk"))
    latest = running.order_by("-start_date")
    qs = qs.annotate(
        current_lease_id=Subquery(latest.values("pk")[:1]),
        current_lease_number=Subquery(latest.values("number")[:1]),
        current_usage=Subquery(latest.values("usage__name")[:1]),
    )
    current = running
    if f.usage_id:
        current = current.filter(usage_id=f.usage_id)
    if f.committee_id:
        current = current.filter(committee_id=f.committee_id)
    if f.usage_id or f.committee_id or f.leased == "yes":
        qs = qs.filter(Exists(current))
    elif f.leased == "no":
        qs = qs.exclude(Exists(current))
    return qs.order_by(*APARTMENT_SORTS.get(f.sort, APARTMENT_SORTS["address"]))


def apartment_get(*, user: Any, apartment_id: int) -> Apartment:
    _require_read(user)
    return Apartment.objects.select_related("landlord").get(pk=apartment_id)


def apartment_head_leases(*, user: Any, apartment: Apartment) -> list[HeadLease]:
    """The apartment's head leases, oldest first (its history)."""
    _require_read(user)
    return list(
        HeadLease.objects.filter(apartment=apartment)
        .select_related("landlord", "usage", "committee", "end_reason")
        .order_by("start_date")
    )


def district_choices() -> list[str]:
    return list(
        Apartment.objects.exclude(district="")
        .order_by("district")
        .values_list("district", flat=True)
        .distinct()
    )


# --- head leases ------------------------------------------------------------------------------

HEAD_LEASE_SORTS = {
    "start": ("start_date", "number"),
    "-start": ("-start_date", "number"),
    "end": ("end_date", "number"),
    "-end": ("-end_date", "number"),
    "number": ("number",),
    "-number": ("-number",),
    "address": ("apartment__street_address", "apartment__apartment_number"),
    "-address": ("-apartment__street_address", "-apartment__apartment_number"),
    "landlord": ("landlord__name", "-start_date"),
    "-landlord": ("-landlord__name", "-start_date"),
    "rent": ("monthly_rent", "number"),
    "-rent": ("-monthly_rent", "number"),
}


@dataclass
class HeadLeaseFilters:
    query: str = ""
    status: str = ""  # a LeaseStatus value, or "" for all
    usage_id: int | None = None
    landlord_id: int | None = None
    committee_id: int | None = None
    district: str = ""
    ending_soon: bool = False
    vacant: bool = False
    started_in: int | None = None
    reused: str = ""  # "yes": on a re-used object, "no": on a new one
    sort: str = "-start"


def head_lease_list(
    *, user: Any, filters: HeadLeaseFilters | None = None, today: date | None = None
) -> QuerySet[HeadLease]:
    """Head leases with apartment, landlord, usage and committee, filtered and sorted."""
    if not _may_read(user):
        return HeadLease.objects.none()
    f = filters or HeadLeaseFilters()
    today = today or timezone.localdate()
    qs = HeadLease.objects.select_related(
        "apartment", "landlord", "usage", "committee", "end_reason"
    ).annotate(is_reused=earlier_lease_on_same_apartment())
    text = clean_query(f.query)
    if f.query.strip() and not text:
        qs = qs.none()  # typed, but no search (see clean_query)
    if text:
        qs = qs.filter(
            Q(number__icontains=text)
            | Q(apartment__street_address__icontains=text)
            | Q(apartment__apartment_number=text)
            | Q(apartment__landlord_object_number__iexact=text)
            | Q(landlord__name__icontains=text)
        )
    if f.status:
        qs = qs.filter(status_filter(f.status, today))
    if f.usage_id:
        qs = qs.filter(usage_id=f.usage_id)
    if f.landlord_id:
        qs = qs.filter(landlord_id=f.landlord_id)
    if f.committee_id:
        qs = qs.filter(committee_id=f.committee_id)
    if f.district:
        qs = qs.filter(apartment__district=f.district)
    if f.ending_soon:
        qs = qs.filter(ending_soon_filter(today))
    if f.vacant:
        qs = qs.filter(vacant_filter(today))
    if f.started_in:
        qs = qs.filter(
            start_date__gte=date(f.started_in, 1, 1), start_date__lte=date(f.started_in, 12, 31)
        )
    if f.reused == "yes":
        qs = qs.filter(is_reused=True)
    elif f.reused == "no":
        qs = qs.filter(is_reused=False)
    return qs.order_by(*HEAD_LEASE_SORTS.get(f.sort, HEAD_LEASE_SORTS["-start"]))


def head_lease_get(*, user: Any, head_lease_id: int) -> HeadLease:
    """One head lease with its relations and whether it is on a re-used object."""
    _require_read(user)
    return (
        HeadLease.objects.select_related(
            "apartment", "apartment__landlord", "landlord", "usage", "committee", "end_reason"
        )
        .annotate(is_reused=earlier_lease_on_same_apartment())
        .get(pk=head_lease_id)
    )


def head_leases_ending_soon(
    *, user: Any, today: date, days: int = ENDING_SOON_DAYS
) -> QuerySet[HeadLease]:
    """Running head leases whose last day falls within `days` days, soonest first."""
    return head_lease_list(
        user=user, filters=HeadLeaseFilters(ending_soon=True, sort="end"), today=today
    ).filter(ending_soon_filter(today, days))
