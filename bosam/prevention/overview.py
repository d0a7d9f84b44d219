"""Prevention's part of the household overview (bosam.households.overview): the household's
prevention cases with their notifications, the next statutory deadline, outreach and letters,
kvarboende interventions and the outcome. Only for readers `case_visible_to` lets see cases."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db.models import Model
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bosam.households.models import Household, Person
from bosam.households.overview import (
    OverviewEntry,
    OverviewPart,
    SummaryItem,
    intervention_entries,
    interventions_from,
)
from bosam.prevention import rules
from bosam.prevention.models import Notification, OutreachAttempt, PreventionCase
from bosam.prevention.selectors import CASE_SOURCE_TYPE, case_visible_to, notification_visible_to

RECORD_MODELS: list[type[Model]] = [PreventionCase, Notification, OutreachAttempt]
INTERVENTION_SOURCES = (CASE_SOURCE_TYPE,)

CASE = gettext_lazy("Ärende om vräkningsförebyggande")
NOTIFICATION = gettext_lazy("Underrättelse")
OUTREACH = gettext_lazy("Kontaktförsök")
LETTER = gettext_lazy("Brev")
OUTCOME = gettext_lazy("Utfall")


def _case_url(case_id: object) -> str:
    return reverse("prevention:case_detail", args=[case_id])


def overview_part(
    *, user: Any, households: Sequence[Household], persons: Sequence[Person], today: date
) -> OverviewPart:
    if not households:
        return OverviewPart()
    cases = list(
        case_visible_to(user)
        .filter(household__in=[h.pk for h in households])
        .order_by("-opened_on")
    )
    if not cases:
        return OverviewPart()
    ids = [c.pk for c in cases]
    part = OverviewPart()
    for case in cases:
        deadline = rules.next_deadline(
            atervinningsfrist_ends_on=case.atervinningsfrist_ends_on,
            eviction_date=case.eviction_date,
            today=today,
        )
        detail = case.get_status_display()
        if case.is_open and deadline:
            detail = _("%(status)s · nästa frist %(day)s") % {
                "status": detail,
                "day": f"{deadline:%Y-%m-%d}",
            }
        part.entries.append(
            OverviewEntry(
                day=case.opened_on,
                end=case.closed_on,
                kind="prevention_case",
                label=CASE,
                title=_("Ärende öppnat"),
                detail=detail,
                url=_case_url(case.pk),
            )
        )
        if case.closed_on:
            part.entries.append(
                OverviewEntry(
                    day=case.closed_on,
                    kind="prevention_outcome",
                    label=OUTCOME,
                    title=case.get_outcome_display(),
                    detail=case.get_stayed_because_display() if case.stayed_because else "",
                    url=_case_url(case.pk),
                )
            )
        if case.is_open:
            value = (
                _("nästa frist %(day)s") % {"day": f"{deadline:%Y-%m-%d}"}
                if deadline
                else _("ingen frist känd")
            )
            part.summary.append(
                SummaryItem(
                    label=_("Pågående ärende om vräkningsförebyggande"),
                    value=value,
                    url=_case_url(case.pk),
                    urgent=deadline is not None
                    and (deadline - today).days <= rules.URGENT_WITHIN_DAYS,
                    order=30,
                )
            )
    for n in notification_visible_to(user).filter(case__in=ids).select_related("landlord"):
        part.entries.append(
            OverviewEntry(
                day=n.received_on,
                kind="notification",
                label=NOTIFICATION,
                title=f"{n.get_stage_display()} ({n.get_source_display()})",
                detail=n.landlord.name if n.landlord_id and n.landlord else n.street_address,
                url=_case_url(n.case_id),
                order=1,
            )
        )
    for o in OutreachAttempt.objects.filter(case__in=ids):
        letter = o.method == OutreachAttempt.Method.LETTER
        part.entries.append(
            OverviewEntry(
                day=o.made_on,
                kind="letter" if letter else "outreach",
                label=LETTER if letter else OUTREACH,
                title=f"{o.get_method_display()}: {o.get_result_display()}",
                url=_case_url(o.case_id),
                order=2,
            )
        )
    urls = {str(c.pk): _case_url(c.pk) for c in cases}
    part.entries.extend(intervention_entries(interventions_from(CASE_SOURCE_TYPE, ids), urls))
    return part
