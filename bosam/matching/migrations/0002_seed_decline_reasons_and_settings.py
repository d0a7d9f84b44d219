"""The starting catalogue of reasons an offer is declined, each tagged with who declined, and
the settings row. Municipalities rename, add and deactivate reasons later; codes stay."""

from django.db import migrations

DECLINE_REASONS = [
    # code, name, declined by
    ("household_area", "Hushållet vill inte bo i området", "household"),
    ("household_size", "Hushållet tycker att lägenheten är för liten eller för stor", "household"),
    ("household_rent", "Hushållet tycker att hyran är för hög", "household"),
    ("household_found_other", "Hushållet har ordnat bostad på annat sätt", "household"),
    ("household_no_answer", "Hushållet gick inte att nå", "household"),
    ("unit_need_changed", "Behovet har ändrats", "unit"),
    ("unit_not_suitable", "Enheten bedömer att lägenheten inte passar", "unit"),
    ("landlord_refused", "Hyresvärden godkände inte hushållet", "landlord"),
    ("landlord_apartment_not_ready", "Lägenheten blir inte klar i tid", "landlord"),
    ("coordinator_better_match", "Lägenheten behövs för ett mer brådskande behov", "coordinator"),
    ("coordinator_other", "Annat skäl från bostadssamordningen", "coordinator"),
]


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    DeclineReason = apps.get_model("matching", "DeclineReason")
    MatchingSettings = apps.get_model("matching", "MatchingSettings")
    for order, (code, name, by) in enumerate(DECLINE_REASONS):
        DeclineReason.objects.get_or_create(
            code=code, defaults={"name": name, "declined_by": by, "sort_order": order * 10}
        )
    MatchingSettings.objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_requests_offers_settings")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
