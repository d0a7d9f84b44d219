"""Error reports to Sentry (or a compatible service such as GlitchTip): off unless SENTRY_DSN is
set, and scrubbed of personal data before anything leaves the server.

What is sent: the exception's type, its stack (file, line, function, source line; no local
variables), the request's method and path, the request id, the release and environment. What is
not: the exception's message (it may quote what the request held: a name typed into a search),
the request's query string, body, cookies and headers, the user, local variables, breadcrumbs
(earlier log lines and queries). In the path and any log message that remains, every
personnummer/samordningsnummer becomes `[personnummer]` and every e-mail address `[e-post]`.
"""

import re
from typing import Any

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.integrations.logging import LoggingIntegration
from sentry_sdk.transport import Transport

from bosam.core.request_log import current_request_log_context

# YYMMDD-NNNN, YYYYMMDDNNNN and the like (a samordningsnummer adds 60 to the day).
_PERSONAL_NUMBER = re.compile(r"(?<!\d)(?:\d{2})?\d{6}[-+ ]?\d{4}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_KEPT_REQUEST_KEYS = ("method", "url")


def scrub_text(text: str) -> str:
    return _EMAIL.sub("[e-post]", _PERSONAL_NUMBER.sub("[personnummer]", text))


def _scrub_exception(exception: dict[str, Any]) -> None:
    for value in exception.get("values") or []:
        if "value" in value:
            value["value"] = "[meddelandet skickas inte]"
        for frame in (value.get("stacktrace") or {}).get("frames") or []:
            frame.pop("vars", None)


def scrub_event(event: dict[str, Any], hint: dict[str, Any] | None = None) -> dict[str, Any]:
    """Sentry's before_send: keep what locates the error, drop what could name a person."""
    request = event.get("request")
    if isinstance(request, dict):
        kept = {key: request[key] for key in _KEPT_REQUEST_KEYS if key in request}
        if isinstance(kept.get("url"), str):
            kept["url"] = scrub_text(kept["url"].split("?", 1)[0])
        event["request"] = kept
    for key in ("user", "breadcrumbs", "extra", "server_name"):
        event.pop(key, None)
    if "exception" in event:
        _scrub_exception(event["exception"])
    logentry = event.get("logentry")
    if isinstance(logentry, dict):
        logentry.pop("params", None)
        for key in ("message", "formatted"):
            if isinstance(logentry.get(key), str):
                logentry[key] = scrub_text(logentry[key])
    if isinstance(event.get("message"), str):
        event["message"] = scrub_text(event["message"])
    ctx = current_request_log_context()
    if ctx is not None:
        event.setdefault("tags", {})["request_id"] = ctx.request_id
    return event


def init_error_reporting(
    *,
    dsn: str,
    environment: str,
    release: str,
    transport: Transport | None = None,
) -> None:
    """Starts Sentry when a DSN is given; with none, nothing is sent anywhere."""
    if not dsn:
        return
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        # Collect nothing that can name a person in the first place; scrub_event is the second
        # line, for what an integration adds regardless.
        data_collection={
            "user_info": False,
            "cookies": {"mode": "off"},
            "http_headers": {"request": {"mode": "off"}},
            "http_bodies": [],
            "url_query_params": {"mode": "off"},
            "database_query_data": False,
            "stack_frame_variables": False,
        },
        max_request_body_size="never",
        max_breadcrumbs=0,
        traces_sample_rate=0.0,
        before_send=scrub_event,  # type: ignore[arg-type]
        before_send_transaction=scrub_event,  # type: ignore[arg-type]
        integrations=[DjangoIntegration(), LoggingIntegration(event_level=None)],
        default_integrations=True,
        transport=transport,
    )
