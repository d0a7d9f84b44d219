"""API keys are stored hashed, expire, are listed with their last use, and can be revoked by
their owner and by the user administrator; a key is shown once, when it is made."""

import hashlib
import importlib
from datetime import timedelta

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from bosam.accounts.models import ApiToken, User
from bosam.accounts.roles import Role
from bosam.audit.models import AuditAction, AuditEvent
from bosam.testing import api_key_for, make_user

pytestmark = pytest.mark.django_db

HOUSEHOLDS = "/api/v1/households/households/"


def calls_with(key: str) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api


def test_a_user_makes_an_own_key_that_works_and_is_shown_once(client, coordinator) -> None:  # type: ignore[no-untyped-def]
    client.force_login(coordinator)
    created = client.post(
        reverse("administration:my_api_token"), {"action": "create", "name": "Mitt skript"}
    ).content.decode()
    key = created.split("<code>")[1].split("</code>")[0]
    assert calls_with(key).get(HOUSEHOLDS).status_code == 200
    assert key not in client.get(reverse("administration:my_api_token")).content.decode()
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="accounts.api_token")
    assert key not in (event.reason + event.object_id + event.object_label)


def test_only_a_digest_of_the_key_is_stored(coordinator) -> None:  # type: ignore[no-untyped-def]
    key = api_key_for(coordinator)
    token = ApiToken.objects.get(user=coordinator)
    assert token.digest == hashlib.sha256(key.encode()).hexdigest()
    stored = " ".join(str(value) for value in ApiToken.objects.values().get().values())
    assert key not in stored


def test_a_key_expires_after_the_configured_days(coordinator) -> None:  # type: ignore[no-untyped-def]
    with override_settings(BOSAM_API_TOKEN_DAYS=30):
        key = api_key_for(coordinator)
    api = calls_with(key)
    with time_machine.travel(timezone.now() + timedelta(days=29)):
        assert api.get(HOUSEHOLDS).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        response = api.get(HOUSEHOLDS)
        assert response.status_code == 401
        assert "gått ut" in response.json()["message"]


def test_a_key_cannot_be_made_to_outlive_the_limit(client, coordinator) -> None:  # type: ignore[no-untyped-def]
    client.force_login(coordinator)
    with override_settings(BOSAM_API_TOKEN_DAYS=90):
        response = client.post(
            reverse("administration:my_api_token"), {"action": "create", "days": "400"}
        )
    assert "<code>" not in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_last_use_is_shown_in_the_list(client, coordinator) -> None:  # type: ignore[no-untyped-def]
    key = api_key_for(coordinator)
    assert ApiToken.objects.get().last_used_at is None
    calls_with(key).get(HOUSEHOLDS)
    used = ApiToken.objects.get().last_used_at
    assert used is not None
    client.force_login(coordinator)
    page = client.get(reverse("administration:my_api_token")).content.decode()
    assert timezone.localtime(used).strftime("%Y-%m-%d %H:%M") in page


def test_the_owner_revokes_a_key_and_it_stops_working(client, coordinator) -> None:  # type: ignore[no-untyped-def]
    key = api_key_for(coordinator)
    token = ApiToken.objects.get()
    client.force_login(coordinator)
    client.post(reverse("administration:my_api_token"), {"action": "revoke", "token": token.pk})
    response = calls_with(key).get(HOUSEHOLDS)
    assert response.status_code == 401
    assert "återkallad" in response.json()["message"]
    assert AuditEvent.objects.filter(
        action=AuditAction.DELETE, object_type="accounts.api_token", object_id=str(token.pk)
    ).exists()


def test_a_user_cannot_revoke_someone_elses_key(client, coordinator, adviser) -> None:  # type: ignore[no-untyped-def]
    api_key_for(coordinator)
    token = ApiToken.objects.get()
    client.force_login(adviser)
    response = client.post(
        reverse("administration:my_api_token"), {"action": "revoke", "token": token.pk}
    )
    assert response.status_code == 404
    assert ApiToken.objects.get().revoked_at is None


