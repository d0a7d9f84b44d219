"""Issue 21, item 10: the API throttles requests per token (429 beyond the rate)."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from bosam.accounts.models import User
from bosam.testing import api_key_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_a_minute(settings: Any) -> Iterator[None]:
    settings.BOSAM_API_RATE_PER_USER = "3/minute"
    cache.clear()
    yield
    cache.clear()


def _get(client: Client, key: str) -> Any:
    return client.get(reverse("households-api:person_list"), HTTP_AUTHORIZATION=f"Token {key}")


def test_a_token_beyond_its_rate_is_told_to_wait(
    client: Client, coordinator: User, three_a_minute: None
) -> None:
    token = api_key_for(coordinator)
    assert [_get(client, token).status_code for _ in range(3)] == [200, 200, 200]
    refused = _get(client, token)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0


def test_one_busy_token_does_not_slow_another(
    client: Client, coordinator: User, adviser: User, three_a_minute: None
) -> None:
    busy = api_key_for(coordinator)
    other = api_key_for(adviser)
    for _ in range(4):
        _get(client, busy)
    assert _get(client, other).status_code == 200


def test_each_key_counts_on_its_own_even_for_one_account(
    client: Client, coordinator: User, three_a_minute: None
) -> None:
    busy, other = api_key_for(coordinator), api_key_for(coordinator)
    for _ in range(4):
        _get(client, busy)
    assert _get(client, busy).status_code == 429
    assert _get(client, other).status_code == 200


def test_the_production_rates_are_settings() -> None:
    from config import settings as production

    assert production.BOSAM_API_RATE_PER_USER == "600/minute"
    classes: list[str] = production.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]  # type: ignore[assignment]
    assert "bosam.core.throttling.PerTokenRateThrottle" in classes
