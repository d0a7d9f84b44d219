"""The starting catalogues of conditions (villkor) and sublet end reasons, and the settings row.
Municipalities rename, add and deactivate entries later; codes are what services and the demo use."""

from django.db import migrations

CONDITIONS = [
    # code, name
    ("rent_on_time", "Hyran betalas i tid"),
    ("no_disturbance", "Inga störningar"),
    ("home_visits", "Tar emot hembesök"),
    ("support_plan", "Följer stöd- eller behandlingsplan"),
    ("no_subletting", "Ingen egen andrahandsuthyrning eller inneboende"),
    ("budget_support", "Tar emot budgetstöd"),
]

END_REASONS = [
    # code, name, excluded from goal fulfilment
    ("moved_on_own", "Flyttade på egen hand", False),
    ("evicted", "Avhyst", False),
    ("broke_conditions", "Bröt mot villkoren", False),
    ("moved_to_care", "Flyttade till vård- eller omsorgsboende", True),
    ("died", "Avled", True),
    # The household's path goes on in another sublet (the apartment was swapped or returned).
    ("transferred", "Flyttade till annan lägenhet via bostadssamordningen", True),
    ("other", "Annat", False),
]


def add_catalogues(apps, schema_editor):  # type: ignore[no-untyped-def]
    Condition = apps.get_model("tenancies", "Condition")
    SubletEndReason = apps.get_model("tenancies", "SubletEndReason")
    TenancySettings = apps.get_model("tenancies", "TenancySettings")
    for order, (code, name) in enumerate(CONDITIONS):
        Condition.objects.get_or_create(
            code=code, defaults={"name": name, "sort_order": (order + 1) * 10}
        )
    for order, (code, name, excluded) in enumerate(END_REASONS):
        SubletEndReason.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "excluded_from_goal": excluded,
                "sort_order": (order + 1) * 10,
            },
        )
    TenancySettings.objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("tenancies", "0001_sublets_follow_up_takeover_rent")]
    operations = [migrations.RunPython(add_catalogues, migrations.RunPython.noop)]
