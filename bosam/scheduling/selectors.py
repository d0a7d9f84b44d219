"""Reads of the schedule: each job's last run, next run and whether it needs attention."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.functional import Promise

from bosam.scheduling.models import ScheduledRun
from bosam.scheduling.schedule import SCHEDULE, Job


@dataclass
class JobState:
    job: Job
    last_run: ScheduledRun | None
    next_run: datetime
    failed: bool  # the latest run failed
    overdue: bool  # no finished run for the last two periods

    @property
    def label(self) -> str | Promise:
        return self.job.label

    @property
    def needs_attention(self) -> bool:
        return self.failed or self.overdue


def schedule_states(*, now: datetime | None = None) -> list[JobState]:
    now = now or timezone.now()
    states = []
    for job in SCHEDULE:
        runs = ScheduledRun.objects.filter(job=job.key)
        last = runs.order_by("-due_at").first()
        last_done = runs.filter(status=ScheduledRun.Status.DONE).order_by("-due_at").first()
        previous_due = job.previous_due(job.latest_due(now))
        states.append(
            JobState(
                job=job,
                last_run=last,
                next_run=job.next_due(now),
                failed=last is not None and last.status == ScheduledRun.Status.FAILED,
                overdue=last_done is None or last_done.due_at < previous_due,
            )
        )
    return states
