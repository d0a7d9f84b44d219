"""Writes of the annual report: publishing a year, and PDF jobs run in the background."""

from datetime import datetime
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from bosam.accounts.models import Committee
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.reporting.errors import ReportingError, ReportingErrorCode
from bosam.reporting.figures import FigureValue
from bosam.reporting.figures.memo import computing
from bosam.reporting.models import (
    PublishedBreakdownRow,
    PublishedFigure,
    PublishedFigureRecord,
    PublishedReport,
    ReportJob,
)
from bosam.reporting.pdf import render_report_pdf
from bosam.reporting.report import (
    figure_values,
    report_live,
    report_published,
    suppression_threshold,
)
from bosam.reporting.rules import year_may_be_published


def _store(
    report: PublishedReport,
    committee: Committee | None,
    current: dict[str, FigureValue],
    previous: dict[str, FigureValue],
) -> None:
    figures = PublishedFigure.objects.bulk_create(
        [
            PublishedFigure(
                report=report,
                key=key,
                committee=committee,
                value=value.value,
                previous_value=previous[key].value,
                note=value.note,
                model_label=value.model_label,
            )
            for key, value in current.items()
        ]
    )
    records: list[PublishedFigureRecord] = []
    rows: list[PublishedBreakdownRow] = []
    for stored in figures:
        value, before = current[stored.key], previous[stored.key]
        records += [PublishedFigureRecord(figure=stored, record_id=i) for i in value.record_ids]
        earlier = {b.key: b for b in before.breakdown}
        keys = [b.key for b in value.breakdown]
        lines = [(b.key, b.label, b.value) for b in value.breakdown] + [
            (b.key, b.label, 0) for b in before.breakdown if b.key not in keys
        ]
        rows += [
            PublishedBreakdownRow(
                figure=stored,
                position=position,
                key=key,
                label=label,
                value=amount,
                previous_value=earlier[key].value if key in earlier else None,
            )
            for position, (key, label, amount) in enumerate(lines)
        ]
    PublishedFigureRecord.objects.bulk_create(records, batch_size=2000)
    PublishedBreakdownRow.objects.bulk_create(rows, batch_size=2000)


@transaction.atomic
def report_publish(*, year: int, published_by: Any) -> PublishedReport:
    """Publish a year: keep each figure (for the municipality and each committee), the records it
    counted and the PDF, as they are now. A year is published once."""
    if not year_may_be_published(year, timezone.localdate().year):
        raise ReportingError(
            gettext("Året %(year)s är inte slut än; årsrapporten kan publiceras när året är slut.")
            % {"year": year},
            code=ReportingErrorCode.YEAR_NOT_ENDED,
            extra={"field": "year"},
        )
    # The row lock on an existing report makes two managers publishing at once fail cleanly.
    if PublishedReport.objects.select_for_update().filter(year=year).exists():
        raise ReportingError(
            gettext("Årsrapporten för %(year)s är redan publicerad.") % {"year": year},
            code=ReportingErrorCode.ALREADY_PUBLISHED,
            extra={"field": "year"},
        )
    threshold = suppression_threshold()
    try:
        # On PostgreSQL no row exists to lock while both check; the unique year makes the second
        # insert wait for the first transaction and then fail. (SQLite's BEGIN IMMEDIATE already
        # queues the second publisher before its check.)
        with transaction.atomic():
            report = PublishedReport.objects.create(
                year=year,
                published_at=timezone.now(),
                published_by=published_by,
                suppression_threshold=threshold,
                pdf=b"",
            )
    except IntegrityError as exc:
        raise ReportingError(
            gettext("Årsrapporten för %(year)s är redan publicerad.") % {"year": year},
            code=ReportingErrorCode.ALREADY_PUBLISHED,
            extra={"field": "year"},
        ) from exc
    with computing():
        _store(report, None, figure_values(year=year), figure_values(year=year - 1))
        for committee in Committee.objects.filter(active=True):
            _store(
                report,
                committee,
                figure_values(year=year, committee=committee),
                figure_values(year=year - 1, committee=committee),
            )
    # The PDF is rendered from what was just stored, so it says exactly what was published.
    report.pdf = render_report_pdf(report_published(published=report, threshold=threshold))
    report.save(update_fields=["pdf", "updated_at"])
    audit_record(actor=published_by, action=AuditAction.CREATE, obj=report)
    return report


