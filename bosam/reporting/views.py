"""The annual report's pages. Users with full statistics see today's figures with drill-down;
committee readers see published reports only, suppressed, without records."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bosam.accounts.models import Committee
from bosam.accounts.permissions import capability_required, user_can
from bosam.accounts.requests import AuthedHttpRequest
from bosam.accounts.roles import Capability
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_list, audit_record
from bosam.core.errors import ApplicationError
from bosam.core.export import csv_response, xlsx_response
from bosam.core.health import worker_seen_recently
from bosam.reporting import selectors, services
from bosam.reporting.export import export_headers, export_rows
from bosam.reporting.figures import REGISTRY
from bosam.reporting.forms import PublishForm, ReportFilterForm
from bosam.reporting.models import PublishedReport, ReportJob
from bosam.reporting.report import Report, attach_charts
from bosam.reporting.rules import is_report_year
from bosam.reporting.summary import summary_sentences

READ = (Capability.STATISTICS, Capability.PUBLISHED_STATISTICS)
FULL = (Capability.STATISTICS,)
RECORDS_PER_PAGE = 100


def _require_year(year: int) -> None:
    if not is_report_year(year):
        raise Http404


def _committee(request: AuthedHttpRequest) -> Committee | None:
    form = ReportFilterForm(request.GET)
    if form.is_valid():
        committee: Committee | None = form.cleaned_data["committee"]
        return committee
    return None


def _published(year: int) -> PublishedReport | None:
    return PublishedReport.objects.defer("pdf").filter(year=year).first()


def _report_for(request: AuthedHttpRequest, year: int) -> Report:
    try:
        return selectors.report_for_user(
            user=request.user,
            year=year,
            committee=_committee(request),
            published_version=request.GET.get("version") == "published",
        )
    except PublishedReport.DoesNotExist as exc:
        raise Http404(_("Årsrapporten för %(year)s är inte publicerad.") % {"year": year}) from exc


@capability_required(*READ)
def report_index(request: AuthedHttpRequest) -> HttpResponse:
    full = user_can(request.user, *FULL)
    chosen = request.GET.get("year", "")
    if chosen.isdigit() and len(chosen) == 4:
        return redirect("reporting:report_year", year=int(chosen))
    last_year = timezone.localdate().year - 1
    return TemplateResponse(
        request,
        "reporting/report_index.html",
        {
            "published": selectors.published_reports_visible_to(request.user),
            "full": full,
            "years": list(range(last_year + 1, last_year - 6, -1)) if full else [],
            "last_year": last_year,
        },
    )


@capability_required(*READ)
def report_year(request: AuthedHttpRequest, year: int) -> HttpResponse:
    _require_year(year)
    report = attach_charts(_report_for(request, year))
    full = user_can(request.user, *FULL)
    query = request.GET.urlencode()
    return TemplateResponse(
        request,
        "reporting/report_year.html",
        {
            "report": report,
            "filter_form": ReportFilterForm(request.GET or None),
            "full": full,
            "may_publish": request.user.has_capability(Capability.REPORT_PUBLISH)
            and report.published is None,
            "publish_form": PublishForm(),
            "query": query,
            "figure_query": _figure_query(report),
            "changed_figures": [REGISTRY[key] for key in report.changed_keys],
            "summary": summary_sentences(report),
        },
    )


def _figure_query(report: Report) -> str:
    parts = []
    if report.committee is not None:
        parts.append(f"committee={report.committee.pk}")
    if report.from_published:
        parts.append("version=published")
    return "&".join(parts)


@capability_required(*FULL)
def figure_detail(request: AuthedHttpRequest, year: int, key: str) -> HttpResponse:
    """The records behind one figure (today's, or those the published figure counted)."""
    _require_year(year)
    fig = REGISTRY.get(key)
    if fig is None:
        raise Http404
    committee = _committee(request) if fig.per_committee else None
    published = _published(year) if request.GET.get("version") == "published" else None
    part = request.GET.get("part", "")
    part_label = ""
    if published is not None:
        stored = published.figures.filter(key=key, committee=committee).first()
        if stored is None:
            raise Http404
        ids = list(stored.records.order_by("record_id").values_list("record_id", flat=True))
        model_label, part = stored.model_label, ""
    else:
        value = fig.compute(year, committee)
        ids, model_label = list(value.record_ids), value.model_label
        row = next((b for b in value.breakdown if b.key == part), None)
        if row is not None:
            ids = list(row.record_ids)
        part_label = row.label if row else ""
    page = Paginator(ids, RECORDS_PER_PAGE).get_page(request.GET.get("page"))
    records = selectors.figure_records(
        user=request.user, model_label=model_label, ids=list(page.object_list)
    )
    audit_list(actor=request.user, objects=[obj for obj, _link in records])
    return TemplateResponse(
        request,
        "reporting/figure_detail.html",
        {
            "figure": fig,
            "year": year,
            "committee": committee,
            "published": published,
            "part_label": part_label,
            "total": len(ids),
            "page": page,
            "records": [link for _obj, link in records],
            "hidden": len(page.object_list) - len(records),
            "query": _detail_query(committee, published, part),
        },
    )


def _detail_query(committee: Committee | None, published: Any, part: str) -> str:
    parts = []
    if committee is not None:
        parts.append(f"committee={committee.pk}")
    if published is not None:
        parts.append("version=published")
    if part:
        parts.append(f"part={part}")
    return "&".join(parts)


@capability_required(*READ)
def report_export(request: AuthedHttpRequest, year: int, fmt: str) -> HttpResponse:
    _require_year(year)
    if fmt not in ("xlsx", "csv"):
        raise Http404
    report = _report_for(request, year)
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        object_type="reporting.report",
        object_id=str(year),
    )
    filename = f"arsrapport-{year}"
    if report.committee is not None:
        filename += f"-{report.committee.short_name or report.committee.pk}"
    headers, rows = export_headers(report), export_rows(report)
    if fmt == "csv":
        return csv_response(filename, headers, rows)
    return xlsx_response(filename, headers, rows)


