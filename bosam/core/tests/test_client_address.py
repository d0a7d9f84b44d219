"""The client's address behind a reverse proxy: one rule for the audit trail, the login lockout
and the logs."""

import logging

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse

from bosam.audit.models import AuditAction, AuditEvent
from bosam.core.client_address import client_address
from bosam.core.request_log import RequestContextFilter

CLIENT = "203.0.113.7"
PROXY = "10.0.0.5"
ELSEWHERE = "192.0.2.99"  # a host that is not the proxy


def _address(
    settings, *, remote: str, forwarded: str = "", count: int = 0, proxies=()
) -> str | None:  # type: ignore[no-untyped-def]
    settings.TRUSTED_PROXY_COUNT = count
    settings.TRUSTED_PROXIES = list(proxies)
    request = RequestFactory().get("/", REMOTE_ADDR=remote)
    if forwarded:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(request)


@pytest.mark.nodb
def test_without_a_proxy_rule_the_forwarded_header_is_ignored(settings) -> None:  # type: ignore[no-untyped-def]
    assert _address(settings, remote=PROXY, forwarded=CLIENT) == PROXY


@pytest.mark.nodb
def test_one_trusted_proxy_by_count_gives_the_address_it_saw(settings) -> None:  # type: ignore[no-untyped-def]
    # a client may put anything at the front of the header; the proxy appends what it saw
    assert _address(settings, remote=PROXY, forwarded=f"1.2.3.4, {CLIENT}", count=1) == CLIENT


@pytest.mark.nodb
def test_a_request_past_the_counted_proxies_keeps_its_own_address(settings) -> None:  # type: ignore[no-untyped-def]
    assert _address(settings, remote=CLIENT, count=1) == CLIENT


@pytest.mark.nodb
def test_a_trusted_proxy_by_address_gives_the_address_it_saw(settings) -> None:  # type: ignore[no-untyped-def]
    assert _address(settings, remote=PROXY, forwarded=CLIENT, proxies=["10.0.0.0/24"]) == CLIENT


@pytest.mark.nodb
def test_a_header_from_an_untrusted_hop_is_ignored(settings) -> None:  # type: ignore[no-untyped-def]
    assert _address(settings, remote=ELSEWHERE, forwarded=CLIENT, proxies=[PROXY]) == ELSEWHERE


@pytest.mark.nodb
def test_a_header_that_is_no_address_falls_back_to_the_connection(settings) -> None:  # type: ignore[no-untyped-def]
    assert _address(settings, remote=PROXY, forwarded="unknown", count=1) == PROXY


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("remote", "expected"),
    [(PROXY, CLIENT), (ELSEWHERE, ELSEWHERE)],
    ids=["through the trusted proxy", "through an untrusted hop"],
)
def test_audit_trail_lockout_and_logs_record_the_same_client_address(
    client, coordinator, settings, caplog, remote: str, expected: str
) -> None:  # type: ignore[no-untyped-def]
    # given one trusted reverse proxy, and a client that forges an address in front
    settings.TRUSTED_PROXIES = [PROXY]
    settings.TRUSTED_PROXY_COUNT = 0
    caplog.handler.addFilter(RequestContextFilter())
    caplog.set_level(logging.INFO)
    # when a login fails through the proxy (or through another host)
    client.post(
        reverse("accounts:login"),
        {"username": coordinator.username, "password": "fel-lösenord"},
        REMOTE_ADDR=remote,
        HTTP_X_FORWARDED_FOR=f"198.51.100.1, {CLIENT}",
    )
    # then the audit trail, the lockout's attempt and the request's log lines name one address
    assert AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED).ip_address == expected
    assert AccessAttempt.objects.get(username=coordinator.username).ip_address == expected
    addresses = {
        getattr(r, "client_address", None) for r in caplog.records if r.name.startswith("axes")
    }
    assert addresses == {expected}
