from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from bosam.audit.models import AuditAction, AuditEvent
from bosam.matching.models import HousingRequest
from bosam.matching.tests.factories import make_client, make_request, make_vacancy, offer
from bosam.tenancies.models import Sublet

pytestmark = pytest.mark.django_db


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def test_a_social_worker_requests_housing_through_the_api(api, org, social_worker_a) -> None:
    household = make_client(org.unit_a)
    api.force_authenticate(social_worker_a)
    response = api.post(
        reverse("matching-api:request_create"),
        {
            "household": str(household.pk),
            "usage_category": "supported_housing",
            "committee": org.committee.pk,
            "household_size": 2,
            "rooms_wanted": 2,
            "districts_preferred": ["Hageby"],
        },
        format="json",
    )
    assert response.status_code == 201, response.data
    assert response.data["status"] == "waiting"
    assert response.data["districts_preferred"] == ["Hageby"]


def test_another_units_household_is_refused_through_the_api(api, org, social_worker_b) -> None:
    household = make_client(org.unit_a)
    api.force_authenticate(social_worker_b)
    response = api.post(
        reverse("matching-api:request_create"),
        {
            "household": str(household.pk),
            "usage_category": "supported_housing",
            "committee": org.committee.pk,
            "household_size": 1,
            "rooms_wanted": 1,
        },
        format="json",
    )
    assert response.status_code == 403
    assert AuditEvent.objects.filter(actor=social_worker_b, action=AuditAction.DENIED).exists()


def test_urgency_without_reason_names_the_field(api, org, social_worker_a) -> None:
    api.force_authenticate(social_worker_a)
    response = api.post(
        reverse("matching-api:request_create"),
        {
            "household": str(make_client(org.unit_a).pk),
            "usage_category": "supported_housing",
            "committee": org.committee.pk,
            "household_size": 1,
            "rooms_wanted": 1,
            "urgency": "acute",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.data["code"] == "reason_required"
    assert response.data["extra"]["field"] == "urgency_reason"


def test_the_coordinator_ranks_offers_and_the_unit_accepts(
    api, org, social_worker_a, coordinator
) -> None:
    # given a waiting request and a vacancy
    made = make_request(social_worker_a, make_client(org.unit_a), org.committee)
    lease = make_vacancy(org.committee)
    api.force_authenticate(coordinator)
    # when the coordinator reads the proposals both ways
    for_request = api.get(reverse("matching-api:request_proposals", args=[made.pk]))
    assert for_request.data["proposals"][0]["head_lease_id"] == lease.pk
    for_vacancy = api.get(reverse("matching-api:vacancy_proposals", args=[lease.pk]))
    assert for_vacancy.data["proposals"][0]["request_reference"] == made.reference
    assert "Väntetid" in for_vacancy.data["proposals"][0]["explanation"]
    # and offers it
    created = api.post(
        reverse("matching-api:offer_create"),
        {"request": str(made.pk), "head_lease": lease.pk},
        format="json",
    )
    assert created.status_code == 201, created.data
    # then a second offer of the same vacancy is refused with a clear message
    other = make_request(social_worker_a, make_client(org.unit_a, "Eva"), org.committee)
    again = api.post(
        reverse("matching-api:offer_create"),
        {"request": str(other.pk), "head_lease": lease.pk},
        format="json",
    )
    assert again.status_code == 400
    assert again.data["code"] == "vacancy_taken"
    # and the unit accepts: the sublet exists
    api.force_authenticate(social_worker_a)
    accepted = api.post(
        reverse("matching-api:offer_accept", args=[created.data["id"]]), {}, format="json"
    )
    assert accepted.status_code == 200, accepted.data
    assert accepted.data["state"] == "accepted"
    assert Sublet.objects.filter(pk=accepted.data["sublet_id"]).exists()


def test_why_not_through_the_api(api, org, social_worker_a, coordinator) -> None:
    made = make_request(
        social_worker_a, make_client(org.unit_a), org.committee, needs_wheelchair_access=True
    )
    lease = make_vacancy(org.committee)
    api.force_authenticate(coordinator)
    response = api.get(reverse("matching-api:why_not", args=[made.pk]), {"head_lease": lease.pk})
    assert response.data["proposed"] is False
    assert response.data["rules"] == ["wheelchair"]


def test_declining_through_the_api_takes_a_catalogue_code(
    api, org, social_worker_a, coordinator
) -> None:
    made = offer(
        coordinator,
        make_request(social_worker_a, make_client(org.unit_a), org.committee),
        make_vacancy(org.committee),
        timezone.localdate(),
    )
    api.force_authenticate(social_worker_a)
    response = api.post(
        reverse("matching-api:offer_decline", args=[made.pk]),
        {"reason": "household_rent"},
        format="json",
    )
    assert response.status_code == 200
    assert response.data["declined_by"] == "household"
    assert HousingRequest.objects.get().status == HousingRequest.Status.WAITING


def test_the_other_unit_sees_none_of_unit_as_requests_or_offers(
    api, org, social_worker_a, social_worker_b, coordinator
) -> None:
    made = make_request(social_worker_a, make_client(org.unit_a), org.committee)
    offer(coordinator, made, make_vacancy(org.committee), timezone.localdate())
    api.force_authenticate(social_worker_b)
    assert api.get(reverse("matching-api:request_list")).data["count"] == 0
    assert api.get(reverse("matching-api:offer_list")).data["count"] == 0
    assert api.get(reverse("matching-api:request_detail", args=[made.pk])).status_code == 403
    assert api.get(reverse("matching-api:vacancy_list")).status_code == 403


@pytest.mark.parametrize("persona", ["manager", "finance", "committee_reader", "adviser"])
def test_roles_without_matching_get_nothing(api, request, persona) -> None:
    api.force_authenticate(request.getfixturevalue(persona))
    assert api.get(reverse("matching-api:request_list")).status_code == 403
    assert api.get(reverse("matching-api:offer_list")).status_code == 403


def test_figures_through_the_api(api, org, social_worker_a, manager) -> None:
    make_request(
        social_worker_a, make_client(org.unit_a), org.committee, received_on=date(2024, 2, 1)
    )
    api.force_authenticate(manager)
    response = api.get(reverse("matching-api:figures"), {"year": 2024})
    assert response.status_code == 200
    assert response.data["rows"][-1]["requests_received"]["count"] == 1


def test_the_schema_describes_the_matching_api(tmp_path) -> None:  # type: ignore[no-untyped-def]
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml")
    )
    text = (tmp_path / "schema.yaml").read_text()
    assert "/api/v1/matching/offers/create/" in text
    assert "/api/v1/matching/vacancies/{head_lease_id}/proposals/" in text
