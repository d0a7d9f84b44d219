"""The administration API does what the administration pages do: the organisation readable by
every signed-in client and written by the system administrator, users and their roles, every
catalogue — with the pages' validation, the same refusals and the same audit rows."""

import pytest
from rest_framework.test import APIClient

from bosam.accounts.models import Unit, User
from bosam.accounts.roles import Role
from bosam.audit.models import AuditAction, AuditEvent
from bosam.households.models import InterventionType

pytestmark = pytest.mark.django_db

API = "/api/v1/administration"


def client_for(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_every_signed_in_client_may_read_the_organisation_but_not_a_stranger(  # type: ignore[no-untyped-def]
    org, social_worker_a
) -> None:
    units = client_for(social_worker_a).get(f"{API}/units/").json()
    assert org.unit_a.name in {unit["name"] for unit in units["results"]}
    assert client_for(social_worker_a).get(f"{API}/committees/").status_code == 200
    assert client_for(None).get(f"{API}/units/").status_code in (401, 403)


def test_the_administrator_creates_a_unit_and_it_is_audited(org, sysadmin) -> None:  # type: ignore[no-untyped-def]
    response = client_for(sysadmin).post(
        f"{API}/units/create/",
        {"name": "Ungdomsenheten", "office": org.office.pk, "active": True},
        format="json",
    )
    assert response.status_code == 201, response.json()
    unit = Unit.objects.get(name="Ungdomsenheten")
    assert response.json()["id"] == unit.pk
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="accounts.unit", object_id=str(unit.pk)
    ).exists()


def test_a_social_worker_may_not_change_the_organisation(org, social_worker_a) -> None:  # type: ignore[no-untyped-def]
    response = client_for(social_worker_a).post(
        f"{API}/units/create/", {"name": "Egen enhet", "office": org.office.pk}, format="json"
    )
    assert response.status_code == 403
    assert not Unit.objects.filter(name="Egen enhet").exists()


def test_a_partial_update_changes_only_what_is_sent(org, sysadmin) -> None:  # type: ignore[no-untyped-def]
    response = client_for(sysadmin).patch(
        f"{API}/units/{org.unit_b.pk}/update/", {"active": False}, format="json"
    )
    assert response.status_code == 200, response.json()
    org.unit_b.refresh_from_db()
    assert not org.unit_b.active
    assert org.unit_b.name == response.json()["name"]
    update = AuditEvent.objects.get(action=AuditAction.UPDATE, object_id=str(org.unit_b.pk))
    assert update.reason == "Ändrat: aktiv"


