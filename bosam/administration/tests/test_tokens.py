import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from bosam.accounts.roles import Role
from bosam.audit.models import AuditAction, AuditEvent
from bosam.testing import make_user

pytestmark = pytest.mark.django_db


def test_a_user_creates_an_own_token_that_works_and_is_shown_once(client, coordinator) -> None:  # type: ignore[no-untyped-def]
    client.force_login(coordinator)
    created = client.post(reverse("administration:my_api_token"), {"action": "create"})
    token = Token.objects.get(user=coordinator)
    assert token.key in created.content.decode()
    assert token.key not in client.get(reverse("administration:my_api_token")).content.decode()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get(reverse("households-api:household_list")).status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="accounts.api_token")
    assert token.key not in (event.reason + event.object_id + event.object_label)


def test_a_user_revokes_the_own_token(client, coordinator) -> None:  # type: ignore[no-untyped-def]
    Token.objects.create(user=coordinator)
    client.force_login(coordinator)
    client.post(reverse("administration:my_api_token"), {"action": "revoke"})
    assert not Token.objects.filter(user=coordinator).exists()
    assert AuditEvent.objects.filter(action=AuditAction.DELETE).exists()


def test_a_new_token_replaces_the_old(client, coordinator) -> None:  # type: ignore[no-untyped-def]
    old = Token.objects.create(user=coordinator).key
    client.force_login(coordinator)
    client.post(reverse("administration:my_api_token"), {"action": "create"})
    assert Token.objects.get(user=coordinator).key != old


def test_the_administrator_issues_tokens_for_service_accounts_only(
    client, org, sysadmin, coordinator
) -> None:  # type: ignore[no-untyped-def]
    service = make_user("integration", Role.FINANCE, org.housing_unit)
    service.is_service_account = True
    service.save()
    client.force_login(sysadmin)
    url = reverse("administration:service_account_token", args=[service.pk])
    response = client.post(url, {"action": "create"})
    assert Token.objects.get(user=service).key in response.content.decode()
    person_url = reverse("administration:service_account_token", args=[coordinator.pk])
    assert client.post(person_url, {"action": "create"}).status_code == 403
    assert not Token.objects.filter(user=coordinator).exists()


def test_a_deactivated_accounts_token_stops_working(client, org, sysadmin, coordinator) -> None:  # type: ignore[no-untyped-def]
    token = Token.objects.create(user=coordinator)
    client.force_login(sysadmin)
    client.post(reverse("administration:user_set_active", args=[coordinator.pk]), {"active": "0"})
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get(reverse("households-api:household_list")).status_code == 401


def test_a_service_account_cannot_log_in_with_a_password(client, org, sysadmin) -> None:  # type: ignore[no-untyped-def]
    client.force_login(sysadmin)
    client.post(
        reverse("administration:user_create"),
        {"username": "ekonomisystem", "role": Role.FINANCE, "is_service_account": "on"},
    )
    from bosam.accounts.models import User

    service = User.objects.get(username="ekonomisystem")
    assert service.is_service_account
    assert not service.has_usable_password()
