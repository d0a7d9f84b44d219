"""The starting intervention catalogue. Municipalities rename, add and deactivate types later;
the codes are what the services record against."""

import uuid

from django.db import migrations

CATALOGUE = [
    # code, name, kind, counts_in_total
    ("payment_plan", "Avbetalningsplan med hyresvärden", "kvarboende", True),
    ("financial_assistance_rent_debt", "Ekonomiskt bistånd till hyresskuld", "kvarboende", True),
    ("committee_undertaking", "Skriftlig betalningsförbindelse från nämnden", "kvarboende", True),
    ("budget_debt_counselling", "Budget- och skuldrådgivning", "kvarboende", True),
    ("landlord_negotiation", "Förhandling med hyresvärden", "kvarboende", True),
    ("rent_guarantee", "Hyresgaranti", "kvarboende", True),
    ("referral_other_support", "Hänvisning till annat stöd", "kvarboende", True),
    ("converted_to_sublet", "Övergång till andrahandskontrakt med stöd", "kvarboende", True),
    ("placement_supported_housing", "Placering i stödlägenhet", "placement", True),
    ("placement_training_apartment", "Placering i träningslägenhet", "placement", True),
    ("placement_operational_apartment", "Placering i verksamhetslägenhet", "placement", True),
    ("placement_refugee_housing", "Placering i bostad för nyanlända", "placement", True),
    ("placement_housing_first", "Placering enligt Bostad först", "placement", True),
    ("placement_emergency", "Placering i jourlägenhet", "placement", True),
    ("takeover", "Övertagande av förstahandskontrakt", "takeover", True),
    ("advice_case", "Bostadsrådgivning", "advice", False),
    ("follow_up_visit", "Uppföljning (hembesök eller möte)", "follow_up", False),
]


def add_catalogue(apps, schema_editor):  # type: ignore[no-untyped-def]
    InterventionType = apps.get_model("households", "InterventionType")
    for order, (code, name, kind, counts) in enumerate(CATALOGUE):
        InterventionType.objects.get_or_create(
            code=code,
            defaults={
                "id": uuid.uuid4(),
                "name": name,
                "kind": kind,
                "counts_in_total": counts,
                "sort_order": (order + 1) * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("households", "0002_interventions")]
    operations = [migrations.RunPython(add_catalogue, migrations.RunPython.noop)]
