"""Records flow both ways: a sublet links its object, head lease and landlord; a head lease lists
its sublets, past and current (only those the reader may see); a landlord lists its objects."""

from typing import Any

import pytest
from django.urls import reverse

from bosam.households.tests.overview_fixtures import FullHousehold, full_household
from bosam.testing import Org


@pytest.fixture
def full(org: Org, coordinator: Any, prevention_caseworker: Any, adviser: Any) -> FullHousehold:
    return full_household(
        org, coordinator=coordinator, prevention_caseworker=prevention_caseworker, adviser=adviser
    )


@pytest.mark.django_db
def test_a_sublet_links_its_object_head_lease_and_landlord(
    client: Any, full: FullHousehold, coordinator: Any
) -> None:
    client.force_login(coordinator)
    sublet = full.sublet
    page = client.get(reverse("tenancies:sublet_detail", args=[sublet.pk])).content.decode()
    assert reverse("properties:apartment_detail", args=[sublet.apartment_id]) in page
    assert reverse("properties:head_lease_detail", args=[sublet.head_lease_id]) in page
    assert reverse("properties:landlord_detail", args=[sublet.apartment.landlord_id]) in page


@pytest.mark.django_db
def test_a_social_worker_without_the_register_sees_the_sublets_object_unlinked(
    client: Any, full: FullHousehold, social_worker_a: Any
) -> None:
    client.force_login(social_worker_a)
    sublet = full.sublet
    page = client.get(reverse("tenancies:sublet_detail", args=[sublet.pk])).content.decode()
    assert str(sublet.apartment.street_address) in page
    assert reverse("properties:head_lease_detail", args=[sublet.head_lease_id]) not in page


@pytest.mark.django_db
def test_a_head_lease_lists_its_sublets_past_and_current(
    client: Any, full: FullHousehold, coordinator: Any, finance: Any
) -> None:
    # given a head lease with a sublet under it
    lease_url = reverse("properties:head_lease_detail", args=[full.sublet.head_lease_id])
    sublet_url = reverse("tenancies:sublet_detail", args=[full.sublet.pk])
    # when the coordinator reads it, then the sublet is listed and linked
    client.force_login(coordinator)
    assert sublet_url in client.get(lease_url).content.decode()
    # and the finance officer (register, no personal data) sees the lease without the sublet
    client.force_login(finance)
    response = client.get(lease_url)
    assert response.status_code == 200
    assert sublet_url not in response.content.decode()


@pytest.mark.django_db
def test_a_landlord_lists_its_objects(client: Any, full: FullHousehold, coordinator: Any) -> None:
    client.force_login(coordinator)
    apartment = full.sublet.apartment
    page = client.get(
        reverse("properties:landlord_detail", args=[apartment.landlord_id])
    ).content.decode()
    assert reverse("properties:apartment_detail", args=[apartment.pk]) in page
