from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from bosam.core.api import ApiSchemaAccess
from bosam.core.health import health_checks
from bosam.core.site_search import search_everything
from bosam.core.work_queues import panels_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The start page of the user's role: each module's work queue for that role."""
    return TemplateResponse(request, "core/home.html", {"panels": panels_for(request.user)})


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and monitoring: 200 when the database answers, every migration is
    applied and a worker reported lately; otherwise 503 naming the failing part. Touches no
    session and shows no personal data."""
    checks = health_checks()
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "fail", "checks": checks}, status=200 if healthy else 503
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = getattr(exception, "message", "") or ""
    return TemplateResponse(request, "403.html", {"message": message}, status=403)


# The OpenAPI schema answers 401 without credentials when BOSAM_API_SCHEMA_REQUIRES_LOGIN is on.
api_schema = SpectacularAPIView.as_view(permission_classes=[ApiSchemaAccess])
_api_docs = SpectacularSwaggerView.as_view(
    url_name="api-schema", permission_classes=[ApiSchemaAccess]
)


def api_docs(request: HttpRequest) -> HttpResponse:
    """The browsable API docs; a visitor who must log in first is sent to the login page."""
    if settings.BOSAM_API_SCHEMA_REQUIRES_LOGIN and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return _api_docs(request)


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
