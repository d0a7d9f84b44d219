"""The system administrator's start-page warning: a scheduled job failed or has not run for two
periods, or no worker has been seen."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bosam.accounts.roles import Capability
from bosam.core.health import worker_seen_recently
from bosam.core.work_queues import Panel, PanelRow
from bosam.scheduling.selectors import schedule_states


def panels(user: Any) -> list[Panel]:
    if not user.has_capability(Capability.SYSTEM_OPERATIONS):
        return []
    url = reverse("scheduling:schedule")
    rows = []
    if not worker_seen_recently():
        rows.append(
            PanelRow(
                label=_("Bakgrundsarbetaren har inte hörts av"),
                url=url,
                detail=_("Köade jobb och schemat körs inte förrän den är igång."),
                urgent=True,
            )
        )
    for state in schedule_states():
        if state.failed:
            rows.append(PanelRow(label=state.label, url=url, detail=_("misslyckades"), urgent=True))
        elif state.overdue:
            rows.append(
                PanelRow(
                    label=state.label,
                    url=url,
                    detail=_("har inte körts på två perioder"),
                    urgent=True,
                )
            )
    return [
        Panel(
            title=_("Drift"),
            rows=rows,
            empty_text=_("Bakgrundsarbetaren är igång och alla schemalagda jobb har gått bra."),
            more_url=url,
            order=5,
        )
    ]
