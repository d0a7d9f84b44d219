"""Floor views: the same middleware, session (saved on every request) and logged-in user as a
real page, and then nothing (`floor`) or only the base template with navigation (`floor_page`)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse


@login_required
def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@login_required
def floor_page(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "bench/floor_page.html", {})
