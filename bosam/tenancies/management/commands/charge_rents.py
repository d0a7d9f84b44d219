"""`manage.py charge_rents`: the monthly rent run for every sublet (*hyresavisering*).

Rent is due in advance, so the run for a month is made in the month before; by default it charges
next month. Idempotent: a sublet already charged for the month is skipped, so a scheduled job may
run it daily without charging twice. Meant for a scheduled job under a service account, whose
name the audit trail then shows as the one who charged."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from bosam.accounts.models import User
from bosam.tenancies import rules
from bosam.tenancies.services import rent_charges_generate


def _month(text: str) -> date:
    try:
        year, month = (int(part) for part in text.split("-"))
        return date(year, month, 1)
    except ValueError as exc:
        raise CommandError(f"--month ska anges som ÅÅÅÅ-MM, inte {text!r}.") from exc


class Command(BaseCommand):
    help = "Aviserar månadens hyra för alla löpande andrahandskontrakt som saknar avi."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", help="månad att avisera, ÅÅÅÅ-MM (standard: nästa månad)")
        parser.add_argument(
            "--as", dest="username", required=True, help="tjänstekontot som aviserar"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"Det finns ingen aktiv användare {options['username']!r}.")
        if options["month"]:
            month = _month(options["month"])
        else:
            month = rules.add_months(timezone.localdate().replace(day=1), 1)
        charges = rent_charges_generate(month=month, charged_by=user)
        self.stdout.write(
            f"{month:%Y-%m}: {len(charges)} hyresavier skapade, "
            f"förfaller {rules.rent_due_date(month):%Y-%m-%d}."
        )
