from datetime import date

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from bosam.audit.models import AuditAction, AuditEvent
from bosam.properties.models import Apartment, HeadLease, Landlord
from bosam.properties.tests.factories import make_apartment, make_head_lease, make_landlord

pytestmark = pytest.mark.django_db

BASE = "/api/v1/properties"


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def test_a_landlord_an_apartment_and_an_agreement_through_the_api(api, coordinator, org) -> None:  # type: ignore[no-untyped-def]
    api.force_authenticate(coordinator)
    landlord = api.post(
        f"{BASE}/landlords/create/",
        {"name": "Ström AB", "org_number": "556677-8899"},
        format="json",
    )
    assert landlord.status_code == 201
    assert landlord.json()["org_number"] == "5566778899"
    apartment = api.post(
        f"{BASE}/apartments/create/",
        {
            "landlord": landlord.json()["id"],
            "landlord_object_number": "A-1",
            "street_address": "Hagebygatan 3",
            "apartment_number": "1102",
            "town": "Norrköping",
            "rooms": "2 rok",
            "room_count": 2,
            "living_area": "54.5",
        },
        format="json",
    )
    assert apartment.status_code == 201
    assert apartment.json()["floor"] == 1
    lease = api.post(
        f"{BASE}/head-leases/create/",
        {
            "apartment": apartment.json()["id"],
            "start_date": "2024-03-01",
            "monthly_rent": "6500.00",
            "committee": org.committee.pk,
            "usage": "supported_housing",
        },
        format="json",
    )
    assert lease.status_code == 201
    body = lease.json()
    assert (body["number"], body["status"], body["on_reused_object"]) == (
        "2024-0001",
        "active",
        False,
    )
    ended = api.post(
        f"{BASE}/head-leases/{body['id']}/end/",
        {"end_date": "2026-06-30", "reason": "tenant_took_over", "notice_given_on": "2026-03-10"},
        format="json",
    )
    assert ended.status_code == 200
    assert ended.json()["end_reason"] == "tenant_took_over"
    # every write was audited, as from the pages
    written = set(AuditEvent.objects.filter(actor=coordinator).values_list("object_type", "action"))
    assert {
        ("properties.landlord", AuditAction.CREATE),
        ("properties.apartment", AuditAction.CREATE),
        ("properties.headlease", AuditAction.CREATE),
        ("properties.headlease", AuditAction.UPDATE),
    } <= written


def test_an_overlap_is_refused_with_message_code_and_field(api, coordinator, org) -> None:  # type: ignore[no-untyped-def]
    apartment = make_apartment()
    make_head_lease(apartment, org.committee, date(2023, 1, 1))
    api.force_authenticate(coordinator)
    response = api.post(
        f"{BASE}/head-leases/create/",
        {
            "apartment": apartment.pk,
            "start_date": "2024-03-01",
            "monthly_rent": "6500",
            "committee": org.committee.pk,
            "usage": "emergency",
        },
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "overlapping_lease"
    assert body["extra"]["field"] == "start_date"
    assert "överlappa" in body["message"]


def test_an_invalid_org_number_is_refused_in_swedish(api, coordinator) -> None:  # type: ignore[no-untyped-def]
    api.force_authenticate(coordinator)
    response = api.post(
        f"{BASE}/landlords/create/", {"name": "X", "org_number": "5566778898"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_org_number"
    assert not Landlord.objects.exists()


def test_lists_and_details_filter_like_the_pages(api, manager, org) -> None:  # type: ignore[no-untyped-def]
    old = make_head_lease(
        make_apartment(district="Hageby"), org.committee, date(2019, 1, 1), date(2020, 1, 1)
    )
    new = make_head_lease(make_apartment(district="Ljura"), org.committee, date(2024, 1, 1))
    api.force_authenticate(manager)
    active = api.get(f"{BASE}/head-leases/", {"status": "active"}).json()
    assert [row["number"] for row in active["results"]] == [new.number]
    ended = api.get(f"{BASE}/head-leases/", {"status": "ended"}).json()
    assert [row["number"] for row in ended["results"]] == [old.number]
    apartments = api.get(f"{BASE}/apartments/", {"district": "Ljura"}).json()
    assert [row["id"] for row in apartments["results"]] == [new.apartment_id]
    detail = api.get(f"{BASE}/landlords/{new.landlord_id}/").json()
    assert detail["contacts"] == []
    assert api.get(f"{BASE}/head-leases/{new.pk}/").json()["on_reused_object"] is False


@pytest.mark.parametrize("persona", ["adviser", "social_worker_a", "sysadmin", "committee_reader"])
def test_roles_without_register_access_get_nothing(api, request, org, persona) -> None:  # type: ignore[no-untyped-def]
    lease = make_head_lease(make_apartment(), org.committee, date(2023, 1, 1))
    api.force_authenticate(request.getfixturevalue(persona))
    for url in [
        f"{BASE}/landlords/",
        f"{BASE}/apartments/",
        f"{BASE}/head-leases/",
        f"{BASE}/head-leases/{lease.pk}/",
    ]:
        assert api.get(url).status_code == 403, url


@pytest.mark.parametrize("persona", ["manager", "finance", "prevention_caseworker"])
def test_readers_cannot_write_through_the_api(api, request, org, persona) -> None:  # type: ignore[no-untyped-def]
    lease = make_head_lease(make_apartment(), org.committee, date(2023, 1, 1))
    api.force_authenticate(request.getfixturevalue(persona))
    assert api.get(f"{BASE}/head-leases/").status_code == 200
    refused = api.post(
        f"{BASE}/head-leases/{lease.pk}/end/",
        {"end_date": "2026-06-30", "reason": "returned_to_landlord"},
        format="json",
    )
    assert refused.status_code == 403
    lease.refresh_from_db()
    assert lease.end_date is None
    assert api.post(f"{BASE}/landlords/create/", {}, format="json").status_code == 403
    assert not Apartment.objects.exclude(pk=lease.apartment_id).exists()
    assert HeadLease.objects.count() == 1


def test_an_anonymous_caller_is_refused(api, org) -> None:  # type: ignore[no-untyped-def]
    make_landlord()
    assert api.get(f"{BASE}/landlords/").status_code in (401, 403)


def test_the_register_is_in_the_openapi_schema(tmp_path) -> None:  # type: ignore[no-untyped-def]
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yaml"))
    schema = (tmp_path / "s.yaml").read_text()
    for path in ["landlords/create/", "apartments/", "head-leases/{head_lease_id}/end/"]:
        assert f"/api/v1/properties/{path}" in schema
