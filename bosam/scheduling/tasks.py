"""The schedule's task: one scheduled run, done by the worker."""

from django.tasks import task

from bosam.scheduling.services import scheduled_run_execute


@task()
def scheduled_run_task(run_id: int) -> str:
    return scheduled_run_execute(run_id=run_id)
