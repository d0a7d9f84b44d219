"""Query discipline: a register detail page runs as many SQL queries for a landlord, apartment or
head lease with one related row as for one with many.

Each test opens the small record once to warm per-process caches, counts its queries, and asserts
the large record's page runs exactly as many (`django_assert_num_queries`). Timing belongs to the
benchmarks (bench/), not here.
"""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from bosam.properties.models import Apartment, EndReason, HeadLease, Landlord, LandlordContact
from bosam.properties.tests.factories import make_apartment, make_head_lease, make_landlord
from bosam.tenancies.tests.factories import make_client, place
from bosam.testing import page_query_count

pytestmark = pytest.mark.django_db


def _history(org, apartment: Apartment, leases: int, by) -> list[HeadLease]:  # type: ignore[no-untyped-def]
    """`leases` head leases one after another on the apartment, each sublet to a household; all
    but the last ended with a reason."""
    reason = EndReason.objects.first()
    made = []
    start = date(2015, 1, 1)
    for i in range(leases):
        last = i == leases - 1
        end = None if last else start + timedelta(days=300)
        lease = make_head_lease(
            apartment, org.committee if i % 2 else org.other_committee, start, end
        )
        place(by, make_client(org.unit_a), lease, start=start + timedelta(days=30), end=end)
        if not last:
            HeadLease.objects.filter(pk=lease.pk).update(end_reason=reason)
        made.append(lease)
        start += timedelta(days=365)
    return made


def _contacts(landlord: Landlord, count: int) -> None:
    for i in range(count):
        LandlordContact.objects.create(
            landlord=landlord, name=f"Kontakt {i}", title="Förvaltare", phone="011-12 34 56"
        )


def test_landlord_detail_queries_do_not_grow_with_apartments_leases_and_contacts(
    client, org, coordinator, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    small = make_landlord("Liten Värd AB")
    _history(org, make_apartment(small), 1, coordinator)
    _contacts(small, 1)
    large = make_landlord("Stor Värd AB")
    for _ in range(10):
        _history(org, make_apartment(large), 3, coordinator)
    _contacts(large, 6)
    client.force_login(coordinator)
    page_query_count(client, reverse("properties:landlord_detail", args=[small.pk]))
    few = page_query_count(client, reverse("properties:landlord_detail", args=[small.pk]))
    with django_assert_num_queries(few):
        client.get(reverse("properties:landlord_detail", args=[large.pk]))


def test_apartment_detail_queries_do_not_grow_with_leases_and_sublets(
    client, org, coordinator, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    small = make_apartment()
    _history(org, small, 1, coordinator)
    large = make_apartment()
    _history(org, large, 8, coordinator)
    client.force_login(coordinator)
    page_query_count(client, reverse("properties:apartment_detail", args=[small.pk]))
    few = page_query_count(client, reverse("properties:apartment_detail", args=[small.pk]))
    with django_assert_num_queries(few):
        client.get(reverse("properties:apartment_detail", args=[large.pk]))


def test_head_lease_detail_queries_do_not_grow_with_the_apartments_history(
    client, org, coordinator, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    (small,) = _history(org, make_apartment(), 1, coordinator)
    large = _history(org, make_apartment(), 8, coordinator)[-1]
    client.force_login(coordinator)
    page_query_count(client, reverse("properties:head_lease_detail", args=[small.pk]))
    few = page_query_count(client, reverse("properties:head_lease_detail", args=[small.pk]))
    with django_assert_num_queries(few):
        client.get(reverse("properties:head_lease_detail", args=[large.pk]))


@pytest.mark.parametrize(
    "url_name",
    ["properties:head_lease_list", "properties:apartment_list", "properties:landlord_list"],
)
def test_list_queries_do_not_grow_with_rows(
    client, org, coordinator, url_name, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    _history(org, make_apartment(), 1, coordinator)
    client.force_login(coordinator)
    url = reverse(url_name)
    page_query_count(client, url)
    few = page_query_count(client, url)
    for _ in range(4):
        landlord = make_landlord()
        _contacts(landlord, 2)
        for size in (1, 2, 3):
            _history(org, make_apartment(landlord), size, coordinator)
    with django_assert_num_queries(few):
        client.get(url)
