"""The coordinator's work queue on the start page: takeovers due, follow-ups overdue, sublets
ending and vacancies by length. Rows show contract numbers and addresses, not names, so the
start page itself shows no personal data; the sublet page (audited) does."""

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bosam.accounts.permissions import user_can
from bosam.accounts.roles import Capability
from bosam.core.work_queues import Panel, PanelRow
from bosam.tenancies import selectors


def _detail(sublet_id: Any) -> str:
    return reverse("tenancies:sublet_detail", args=[sublet_id])


def panels(user: Any) -> list[Panel]:
    if not user_can(user, Capability.TENANCY_EDIT, Capability.PERSONAL_DATA_OWN_UNIT):
        return []
    today = timezone.localdate()
    result = [
        Panel(
            title=gettext_lazy("Övertaganden att bedöma"),
            rows=[
                PanelRow(
                    label=f"{s.number} – {s.apartment}",
                    url=reverse("tenancies:takeover", args=[s.pk])
                    if user_can(user, Capability.TENANCY_EDIT)
                    else _detail(s.pk),
                    detail=_("planerat %(day)s") % {"day": f"{s.planned_takeover_date:%Y-%m-%d}"},
                    urgent=s.planned_takeover_date is not None and s.planned_takeover_date < today,
                )
                for s in selectors.takeovers_due(user=user, today=today)
            ],
            empty_text=gettext_lazy("Inga övertaganden att bedöma den närmaste månaden."),
            more_url=reverse("tenancies:sublet_list") + "?" + urlencode({"takeover_due": "on"}),
            order=30,
        ),
        Panel(
            title=gettext_lazy("Uppföljningar som inte är gjorda"),
            rows=[
                PanelRow(
                    label=f"{f.sublet.number} – {f.sublet.apartment}",
                    url=_detail(f.sublet_id),
                    detail=_("%(kind)s planerat %(day)s")
                    % {"kind": f.get_kind_display(), "day": f"{f.planned_on:%Y-%m-%d}"},
                    urgent=(today - f.planned_on).days > 30,
                )
                for f in selectors.follow_ups_overdue(user=user, today=today)
            ],
            empty_text=gettext_lazy("Alla planerade uppföljningar är gjorda."),
            order=31,
        ),
        Panel(
            title=gettext_lazy("Kontrakt som löper ut"),
            rows=[
                PanelRow(
                    label=f"{s.number} – {s.apartment}",
                    url=_detail(s.pk),
                    detail=_("slutar %(day)s") % {"day": f"{s.end_date:%Y-%m-%d}"},
                    urgent=s.end_date is not None and s.end_date < today,
                )
                for s in selectors.sublets_ending(user=user, today=today)
            ],
            empty_text=gettext_lazy("Inga kontrakt löper ut de närmaste två månaderna."),
            order=32,
        ),
    ]
    if user_can(user, Capability.TENANCY_EDIT):
        result.append(
            Panel(
                title=gettext_lazy("Tomställda lägenheter"),
                rows=[
                    PanelRow(
                        label=str(v.head_lease.apartment),
                        url=reverse("tenancies:sublet_create") + f"?avtal={v.head_lease.pk}",
                        detail=_("%(days)s dagar, %(committee)s")
                        % {"days": v.days, "committee": v.head_lease.committee},
                        urgent=v.days > 60,
                    )
                    for v in selectors.vacancies_now(today=today)
                ],
                empty_text=gettext_lazy("Inga lägenheter står tomma."),
                order=33,
            )
        )
    return result
