"""The coordinator's start-page panel: head leases whose last day is within 90 days."""

from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bosam.accounts.roles import Capability
from bosam.core.work_queues import Panel, PanelRow
from bosam.properties.rules import ENDING_SOON_DAYS
from bosam.properties.selectors import head_leases_ending_soon

PANEL_ROWS = 10
URGENT_DAYS = 30  # a month left: time to plan the household's move or the takeover


def panels(user: Any) -> list[Panel]:
    if not user.has_capability(Capability.REGISTER_EDIT):
        return []
    today = timezone.localdate()
    leases = list(head_leases_ending_soon(user=user, today=today)[:PANEL_ROWS])
    rows = [
        PanelRow(
            label=f"{lease.number} – {lease.apartment}",
            url=reverse("properties:head_lease_detail", args=[lease.pk]),
            detail=_("sista dag %(day)s · %(usage)s")
            % {"day": lease.end_date.isoformat() if lease.end_date else "", "usage": lease.usage},
            urgent=lease.end_date is not None
            and lease.end_date <= today + timedelta(days=URGENT_DAYS),
        )
        for lease in leases
    ]
    return [
        Panel(
            title=gettext_lazy("Avtal som upphör inom %(days)s dagar") % {"days": ENDING_SOON_DAYS},
            rows=rows,
            empty_text=gettext_lazy("Inga avtal upphör de närmaste 90 dagarna."),
            more_url=reverse("properties:head_lease_list") + "?ending_soon=1&sort=end",
            order=30,
        )
    ]
