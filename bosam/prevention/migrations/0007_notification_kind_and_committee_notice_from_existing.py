"""Existing notifications get a kind and a first value for the meddelande to the committee.

The kind follows from the stage and cause they were recorded with: a termination for rent
arrears is one under 12 kap. 44 § JB, a termination for disturbances one under 12 kap. 25 §,
an early signal, an application for eviction and a scheduled eviction keep what they were.

Before this change Bosam recorded one date only, the service of the underrättelse on the tenant,
and counted the återvinningsfrist from it. The law counts from the later of that service and the
landlord's meddelande to the social welfare committee (NJA 1985 s. 586). A landlord's notification
is the committee's copy of that meddelande, so the day it was received is a fair first value for
the meddelande's date; it is set for notifications from a landlord only (not for the Enforcement
Authority's or the unit's own knowledge, nor for an early signal, which is no termination). A
frist whose meddelande is still unknown is marked provisional ("at least until"). The stored frist is NOT recomputed here: existing
notifications keep the frist they had until a caseworker adds or corrects a date, when
`notification_notices_update` computes it again from the later of the two.
"""

from django.db import migrations
from django.db.models import F


def kind_from_stage(stage: str, cause: str) -> str:
    # A copy of bosam.prevention.rules.kind_from_stage as it was when this migration was written.
    if stage == "termination":
        return {
            "rent_arrears": "rent_arrears_termination",
            "disturbance": "disturbance_termination",
        }.get(cause, "other")
    return {
        "early_signal": "early_signal",
        "warning": "disturbance_warning",
        "eviction_application": "eviction_application",
        "eviction_scheduled": "eviction_date",
    }.get(stage, "other")


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    Notification = apps.get_model("prevention", "Notification")
    pairs = Notification.objects.values_list("stage", "cause").distinct()
    for stage, cause in list(pairs):
        Notification.objects.filter(stage=stage, cause=cause).update(
            kind=kind_from_stage(stage, cause)
        )
    Notification.objects.filter(source="landlord", committee_notice_on__isnull=True).exclude(
        kind="early_signal"
    ).update(committee_notice_on=F("received_on"))
    # A frist with one of the two dates still unknown runs at least until the stored day.
    Notification.objects.filter(
        kind__in=["rent_arrears_termination", "cooperative_termination"],
        atervinningsfrist_ends_on__isnull=False,
    ).filter(committee_notice_on__isnull=True).update(atervinningsfrist_provisional=True)


class Migration(migrations.Migration):
    dependencies = [("prevention", "0006_notification_kinds_and_two_notices")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
