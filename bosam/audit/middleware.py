from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from bosam.audit.context import RequestContext, reset_request_context, set_request_context
from bosam.core.client_address import client_address


class RequestContextMiddleware:
    """Remembers who is asking from where for the length of one request, for the audit trail."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The client's address by the one trusted-proxy rule (TRUSTED_PROXY_COUNT/_PROXIES),
        # the same the login lockout and the logs use.
        token = set_request_context(
            RequestContext(ip_address=client_address(request), path=request.path)
        )
        try:
            return self.get_response(request)
        finally:
            reset_request_context(token)
