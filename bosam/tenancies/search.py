"""Sublets in search from anywhere (bosam.core.search): by contract number."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bosam.audit.services import audit_list
from bosam.core.site_search import SearchGroup, SearchHit, cut
from bosam.tenancies.models import Sublet
from bosam.tenancies.selectors import sublet_visible_to


def search(*, user: Any, query: str, limit: int) -> list[SearchGroup]:
    rows = list(
        sublet_visible_to(user)
        .filter(number__icontains=query)
        .select_related("apartment", "household")
        .order_by("-start_date")[: limit + 1]
    )
    sublets: list[Sublet]
    sublets, more = cut(rows, limit)
    audit_list(actor=user, objects=sublets)
    return [
        SearchGroup(
            kind="sublet",
            label=_("Andrahandskontrakt"),
            hits=[
                SearchHit(
                    title=s.number,
                    detail=f"{s.apartment} · {s.get_status_display()}",
                    url=reverse("tenancies:sublet_detail", args=[s.pk]),
                )
                for s in sublets
            ],
            more=more,
        )
    ]
