"""The system administrator's page of the schedule: each job's last run, result and next run."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from bosam.accounts.permissions import capability_required
from bosam.accounts.requests import AuthedHttpRequest
from bosam.accounts.roles import Capability
from bosam.core.health import worker_seen_recently
from bosam.core.models import WorkerHeartbeat
from bosam.scheduling.models import ScheduledRun
from bosam.scheduling.selectors import schedule_states
from bosam.scheduling.services import scheduled_run_retry


@capability_required(Capability.SYSTEM_OPERATIONS)
def schedule_overview(request: AuthedHttpRequest) -> HttpResponse:
    runs = Paginator(ScheduledRun.objects.all(), 50).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "scheduling/schedule.html",
        {
            "states": schedule_states(),
            "page": runs,
            "worker_ok": worker_seen_recently(),
            "workers": WorkerHeartbeat.objects.order_by("-last_seen")[:5],
        },
    )


@capability_required(Capability.SYSTEM_OPERATIONS)
@require_POST
def run_retry(request: AuthedHttpRequest, run_id: int) -> HttpResponse:
    scheduled_run_retry(run=get_object_or_404(ScheduledRun, pk=run_id))
    return redirect("scheduling:schedule")
