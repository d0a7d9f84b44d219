"""Start-page panels: offers unanswered past the settings' days (coordinator and the requesting
unit), urgent requests waiting (coordinator), and the unit's own open requests. Labels carry
references and addresses only, so the start page shows no names."""

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from bosam.accounts.roles import Capability
from bosam.core.work_queues import Panel, PanelRow
from bosam.matching import selectors


def _days(count: int) -> str:
    return ngettext("%(days)d dag", "%(days)d dagar", count) % {"days": count}


def panels(user: Any) -> list[Panel]:
    coordinator = user.has_capability(Capability.MATCHING_WORK)
    if not coordinator and not user.has_capability(Capability.HOUSING_REQUEST):
        return []
    today = timezone.localdate()
    after = selectors.settings_get().offer_answer_days
    unanswered = [
        PanelRow(
            label=f"{offer.request.reference} · {offer.apartment}",
            url=reverse("matching:offer_detail", args=[offer.pk]),
            detail=_("erbjuden %(date)s, obesvarad i %(days)s")
            % {
                "date": f"{offer.offered_on:%Y-%m-%d}",
                "days": _days((today - offer.offered_on).days),
            },
            urgent=True,
        )
        for offer in selectors.offers_unanswered(user=user, today=today, after_days=after)
    ]
    result = [
        Panel(
            title=_("Erbjudanden obesvarade i mer än %(days)d dagar") % {"days": after},
            rows=unanswered,
            empty_text=_("Inga obesvarade erbjudanden."),
            more_url=reverse("matching:offer_list") + "?state=offered",
            order=20,
        )
    ]
    if coordinator:
        urgent = [
            PanelRow(
                label=f"{r.reference} · {r.get_urgency_display()}",
                url=reverse("matching:request_detail", args=[r.pk]),
                detail=_("väntat %(days)s") % {"days": _days((today - r.received_on).days)},
                urgent=r.urgency == r.Urgency.ACUTE,
            )
            for r in selectors.urgent_requests_waiting(user=user)
        ]
        result.append(
            Panel(
                title=_("Brådskande beställningar som väntar"),
                rows=urgent,
                empty_text=_("Inga brådskande beställningar väntar."),
                more_url=reverse("matching:request_list") + "?status=waiting",
                order=21,
            )
        )
    else:
        result.append(
            Panel(
                title=_("Bostad"),
                rows=[
                    PanelRow(
                        label=_("Ny beställning av bostad"), url=reverse("matching:request_create")
                    ),
                    PanelRow(
                        label=_("Enhetens beställningar"), url=reverse("matching:request_list")
                    ),
                ],
                order=21,
            )
        )
    return result
