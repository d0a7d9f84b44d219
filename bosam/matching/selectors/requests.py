"""Reads on requests and offers for pages, API and the work queue, scoped to the user: the
housing unit sees every request; a social worker only those of their own unit."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from django.db.models import Case, F, Prefetch, Q, QuerySet, When
from django.utils.translation import gettext

from bosam.accounts.permissions import user_can
from bosam.accounts.roles import Capability
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.core.errors import AccessDenied
from bosam.core.search_terms import clean_query
from bosam.households.models import Household, HouseholdMember, Person
from bosam.households.selectors import household_visible_to, person_search_filter
from bosam.matching.models import HousingRequest, Offer

READ_CAPABILITIES = (Capability.MATCHING_WORK, Capability.HOUSING_REQUEST)


def request_visible_to(user: Any) -> QuerySet[HousingRequest]:
    """Requests the user may see: all for the coordinator, the own unit's for a social worker,
    none for everyone else (requests are social-services data)."""
    qs = HousingRequest.objects.all()
    if user_can(user, Capability.MATCHING_WORK):
        return qs
    if user_can(user, Capability.HOUSING_REQUEST) and user.unit_id:
        return qs.filter(unit_id=user.unit_id)
    return qs.none()


def offer_visible_to(user: Any) -> QuerySet[Offer]:
    """Offers on the requests the user may see."""
    return Offer.objects.filter(request__in=request_visible_to(user).values("pk"))


def _current_members(prefix: str = "") -> Any:
    return Prefetch(
        f"{prefix}household__memberships",
        queryset=HouseholdMember.objects.filter(end_date__isnull=True)
        .select_related("person")
        .order_by("relation", "person__birth_date"),
        to_attr="prefetched_current_members",
    )


def with_people(qs: QuerySet[HousingRequest]) -> QuerySet[HousingRequest]:
    """Members, unit and committee in a fixed number of queries, whatever the rows."""
    return qs.select_related("household", "unit", "committee", "requested_by").prefetch_related(
        _current_members()
    )


@dataclass(frozen=True)
class RequestFilters:
    query: str = ""
    status: str = ""
    urgency: str = ""
    usage_category: str = ""
    committee_id: int | None = None


def request_list(*, user: Any, filters: RequestFilters | None = None) -> QuerySet[HousingRequest]:
    """The user's requests, open first and then the longest waiting; filtered by a member's
    name or number or the reference, status, urgency, usage and committee."""
    filters = filters or RequestFilters()
    qs = request_visible_to(user)
    text = clean_query(filters.query)
    if filters.query.strip() and not text:
        qs = qs.none()  # typed, but no search (see clean_query): nobody, never everybody
    if text:
        people = Person.objects.filter(person_search_filter(text)).values("id")
        households = HouseholdMember.objects.filter(person_id__in=people).values("household_id")
        qs = qs.filter(Q(household_id__in=households) | Q(reference__icontains=text))
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.urgency:
        qs = qs.filter(urgency=filters.urgency)
    if filters.usage_category:
        qs = qs.filter(usage_category=filters.usage_category)
    if filters.committee_id:
        qs = qs.filter(committee_id=filters.committee_id)
    # Open requests (no closed_on) first, the longest waiting first; then the closed ones, the
    # most recently closed first. `nulls_first` for SQLite; on PostgreSQL it is what DESC does,
    # so the index `request_list_order` hands a page over without joining every household.
    open_first = F("closed_on").desc(nulls_first=True)
    return with_people(qs).order_by(open_first, "received_on", "reference")


def request_get(*, user: Any, request_id: UUID) -> HousingRequest:
    """One request for the user, or AccessDenied (audited) when it is another unit's."""
    found = with_people(HousingRequest.objects.filter(pk=request_id)).first()
    if found is None:
        raise HousingRequest.DoesNotExist
    if not request_visible_to(user).filter(pk=found.pk).exists():
        audit_record(actor=user, action=AuditAction.DENIED, obj=found)
        raise AccessDenied(gettext("Du har inte behörighet att se den här beställningen."))
    return found


def households_for_request(*, user: Any) -> QuerySet[Household]:
    """Households a request may be made for: those the user may see (a social worker: own unit)."""
    return household_visible_to(user).prefetch_related(
        Prefetch(
            "memberships",
            queryset=HouseholdMember.objects.filter(end_date__isnull=True).select_related("person"),
            to_attr="prefetched_current_members",
        )
    )


def _offers_with_people(qs: QuerySet[Offer]) -> QuerySet[Offer]:
    # Joined: the rows an offer cannot be shown without. Prefetched: small lookup tables (units,
    # committees, users, usages, reasons). Joining all eleven made PostgreSQL spend ~30 ms
    # planning each query (the join order search grows with every outer join) for a 1-ms scan.
    return qs.select_related(
        "request", "request__household", "apartment", "head_lease"
    ).prefetch_related(
        "request__unit",
        "request__committee",
        "head_lease__usage",
        "offered_by",
        "answered_by",
        "decline_reason",
        "sublet",
        _current_members("request__"),
    )


def offer_list(*, user: Any, state: str = "") -> QuerySet[Offer]:
    """Offers on the user's requests, open ones first, newest first."""
    qs = offer_visible_to(user)
    if state:
        qs = qs.filter(state=state)
    open_first = F("answered_on").desc(nulls_first=True)
    return _offers_with_people(qs).order_by(open_first, "-offered_on", "-created_at")


def offers_for_request(*, request: HousingRequest) -> list[Offer]:
    return list(_offers_with_people(Offer.objects.filter(request=request)).order_by("-offered_on"))


def offer_get(*, user: Any, offer_id: UUID) -> Offer:
    """One offer for the user, or AccessDenied (audited) when its request is another unit's."""
    offer = _offers_with_people(Offer.objects.filter(pk=offer_id)).first()
    if offer is None:
        raise Offer.DoesNotExist
    if not offer_visible_to(user).filter(pk=offer.pk).exists():
        audit_record(actor=user, action=AuditAction.DENIED, obj=offer)
        raise AccessDenied(gettext("Du har inte behörighet att se det här erbjudandet."))
    return offer


# --- The work queue. ---


def offers_unanswered(*, user: Any, today: date, after_days: int, limit: int = 20) -> list[Offer]:
    """Open offers made more than `after_days` ago without an answer, oldest first. The start
    page names them by request reference and apartment only, so no household is loaded."""
    return list(
        offer_visible_to(user)
        .filter(state=Offer.State.OFFERED, offered_on__lt=today - timedelta(days=after_days))
        .select_related("request", "apartment")
        .order_by("offered_on")[:limit]
    )


def urgent_requests_waiting(*, user: Any, limit: int = 20) -> list[HousingRequest]:
    """Waiting requests with high or acute urgency, acute first, then the longest waiting."""
    qs = request_visible_to(user).filter(
        status=HousingRequest.Status.WAITING,
        urgency__in=[HousingRequest.Urgency.ACUTE, HousingRequest.Urgency.HIGH],
    )
    acute_first = Case(When(urgency=HousingRequest.Urgency.ACUTE, then=0), default=1)
    return list(
        qs.select_related("committee")
        .annotate(acute_first=acute_first)
        .order_by("acute_first", "received_on")[:limit]
    )
