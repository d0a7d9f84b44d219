"""Reads on sublets for pages and the API, always scoped to what the user may see."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext

from bosam.accounts.permissions import user_can
from bosam.accounts.roles import Capability
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.core.errors import AccessDenied
from bosam.core.search_terms import clean_query
from bosam.households.models import HouseholdMember, Person
from bosam.households.selectors import person_search_filter
from bosam.properties.models import Apartment, HeadLease
from bosam.tenancies import rules
from bosam.tenancies.models import FollowUp, Sublet


def sublet_visible_to(user: Any) -> QuerySet[Sublet]:
    """Sublets the user may see: all for the housing unit's roles, the own unit's for a social
    worker, none for roles without personal data."""
    qs = Sublet.objects.all()
    if user_can(user, Capability.PERSONAL_DATA_ALL):
        return qs
    if user_can(user, Capability.PERSONAL_DATA_OWN_UNIT) and user.unit_id:
        return qs.filter(unit_id=user.unit_id)
    return qs.none()


def _with_people(qs: QuerySet[Sublet]) -> QuerySet[Sublet]:
    """Household members and the apartment in a fixed number of queries, whatever the rows."""
    # Joined: apartment, head lease and household. Prefetched: the small lookup tables. Joining
    # all eight made PostgreSQL spend ~25 ms planning each list query (the join order search
    # grows with every outer join) for a scan of 2 ms.
    return qs.select_related("apartment", "head_lease", "household").prefetch_related(
        "head_lease__usage",
        "unit",
        "committee",
        "social_worker",
        "end_reason",
        Prefetch(
            "household__memberships",
            queryset=HouseholdMember.objects.filter(end_date__isnull=True)
            .select_related("person")
            .order_by("relation", "person__birth_date"),
            to_attr="prefetched_current_members",
        ),
    )


@dataclass(frozen=True)
class SubletFilters:
    query: str = ""
    status: str = ""
    kind: str = ""
    committee_id: int | None = None
    takeover_due: bool = False


def sublet_list(
    *, user: Any, filters: SubletFilters | None = None, today: date
) -> QuerySet[Sublet]:
    """The user's sublets, filtered: a member's name or number, or an address; status; kind;
    paying committee; takeovers due (planned date passed, still running)."""
    filters = filters or SubletFilters()
    qs = sublet_visible_to(user)
    text = clean_query(filters.query)
    if filters.query.strip() and not text:
        qs = qs.none()  # typed, but no search (see clean_query): nobody, never everybody
    if text:
        people = Person.objects.filter(person_search_filter(text)).values("id")
        member_households = HouseholdMember.objects.filter(person_id__in=people).values(
            "household_id"
        )
        addresses = Apartment.objects.filter(street_address__icontains=text).values("id")
        # Each alternative is a subquery on the sublet's own columns, not a join: with the
        # apartment joined into the OR, the database guessed half of all sublets would match,
        # walked them newest first to fill a short page and compared every sublet with every
        # apartment (10 s for a birth date at scale 10). Now the worst case is one pass over
        # the sublets with three hash lookups each.
        qs = qs.filter(
            Q(household_id__in=member_households)
            | Q(apartment_id__in=addresses)
            | Q(number__icontains=text)
        )
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.committee_id:
        qs = qs.filter(committee_id=filters.committee_id)
    if filters.takeover_due:
        qs = qs.filter(status=Sublet.Status.ACTIVE, planned_takeover_date__lte=today)
    return _with_people(qs).order_by("-start_date", "number")


def sublet_get(*, user: Any, sublet_id: UUID) -> Sublet:
    """One sublet for the user, or AccessDenied (audited) when it is another unit's."""
    sublet = _with_people(Sublet.objects.filter(pk=sublet_id)).first()
    if sublet is None:
        raise Sublet.DoesNotExist
    if not sublet_visible_to(user).filter(pk=sublet.pk).exists():
        audit_record(actor=user, action=AuditAction.DENIED, obj=sublet)
        raise AccessDenied(gettext("Du har inte behörighet att se det här andrahandskontraktet."))
    return sublet


def sublets_for_household(*, user: Any, household_id: UUID) -> list[Sublet]:
    return list(
        sublet_visible_to(user)
        .filter(household_id=household_id)
        .select_related("apartment")
        .order_by("-start_date")
    )


def head_leases_open_for_sublet(*, today: date) -> QuerySet[HeadLease]:
    """Head leases a household can be placed on: not ended, running today or later. (One with a
    running sublet may get the next household after it; the service checks the overlap.)"""
    return (
        HeadLease.objects.filter(end_reason__isnull=True)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("apartment", "usage", "committee")
        .order_by("apartment__street_address")
    )


# --- The coordinator's work queue. ---


def takeovers_due(*, user: Any, today: date, within_days: int = 30) -> list[Sublet]:
    """Running sublets whose planned takeover is past or within the coming days. The start
    page names them by number and apartment only, so the household is not loaded."""
    return list(
        sublet_visible_to(user)
        .filter(
            status=Sublet.Status.ACTIVE,
            planned_takeover_date__lte=today + timedelta(days=within_days),
        )
        .select_related("apartment")
        .order_by("planned_takeover_date")[:20]
    )


def follow_ups_overdue(*, user: Any, today: date) -> list[FollowUp]:
    """Planned follow-ups whose day has passed without being held, on running sublets."""
    return list(
        FollowUp.objects.filter(
            sublet__in=sublet_visible_to(user).filter(status=Sublet.Status.ACTIVE),
            done_on__isnull=True,
            planned_on__lt=today,
        )
        .select_related("sublet", "sublet__apartment")
        .order_by("planned_on")[:20]
    )


def sublets_ending(*, user: Any, today: date, within_days: int = 60) -> list[Sublet]:
    """Running sublets with an agreed end in the coming days (or already passed)."""
    return list(
        sublet_visible_to(user)
        .filter(status=Sublet.Status.ACTIVE, end_date__lte=today + timedelta(days=within_days))
        .select_related("apartment")
        .order_by("end_date")[:20]
    )


@dataclass(frozen=True)
class Vacancy:
    head_lease: HeadLease
    since: date
    days: int


def vacancies_now(*, today: date, limit: int = 20) -> list[Vacancy]:
    """Running head leases with no sublet today, longest vacancy first."""
    leases = list(
        HeadLease.objects.filter(end_reason__isnull=True, start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .exclude(
            pk__in=Sublet.objects.filter(status=Sublet.Status.ACTIVE, start_date__lte=today).values(
                "head_lease_id"
            )
        )
        .select_related("apartment", "committee")
    )
    last_end: dict[int, date] = {}
    for lease_id, end in Sublet.objects.filter(
        head_lease__in=[lease.pk for lease in leases], end_date__lt=today
    ).values_list("head_lease_id", "end_date"):
        if end is not None and end > last_end.get(lease_id, date.min):
            last_end[lease_id] = end
    vacancies = []
    for lease in leases:
        gaps = rules.vacancy_periods(
            rules.Period(lease.start_date, lease.end_date),
            [rules.Period(lease.start_date, last_end[lease.pk])] if lease.pk in last_end else [],
            until=today,
        )
        if gaps:
            vacancies.append(Vacancy(lease, gaps[-1].start, gaps[-1].days()))
    vacancies.sort(key=lambda v: -v.days)
    return vacancies[:limit]
