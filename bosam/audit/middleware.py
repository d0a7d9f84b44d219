from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from bosam.audit.context import RequestContext, reset_request_context, set_request_context


class RequestContextMiddleware:
    """Remembers who is asking from where for the length of one request, for the audit trail."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # REMOTE_ADDR is the proxy's address behind a reverse proxy; the proxy must be trusted
        # to set it right (gunicorn --forwarded-allow-ips), we never read X-Forwarded-For here.
        token = set_request_context(
            RequestContext(ip_address=request.META.get("REMOTE_ADDR"), path=request.path)
        )
        try:
            return self.get_response(request)
        finally:
            reset_request_context(token)