def test_several_keys_live_side_by_side(coordinator) -> None:  # type: ignore[no-untyped-def]
    first, second = api_key_for(coordinator), api_key_for(coordinator)
    assert calls_with(first).get(HOUSEHOLDS).status_code == 200
    assert calls_with(second).get(HOUSEHOLDS).status_code == 200


def test_the_administrator_issues_keys_for_service_accounts_only(
    client, org, sysadmin, coordinator
) -> None:  # type: ignore[no-untyped-def]
    service = make_user("integration", Role.FINANCE, org.housing_unit)
    service.is_service_account = True
    service.save()
    client.force_login(sysadmin)
    url = reverse("administration:service_account_token", args=[service.pk])
    response = client.post(url, {"action": "create", "name": "Ekonomisystemet"})
    key = response.content.decode().split("<code>")[1].split("</code>")[0]
    assert ApiToken.objects.get(user=service).digest == hashlib.sha256(key.encode()).hexdigest()
    person_url = reverse("administration:service_account_token", args=[coordinator.pk])
    assert client.post(person_url, {"action": "create"}).status_code == 403
    assert not ApiToken.objects.filter(user=coordinator).exists()


def test_the_administrator_revokes_a_persons_key(client, sysadmin, coordinator) -> None:  # type: ignore[no-untyped-def]
    key = api_key_for(coordinator)
    client.force_login(sysadmin)
    page = client.get(reverse("administration:user_detail", args=[coordinator.pk]))
    token = ApiToken.objects.get()
    assert token.prefix in page.content.decode()
    client.post(
        reverse("administration:service_account_token", args=[coordinator.pk]),
        {"action": "revoke", "token": token.pk},
    )
    assert calls_with(key).get(HOUSEHOLDS).status_code == 401


def test_a_deactivated_accounts_key_stops_working_and_stays_revoked(
    client, org, sysadmin, coordinator
) -> None:  # type: ignore[no-untyped-def]
    key = api_key_for(coordinator)
    client.force_login(sysadmin)
    client.post(reverse("administration:user_set_active", args=[coordinator.pk]), {"active": "0"})
    assert calls_with(key).get(HOUSEHOLDS).status_code == 401
    client.post(reverse("administration:user_set_active", args=[coordinator.pk]), {"active": "1"})
    assert calls_with(key).get(HOUSEHOLDS).status_code == 401


def test_a_plain_text_key_from_before_is_hashed_by_the_migration_and_keeps_working(
    coordinator,
) -> None:  # type: ignore[no-untyped-def]
    from django.apps import apps as global_apps
    from rest_framework.authtoken.models import Token

    migration = importlib.import_module("bosam.accounts.migrations.0003_api_tokens_hashed")

    old = Token.objects.create(user=coordinator)
    migration.hash_plain_text_keys(global_apps, None)
    assert not Token.objects.exists()
    assert calls_with(old.key).get(HOUSEHOLDS).status_code == 200


def test_the_api_lists_and_revokes_the_callers_own_keys(coordinator) -> None:  # type: ignore[no-untyped-def]
    key = api_key_for(coordinator)
    api = calls_with(key)
    listed = api.get("/api/v1/administration/my-tokens/").json()
    assert [token["prefix"] for token in listed] == [ApiToken.objects.get().prefix]
    assert "digest" not in listed[0]
    made = api.post("/api/v1/administration/my-tokens/create/", {"name": "Nytt"}, format="json")
    assert made.status_code == 201
    assert calls_with(made.json()["key"]).get(HOUSEHOLDS).status_code == 200
    first = listed[0]["id"]
    assert api.post(f"/api/v1/administration/my-tokens/{first}/revoke/").status_code == 204
    assert api.get(HOUSEHOLDS).status_code == 401


def test_a_service_account_cannot_log_in_with_a_password(client, org, sysadmin) -> None:  # type: ignore[no-untyped-def]
    client.force_login(sysadmin)
    client.post(
        reverse("administration:user_create"),
        {"username": "ekonomisystem", "role": Role.FINANCE, "is_service_account": "on"},
    )
    service = User.objects.get(username="ekonomisystem")
    assert service.is_service_account
    assert not service.has_usable_password()
