"""Advice's part of the household overview (bosam.households.overview): the identified advice
cases of the persons concerned, their contacts and referrals, and the interventions recorded
against them. Only cases `advice_case_visible_to` shows; anonymous cases concern nobody."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db.models import Model
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bosam.advice.models import AdviceCase, AdviceContact, AdviceReferral
from bosam.advice.selectors import advice_case_visible_to
from bosam.households.models import Household, Person
from bosam.households.overview import (
    OverviewEntry,
    OverviewPart,
    SummaryItem,
    intervention_entries,
    interventions_from,
)

ADVICE_SOURCE = "advice.advicecase"
RECORD_MODELS: list[type[Model]] = [AdviceCase, AdviceContact, AdviceReferral]
INTERVENTION_SOURCES = (ADVICE_SOURCE,)

CASE = gettext_lazy("Rådgivningsärende")
CONTACT = gettext_lazy("Rådgivningskontakt")
REFERRAL = gettext_lazy("Hänvisning")


def _case_url(case_id: object) -> str:
    return reverse("advice:case_detail", args=[case_id])


def overview_part(
    *, user: Any, households: Sequence[Household], persons: Sequence[Person], today: date
) -> OverviewPart:
    if not persons:
        return OverviewPart()
    cases = list(
        advice_case_visible_to(user)
        .filter(person__in=[p.pk for p in persons])
        .select_related("reason", "outcome", "person")
    )
    if not cases:
        return OverviewPart()
    ids = [c.pk for c in cases]
    part = OverviewPart()
    for c in cases:
        part.entries.append(
            OverviewEntry(
                day=c.received_on,
                end=c.closed_on,
                kind="advice_case",
                label=CASE,
                title=str(c),
                detail=f"{c.person.full_name if c.person else ''} · {c.reason} · "
                f"{c.get_status_display()}" + (f" · {c.outcome}" if c.outcome_id else ""),
                url=_case_url(c.pk),
            )
        )
        if c.status == AdviceCase.Status.OPEN:
            part.summary.append(
                SummaryItem(
                    label=_("Öppet rådgivningsärende"),
                    value=c.reference,
                    url=_case_url(c.pk),
                    order=35,
                )
            )
    for contact in AdviceContact.objects.filter(case__in=ids):
        part.entries.append(
            OverviewEntry(
                day=contact.contact_on,
                kind="advice_contact",
                label=CONTACT,
                title=_("%(minutes)s minuter") % {"minutes": contact.minutes},
                url=_case_url(contact.case_id),
                order=1,
            )
        )
    for referral in AdviceReferral.objects.filter(case__in=ids).select_related("target"):
        part.entries.append(
            OverviewEntry(
                day=referral.referred_on,
                kind="advice_referral",
                label=REFERRAL,
                title=_("Hänvisad till %(target)s") % {"target": referral.target},
                url=_case_url(referral.case_id),
                order=2,
            )
        )
    urls = {str(c.pk): _case_url(c.pk) for c in cases}
    part.entries.extend(intervention_entries(interventions_from(ADVICE_SOURCE, ids), urls))
    return part