def test_a_duplicate_unit_name_is_refused_naming_the_problem(org, sysadmin) -> None:  # type: ignore[no-untyped-def]
    response = client_for(sysadmin).post(
        f"{API}/units/create/", {"name": org.unit_a.name, "office": org.office.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["extra"]["fields"]
    assert Unit.objects.filter(name=org.unit_a.name).count() == 1


def test_the_administrator_creates_a_user_with_a_role(org, sysadmin) -> None:  # type: ignore[no-untyped-def]
    response = client_for(sysadmin).post(
        f"{API}/users/create/",
        {
            "username": "dora",
            "first_name": "Dora",
            "role": Role.SOCIAL_WORKER,
            "unit": org.unit_a.pk,
            "password": "Ett-langt-losenord-2026",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    dora = User.objects.get(username="dora")
    assert (dora.role, dora.unit_id) == (Role.SOCIAL_WORKER, org.unit_a.pk)
    assert dora.check_password("Ett-langt-losenord-2026")
    assert "password" not in response.json()


def test_a_social_worker_without_a_unit_is_refused_with_the_field_named(org, sysadmin) -> None:  # type: ignore[no-untyped-def]
    response = client_for(sysadmin).post(
        f"{API}/users/create/",
        {"username": "erik", "role": Role.SOCIAL_WORKER, "password": "Ett-langt-losenord-2026"},
        format="json",
    )
    assert response.status_code == 400
    assert "unit" in response.json()["extra"]["fields"]
    assert not User.objects.filter(username="erik").exists()


def test_a_weak_password_is_refused(org, sysadmin, social_worker_a) -> None:  # type: ignore[no-untyped-def]
    response = client_for(sysadmin).post(
        f"{API}/users/{social_worker_a.pk}/password/", {"password": "123"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "weak_password"


def test_a_role_is_changed_and_the_account_deactivated(org, sysadmin, social_worker_a) -> None:  # type: ignore[no-untyped-def]
    administrator = client_for(sysadmin)
    changed = administrator.patch(
        f"{API}/users/{social_worker_a.pk}/update/",
        {"role": Role.HOUSING_ADVISER, "unit": org.housing_unit.pk},
        format="json",
    )
    assert changed.status_code == 200, changed.json()
    deactivated = administrator.post(
        f"{API}/users/{social_worker_a.pk}/active/", {"active": False}, format="json"
    )
    assert deactivated.json()["is_active"] is False
    social_worker_a.refresh_from_db()
    assert social_worker_a.role == Role.HOUSING_ADVISER
    assert social_worker_a.first_name == "Bob"  # not sent, not changed


def test_only_the_user_administrator_lists_users(org, sysadmin, coordinator) -> None:  # type: ignore[no-untyped-def]
    assert client_for(coordinator).get(f"{API}/users/").status_code == 403
    listed = client_for(sysadmin).get(f"{API}/users/", {"role": Role.HOUSING_COORDINATOR}).json()
    assert [user["username"] for user in listed["results"]] == [coordinator.username]


def test_a_service_accounts_key_is_shown_once_and_can_be_revoked(org, sysadmin) -> None:  # type: ignore[no-untyped-def]
    administrator = client_for(sysadmin)
    created = administrator.post(
        f"{API}/users/create/",
        {"username": "ekonomisystem", "role": Role.FINANCE, "is_service_account": True},
        format="json",
    )
    account = created.json()["id"]
    issued = administrator.post(f"{API}/users/{account}/tokens/create/", {"name": "Ekonomi"})
    assert issued.status_code == 201
    key = issued.json()["key"]
    integration = APIClient()
    integration.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert integration.get(f"{API}/units/").status_code == 200
    listed = administrator.get(f"{API}/users/{account}/tokens/").json()
    assert [token["name"] for token in listed] == ["Ekonomi"]
    assert key not in str(listed)
    token = listed[0]["id"]
    revoked = administrator.post(f"{API}/users/{account}/tokens/{token}/revoke/")
    assert revoked.status_code == 204
    assert integration.get(f"{API}/units/").status_code == 401


def test_a_person_gets_no_key_from_the_administrator(org, sysadmin, coordinator) -> None:  # type: ignore[no-untyped-def]
    response = client_for(sysadmin).post(f"{API}/users/{coordinator.pk}/tokens/create/")
    assert response.status_code == 403


def test_every_catalogue_and_its_codes_are_readable(org, social_worker_a) -> None:  # type: ignore[no-untyped-def]
    catalogues = client_for(social_worker_a).get(f"{API}/catalogues/").json()
    by_key = {catalogue["key"]: catalogue for catalogue in catalogues}
    codes = {entry["code"] for entry in by_key["insatstyper"]["entries"]}
    assert set(InterventionType.objects.values_list("code", flat=True)) == codes
    assert codes


def test_the_administrator_adds_a_catalogue_entry_and_a_used_code_stays(  # type: ignore[no-untyped-def]
    org, sysadmin, social_worker_a
) -> None:
    administrator = client_for(sysadmin)
    created = administrator.post(
        f"{API}/catalogues/insatstyper/create/",
        {"code": "ny-insats", "name": "Ny insats", "kind": "other", "sort_order": 5},
        format="json",
    )
    assert created.status_code == 201, created.json()
    entry_id = created.json()["id"]
    renamed = administrator.patch(
        f"{API}/catalogues/insatstyper/{entry_id}/update/", {"name": "Bättre namn"}, format="json"
    )
    assert renamed.json()["name"] == "Bättre namn"
    assert renamed.json()["kind"] == "other"
    assert (
        client_for(social_worker_a)
        .post(f"{API}/catalogues/insatstyper/create/", {"code": "x"}, format="json")
        .status_code
        == 403
    )
    unknown = administrator.patch(
        f"{API}/catalogues/insatstyper/not-an-id/update/", {"name": "x"}, format="json"
    )
    assert unknown.status_code == 404
