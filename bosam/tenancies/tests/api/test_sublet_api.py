from datetime import date

import pytest
from django.urls import reverse

from bosam.audit.models import AuditAction, AuditEvent
from bosam.households.models import Intervention
from bosam.properties.models import HeadLease
from bosam.tenancies.models import Sublet
from bosam.tenancies.tests.factories import make_client, make_head_lease, place

pytestmark = pytest.mark.django_db


def test_create_follow_up_and_takeover_through_the_api(client, org, coordinator) -> None:  # type: ignore[no-untyped-def]
    # given
    lease = make_head_lease(org.committee)
    household = make_client(org.unit_a)
    client.force_login(coordinator)
    # when: place
    created = client.post(
        reverse("tenancies-api:sublet_create"),
        {
            "household_id": str(household.pk),
            "head_lease_id": lease.pk,
            "start_date": "2021-01-01",
            "monthly_rent": "6500.00",
            "conditions": ["rent_on_time", "home_visits"],
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    sublet_id = created.json()["id"]
    assert sorted(created.json()["conditions"]) == ["home_visits", "rent_on_time"]
    # a held follow-up
    follow_up = client.post(
        reverse("tenancies-api:follow_up_create", args=[sublet_id]),
        {
            "planned_on": "2021-06-01",
            "done_on": "2021-06-02",
            "notes": "Bra",
            "participants": "Anna",
        },
        content_type="application/json",
    )
    assert follow_up.status_code == 201
    assert follow_up.json()["done_on"] == "2021-06-02"
    # the takeover
    takeover = client.post(
        reverse("tenancies-api:takeover", args=[sublet_id]),
        {
            "assessed_on": "2022-06-01",
            "rent_paid_on_time": True,
            "conditions_kept": True,
            "no_disturbance": True,
            "landlord_consent": True,
            "decision": "take_over",
            "takeover_date": "2022-06-30",
        },
        content_type="application/json",
    )
    # then
    assert takeover.status_code == 200, takeover.json()
    assert takeover.json()["outcome"] == "took_over"
    assert HeadLease.objects.get(pk=lease.pk).end_date == date(2022, 6, 30)
    assert Intervention.objects.filter(source_id=sublet_id).count() == 2  # placement + takeover


def test_the_api_refuses_a_takeover_without_consent_with_the_error_shape(
    client, org, coordinator
) -> None:  # type: ignore[no-untyped-def]
    sublet = place(coordinator, make_client(org.unit_a), make_head_lease(org.committee))
    client.force_login(coordinator)
    response = client.post(
        reverse("tenancies-api:takeover", args=[sublet.pk]),
        {
            "assessed_on": "2022-06-01",
            "rent_paid_on_time": True,
            "conditions_kept": True,
            "no_disturbance": True,
            "landlord_consent": False,
            "decision": "take_over",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "criteria_not_met"
    assert Sublet.objects.get(pk=sublet.pk).status == Sublet.Status.ACTIVE


def test_a_social_worker_lists_own_units_sublets_and_is_refused_others(
    client, org, coordinator, social_worker_b
) -> None:  # type: ignore[no-untyped-def]
    own = place(coordinator, make_client(org.unit_b), make_head_lease(org.committee))
    other = place(coordinator, make_client(org.unit_a, "Eva"), make_head_lease(org.committee))
    client.force_login(social_worker_b)
    listing = client.get(reverse("tenancies-api:sublet_list")).json()
    assert [row["id"] for row in listing["results"]] == [str(own.pk)]
    refused = client.get(reverse("tenancies-api:sublet_detail", args=[other.pk]))
    assert refused.status_code == 403
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, object_id=str(other.pk)).exists()
    # nor may a social worker place anyone
    assert client.post(reverse("tenancies-api:sublet_create"), {}).status_code == 403


def test_roles_without_personal_data_get_nothing(client, finance) -> None:  # type: ignore[no-untyped-def]
    client.force_login(finance)
    assert client.get(reverse("tenancies-api:sublet_list")).status_code == 403


def test_the_operations_are_in_the_openapi_schema(client, coordinator) -> None:  # type: ignore[no-untyped-def]
    client.force_login(coordinator)
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    paths = schema["paths"]
    assert "/api/v1/tenancies/sublets/" in paths
    assert "post" in paths["/api/v1/tenancies/sublets/{sublet_id}/takeover/"]
    assert "post" in paths["/api/v1/tenancies/sublets/{sublet_id}/follow-ups/"]
