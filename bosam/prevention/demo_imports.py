"""The demo's landlord lists: the main landlords' monthly arrears lists for the last three
months, as the files they would have sent, kept in the import history with their mapping."""

import csv
import io
import json
from datetime import timedelta
from typing import Any

from django.utils import timezone

from bosam.core.demo import DemoContext
from bosam.core.tabular import file_checksum
from bosam.households.models import Person
from bosam.prevention import rules
from bosam.prevention.models import ImportMapping, LandlordImport, Notification
from bosam.properties.models import Landlord

LIST_HEADERS = ["Kundnr", "Hyresgäst", "Personnummer", "Objektadress", "Postnr", "Saldo", "Mån"]
LIST_MAPPING = {
    "landlord_reference": "Kundnr",
    "name": "Hyresgäst",
    "personal_number": "Personnummer",
    "street_address": "Objektadress",
    "postcode": "Postnr",
    "debt_amount": "Saldo",
    "months_behind": "Mån",
}


def landlord_lists(
    ctx: DemoContext,
    notifications: list[Notification],
    landlords: list[Landlord],
    user: Any,
    applicants: dict[Any, Any],
) -> None:
    """The main landlords' monthly lists for the last three months, as imported files."""
    numbers = dict(
        Person.objects.filter(pk__in=set(applicants.values())).values_list("pk", "personal_number")
    )
    names = {
        p.pk: f"{p.last_name}, {p.first_name}"
        for p in Person.objects.filter(pk__in=set(applicants.values())).only(
            "first_name", "last_name"
        )
    }
    for landlord in landlords:
        ImportMapping.objects.create(
            landlord=landlord, columns_json=json.dumps(LIST_MAPPING), updated_by=user
        )
    early = [n for n in notifications if n.stage == Notification.Stage.EARLY_SIGNAL]
    months = set()
    month = rules.notification_period(ctx.today)
    for _ in range(3):
        month = rules.notification_period(month - timedelta(days=1))
        months.add(month)
    groups: dict[tuple[Any, Any], list[Notification]] = {}
    main = {landlord.pk for landlord in landlords}
    for n in early:
        if n.landlord_id in main and n.period in months:
            groups.setdefault((n.landlord, n.period), []).append(n)
    if not groups and early:
        # A small demo may have no list in the last months: the latest early signal's will do,
        # so the import history is never empty.
        latest = max(early, key=lambda n: n.received_on)
        groups[(latest.landlord, latest.period)] = [
            n for n in early if (n.landlord_id, n.period) == (latest.landlord_id, latest.period)
        ]
    for (landlord, month), rows in sorted(groups.items(), key=lambda kv: kv[0][1]):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(LIST_HEADERS)
        for line, n in enumerate(rows, start=2):
            person_id = applicants[n.case.household_id]
            writer.writerow(
                [
                    f"{1000 + line}",
                    names.get(person_id, ""),
                    numbers.get(person_id) or "",
                    n.street_address,
                    n.postcode,
                    f"{n.debt_amount:.2f}".replace(".", ","),
                    n.months_behind or "",
                ]
            )
            n.import_line = line
        content = buffer.getvalue().encode("utf-8")
        batch = LandlordImport.objects.create(
            landlord=landlord,
            filename=f"restlista-{month:%Y-%m}.csv",
            content=content,
            sha256=file_checksum(content),
            period=month,
            status=LandlordImport.Status.ACCEPTED,
            uploaded_by=user,
            accepted_at=timezone.now(),
            rows_total=len(rows),
            created_count=len(rows),
        )
        for n in rows:
            n.landlord_import = batch
        Notification.objects.bulk_update(rows, ["landlord_import", "import_line"])
