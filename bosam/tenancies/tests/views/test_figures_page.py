from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bosam.tenancies.tests.factories import make_client, make_head_lease, place

pytestmark = pytest.mark.django_db


def _queries(client) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("tenancies:figures"), {"ar": 2022}).status_code == 200
    return len(queries)


def _leases_with_sublets(org, coordinator, n: int) -> None:  # type: ignore[no-untyped-def]
    for i in range(n):
        lease = make_head_lease(org.committee, start=date(2021, 1, 1))
        # a gap before the sublet (vacancy in 2022) and the sublet's start (a placement)
        place(coordinator, make_client(org.unit_a, f"P{i}"), lease, start=date(2022, 3, 1 + i))


def test_the_figures_page_query_count_does_not_grow_with_sublets(
    client, org, coordinator, manager, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(manager)
    _leases_with_sublets(org, coordinator, 2)
    few = _queries(client)
    _leases_with_sublets(org, coordinator, 12)
    assert _queries(client) == few
    with django_assert_max_num_queries(25):
        client.get(reverse("tenancies:figures"), {"ar": 2022})
