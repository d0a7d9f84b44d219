"""The annual report's background tasks, run by the worker (`manage.py worker`)."""

from uuid import UUID

from django.tasks import task

from bosam.reporting.services import report_pdf_job_run


@task()
def report_pdf_task(job_id: str) -> None:
    report_pdf_job_run(job_id=UUID(job_id))
