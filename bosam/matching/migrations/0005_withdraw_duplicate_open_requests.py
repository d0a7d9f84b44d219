"""Before a household may have only one open request of each kind (0006): where it has several,
keep the one furthest along (an open offer first, then the oldest) and withdraw the others,
saying why. Nothing is deleted; an open offer on a withdrawn duplicate stays for the
coordinator to withdraw (the reason names the request kept)."""

import datetime

from django.db import migrations

OPEN = ("waiting", "offered")


def withdraw_duplicates(apps, schema_editor):
    HousingRequest = apps.get_model("matching", "HousingRequest")
    today = datetime.date.today()
    seen = {}
    rows = HousingRequest.objects.filter(status__in=OPEN).order_by(
        "household_id", "usage_category", "-status", "received_on", "reference"
    )  # "offered" sorts after "waiting": descending puts a request with an open offer first
    for request in rows.iterator():
        key = (request.household_id, request.usage_category)
        kept = seen.setdefault(key, request)
        if kept.pk == request.pk:
            continue
        request.status = "withdrawn"
        request.closed_on = today
        request.withdrawn_reason = (
            f"Dubblett av {kept.reference}: ett hushåll har en öppen beställning av varje slag "
            "(återkallad vid uppgradering)."
        )
        request.save(update_fields=["status", "closed_on", "withdrawn_reason", "updated_at"])


class Migration(migrations.Migration):
    dependencies = [("matching", "0004_request_list_order")]

    operations = [migrations.RunPython(withdraw_duplicates, migrations.RunPython.noop)]
