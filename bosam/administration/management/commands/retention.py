"""Retention (gallring): `manage.py retention` lists what is due, `--apply` deletes it.

Runs every app's `retention.py` rules (see bosam.core.retention). Audit events are kept: each
deletion writes one. Meant for a nightly or monthly scheduled job once the listing is trusted."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone

from bosam.core.retention import RetentionRule, all_rules


def years_for(rule: RetentionRule) -> int:
    by_rule: dict[str, int] = settings.BOSAM_RETENTION_YEARS_BY_RULE
    return by_rule.get(rule.key, settings.BOSAM_RETENTION_YEARS)


class Command(BaseCommand):
    help = "Gallring: visar personuppgifter som passerat gallringsfristen; --apply raderar dem."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--apply", action="store_true", help="radera (annars bara lista)")
        parser.add_argument("--years", type=int, help="gallringsfrist i år för alla regler")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["years"] is not None and options["years"] < 1:
            # 0 would make everything due at once: refused, never read as "not given".
            raise CommandError("--years måste vara minst 1.")
        today = timezone.localdate()
        apply = options["apply"]
        for rule in all_rules():
            years = options["years"] if options["years"] is not None else years_for(rule)
            due = list(rule.due(today, years))
            self.stdout.write(f"{rule.label} [{rule.key}], {years} år: {len(due)} att gallra")
            if options["verbosity"] >= 2 or not apply:
                for record in due:
                    self.stdout.write(f"  {record._meta.label} {record.pk}")
            if apply:
                self._delete(rule, due)
        if not apply:
            self.stdout.write("Torrkörning: inget är raderat. Kör med --apply för att radera.")

    def _delete(self, rule: RetentionRule, due: list[Any]) -> None:
        deleted = 0
        for record in due:
            try:
                with transaction.atomic():
                    rule.delete(record)
            except (ProtectedError, RestrictedError) as exc:
                users = sorted({obj._meta.label for obj in exc.args[1]})
                self.stdout.write(
                    f"  behålls: {record._meta.label} {record.pk} används av {', '.join(users)}"
                )
            else:
                deleted += 1
        self.stdout.write(f"  raderade: {deleted}")
