"""The schedule's writes: looking at the schedule (creating due runs), running one run, the
worker's sign of life."""

import logging
import os
import socket
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from bosam.core.errors import ApplicationError
from bosam.core.models import WorkerHeartbeat
from bosam.scheduling.models import ScheduledRun
from bosam.scheduling.schedule import JOBS, SCHEDULE

logger = logging.getLogger(__name__)


def schedule_tick(*, now: datetime | None = None) -> list[ScheduledRun]:
    """Create and enqueue a run for every job whose latest due period has none yet. Runs once
    per period however often it is called, and after downtime catches up the latest period."""
    from bosam.scheduling.tasks import scheduled_run_task

    now = now or timezone.now()
    created: list[ScheduledRun] = []
    for job in SCHEDULE:
        due = job.latest_due(now)
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(job=job.key, period=job.period(due), due_at=due)
                # In the same transaction: the worker sees the task only with its run.
                scheduled_run_task.enqueue(run_id=run.pk)
        except IntegrityError:
            continue  # this period's run exists: done, running or queued
        created.append(run)
    return created


def scheduled_run_retry(*, run: ScheduledRun) -> ScheduledRun:
    """Queue a failed run again (the administrator's "Kör igen")."""
    from bosam.scheduling.tasks import scheduled_run_task

    with transaction.atomic():
        run = ScheduledRun.objects.select_for_update().get(pk=run.pk)
        if run.status != ScheduledRun.Status.FAILED:
            return run
        run.status = ScheduledRun.Status.QUEUED
        run.result = ""
        run.save(update_fields=["status", "result", "updated_at"])
        scheduled_run_task.enqueue(run_id=run.pk)
    return run


def scheduled_run_execute(*, run_id: int) -> str:
    """Do one run's work and record the outcome. A run already done is not done again (a task
    retried after a worker died mid-run)."""
    with transaction.atomic():
        run = ScheduledRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None:
            raise ScheduledRun.DoesNotExist(
                gettext("Den schemalagda körningen %(id)s finns inte längre.") % {"id": run_id}
            )
        if run.status == ScheduledRun.Status.DONE:
            return run.result
        run.status = ScheduledRun.Status.RUNNING
        run.started_at = timezone.now()
        run.save(update_fields=["status", "started_at", "updated_at"])
    job = JOBS[run.job]
    try:
        result = job.run(timezone.localtime(run.due_at).date())
    except Exception as exc:
        if isinstance(exc, ApplicationError):
            message = exc.message
        elif type(exc).__name__ == "JobFailed":
            message = str(exc)
        else:
            logger.exception("Scheduled job %s failed", run.job)
            message = gettext("Oväntat fel (%(kind)s); se serverns logg.") % {
                "kind": type(exc).__name__
            }
        ScheduledRun.objects.filter(pk=run_id).update(
            status=ScheduledRun.Status.FAILED,
            finished_at=timezone.now(),
            result=message[:5000],
            updated_at=timezone.now(),
        )
        raise
    ScheduledRun.objects.filter(pk=run_id).update(
        status=ScheduledRun.Status.DONE,
        finished_at=timezone.now(),
        result=result[:5000],
        updated_at=timezone.now(),
    )
    return result


def worker_heartbeat(*, worker_id: str) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
            "last_seen": timezone.now(),
        },
    )
