"""The starting usage and end-reason catalogues. Municipalities rename, add and deactivate entries
later; codes are what imports and the demo refer to."""

from django.db import migrations

USAGES = [
    # code, name, category, target group, aims at takeover
    ("supported_housing", "Stödlägenhet", "supported_housing", "", True),
    ("training_apartment", "Träningslägenhet", "training_apartment", "", True),
    ("operational_young_adults", "Verksamhetslägenhet – unga vuxna", "operational_apartment", "Unga vuxna", False),
    ("operational_addiction", "Verksamhetslägenhet – missbruk och beroende", "operational_apartment", "Missbruk och beroende", False),
    ("operational_lss", "Verksamhetslägenhet – LSS", "operational_apartment", "Personer med funktionsnedsättning (LSS)", False),
    ("refugee_settlement", "Flyktingbostad (bosättningslagen)", "refugee_settlement", "", True),
    ("refugee_temporary_protection", "Bostad för personer med tillfälligt skydd", "refugee_temporary_protection", "", False),
    ("housing_first", "Bostad först", "housing_first", "", True),
    ("emergency", "Jourlägenhet", "emergency", "", False),
]

END_REASONS = [
    # code, name, is takeover
    ("returned_to_landlord", "Återlämnad till hyresvärden", False),
    ("tenant_took_over", "Hyresgästen tog över kontraktet", True),
    ("swapped_object", "Ersatt med annat objekt", False),
    ("landlord_terminated", "Uppsagt av hyresvärden", False),
    ("need_ended", "Behovet upphörde", False),
    ("other", "Annat", False),
]


def add_catalogues(apps, schema_editor):  # type: ignore[no-untyped-def]
    Usage = apps.get_model("properties", "Usage")
    EndReason = apps.get_model("properties", "EndReason")
    for order, (code, name, category, target_group, takeover) in enumerate(USAGES):
        Usage.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "category": category,
                "target_group": target_group,
                "aims_at_takeover": takeover,
                "sort_order": (order + 1) * 10,
            },
        )
    for code, name, takeover in END_REASONS:
        EndReason.objects.get_or_create(code=code, defaults={"name": name, "is_takeover": takeover})


class Migration(migrations.Migration):
    dependencies = [("properties", "0001_register")]

    operations = [migrations.RunPython(add_catalogues, migrations.RunPython.noop)]
