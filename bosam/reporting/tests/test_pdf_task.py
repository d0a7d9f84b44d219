"""The report PDF is a background task (django.tasks), not a thread in the web process."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from bosam.core.models import WorkerHeartbeat
from bosam.reporting.errors import ReportingError
from bosam.reporting.models import ReportJob
from bosam.reporting.services import (
    report_jobs_fail_stale,
    report_pdf_job_run,
    report_pdf_job_start,
)

pytestmark = pytest.mark.django_db


def test_a_started_pdf_is_a_queued_task_that_the_worker_finishes(
    coordinator, django_capture_on_commit_callbacks
) -> None:
    # given a coordinator starting a PDF
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = report_pdf_job_start(year=2022, committee=None, requested_by=coordinator)
    # then nothing runs before the commit: the job waits in the queue
    job.refresh_from_db()
    assert job.status == ReportJob.Status.PENDING
    # when the commit enqueues the task (run at once by the tests' immediate backend)
    for callback in callbacks:
        callback()
    # then the PDF is done
    job.refresh_from_db()
    assert job.status == ReportJob.Status.DONE
    assert bytes(job.pdf or b"").startswith(b"%PDF")


def test_a_queued_pdf_says_the_worker_is_not_running_when_none_was_seen(
    client, coordinator
) -> None:
    # given a queued job and no worker heartbeat
    job = ReportJob.objects.create(year=2022, requested_by=coordinator)
    client.force_login(coordinator)
    # when its page is opened (another browser, after a reload)
    page = client.get(reverse("reporting:report_job", args=[job.pk])).content.decode()
    # then it says the job is queued and the worker has not been seen
    assert "Jobbet ligger i kö" in page
    assert "Bakgrundsarbetaren har inte hörts av" in page


def test_a_queued_pdf_with_a_running_worker_only_shows_progress(client, coordinator) -> None:
    WorkerHeartbeat.objects.create(worker_id="w1", last_seen=timezone.now())
    job = ReportJob.objects.create(year=2022, requested_by=coordinator)
    client.force_login(coordinator)
    page = client.get(reverse("reporting:report_job", args=[job.pk])).content.decode()
    assert "Bakgrundsarbetaren har inte hörts av" not in page
    assert "<progress" in page


def test_a_pdf_job_without_progress_for_the_configured_time_is_failed_and_can_be_retried(
    client, coordinator, django_capture_on_commit_callbacks
) -> None:
    # given a job that started and then stopped reporting (the worker died)
    job = ReportJob.objects.create(
        year=2022, requested_by=coordinator, status=ReportJob.Status.RUNNING, progress=50
    )
    ReportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    # when the stale-task cleanup runs
    failed = report_jobs_fail_stale(older_than=timezone.now() - timedelta(minutes=30), minutes=30)
    # then the job is failed with a Swedish reason, and its page offers a retry
    assert failed == 1
    job.refresh_from_db()
    assert job.status == ReportJob.Status.FAILED
    assert "inga framsteg på 30 minuter" in job.error
    client.force_login(coordinator)
    page = client.get(reverse("reporting:report_job", args=[job.pk])).content.decode()
    assert "PDF:en kunde inte skapas." in page
    assert "Försök igen" in page
    # when the one who started it retries
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reporting:report_job_retry", args=[job.pk]))
    # then it runs again and finishes
    job.refresh_from_db()
    assert job.status == ReportJob.Status.DONE


def test_another_user_may_not_retry_a_pdf_job(client, coordinator, manager) -> None:
    job = ReportJob.objects.create(
        year=2022, requested_by=coordinator, status=ReportJob.Status.FAILED
    )
    client.force_login(manager)
    assert client.post(reverse("reporting:report_job_retry", args=[job.pk])).status_code == 404


def test_a_pdf_task_whose_job_was_deleted_fails_clearly_and_changes_nothing(
    coordinator,
) -> None:
    job = ReportJob.objects.create(year=2022, requested_by=coordinator)
    job_id = job.pk
    job.delete()
    with pytest.raises(ReportingError, match="finns inte längre"):
        report_pdf_job_run(job_id=job_id)
    assert not ReportJob.objects.exists()


def test_the_web_process_starts_no_thread_for_a_pdf() -> None:
    import bosam.reporting.services as services

    assert "threading" not in vars(services)
