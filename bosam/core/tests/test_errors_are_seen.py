"""An unhandled error is one log line with a request id and no personal data, and, when a DSN is
set, one scrubbed report to Sentry."""

import io
import json
import logging
from typing import Any

import pytest
import sentry_sdk
from django.test import Client
from sentry_sdk.envelope import Envelope
from sentry_sdk.transport import Transport

from bosam.core.error_reporting import init_error_reporting, scrub_text
from bosam.core.request_log import JsonLineFormatter

pytestmark = [pytest.mark.urls("bosam.core.tests.urls_failing"), pytest.mark.django_db]
PERSONNUMMER = "19121212-1212"
NAME = "Tolvan Tolvansson"
REQUEST_ID = "req-0123456789abcdef"


def _fail(client: Client) -> Any:
    return client.get(
        "/fel/",
        {"q": f"{NAME} {PERSONNUMMER}"},
        headers={"X-Request-ID": REQUEST_ID, "Cookie": f"namn={NAME}"},
    )


@pytest.fixture
def console_lines():  # type: ignore[no-untyped-def]
    """The configured console handler's output as JSON lines (LOG_FORMAT=json)."""
    handler = logging.getLogger("django").handlers[0]
    buffer = io.StringIO()
    old_stream, old_formatter = handler.setStream(buffer), handler.formatter  # type: ignore[attr-defined]
    handler.setFormatter(JsonLineFormatter())
    yield buffer
    handler.setStream(old_stream)  # type: ignore[attr-defined]
    handler.setFormatter(old_formatter)


def test_an_unhandled_error_is_one_json_line_with_the_request_id_and_no_personal_data(
    coordinator, console_lines
) -> None:  # type: ignore[no-untyped-def]
    # given a signed-in caseworker searching for a person
    client = Client(raise_request_exception=False)
    client.force_login(coordinator)
    # when the page fails
    response = _fail(client)
    # then the answer is a 500 naming the request id
    assert response.status_code == 500
    assert response.headers["X-Request-ID"] == REQUEST_ID
    # and the log holds one line for it, as JSON, with the request id and where it failed
    lines = [json.loads(line) for line in console_lines.getvalue().splitlines()]
    errors = [line for line in lines if line["level"] == "ERROR"]
    assert len(errors) == 1
    assert errors[0]["request_id"] == REQUEST_ID
    assert errors[0]["exception"] == "ValueError"
    assert errors[0]["status_code"] == 500
    assert any("urls_failing.py" in frame for frame in errors[0]["stack"])
    # but nothing the request carried about the person, nor who was asking
    output = console_lines.getvalue()
    for personal in (PERSONNUMMER, "Tolvan", coordinator.username):
        assert personal not in output


class RecordingTransport(Transport):
    """Keeps what would be sent, sends nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.envelopes: list[Envelope] = []

    def capture_envelope(self, envelope: Envelope) -> None:
        self.envelopes.append(envelope)


@pytest.fixture
def sentry():  # type: ignore[no-untyped-def]
    transport = RecordingTransport()
    init_error_reporting(
        dsn="https://public@errors.invalid/1",
        environment="test",
        release="test",
        transport=transport,
    )
    yield transport
    sentry_sdk.get_client().close()
    sentry_sdk.init(dsn=None)


def test_an_error_report_to_sentry_is_scrubbed_of_personal_data(coordinator, sentry) -> None:  # type: ignore[no-untyped-def]
    # given error reporting switched on, and a signed-in caseworker
    client = Client(raise_request_exception=False)
    client.force_login(coordinator)
    # when a page fails on a request full of personal data
    _fail(client)
    sentry_sdk.flush()
    # then one report is made, of the exception and where it happened
    events = [e.get_event() for e in sentry.envelopes if e.get_event() is not None]
    assert len(events) == 1
    event = events[0]
    assert event["exception"]["values"][-1]["type"] == "ValueError"
    assert event["tags"]["request_id"] == REQUEST_ID
    assert set(event["request"]) <= {"method", "url"}
    # and nothing in it names the person or the caseworker
    sent = json.dumps(event, default=str)
    for personal in (PERSONNUMMER, "1212-1212", "Tolvan", coordinator.username, "sessionid"):
        assert personal not in sent
    assert "user" not in event


def test_without_a_dsn_nothing_is_reported() -> None:
    init_error_reporting(dsn="", environment="test", release="")
    assert sentry_sdk.get_client().transport is None


@pytest.mark.nodb
def test_personal_numbers_and_addresses_are_blanked_in_messages() -> None:
    assert scrub_text("ingen träff på 121212-1212 eller a.b@kommun.se") == (
        "ingen träff på [personnummer] eller [e-post]"
    )
