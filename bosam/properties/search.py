"""The register in search from anywhere (bosam.core.search): landlords by name or organisation
number, objects by address, the landlord's object number or the lägenhetsnummer, head leases by
number. The register holds no personal data; only readers of the register get these groups."""

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bosam.accounts.permissions import user_can
from bosam.accounts.roles import Capability
from bosam.core.site_search import SearchGroup, SearchHit, cut
from bosam.properties.models import Apartment, HeadLease, Landlord


def search(*, user: Any, query: str, limit: int) -> list[SearchGroup]:
    if not user_can(user, Capability.REGISTER_VIEW):
        return []
    digits = "".join(ch for ch in query if ch.isdigit())
    landlord_filter = Q(name__icontains=query)
    if len(digits) == 10 and not any(ch.isalpha() for ch in query):
        landlord_filter |= Q(org_number=digits)
    landlords, more_landlords = cut(
        list(Landlord.objects.filter(landlord_filter).order_by("name")[: limit + 1]), limit
    )
    apartment_filter = Q(street_address__icontains=query) | Q(landlord_object_number__iexact=query)
    if digits and len(digits) == 4 and digits == query:
        apartment_filter |= Q(apartment_number=digits)
    apartments, more_apartments = cut(
        list(
            Apartment.objects.filter(apartment_filter)
            .select_related("landlord")
            .order_by("street_address", "apartment_number")[: limit + 1]
        ),
        limit,
    )
    leases, more_leases = cut(
        list(
            HeadLease.objects.filter(number__icontains=query)
            .select_related("apartment")
            .order_by("-start_date")[: limit + 1]
        ),
        limit,
    )
    return [
        SearchGroup(
            kind="landlord",
            label=_("Hyresvärdar"),
            hits=[
                SearchHit(
                    title=item.name,
                    detail=item.org_number,
                    url=reverse("properties:landlord_detail", args=[item.pk]),
                )
                for item in landlords
            ],
            more=more_landlords,
        ),
        SearchGroup(
            kind="apartment",
            label=_("Objekt"),
            hits=[
                SearchHit(
                    title=str(a),
                    detail=f"{a.landlord.name} · {a.landlord_object_number}",
                    url=reverse("properties:apartment_detail", args=[a.pk]),
                )
                for a in apartments
            ],
            more=more_apartments,
        ),
        SearchGroup(
            kind="head_lease",
            label=_("Avtal"),
            hits=[
                SearchHit(
                    title=lease.number,
                    detail=str(lease.apartment),
                    url=reverse("properties:head_lease_detail", args=[lease.pk]),
                )
                for lease in leases
            ],
            more=more_leases,
        ),
    ]
