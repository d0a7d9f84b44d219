"""One id per request, and the log lines that carry it.

`RequestIdMiddleware` gives every request an id (the proxy's `X-Request-ID` when it sent a sane
one, else a new one), returns it in the response's `X-Request-ID` header, and keeps it with the
client's address (`bosam.core.client_address`) for the length of the request, so every log line
written meanwhile names both. An error page can quote the id; operations find the line by it.

The formatters write one line per record from a fixed list of fields: the time, level, logger,
message, request id, client address, status code, and for an exception its type and where it
was raised (file, line, function per frame). Never the exception's message, the request's query
string, body, headers, cookies or user: those may hold personal data (a name typed into a search,
a personnummer in a form), and a log file is read by more people, and kept longer, than the
audit trail's guarded pages.
"""

import json
import logging
import re
import traceback
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.http import HttpRequest, HttpResponse

from bosam.core.client_address import client_address

_SANE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


@dataclass(frozen=True)
class RequestLogContext:
    request_id: str
    client_address: str | None


_current: ContextVar[RequestLogContext | None] = ContextVar("bosam_request_log", default=None)


def current_request_log_context() -> RequestLogContext | None:
    return _current.get()


class RequestIdMiddleware:
    """Names each request with an id for the logs, the error page and the response header."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SANE_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = _current.set(RequestLogContext(request_id, client_address(request)))
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response.headers["X-Request-ID"] = request_id
        return response


class RequestContextFilter(logging.Filter):
    """Adds the current request's id and client address to every record (None outside one)."""

    def filter(self, record: logging.LogRecord) -> bool:
        ctx = _current.get()
        record.request_id = ctx.request_id if ctx else None
        record.client_address = ctx.client_address if ctx else None
        return True


def _fields(record: logging.LogRecord) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
        "level": record.levelname,
        "logger": record.name,
        "message": record.getMessage(),
        "request_id": getattr(record, "request_id", None),
        "client_address": getattr(record, "client_address", None),
    }
    status = getattr(record, "status_code", None)
    if status is not None:
        fields["status_code"] = status
    if record.exc_info and record.exc_info[0] is not None:
        exc_type, _exc, tb = record.exc_info
        fields["exception"] = exc_type.__qualname__
        fields["stack"] = [
            f"{frame.filename}:{frame.lineno} in {frame.name}" for frame in traceback.extract_tb(tb)
        ]
    return {key: value for key, value in fields.items() if value is not None}


class JsonLineFormatter(logging.Formatter):
    """One JSON object per record, on one line (`LOG_FORMAT=json`)."""

    def format(self, record: logging.LogRecord) -> str:
        return json.dumps(_fields(record), ensure_ascii=False, default=str)


class TextLineFormatter(logging.Formatter):
    """The same fields as `key=value` pairs on one line (`LOG_FORMAT=text`, the default)."""

    def format(self, record: logging.LogRecord) -> str:
        fields = _fields(record)
        head = f"{fields.pop('time')} {fields.pop('level')} {fields.pop('logger')}"
        message = json.dumps(fields.pop("message"), ensure_ascii=False)
        stack = fields.pop("stack", None)
        rest = " ".join(f"{key}={value}" for key, value in fields.items())
        line = f"{head} {message} {rest}".rstrip()
        if stack:
            line += " stack=" + json.dumps(stack, ensure_ascii=False)
        return line
