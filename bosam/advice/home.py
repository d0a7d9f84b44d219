"""The adviser's start-page panel: their own open cases, oldest first. Labels carry the case
reference and reason only (no names), so the start page shows no personal data."""

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from bosam.accounts.roles import Capability
from bosam.advice.selectors import advice_open_case_count, advice_open_cases_for
from bosam.core.work_queues import Panel, PanelRow

OLD_AFTER_DAYS = 30  # an advice case open a month without closing needs a look


def panels(user: Any) -> list[Panel]:
    if not user.has_capability(Capability.ADVICE_WORK):
        return []
    today = timezone.localdate()
    rows = []
    for case in advice_open_cases_for(user=user):
        days = (today - case.received_on).days
        rows.append(
            PanelRow(
                label=f"{case.reference} · {case.reason}",
                url=reverse("advice:case_detail", args=[case.pk]),
                detail=ngettext(
                    "inkom %(date)s, %(days)d dag sedan",
                    "inkom %(date)s, %(days)d dagar sedan",
                    days,
                )
                % {"date": f"{case.received_on:%Y-%m-%d}", "days": days},
                urgent=days > OLD_AFTER_DAYS,
            )
        )
    total = advice_open_case_count(user=user)
    return [
        Panel(
            title=_("Mina öppna rådgivningsärenden (%(count)d)") % {"count": total},
            rows=rows,
            empty_text=_("Du har inga öppna rådgivningsärenden."),
            more_url=reverse("advice:case_list") + "?status=open&mine=on",
            order=40,
        ),
        Panel(
            title=_("Ny rådgivning"),
            rows=[PanelRow(label=_("Registrera nytt ärende"), url=reverse("advice:case_create"))],
            order=41,
        ),
    ]
