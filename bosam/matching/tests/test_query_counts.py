"""Query discipline: the matching pages run as many SQL queries for one row as for many.

Each test opens the small case once to warm per-process caches, counts its queries, and asserts
the large case runs exactly as many (`django_assert_num_queries`). Timing belongs to the
benchmarks (bench/), not here.
"""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from bosam.households.models import Household, HouseholdMember
from bosam.households.tests.factories import make_person
from bosam.matching import services
from bosam.matching.models import HousingRequest, Offer
from bosam.matching.tests.factories import make_client, make_request, make_vacancy, offer, reason
from bosam.properties.models import HeadLease
from bosam.testing import page_query_count

pytestmark = pytest.mark.django_db


def _household(unit, members: int) -> Household:  # type: ignore[no-untyped-def]
    household = make_client(unit, f"Sökande{members}")
    for i in range(members - 1):
        HouseholdMember.objects.create(
            household=household,
            person=make_person(f"Barn{i}", "Andersson", date(2014, 1, 1) + timedelta(days=i)),
            relation=HouseholdMember.Relation.CHILD,
            start_date=date(2020, 1, 1),
        )
    return household


def _roomy(org) -> HeadLease:  # type: ignore[no-untyped-def]
    """A vacancy large enough for any household these tests make."""
    return make_vacancy(org.committee, rooms="4 rok", room_count=4)


def _declined_request(org, social_worker, coordinator, size: int) -> HousingRequest:  # type: ignore[no-untyped-def]
    """A waiting request of a household of `size` people that has said no to `size` offers."""
    made = make_request(
        social_worker, _household(org.unit_a, size), org.committee, household_size=size
    )
    today = timezone.localdate()
    for _ in range(size):
        given = offer(coordinator, made, _roomy(org), today)
        services.offer_decline(offer=given, answered_by=social_worker, reason=reason(), today=today)
    made.refresh_from_db()
    return made


def _vacancies(org, count: int) -> None:  # type: ignore[no-untyped-def]
    """Vacancies of every fit: some proposed, some too small for a large household."""
    for i in range(count):
        make_vacancy(
            org.committee,
            district=("Hageby", "Ljura", "Centrum")[i % 3],
            rooms=f"{1 + i % 4} rok",
            room_count=1 + i % 4,
        )


@pytest.mark.parametrize("persona", ["coordinator", "social_worker_a"])
def test_request_detail_queries_do_not_grow_with_offers_members_and_vacancies(
    client, request, org, social_worker_a, coordinator, persona, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    small = _declined_request(org, social_worker_a, coordinator, 1)
    _vacancies(org, 1)
    client.force_login(request.getfixturevalue(persona))
    page_query_count(client, reverse("matching:request_detail", args=[small.pk]))
    few = page_query_count(client, reverse("matching:request_detail", args=[small.pk]))
    large = _declined_request(org, social_worker_a, coordinator, 6)
    _vacancies(org, 12)
    with django_assert_num_queries(few):
        client.get(reverse("matching:request_detail", args=[large.pk]))


@pytest.mark.parametrize("persona", ["coordinator", "social_worker_a"])
def test_offer_detail_queries_do_not_grow_with_members_and_earlier_offers(
    client, request, org, social_worker_a, coordinator, persona, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    small = offer(
        coordinator,
        _declined_request(org, social_worker_a, coordinator, 1),
        _roomy(org),
        today,
    )
    large = offer(
        coordinator,
        _declined_request(org, social_worker_a, coordinator, 7),
        _roomy(org),
        today,
    )
    client.force_login(request.getfixturevalue(persona))
    page_query_count(client, reverse("matching:offer_detail", args=[small.pk]))
    few = page_query_count(client, reverse("matching:offer_detail", args=[small.pk]))
    with django_assert_num_queries(few):
        client.get(reverse("matching:offer_detail", args=[large.pk]))


def test_answered_offer_detail_queries_do_not_grow_with_members(
    client, org, social_worker_a, coordinator, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    small = Offer.objects.filter(
        request=_declined_request(org, social_worker_a, coordinator, 1)
    ).get()
    large = Offer.objects.filter(
        request=_declined_request(org, social_worker_a, coordinator, 7)
    ).first()
    assert large is not None
    client.force_login(coordinator)
    page_query_count(client, reverse("matching:offer_detail", args=[small.pk]))
    few = page_query_count(client, reverse("matching:offer_detail", args=[small.pk]))
    with django_assert_num_queries(few):
        client.get(reverse("matching:offer_detail", args=[large.pk]))


@pytest.mark.parametrize("persona", ["coordinator", "social_worker_a"])
def test_request_and_offer_lists_queries_do_not_grow_with_rows(
    client, request, org, social_worker_a, coordinator, persona, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    def more(count: int) -> None:
        for i in range(count):
            made = _declined_request(org, social_worker_a, coordinator, 1 + i % 3)
            offer(coordinator, made, _roomy(org), timezone.localdate())

    more(1)
    client.force_login(request.getfixturevalue(persona))
    urls = [reverse("matching:request_list"), reverse("matching:offer_list")]
    for url in urls:
        page_query_count(client, url)
    few = [page_query_count(client, url) for url in urls]
    more(8)
    with django_assert_num_queries(few[0]):
        client.get(reverse("matching:request_list"))
    with django_assert_num_queries(few[1]):
        client.get(reverse("matching:offer_list"))


def test_vacancy_detail_queries_do_not_grow_with_requests(
    client, org, social_worker_a, coordinator, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    lease = make_vacancy(org.committee, district="Hageby")

    def more(count: int, first: int) -> None:
        for n in range(first, first + count):
            make_request(
                social_worker_a,
                _household(org.unit_a, 1 + n % 3),
                org.committee,
                received_on=date(2024, 1, 1) + timedelta(days=n),
                household_size=1 + n % 3 if n % 4 else 7,
            )

    more(1, 0)
    client.force_login(coordinator)
    url = reverse("matching:vacancy_detail", args=[lease.pk])
    page_query_count(client, url)
    few = page_query_count(client, url)
    more(10, 1)
    with django_assert_num_queries(few):
        client.get(url)
