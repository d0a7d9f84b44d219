"""Persons and households in search from anywhere (bosam.core.search): a personnummer or
samordningsnummer in any common form, a name or part of one, a birth date, an address."""

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bosam.accounts.permissions import user_can
from bosam.accounts.roles import Capability
from bosam.audit.services import audit_list
from bosam.core.site_search import SearchGroup, SearchHit, cut
from bosam.households.models import HouseholdMember
from bosam.households.rules import InvalidPersonalNumber, parse_personal_number
from bosam.households.selectors import (
    _with_current_members,
    household_visible_to,
    person_search_filter,
    person_visible_to,
)

READ = (Capability.PERSONAL_DATA_ALL, Capability.PERSONAL_DATA_OWN_UNIT)


def person_filter(query: str) -> Q:
    """A valid number in any form (`850312-1234`, `198503121234`, `850312+1234`) matches exactly;
    anything else (part of a number, a birth date, name words) as the person list searches."""
    try:
        return Q(personal_number=parse_personal_number(query).digits)
    except InvalidPersonalNumber:
        return person_search_filter(query)


def search(*, user: Any, query: str, limit: int) -> list[SearchGroup]:
    if not any(user_can(user, c) for c in READ):
        return []
    matched = person_visible_to(user).filter(person_filter(query), merged_into__isnull=True)
    persons, more_persons = cut(
        list(matched.order_by("last_name", "first_name", "id")[: limit + 1]), limit
    )
    members = HouseholdMember.objects.filter(person_id__in=matched.values("id")).values(
        "household_id"
    )
    households_qs = household_visible_to(user).filter(
        Q(pk__in=members) | Q(street_address__icontains=query)
    )
    households, more_households = cut(
        list(_with_current_members(households_qs).order_by("-created_at")[: limit + 1]), limit
    )
    audit_list(actor=user, objects=[*persons, *households])
    return [
        SearchGroup(
            kind="person",
            label=_("Personer"),
            hits=[
                SearchHit(
                    title=p.full_name,
                    detail=p.masked_number or (f"{p.birth_date:%Y-%m-%d}" if p.birth_date else ""),
                    url=reverse("households:person_detail", args=[p.pk]),
                )
                for p in persons
            ],
            more=more_persons,
        ),
        SearchGroup(
            kind="household",
            label=_("Hushåll"),
            hits=[
                SearchHit(
                    title=str(h),
                    detail=", ".join(x for x in (h.street_address, h.town) if x),
                    url=reverse("households:household_detail", args=[h.pk]),
                )
                for h in households
            ],
            more=more_households,
        ),
    ]
