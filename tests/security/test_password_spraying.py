"""Issue 21, item 10: password spraying (one password tried against many user names from one
address) is stopped per client address across accounts, not only per account."""

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from bosam.accounts.models import User
from bosam.testing import PASSWORD

pytestmark = pytest.mark.django_db
SPRAYER = "198.51.100.7"
OFFICE = "192.0.2.20"


def _try(client: Client, username: str, password: str, address: str) -> Any:
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def _spray(client: Client, names: int) -> None:
    for n in range(names):
        _try(client, f"anvandare{n}", "Sommar2026!", SPRAYER)


def test_spraying_many_accounts_from_one_address_locks_that_address(
    client: Client, coordinator: User
) -> None:
    # given one guess against as many user names as the address limit, none locked on its own
    _spray(client, settings.BOSAM_ADDRESS_FAILURE_LIMIT)
    # when a real user's right password comes from that address
    response = _try(client, coordinator.username, PASSWORD, SPRAYER)
    # then it is refused too, as a lockout
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_same_user_from_another_address_still_gets_in(
    client: Client, coordinator: User
) -> None:
    _spray(client, settings.BOSAM_ADDRESS_FAILURE_LIMIT)
    response = _try(client, coordinator.username, PASSWORD, OFFICE)
    assert response.status_code == 302


def test_colleagues_typos_below_the_address_limit_lock_nobody(
    client: Client, coordinator: User
) -> None:
    _spray(client, settings.BOSAM_ADDRESS_FAILURE_LIMIT - 1)
    assert _try(client, coordinator.username, PASSWORD, SPRAYER).status_code == 302


def test_the_sprayers_own_account_logging_in_does_not_reset_the_address(
    client: Client, coordinator: User, adviser: User
) -> None:
    # given a sprayer one failure short of the address limit
    _spray(client, settings.BOSAM_ADDRESS_FAILURE_LIMIT - 1)
    # when they log in with an account of their own, then fail once more elsewhere
    assert _try(client, coordinator.username, PASSWORD, SPRAYER).status_code == 302
    client.logout()
    _try(client, "anvandare-sista", "Sommar2026!", SPRAYER)
    # then the address is locked: their success did not wipe the others' failures
    assert _try(client, adviser.username, PASSWORD, SPRAYER).status_code == 429


def test_the_address_limit_is_higher_than_the_account_limit() -> None:
    # an office shares one address: a few colleagues' typos must not lock all of them out
    assert settings.BOSAM_ADDRESS_FAILURE_LIMIT > settings.AXES_FAILURE_LIMIT
