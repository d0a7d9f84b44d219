from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from bosam.core.site_search import search_everything
from bosam.core.work_queues import panels_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The start page of the user's role: each module's work queue for that role."""
    return TemplateResponse(request, "core/home.html", {"panels": panels_for(request.user)})


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers: answers without touching sessions or personal data."""
    return JsonResponse({"status": "ok"})


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = getattr(exception, "message", "") or ""
    return TemplateResponse(request, "403.html", {"message": message}, status=403)


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """Search from anywhere: the header's field lands here; every module's records the user may
    see, grouped by kind (each module scopes and audits its own)."""
    raw = request.GET.get("q", "")
    result = search_everything(user=request.user, raw=raw)
    context = {"raw": raw.strip(), "result": result}
    if getattr(request, "htmx", False):
        return TemplateResponse(request, "core/search.html#results", context)
    return TemplateResponse(request, "core/search.html", context)
