"""The day's reminders from tenancies: follow-ups planned for the day and not yet held."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext

from bosam.core.reminding import ReminderDue
from bosam.tenancies.models import FollowUp, Sublet


def reminders(day: date) -> list[ReminderDue]:
    planned = (
        FollowUp.objects.filter(
            planned_on=day, done_on__isnull=True, sublet__status=Sublet.Status.ACTIVE
        )
        .select_related("sublet")
        .only("id", "kind", "planned_on", "sublet__id", "sublet__number", "sublet__unit_id")
    )
    return [
        ReminderDue(
            key=f"followup:{follow_up.pk}:{follow_up.planned_on.isoformat()}",
            kind="follow_up",
            text=gettext("Uppföljning idag: %(kind)s, kontrakt %(number)s")
            % {"kind": follow_up.get_kind_display(), "number": follow_up.sublet.number},
            url=reverse("tenancies:sublet_detail", args=[follow_up.sublet.pk]),
            unit_id=follow_up.sublet.unit_id,
        )
        for follow_up in planned
    ]
