"""Build the synthetic demo municipality: `manage.py demo [--scale 1] [--seed 2022]`."""

import random
import time
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from bosam.core.app_hooks import app_module
from bosam.core.demo import DemoContext

# Lower layers first: later builders use what earlier ones made (see docs/architecture.md).
BUILD_ORDER = [
    "accounts",
    "households",
    "properties",
    "tenancies",
    "prevention",
    "advice",
    "matching",
    "reporting",
    "administration",  # last: the audit history of reads of everything the others made
]


class Command(BaseCommand):
    help = "Fyller databasen med en påhittad demokommun (deterministisk, skalbar)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=float, default=1.0, help="1 = Norrköpings storlek")
        parser.add_argument("--seed", type=int, default=2022)
        parser.add_argument(
            "--force", action="store_true", help="tillåt även när DEBUG är av (t.ex. benchmark)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError("Demodata skapas bara med DEBUG=true, eller med --force.")
        if get_user_model().objects.exists():
            raise CommandError(
                "Databasen har redan användare; demodata läggs bara i en tom databas."
            )
        ctx = DemoContext(
            rng=random.Random(options["seed"]),
            scale=options["scale"],
            today=timezone.localdate(),
            stdout=self.stdout,
        )
        started = time.monotonic()
        for app in BUILD_ORDER:
            module = app_module(f"bosam.{app}", "demo")
            if module is None:
                continue
            step = time.monotonic()
            with transaction.atomic():
                module.build(ctx)
            ctx.say(f"  {app}: {time.monotonic() - step:.1f} s")
        ctx.say(f"Demokommunen är klar på {time.monotonic() - started:.1f} s.")
        ctx.say("")
        ctx.say("Inloggningar (lösenord inom parentes):")
        for role, username, password in ctx.logins:
            ctx.say(f"  {role:<40} {username:<14} ({password})")
