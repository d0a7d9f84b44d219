"""Housing requests in search from anywhere (bosam.core.search): by request number."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bosam.audit.services import audit_list
from bosam.core.site_search import SearchGroup, SearchHit, cut
from bosam.matching.selectors.requests import request_visible_to


def search(*, user: Any, query: str, limit: int) -> list[SearchGroup]:
    rows = list(
        request_visible_to(user)
        .filter(reference__icontains=query)
        .select_related("household")
        .order_by("-received_on")[: limit + 1]
    )
    requests, more = cut(rows, limit)
    audit_list(actor=user, objects=requests)
    return [
        SearchGroup(
            kind="housing_request",
            label=_("Beställningar av bostad"),
            hits=[
                SearchHit(
                    title=r.reference,
                    detail=f"{r.get_status_display()} · {r.received_on:%Y-%m-%d}",
                    url=reverse("matching:request_detail", args=[r.pk]),
                )
                for r in requests
            ],
            more=more,
        )
    ]
