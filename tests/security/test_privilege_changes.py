"""Issue 21, item 9: the system administrator cannot silently become a caseworker. Their own
role and unit are not theirs to change; every grant of a role with access to personal data is
listed on the log follow-up's page and the other administrators are told by e-mail."""

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from bosam.accounts.models import User
from bosam.accounts.roles import Role
from bosam.administration.errors import AdministrationError
from bosam.administration.services.users import user_create, user_update
from bosam.testing import Org, make_user

pytestmark = pytest.mark.django_db


def _edit(client: Client, account: User, **changes: Any) -> Any:
    data = {
        "first_name": account.first_name,
        "last_name": account.last_name,
        "email": account.email,
        "role": account.role,
        "unit": account.unit_id or "",
    }
    data.update(changes)
    return client.post(reverse("administration:user_edit", args=[account.pk]), data)


@pytest.fixture
def other_admin(org: Org) -> User:
    admin = make_user("ola", Role.SYSTEM_ADMINISTRATOR, org.housing_unit)
    admin.email = "ola@kommun.example"
    admin.save()
    return admin


def test_the_administrator_cannot_give_themselves_a_caseworkers_role(
    client: Client, sysadmin: User
) -> None:
    client.force_login(sysadmin)
    response = _edit(client, sysadmin, role=Role.PREVENTION_CASEWORKER)
    assert response.status_code == 200
    assert "Du kan inte ändra din egen roll eller enhet" in response.content.decode()
    sysadmin.refresh_from_db()
    assert sysadmin.role == Role.SYSTEM_ADMINISTRATOR


def test_the_administrator_cannot_move_themselves_to_another_unit(
    client: Client, sysadmin: User, org: Org
) -> None:
    client.force_login(sysadmin)
    response = _edit(client, sysadmin, unit=org.unit_a.pk)
    assert "Du kan inte ändra din egen roll eller enhet" in response.content.decode()
    sysadmin.refresh_from_db()
    assert sysadmin.unit == org.housing_unit


def test_the_refusal_holds_for_every_caller_of_the_service_the_api_included(
    sysadmin: User, org: Org
) -> None:
    with pytest.raises(AdministrationError) as refused:
        user_update(
            user=sysadmin,
            updated_by=sysadmin,
            first_name="Sam",
            last_name="",
            email="",
            role=Role.HOUSING_COORDINATOR,
            unit=org.housing_unit,
        )
    assert refused.value.extra == {"field": "role"}


def test_the_api_refuses_the_administrators_own_role_change(sysadmin: User) -> None:
    api = APIClient()
    api.force_authenticate(sysadmin)
    response = api.patch(
        reverse("administration-api:user_update", args=[sysadmin.pk]),
        {"role": Role.HOUSING_ADVISER},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "own_account"
    sysadmin.refresh_from_db()
    assert sysadmin.role == Role.SYSTEM_ADMINISTRATOR


def test_the_administrator_may_still_change_their_own_name(client: Client, sysadmin: User) -> None:
    client.force_login(sysadmin)
    assert _edit(client, sysadmin, last_name="Svensson").status_code == 302
    sysadmin.refresh_from_db()
    assert sysadmin.last_name == "Svensson"


def test_a_grant_of_personal_data_is_listed_and_the_other_admins_are_told(
    client: Client,
    sysadmin: User,
    other_admin: User,
    finance: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given an administrator (with an address of their own) and another one
    sysadmin.email = "sam@kommun.example"
    sysadmin.save()
    client.force_login(sysadmin)
    # when the finance officer is made a housing coordinator
    with django_capture_on_commit_callbacks(execute=True):
        assert _edit(client, finance, role=Role.HOUSING_COORDINATOR).status_code == 302
    # then the other administrator, and only they, get an e-mail with the fact and a link
    [message] = mail.outbox
    assert message.to == ["ola@kommun.example"]
    assert "Bostadssamordnare" in message.body
    assert reverse("administration:audit_follow_up") in message.body
    for name in (finance.username, finance.first_name, sysadmin.first_name, "sam@"):
        assert name not in f"{message.subject}\n{message.body}"
    # and the follow-up page lists the change
    page = client.get(reverse("administration:audit_follow_up")).content.decode()
    assert "Ändrade behörigheter" in page
    assert "Roll: Ekonom → Bostadssamordnare" in page
    assert finance.username in page


def test_a_new_account_with_personal_data_is_a_privilege_change(
    sysadmin: User, other_admin: User, org: Org, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        user_create(
            created_by=sysadmin,
            username="ny.socsek",
            first_name="Ny",
            last_name="Socsek",
            email="",
            role=Role.SOCIAL_WORKER,
            unit=org.unit_a,
            password="Gransle-Hav-2026!",
        )
    assert len(mail.outbox) == 1
    assert "Socialsekreterare" in mail.outbox[0].body


def test_a_role_without_personal_data_is_no_privilege_change(
    client: Client,
    sysadmin: User,
    other_admin: User,
    manager: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client.force_login(sysadmin)
    with django_capture_on_commit_callbacks(execute=True):
        assert _edit(client, manager, role=Role.FINANCE).status_code == 302
    assert mail.outbox == []
    page = client.get(reverse("administration:audit_follow_up")).content.decode()
    assert "Inga ändrade behörigheter." in page
