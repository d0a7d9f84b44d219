"""Advice cases in search from anywhere (bosam.core.search): by case number ("2022-0423")."""

import re
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bosam.advice.selectors import advice_case_list
from bosam.audit.services import audit_list
from bosam.core.site_search import SearchGroup, SearchHit, cut

_REFERENCE = re.compile(r"^(\d{4}-)?\d{1,6}$")


def search(*, user: Any, query: str, limit: int) -> list[SearchGroup]:
    if not _REFERENCE.match(query):
        return []
    cases, more = cut(list(advice_case_list(user=user, reference=query)[: limit + 1]), limit)
    audit_list(actor=user, objects=cases)
    return [
        SearchGroup(
            kind="advice_case",
            label=_("Rådgivningsärenden"),
            hits=[
                SearchHit(
                    title=str(c),
                    detail=f"{c.get_status_display()} · {c.received_on:%Y-%m-%d}",
                    url=reverse("advice:case_detail", args=[c.pk]),
                )
                for c in cases
            ],
            more=more,
        )
    ]
