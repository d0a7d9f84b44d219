"""The starting advice catalogues. Municipalities rename, add and deactivate entries later (the
catalogue pages); the codes stay, so the demo and integrations can rely on them."""

from django.db import migrations

CATALOGUES = {
    "AdviceChannel": [
        ("walk_in", "Besök"),
        ("phone", "Telefon"),
        ("email", "E-post"),
        ("digital_meeting", "Digitalt möte"),
        ("outreach", "Uppsökande (drop-in, mässa, boende)"),
    ],
    "AdviceReason": [
        ("homeless", "Hemlös"),
        ("must_leave_home", "Måste lämna nuvarande bostad"),
        ("overcrowded", "Trångboddhet"),
        ("new_in_municipality", "Ny i kommunen"),
        ("separation", "Separation"),
        ("rent_too_high", "För hög hyra"),
        ("sublet_ending", "Andrahandskontrakt upphör"),
        ("health_accessibility", "Hälsa eller tillgänglighet"),
        ("first_home", "Söker första egna bostad"),
        ("other", "Annan anledning"),
    ],
    "AdviceKind": [
        ("housing_queue", "Hur bostadskön fungerar"),
        ("search_on_own", "Hur man söker bostad på egen hand"),
        ("private_landlords", "Privata hyresvärdar och deras krav"),
        ("sublet_rights", "Andrahandsuthyrning och rättigheter"),
        ("exchange", "Bostadsbyte"),
        ("income_requirements", "Inkomstkrav och referenser"),
        ("tenant_rights", "Hyresgästens rättigheter och skyldigheter"),
        ("budget", "Budget och hyresnivå"),
        ("other_advice", "Annan rådgivning"),
    ],
    "DigitalHelpKind": [
        ("queue_registration", "Registrering i bostadskö"),
        ("queue_renewal", "Förnya eller uppdatera köplats"),
        ("online_search", "Söka lediga lägenheter på nätet"),
        ("online_application", "Anmäla intresse eller ansöka om lägenhet på nätet"),
        ("e_identification", "Skaffa e-legitimation"),
        ("email_account", "Skapa e-postadress"),
        ("written_application", "Skriva ansökan eller personligt brev"),
        ("documents", "Ladda upp eller skicka intyg och handlingar"),
        ("other_digital", "Annan digital hjälp"),
    ],
    "ReferralTarget": [
        ("social_office", "Socialkontoret"),
        ("skills_supply_office", "Kompetensförsörjningskontoret"),
        ("budget_debt_counselling", "Budget- och skuldrådgivningen"),
        ("other_authority", "Annan myndighet eller organisation"),
    ],
    "AdviceOutcome": [
        ("found_housing_own", "Ordnade bostad på egen hand"),
        ("searching_on_own", "Söker vidare på egen hand"),
        ("referred", "Hänvisad vidare"),
        ("no_further_contact", "Ingen vidare kontakt"),
        ("other_outcome", "Annat utfall"),
    ],
}


def add_catalogues(apps, schema_editor):  # type: ignore[no-untyped-def]
    for model_name, entries in CATALOGUES.items():
        model = apps.get_model("advice", model_name)
        for order, (code, name) in enumerate(entries):
            model.objects.get_or_create(
                code=code, defaults={"name": name, "sort_order": (order + 1) * 10}
            )


class Migration(migrations.Migration):
    dependencies = [("advice", "0001_advice_cases_and_catalogues")]
    operations = [migrations.RunPython(add_catalogues, migrations.RunPython.noop)]
