import pytest
from django.conf import settings
from django.urls import reverse

from bosam.audit.models import AuditAction, AuditEvent
from bosam.testing import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "accounts:login"


def _try(client, username: str, password: str):  # type: ignore[no-untyped-def]
    return client.post(reverse(LOGIN), {"username": username, "password": password})


def test_repeated_failed_logins_lock_the_account_with_a_clear_message(client, coordinator) -> None:  # type: ignore[no-untyped-def]
    # given the limit of failed attempts
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _try(client, coordinator.username, "fel-lösenord")
        assert "Fel användarnamn eller lösenord" in response.content.decode()
    # when the last allowed attempt fails too
    locked = _try(client, coordinator.username, "fel-lösenord")
    # then the account is locked, and even the right password is refused for now
    assert "För många misslyckade inloggningsförsök" in locked.content.decode()
    again = _try(client, coordinator.username, PASSWORD)
    assert again.status_code == 429
    assert "Kontot är tillfälligt spärrat" in again.content.decode()
    assert "_auth_user_id" not in client.session
    failures = AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED)
    assert failures.count() >= settings.AXES_FAILURE_LIMIT


def test_fewer_failures_than_the_limit_still_let_the_right_password_in(client, coordinator) -> None:  # type: ignore[no-untyped-def]
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _try(client, coordinator.username, "fel-lösenord")
    response = _try(client, coordinator.username, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(coordinator.pk)


def test_the_lockout_is_per_account(client, coordinator, adviser) -> None:  # type: ignore[no-untyped-def]
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _try(client, coordinator.username, "fel-lösenord")
    assert _try(client, adviser.username, PASSWORD).status_code == 302
