"""The prevention caseworker's start-page panel: the most urgent open cases."""

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bosam.accounts.permissions import user_can
from bosam.accounts.roles import Capability
from bosam.audit.services import audit_list
from bosam.core.work_queues import Panel, PanelRow
from bosam.prevention.selectors import CaseRow, work_queue

PANEL_ROWS = 10


def _detail(row: CaseRow) -> str:
    parts = []
    if row.deadline:
        parts.append(
            str(_("frist %(day)s (%(n)s dagar)") % {"day": row.deadline, "n": row.days_left})
        )
    if row.children:
        parts.append(str(_("%(n)s barn") % {"n": row.children}))
    parts.append(str(_("kontakt") if row.contacted else _("ej kontaktad")))
    return " · ".join(parts)


def panels(user: Any) -> list[Panel]:
    if not user_can(user, Capability.PREVENTION_WORK):
        return []
    rows = work_queue(user=user, today=timezone.localdate(), limit=PANEL_ROWS)
    audit_list(actor=user, objects=[row.case for row in rows])
    return [
        Panel(
            title=_("Vräkningsförebyggande – mest brådskande"),
            rows=[
                PanelRow(
                    label=str(row.case.household),
                    url=reverse("prevention:case_detail", args=[row.case.pk]),
                    detail=_detail(row),
                    urgent=row.stands_out,
                )
                for row in rows
            ],
            empty_text=_("Inga pågående ärenden."),
            more_url=reverse("prevention:work_queue"),
            order=20,
        )
    ]
