"""`manage.py create_first_admin`: the first system administrator of an empty installation.

`createsuperuser` makes a Django superuser with no Bosam role, who is refused everywhere; this
command makes a user with the system administrator's role, who can then build the organisation and
the other users in Bosam itself. Interactive by default; with `--no-input` it reads the
`BOSAM_ADMIN_*` environment variables (for automated installs). Once any active system
administrator exists it refuses, loudly, with exit status 1: later administrators are made in Bosam,
where the audit trail names who made them."""

import getpass
import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bosam.accounts.models import User
from bosam.accounts.roles import Role
from bosam.administration.errors import AdministrationError
from bosam.administration.services.users import user_create

ENVIRONMENT = {
    "username": "BOSAM_ADMIN_USERNAME",
    "password": "BOSAM_ADMIN_PASSWORD",
    "email": "BOSAM_ADMIN_EMAIL",
    "first_name": "BOSAM_ADMIN_FIRST_NAME",
    "last_name": "BOSAM_ADMIN_LAST_NAME",
}


def _from_environment(key: str) -> str:
    """A value from the environment; the password may also come from a file (`…_FILE`)."""
    name = ENVIRONMENT[key]
    file_name = os.environ.get(f"{name}_FILE", "")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, "").strip()


class Command(BaseCommand):
    help = "Skapar den första systemförvaltaren i en tom installation (en gång)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="läs uppgifterna från BOSAM_ADMIN_USERNAME, BOSAM_ADMIN_PASSWORD(_FILE), "
            "BOSAM_ADMIN_EMAIL, BOSAM_ADMIN_FIRST_NAME, BOSAM_ADMIN_LAST_NAME",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        existing = User.objects.filter(role=Role.SYSTEM_ADMINISTRATOR, is_active=True)
        if existing.exists():
            names = ", ".join(existing.values_list("username", flat=True)[:3])
            raise CommandError(
                f"Det finns redan en systemförvaltare ({names}). Fler användare skapas i Bosam "
                "under Administration → Användare, där loggen visar vem som skapade dem."
            )
        values = self._ask() if options["interactive"] else self._read_environment()
        if User.objects.filter(username=values["username"]).exists():
            raise CommandError(f"Användarnamnet {values['username']!r} finns redan.")
        try:
            user = user_create(
                created_by=None,
                username=values["username"],
                first_name=values["first_name"],
                last_name=values["last_name"],
                email=values["email"],
                role=Role.SYSTEM_ADMINISTRATOR,
                unit=None,
                password=values["password"],
            )
        except AdministrationError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Systemförvaltaren {user.username} är skapad. Logga in och lägg upp nämnder, "
                "förvaltningar, enheter och användare under Administration."
            )
        )

    def _read_environment(self) -> dict[str, str]:
        values = {key: _from_environment(key) for key in ENVIRONMENT}
        missing = [ENVIRONMENT[key] for key in ("username", "password") if not values[key]]
        if missing:
            raise CommandError(f"Saknar {' och '.join(missing)} i miljön (--no-input).")
        return values

    def _ask(self) -> dict[str, str]:
        values: dict[str, str] = {}
        values["username"] = self._prompt("Användarnamn")
        values["first_name"] = input("Förnamn: ").strip()
        values["last_name"] = input("Efternamn: ").strip()
        values["email"] = input("E-post: ").strip()
        while True:
            password = getpass.getpass("Lösenord: ")
            if password and password == getpass.getpass("Lösenordet igen: "):
                values["password"] = password
                return values
            self.stderr.write("Lösenorden är tomma eller olika, försök igen.")

    def _prompt(self, label: str) -> str:
        while True:
            answer = input(f"{label}: ").strip()
            if answer:
                return answer
            self.stderr.write(f"{label} behövs.")
