"""Matching's part of the household overview (bosam.households.overview): the household's housing
requests and the offers made on them with their answers. Only requests `request_visible_to`
shows, and only offers `offer_visible_to` shows."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db.models import Model
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bosam.households.models import Household, Person
from bosam.households.overview import OverviewEntry, OverviewPart, SummaryItem
from bosam.matching.models import HousingRequest, Offer
from bosam.matching.selectors.requests import offer_visible_to, request_visible_to

RECORD_MODELS: list[type[Model]] = [HousingRequest, Offer]
INTERVENTION_SOURCES: tuple[str, ...] = ()

REQUEST = gettext_lazy("Beställning av bostad")
OFFER = gettext_lazy("Erbjudande")
ANSWER = gettext_lazy("Svar på erbjudande")


def overview_part(
    *, user: Any, households: Sequence[Household], persons: Sequence[Person], today: date
) -> OverviewPart:
    if not households:
        return OverviewPart()
    requests = list(
        request_visible_to(user)
        .filter(household__in=[h.pk for h in households])
        .order_by("-received_on")
    )
    if not requests:
        return OverviewPart()
    part = OverviewPart()
    for r in requests:
        url = reverse("matching:request_detail", args=[r.pk])
        part.entries.append(
            OverviewEntry(
                day=r.received_on,
                end=r.closed_on,
                kind="housing_request",
                label=REQUEST,
                title=_("Beställning %(reference)s") % {"reference": r.reference},
                detail=f"{r.get_status_display()} · {r.get_urgency_display()}",
                url=url,
            )
        )
        if r.status in (HousingRequest.Status.WAITING, HousingRequest.Status.OFFERED):
            part.summary.append(
                SummaryItem(
                    label=_("Öppen beställning"),
                    value=f"{r.reference} ({r.get_status_display()})",
                    url=url,
                    order=40,
                )
            )
    offers = (
        offer_visible_to(user)
        .filter(request__in=[r.pk for r in requests])
        .select_related("apartment", "request", "decline_reason")
    )
    for o in offers:
        url = reverse("matching:offer_detail", args=[o.pk])
        part.entries.append(
            OverviewEntry(
                day=o.offered_on,
                kind="offer",
                label=OFFER,
                title=_("Erbjudande: %(object)s") % {"object": o.apartment},
                detail=_("poäng %(score)s · beställning %(reference)s")
                % {"score": o.score, "reference": o.request.reference},
                url=url,
                order=1,
            )
        )
        if o.answered_on:
            reason = f" ({o.decline_reason})" if o.decline_reason_id else ""
            part.entries.append(
                OverviewEntry(
                    day=o.answered_on,
                    kind="offer_answer",
                    label=ANSWER,
                    title=f"{o.get_state_display()}{reason}",
                    detail=o.answer_note,
                    url=url,
                    order=2,
                )
            )
        if o.is_open:
            part.summary.append(
                SummaryItem(
                    label=_("Erbjudande väntar på svar"),
                    value=str(o.apartment),
                    url=url,
                    urgent=True,
                    order=41,
                )
            )
    return part
