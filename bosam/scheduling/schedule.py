"""The schedule, declared once: which recurring jobs Bosam runs, and when (local time).

The worker (`manage.py worker`) looks at the schedule every `BOSAM_SCHEDULE_INTERVAL_SECONDS`;
`manage.py run_schedule` does the same once, for a system timer. For each job the latest time it
was due names a period (a day, a month, an hour); a job runs once per period (a unique row in
ScheduledRun), so looking twice changes nothing and a missed night is done the next time the
schedule is looked at. Each run is a task on the worker."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bosam.scheduling import jobs

Cadence = Literal["hourly", "daily", "monthly"]


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Job:
    key: str
    label: str | Promise
    cadence: Cadence
    at: time  # local time of day it is due (for hourly: the minute past each hour)
    run: Callable[[date], str]  # does the work for the period's day; returns what it did
    day_of_month: int = 1  # monthly jobs: the day of the month (1–28)

    def latest_due(self, now: datetime) -> datetime:
        """The latest time at or before `now` the job was due."""
        local = timezone.localtime(now)
        if self.cadence == "hourly":
            due = local.replace(minute=self.at.minute, second=0, microsecond=0)
            return due if due <= local else due - timedelta(hours=1)
        if self.cadence == "daily":
            day = local.date()
            due = self._at(day)
            return due if due <= local else self._at(day - timedelta(days=1))
        first = local.date().replace(day=1)
        due = self._at(first.replace(day=self.day_of_month))
        if due <= local:
            return due
        return self._at(_add_months(first, -1).replace(day=self.day_of_month))

    def next_due(self, now: datetime) -> datetime:
        latest = self.latest_due(now)
        if self.cadence == "hourly":
            return latest + timedelta(hours=1)
        if self.cadence == "daily":
            return self._at(latest.date() + timedelta(days=1))
        return self._at(_add_months(latest.date(), 1).replace(day=self.day_of_month))

    def previous_due(self, due: datetime) -> datetime:
        return self.latest_due(due - timedelta(seconds=1))

    def period(self, due: datetime) -> str:
        local = timezone.localtime(due)
        if self.cadence == "hourly":
            return f"{local:%Y-%m-%dT%H}"
        if self.cadence == "daily":
            return f"{local:%Y-%m-%d}"
        return f"{local:%Y-%m}"

    def _at(self, day: date) -> datetime:
        return timezone.make_aware(datetime.combine(day, self.at))


SCHEDULE: list[Job] = [
    Job(
        key="stale_tasks",
        label=_("Bakgrundsjobb utan framsteg markeras som misslyckade"),
        cadence="hourly",
        at=time(0, 5),
        run=jobs.stale_tasks_fail,
    ),
    Job(
        key="tenancy_ends",
        label=_("Kontrakt och avtal vars slutdatum passerat avslutas"),
        cadence="daily",
        at=time(0, 15),
        run=jobs.ends_apply,
    ),
    Job(
        key="retention",
        label=_("Gallring (torrkörning om inte radering är påslagen)"),
        cadence="daily",
        at=time(2, 0),
        run=jobs.retention_run,
    ),
    Job(
        key="rent_charging",
        label=_("Hyresavisering för nästa månad"),
        cadence="monthly",
        at=time(3, 0),
        run=jobs.rents_charge,
        day_of_month=1,
    ),
    Job(
        key="reminders",
        label=_("Dagens påminnelser om uppföljningar och frister"),
        cadence="daily",
        at=time(6, 0),
        run=jobs.reminders_raise,
    ),
]

JOBS: dict[str, Job] = {job.key: job for job in SCHEDULE}
