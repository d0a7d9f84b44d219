from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from bosam.audit.context import RequestContext, reset_request_context, set_request_context
from bosam.audit.models import AuditAction, AuditEvent
from bosam.audit.services import audit_record
from bosam.core.client_address import client_address


class RequestContextMiddleware:
    """Remembers who is asking from where for the length of one request, for the audit trail,
    and audits every refusal (403) that nothing else did."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The client's address by the one trusted-proxy rule (TRUSTED_PROXY_COUNT/_PROXIES),
        # the same the login lockout and the logs use.
        token = set_request_context(
            RequestContext(ip_address=client_address(request), path=request.path)
        )
        started_at = timezone.now()
        try:
            response = self.get_response(request)
            if response.status_code == 403:
                audit_refusal(request, since=started_at)
            return response
        finally:
            reset_request_context(token)


def _signed_in(request: HttpRequest) -> Any:
    # After the view: the API's token authentication has set request.user by now.
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def audit_refusal(request: HttpRequest, *, since: datetime) -> None:
    """A `denied` row for a refused request, naming the page (its URL name and first parameter)
    and the path, unless the request already wrote one that was kept.

    Selectors audit the refusals they decide (a record of another unit) with the record itself;
    the capability checks (`capability_required`, the API's `HasCapability`) and any other
    PermissionDenied refuse before a record is read, and are audited here, once. The check reads
    the committed log rather than a flag, so a `denied` row rolled back with its transaction
    does not count."""
    actor = _signed_in(request)
    path = request.path[:300]
    if AuditEvent.objects.filter(
        action=AuditAction.DENIED, actor=actor, path=path, occurred_at__gte=since
    ).exists():
        return
    match = request.resolver_match
    kwargs = match.kwargs if match else {}
    named_ids = [value for name, value in kwargs.items() if name.endswith("_id")]
    first_parameter = next(iter(named_ids or kwargs.values()), "")
    audit_record(
        actor=actor,
        action=AuditAction.DENIED,
        object_type=(match.view_name if match else "")[:60] or "page",
        object_id=str(first_parameter)[:64],
        object_label=path[:200],
    )
