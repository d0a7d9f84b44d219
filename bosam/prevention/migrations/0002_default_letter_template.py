"""The unit's first outreach letter; the unit edits it (and adds others) in Bosam."""

from django.db import migrations

BODY = """Hej {{ namn }},

Vi på Bostadssamordningen har fått veta att det finns en hyresskuld för din bostad på
{{ adress }}, {{ postadress }}. Hyresvärden {{ hyresvard }} uppger att skulden är {{ skuld }}.

Vi vill hjälpa dig att kunna bo kvar. Om du betalar skulden senast {{ sista_dag }} får du enligt
lagen behålla ditt hyreskontrakt. Vi kan bland annat hjälpa dig att göra upp en avbetalningsplan
med hyresvärden, se över din budget och söka ekonomiskt bistånd.

Kontakta oss så snart du kan, så bokar vi ett samtal eller ett besök. Det är frivilligt och
kostar ingenting.

Med vänliga hälsningar
{{ handlaggare }}
Bostadssamordningen
"""


def add_template(apps, schema_editor):  # type: ignore[no-untyped-def]
    LetterTemplate = apps.get_model("prevention", "LetterTemplate")
    LetterTemplate.objects.get_or_create(
        name="Första kontakt – hyresskuld",
        defaults={"subject": "Vi vill hjälpa dig att bo kvar", "body": BODY, "active": True},
    )


class Migration(migrations.Migration):
    dependencies = [("prevention", "0001_notifications_cases_outreach_imports")]
    operations = [migrations.RunPython(add_template, migrations.RunPython.noop)]