@capability_required(*FULL)
@require_POST
def report_pdf_start(request: AuthedHttpRequest, year: int) -> HttpResponse:
    _require_year(year)
    job = services.report_pdf_job_start(
        year=year, committee=_committee_from_post(request), requested_by=request.user
    )
    if request.htmx:
        return _job_response(request, job)
    return redirect("reporting:report_job", job_id=job.pk)


def _committee_from_post(request: AuthedHttpRequest) -> Committee | None:
    form = ReportFilterForm(request.POST)
    return form.cleaned_data["committee"] if form.is_valid() else None


def _own_job(request: AuthedHttpRequest, job_id: UUID) -> ReportJob:
    return get_object_or_404(
        ReportJob.objects.defer("pdf").select_related("committee"),
        pk=job_id,
        requested_by=request.user,
    )


def _job_response(request: AuthedHttpRequest, job: ReportJob) -> HttpResponse:
    # A queued job whose worker is not running says so, and polls less often meanwhile.
    worker_down = job.status == ReportJob.Status.PENDING and not worker_seen_recently()
    context = {"job": job, "worker_down": worker_down}
    if request.htmx:
        return TemplateResponse(request, "reporting/report_job.html#job", context)
    return TemplateResponse(request, "reporting/report_job.html", context)


@capability_required(*FULL)
def report_job(request: AuthedHttpRequest, job_id: UUID) -> HttpResponse:
    """The job's progress; the page polls this every second until the PDF is ready."""
    return _job_response(request, _own_job(request, job_id))


@capability_required(*FULL)
@require_POST
def report_job_retry(request: AuthedHttpRequest, job_id: UUID) -> HttpResponse:
    """Start a failed job again (the one who started it may)."""
    job = services.report_pdf_job_retry(job=_own_job(request, job_id), requested_by=request.user)
    if request.htmx:
        return _job_response(request, job)
    return redirect("reporting:report_job", job_id=job.pk)


@capability_required(*FULL)
def report_job_pdf(request: AuthedHttpRequest, job_id: UUID) -> HttpResponse:
    job = get_object_or_404(
        ReportJob, pk=job_id, requested_by=request.user, status=ReportJob.Status.DONE
    )
    return _pdf_response(bytes(job.pdf or b""), f"arsrapport-{job.year}.pdf")


@capability_required(*READ)
def published_pdf(request: AuthedHttpRequest, year: int) -> HttpResponse:
    _require_year(year)
    report = get_object_or_404(PublishedReport, year=year)
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        object_type="reporting.publishedreport",
        object_id=str(report.pk),
    )
    return _pdf_response(bytes(report.pdf), f"arsrapport-{year}.pdf")


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@capability_required(Capability.REPORT_PUBLISH)
@require_POST
def report_publish(request: AuthedHttpRequest, year: int) -> HttpResponse:
    _require_year(year)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bekräfta att du har granskat siffrorna innan du publicerar."))
        return redirect("reporting:report_year", year=year)
    try:
        services.report_publish(year=year, published_by=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Årsrapporten för %(year)s är publicerad.") % {"year": year})
    return redirect("reporting:report_year", year=year)