@transaction.atomic
def report_pdf_job_start(*, year: int, committee: Committee | None, requested_by: Any) -> ReportJob:
    """Queue a PDF of today's figures: a task the worker runs after the commit (so it survives a
    restart of the web server); the page polls the job for progress."""
    job = ReportJob.objects.create(year=year, committee=committee, requested_by=requested_by)
    audit_record(
        actor=requested_by,
        action=AuditAction.EXPORT,
        object_type="reporting.report",
        object_id=str(year),
    )
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id: UUID) -> None:
    from bosam.reporting.tasks import report_pdf_task

    report_pdf_task.enqueue(job_id=str(job_id))


@transaction.atomic
def report_pdf_job_retry(*, job: ReportJob, requested_by: Any) -> ReportJob:
    """Queue a failed PDF job again, for the one who started it."""
    job = ReportJob.objects.select_for_update().get(pk=job.pk, requested_by=requested_by)
    if job.status != ReportJob.Status.FAILED:
        return job
    job.status = ReportJob.Status.PENDING
    job.progress = 0
    job.step = ""
    job.error = ""
    job.save(update_fields=["status", "progress", "step", "error", "updated_at"])
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def report_jobs_fail_stale(*, older_than: datetime, minutes: int) -> int:
    """Jobs that started but reported no progress since `older_than` are failed, so their page
    stops waiting and offers a retry (the worker died, or the server was restarted)."""
    return ReportJob.objects.filter(
        status=ReportJob.Status.RUNNING, updated_at__lt=older_than
    ).update(
        status=ReportJob.Status.FAILED,
        error=gettext("Avbröts: inga framsteg på %(minutes)d minuter.") % {"minutes": minutes},
        updated_at=timezone.now(),
    )


def _progress(job_id: UUID, percent: int, step: str) -> None:
    ReportJob.objects.filter(pk=job_id).update(
        status=ReportJob.Status.RUNNING, progress=percent, step=step, updated_at=timezone.now()
    )


def report_pdf_job_run(*, job_id: UUID) -> None:
    """Compute and render; each step is committed at once so the polling page sees progress.
    A job deleted meanwhile fails the task with a clear message and changes nothing."""
    job = ReportJob.objects.select_related("committee").filter(pk=job_id).first()
    if job is None:
        raise ReportingError(
            gettext("PDF-jobbet %(id)s finns inte längre.") % {"id": job_id},
            code=ReportingErrorCode.JOB_NOT_FOUND,
        )
    if job.status == ReportJob.Status.DONE:
        return  # a task run twice (the worker died after finishing) does nothing more
    try:
        _progress(job_id, 10, gettext("Räknar årets och föregående års siffror"))
        report = report_live(
            year=job.year, committee=job.committee, threshold=suppression_threshold()
        )
        _progress(job_id, 50, gettext("Ritar diagram"))
        pdf = render_report_pdf(report, progress=lambda p, s: _progress(job_id, p, s))
    except Exception as exc:  # the page must show that it failed rather than spin forever
        message = (
            exc.message
            if isinstance(exc, ReportingError)
            else gettext("Oväntat fel när PDF:en skapades (%(kind)s).")
            % {"kind": type(exc).__name__}
        )
        ReportJob.objects.filter(pk=job_id).update(
            status=ReportJob.Status.FAILED, error=message[:2000], updated_at=timezone.now()
        )
        raise
    ReportJob.objects.filter(pk=job_id).update(
        status=ReportJob.Status.DONE,
        progress=100,
        step=gettext("Klar"),
        pdf=pdf,
        updated_at=timezone.now(),
    )
