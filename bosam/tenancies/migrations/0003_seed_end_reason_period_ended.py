"""The end reason the schedule gives a sublet whose agreed end date has passed."""

from django.db import migrations


def seed(apps, schema_editor):
    SubletEndReason = apps.get_model("tenancies", "SubletEndReason")
    SubletEndReason.objects.get_or_create(
        code="period_ended",
        defaults={"name": "Kontraktstiden löpte ut", "excluded_from_goal": False, "sort_order": 95},
    )


def unseed(apps, schema_editor):
    apps.get_model("tenancies", "SubletEndReason").objects.filter(code="period_ended").delete()


class Migration(migrations.Migration):
    dependencies = [("tenancies", "0002_seed_conditions_end_reasons_settings")]

    operations = [migrations.RunPython(seed, unseed)]
