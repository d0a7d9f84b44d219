from datetime import date

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from bosam.audit.models import AuditAction, AuditEvent
from bosam.households.models import Intervention
from bosam.prevention.models import Notification, PreventionCase
from bosam.prevention.tests.factories import household_with_children, personal_number, register

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("june_2022")]

PAYLOAD = {
    "source": "enforcement_authority",
    "stage": "eviction_scheduled",
    "received_on": "2022-05-30",
    "tenants": [
        {
            "personal_number": personal_number(date(1984, 3, 3), 981),
            "first_name": "Ali",
            "last_name": "Demir",
        }
    ],
    "landlord_org_number": "5560000043",
    "landlord_name": "Privatvärden AB",
    "street_address": "Ljuragatan 12",
    "debt_amount": "23100.00",
    "eviction_date": "2022-06-21",
    "external_reference": "KFM-2022-0042",
}


def _client(user) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_an_integration_posts_a_notification_and_a_retry_creates_nothing(
    prevention_caseworker,
) -> None:  # type: ignore[no-untyped-def]
    client = _client(prevention_caseworker)
    url = reverse("prevention-api:notification_create")
    response = client.post(url, PAYLOAD, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["eviction_date"] == "2022-06-21"
    case = PreventionCase.objects.get(pk=body["case_id"])
    assert case.eviction_date == date(2022, 6, 21)
    # the same notification posted again (a retry) is refused with the existing id
    again = client.post(url, PAYLOAD, format="json")
    assert again.status_code == 400
    assert again.json()["code"] == "duplicate_notification"
    assert again.json()["extra"]["existing"] == body["id"]
    assert Notification.objects.count() == 1


def test_a_bad_notification_is_refused_with_the_field_named(prevention_caseworker) -> None:  # type: ignore[no-untyped-def]
    payload = {**PAYLOAD, "landlord_org_number": "5560000044"}
    response = _client(prevention_caseworker).post(
        reverse("prevention-api:notification_create"), payload, format="json"
    )
    assert response.status_code == 400
    assert response.json()["extra"]["field"] == "landlord_org_number"


@pytest.mark.parametrize("persona", ["coordinator", "social_worker_a", "committee_reader"])
def test_the_api_refuses_roles_without_prevention_work(request, persona) -> None:  # type: ignore[no-untyped-def]
    client = _client(request.getfixturevalue(persona))
    assert (
        client.post(
            reverse("prevention-api:notification_create"), PAYLOAD, format="json"
        ).status_code
        == 403
    )
    assert client.get(reverse("prevention-api:case_queue")).status_code == 403


def test_the_anonymous_are_refused() -> None:
    assert APIClient().get(reverse("prevention-api:case_queue")).status_code in (401, 403)


def test_work_a_case_through_the_api(org, prevention_caseworker) -> None:  # type: ignore[no-untyped-def]
    _household, adult = household_with_children(org.unit_a)
    case = register(prevention_caseworker, adult).case
    client = _client(prevention_caseworker)
    queue = client.get(reverse("prevention-api:case_queue")).json()
    assert [item["id"] for item in queue] == [str(case.pk)]
    assert (
        client.post(
            reverse("prevention-api:outreach_create", args=[case.pk]),
            {"method": "phone", "made_on": "2022-05-31", "result": "reached"},
            format="json",
        ).status_code
        == 201
    )
    response = client.post(
        reverse("prevention-api:intervention_create", args=[case.pk]),
        {"type_code": "payment_plan", "performed_on": "2022-05-31"},
        format="json",
    )
    assert response.status_code == 201
    assert Intervention.objects.get().intervention_type.code == "payment_plan"
    closed = client.post(
        reverse("prevention-api:case_close", args=[case.pk]),
        {"outcome": "kvarboende", "stayed_because": "payment_plan", "closed_on": "2022-06-01"},
        format="json",
    )
    assert closed.json()["status"] == "closed"
    detail = client.get(reverse("prevention-api:case_detail", args=[case.pk]))
    assert detail.json()["first_contact_on"] == "2022-05-31"
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, object_id=str(case.pk)).exists()
    listing = client.get(reverse("prevention-api:notification_list")).json()
    assert listing["count"] == 1


def test_figures_come_with_their_ids_for_statistics_users(
    org, manager, prevention_caseworker
) -> None:  # type: ignore[no-untyped-def]
    _household, adult = household_with_children(org.unit_a)
    notification = register(prevention_caseworker, adult)
    body = _client(manager).get(reverse("prevention-api:figures"), {"year": 2022}).json()
    assert body["notifications_received"] == {"count": 1, "ids": [str(notification.pk)]}
    assert _client(prevention_caseworker).get(reverse("prevention-api:figures")).status_code == 403


def test_the_endpoints_are_in_the_openapi_schema(client, prevention_caseworker) -> None:  # type: ignore[no-untyped-def]
    client.force_login(prevention_caseworker)
    schema = client.get(reverse("api-schema")).content.decode()
    assert "/api/v1/prevention/notifications/create/" in schema
    assert "/api/v1/prevention/figures/" in schema
