"""Tenancies' part of the household overview (bosam.households.overview): the household's sublets
with object, head lease, landlord, status and rent balance; follow-ups, takeover assessments,
move-out inspections and the takeover; interventions recorded against a sublet. Only sublets
`sublet_visible_to` shows, and only what hangs on them."""

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
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
from bosam.tenancies import rules
from bosam.tenancies.models import (
    FollowUp,
    Inspection,
    RentCharge,
    Sublet,
    TakeoverAssessment,
)
from bosam.tenancies.selectors import sublet_visible_to

SUBLET_SOURCE = "tenancies.sublet"
RECORD_MODELS: list[type[Model]] = [Sublet, FollowUp, TakeoverAssessment, Inspection, RentCharge]
INTERVENTION_SOURCES = (SUBLET_SOURCE,)

SUBLET = gettext_lazy("Andrahandskontrakt")
FOLLOW_UP = gettext_lazy("Uppföljning")
ASSESSMENT = gettext_lazy("Bedömning inför övertagande")
TAKEOVER = gettext_lazy("Övertagande")
INSPECTION = gettext_lazy("Besiktning")


def _sublet_url(sublet_id: object) -> str:
    return reverse("tenancies:sublet_detail", args=[sublet_id])


def overview_part(
    *, user: Any, households: Sequence[Household], persons: Sequence[Person], today: date
) -> OverviewPart:
    if not households:
        return OverviewPart()
    sublets = list(
        sublet_visible_to(user)
        .filter(household__in=[h.pk for h in households])
        .select_related("apartment", "head_lease", "apartment__landlord")
        .order_by("-start_date")
    )
    if not sublets:
        return OverviewPart()
    ids = [s.pk for s in sublets]
    owed: dict[object, list[rules.Charge]] = defaultdict(list)
    for charge in RentCharge.objects.filter(sublet__in=ids).only(
        "sublet_id", "due_date", "amount", "paid_amount"
    ):
        owed[charge.sublet_id].append(
            rules.Charge(charge.due_date, charge.amount, charge.paid_amount)
        )
    part = OverviewPart()
    for s in sublets:
        balance = rules.arrears(owed.get(s.pk, []), on=today)
        detail = _(
            "%(object)s · avtal %(lease)s · %(landlord)s · %(status)s · hyresskuld %(owed)s kr"
        ) % {
            "object": s.apartment,
            "lease": s.head_lease.number,
            "landlord": s.apartment.landlord.name,
            "status": s.get_status_display(),
            "owed": balance,
        }
        part.entries.append(
            OverviewEntry(
                day=s.start_date,
                end=s.end_date,
                kind="sublet",
                label=SUBLET,
                title=_("Andrahandskontrakt %(number)s") % {"number": s.number},
                detail=detail,
                url=_sublet_url(s.pk),
            )
        )
        if s.outcome == Sublet.Outcome.TOOK_OVER and s.end_date:
            part.entries.append(
                OverviewEntry(
                    day=s.end_date,
                    kind="takeover",
                    label=TAKEOVER,
                    title=_("Hushållet tog över kontraktet %(number)s") % {"number": s.number},
                    url=_sublet_url(s.pk),
                )
            )
        if s.is_active:
            part.summary.append(
                SummaryItem(
                    label=_("Nuvarande bostad"),
                    value=_("%(object)s, andrahandskontrakt %(number)s")
                    % {"object": s.apartment, "number": s.number},
                    url=_sublet_url(s.pk),
                    order=10,
                )
            )
            if balance > Decimal(0):
                part.summary.append(
                    SummaryItem(
                        label=_("Hyresskuld"),
                        value=_("%(owed)s kr") % {"owed": balance},
                        url=_sublet_url(s.pk),
                        urgent=True,
                        order=11,
                    )
                )
    _add_follow_ups(part, ids, today)
    for a in TakeoverAssessment.objects.filter(sublet__in=ids):
        met = a.rent_paid_on_time and a.conditions_kept and a.no_disturbance
        met = met and a.landlord_consent
        part.entries.append(
            OverviewEntry(
                day=a.assessed_on,
                kind="takeover_assessment",
                label=ASSESSMENT,
                title=_("Kriterierna uppfyllda") if met else _("Kriterierna inte uppfyllda"),
                detail=a.notes,
                url=_sublet_url(a.sublet_id),
                order=2,
            )
        )
    for i in Inspection.objects.filter(sublet__in=ids):
        part.entries.append(
            OverviewEntry(
                day=i.inspected_on,
                kind="inspection",
                label=INSPECTION,
                title=_("Besiktning vid utflyttning"),
                detail=i.inspector,
                url=_sublet_url(i.sublet_id),
                order=2,
            )
        )
    urls = {str(s.pk): _sublet_url(s.pk) for s in sublets}
    part.entries.extend(intervention_entries(interventions_from(SUBLET_SOURCE, ids), urls))
    return part


def _add_follow_ups(part: OverviewPart, sublet_ids: list[Any], today: date) -> None:
    upcoming: FollowUp | None = None
    for f in FollowUp.objects.filter(sublet__in=sublet_ids).order_by("planned_on"):
        held = f.done_on is not None
        part.entries.append(
            OverviewEntry(
                day=f.done_on or f.planned_on,
                kind="follow_up",
                label=FOLLOW_UP,
                title=(_("%(kind)s genomfört") if held else _("%(kind)s planerat"))
                % {"kind": f.get_kind_display()},
                detail=f.participants,
                url=_sublet_url(f.sublet_id),
                order=1,
            )
        )
        if not held and upcoming is None:
            upcoming = f
    if upcoming is not None:
        part.summary.append(
            SummaryItem(
                label=_("Nästa uppföljning"),
                value=f"{upcoming.planned_on:%Y-%m-%d} ({upcoming.get_kind_display()})",
                url=_sublet_url(upcoming.sublet_id),
                urgent=upcoming.planned_on < today,
                order=20,
            )
        )
