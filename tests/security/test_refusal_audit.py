"""Issue 21, item 8: every refusal is in the audit trail, the capability-level ones too, as a
`denied` row naming the page and its path, exactly once."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from bosam.accounts.models import User
from bosam.audit.models import AuditAction, AuditEvent
from bosam.households.tests.factories import make_household, make_person
from bosam.prevention.tests.factories import household_with_children, register
from bosam.testing import Org

pytestmark = pytest.mark.django_db


def _denied(**filters: Any) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=AuditAction.DENIED, **filters))


def test_a_social_worker_opening_a_prevention_case_is_refused_and_audited(
    client: Client, prevention_caseworker: User, social_worker_a: User, org: Org
) -> None:
    # given a prevention case
    _household, adult = household_with_children(org.unit_a)
    case = register(prevention_caseworker, adult).case
    assert case is not None
    url = reverse("prevention:case_detail", args=[case.pk])
    # when a social worker, who has no prevention work, opens it
    client.force_login(social_worker_a)
    response = client.get(url)
    # then it is refused, and the refusal is in the log with the path, once
    assert response.status_code == 403
    [row] = _denied(actor=social_worker_a)
    assert row.path == url
    assert row.object_type == "prevention:case_detail"
    assert row.object_id == str(case.pk)
    assert row.actor_role == social_worker_a.role


def test_a_committee_reader_opening_a_household_is_refused_and_audited(
    client: Client, committee_reader: User, org: Org
) -> None:
    household = make_household(org.unit_a, (make_person("Anna", "Berg"), "applicant"))
    url = reverse("households:household_detail", args=[household.pk])
    client.force_login(committee_reader)
    assert client.get(url).status_code == 403
    [row] = _denied(actor=committee_reader)
    assert row.path == url
    assert row.object_id == str(household.pk)


def test_an_api_client_without_the_capability_is_refused_and_audited(finance: User) -> None:
    api = APIClient()
    api.force_authenticate(finance)
    url = reverse("tenancies-api:sublet_list")
    assert api.get(url).status_code == 403
    [row] = _denied(actor=finance)
    assert row.path == url


def test_a_refusal_a_selector_already_audited_is_not_audited_twice(
    client: Client, social_worker_a: User, social_worker_b: User, org: Org
) -> None:
    # given a household of unit A, which a social worker of unit B may not see
    household = make_household(org.unit_a, (make_person("Anna", "Berg"), "applicant"))
    client.force_login(social_worker_b)
    # when they open it
    assert client.get(reverse("households:household_detail", args=[household.pk])).status_code in (
        403,
        404,
    )
    # then at most the selector's own row is there, not a second one from the middleware
    assert len(_denied(actor=social_worker_b)) <= 1


def test_a_permitted_page_writes_no_denied_row(client: Client, coordinator: User) -> None:
    client.force_login(coordinator)
    assert client.get(reverse("core:home")).status_code == 200
    assert _denied() == []
