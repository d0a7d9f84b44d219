"""The inactivity timeout: a caseworker who keeps working stays signed in, one who leaves is
signed out after SESSION_COOKIE_AGE; the session row is written at most once a minute."""

from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _expiry(client) -> datetime:  # type: ignore[no-untyped-def]
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_working_renews_the_session_but_not_on_every_page(client, coordinator, settings) -> None:  # type: ignore[no-untyped-def]
    settings.SESSION_REFRESH_SECONDS = 60  # production's; the test settings renew every time
    client.force_login(coordinator)
    start = 1_800_000_000
    with mock.patch("bosam.core.middleware.time.time", return_value=start):
        client.get(reverse("core:home"))
    first = _expiry(client)
    with mock.patch("bosam.core.middleware.time.time", return_value=start + 30):
        client.get(reverse("core:home"))
    assert _expiry(client) == first  # within the minute: nothing written
    with mock.patch("bosam.core.middleware.time.time", return_value=start + 61):
        client.get(reverse("core:home"))
    assert _expiry(client) > first  # a minute on: the timeout starts again


def test_an_idle_session_expires_after_the_timeout(client, coordinator, settings) -> None:  # type: ignore[no-untyped-def]
    client.force_login(coordinator)
    client.get(reverse("core:home"))
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))
