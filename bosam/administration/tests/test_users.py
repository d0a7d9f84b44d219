import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

from bosam.accounts.models import User
from bosam.accounts.roles import Role
from bosam.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db
STRONG = "Gransle-Hav-2026!"


def test_the_administrator_creates_a_user_and_it_is_audited(client, org, sysadmin) -> None:  # type: ignore[no-untyped-def]
    client.force_login(sysadmin)
    response = client.post(
        reverse("administration:user_create"),
        {
            "username": "ny.socsek",
            "first_name": "Ny",
            "last_name": "Socsek",
            "role": Role.SOCIAL_WORKER,
            "unit": org.unit_a.pk,
            "password1": STRONG,
            "password2": STRONG,
        },
    )
    user = User.objects.get(username="ny.socsek")
    assert response.status_code == 302
    assert (user.role, user.unit, user.check_password(STRONG)) == (
        Role.SOCIAL_WORKER,
        org.unit_a,
        True,
    )
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="accounts.user", object_id=str(user.pk)
    ).exists()


def test_a_weak_password_is_refused_on_the_password_field(client, org, sysadmin) -> None:  # type: ignore[no-untyped-def]
    client.force_login(sysadmin)
    response = client.post(
        reverse("administration:user_create"),
        {"username": "x", "role": Role.FINANCE, "password1": "123", "password2": "123"},
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="x").exists()
    assert 'id="id_password1"' in response.content.decode()
    assert "för kort" in response.content.decode()


def test_a_social_worker_must_have_a_unit(client, org, sysadmin) -> None:  # type: ignore[no-untyped-def]
    client.force_login(sysadmin)
    response = client.post(
        reverse("administration:user_create"),
        {"username": "y", "role": Role.SOCIAL_WORKER, "password1": STRONG, "password2": STRONG},
    )
    assert "måste tillhöra en enhet" in response.content.decode()


def test_changing_unit_and_role_is_audited_naming_the_fields(
    client, org, sysadmin, social_worker_a
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(sysadmin)
    response = client.post(
        reverse("administration:user_edit", args=[social_worker_a.pk]),
        {"first_name": "Bob", "role": Role.SOCIAL_WORKER, "unit": org.unit_b.pk},
    )
    assert response.status_code == 302
    social_worker_a.refresh_from_db()
    assert social_worker_a.unit == org.unit_b
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_id=str(social_worker_a.pk))
    assert event.reason == "Ändrat: enhet"


def test_a_deactivated_user_cannot_log_in(client, sysadmin, coordinator) -> None:  # type: ignore[no-untyped-def]
    client.force_login(sysadmin)
    client.post(reverse("administration:user_set_active", args=[coordinator.pk]), {"active": "0"})
    coordinator.refresh_from_db()
    assert not coordinator.is_active
    client.logout()
    client.post(
        reverse("accounts:login"),
        {"username": coordinator.username, "password": "persona-password-1"},
    )
    assert "_auth_user_id" not in client.session


def test_nobody_deactivates_themselves(client, sysadmin) -> None:  # type: ignore[no-untyped-def]
    client.force_login(sysadmin)
    response = client.post(
        reverse("administration:user_set_active", args=[sysadmin.pk]), {"active": "0"}, follow=True
    )
    sysadmin.refresh_from_db()
    assert sysadmin.is_active
    assert "Du kan inte inaktivera ditt eget konto." in response.content.decode()


def test_a_password_reset_sets_the_password_and_lifts_a_lockout(
    client, sysadmin, coordinator
) -> None:  # type: ignore[no-untyped-def]
    _lock(coordinator)
    client.force_login(sysadmin)
    response = client.post(
        reverse("administration:user_password", args=[coordinator.pk]),
        {"password1": STRONG, "password2": STRONG},
    )
    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.check_password(STRONG)
    assert not AccessAttempt.objects.filter(username=coordinator.username).exists()


def _lock(user: User) -> None:
    AccessAttempt.objects.create(
        username=user.username,
        ip_address="127.0.0.1",
        user_agent="test",
        http_accept="*/*",
        path_info="/konto/logga-in/",
        get_data="",
        post_data="",
        failures_since_start=10,
        attempt_time=timezone.now(),
    )


def test_a_locked_account_is_shown_and_can_be_unlocked(client, sysadmin, coordinator) -> None:  # type: ignore[no-untyped-def]
    _lock(coordinator)
    client.force_login(sysadmin)
    listing = client.get(reverse("administration:user_list"))
    assert "Spärrad" in listing.content.decode()
    client.post(reverse("administration:user_unlock", args=[coordinator.pk]))
    assert not AccessAttempt.objects.filter(username=coordinator.username).exists()
    assert AuditEvent.objects.filter(reason="Spärr hävd").exists()


@pytest.mark.parametrize(
    "persona", ["coordinator", "social_worker_a", "manager", "finance", "committee_reader"]
)
def test_only_the_user_administrator_manages_users(client, request, persona, sysadmin) -> None:  # type: ignore[no-untyped-def]
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("administration:user_list")).status_code == 403
    assert client.get(reverse("administration:user_detail", args=[sysadmin.pk])).status_code == 403
    response = client.post(
        reverse("administration:user_set_active", args=[sysadmin.pk]), {"active": "0"}
    )
    assert response.status_code == 403


def test_user_list_queries_do_not_grow_with_rows(
    client, org, sysadmin, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    for i in range(30):
        User.objects.create(username=f"u{i}", role=Role.FINANCE, unit=org.unit_a)
    client.force_login(sysadmin)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("administration:user_list"))
    assert response.status_code == 200
