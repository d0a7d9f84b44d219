"""`manage.py run_schedule`: look at the schedule once and enqueue what is due (for a system
timer instead of the worker's own loop; `manage.py worker` does this every minute)."""

from typing import Any

from django.core.management.base import BaseCommand

from bosam.scheduling.services import schedule_tick


class Command(BaseCommand):
    help = "Lägger schemalagda jobb som är på tur i kön (en gång per period)."

    def handle(self, *args: Any, **options: Any) -> None:
        runs = schedule_tick()
        for run in runs:
            self.stdout.write(f"{run.job} {run.period}: i kö")
        if not runs:
            self.stdout.write("Inget schemalagt jobb är på tur.")
