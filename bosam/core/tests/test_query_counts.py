"""Query discipline on the start page: with every module's work queue holding one row, then
several, each role's start page runs the same number of SQL queries.

The world is made through the apps' test factories (tests may import any module). The large
world stays under each panel's row limit, so every added row is shown. Timing belongs to the
benchmarks (bench/), not here.
"""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from bosam.advice.tests.factories import register_case
from bosam.households.models import HouseholdMember
from bosam.households.tests.factories import make_household, make_person
from bosam.matching.models import HousingRequest
from bosam.matching.tests.factories import make_request, make_vacancy, offer
from bosam.prevention.tests.factories import personal_number, register
from bosam.properties.tests.factories import make_apartment, make_head_lease
from bosam.tenancies.models import Sublet
from bosam.tenancies.tests.factories import make_client, place
from bosam.tenancies.tests.factories import make_head_lease as make_tenancy_lease
from bosam.testing import page_query_count

pytestmark = pytest.mark.django_db

PERSONAS = [
    "coordinator",
    "prevention_caseworker",
    "adviser",
    "social_worker_a",
    "manager",
    "finance",
    "sysadmin",
    "committee_reader",
]

_serial = iter(range(100, 1000))


def _rows(org, people, count: int) -> None:  # type: ignore[no-untyped-def]
    """`count` rows in every start-page panel: open advice cases, unanswered offers, urgent
    requests, open prevention cases, head leases ending soon, takeovers due, overdue follow-ups,
    sublets ending and vacancies."""
    today = timezone.localdate()
    coordinator, social_worker, adviser, caseworker = people
    for _ in range(count):
        n = next(_serial)
        register_case(adviser, received_on=today - timedelta(days=n % 20))
        waiting = make_request(social_worker, make_client(org.unit_a), org.committee)
        offer(coordinator, waiting, make_vacancy(org.committee), today - timedelta(days=40))
        make_request(
            social_worker,
            make_client(org.unit_a),
            org.committee,
            urgency=HousingRequest.Urgency.ACUTE,
            urgency_reason="Hemlös med barn.",
        )
        adult = make_person(
            "Per", f"Persson{n}", personal_number=personal_number(date(1970, 1, 1), n)
        )
        make_household(
            org.unit_a,
            (adult, HouseholdMember.Relation.APPLICANT),
            (make_person("Barn", f"Persson{n}", date(2016, 1, 1)), HouseholdMember.Relation.CHILD),
        )
        register(
            caseworker,
            adult,
            received_on=today - timedelta(days=10),
            notice_served_on=today - timedelta(days=10),
        )
        make_head_lease(
            make_apartment(), org.committee, date(2020, 1, 1), today + timedelta(days=20)
        )
        sublet = place(
            coordinator,
            make_client(org.unit_a),
            make_tenancy_lease(org.committee),
            start=today - timedelta(days=400),
            end=today + timedelta(days=30),
        )
        Sublet.objects.filter(pk=sublet.pk).update(
            takeover_planned=True, planned_takeover_date=today - timedelta(days=5)
        )
        make_vacancy(org.committee)


@pytest.mark.parametrize("persona", PERSONAS)
def test_start_page_queries_do_not_grow_with_work_queue_rows(
    client,
    request,
    org,
    coordinator,
    social_worker_a,
    adviser,
    prevention_caseworker,
    persona,
    django_assert_num_queries,
) -> None:  # type: ignore[no-untyped-def]
    people = (coordinator, social_worker_a, adviser, prevention_caseworker)
    _rows(org, people, 1)
    client.force_login(request.getfixturevalue(persona))
    url = reverse("core:home")
    page_query_count(client, url)
    few = page_query_count(client, url)
    _rows(org, people, 4)
    with django_assert_num_queries(few):
        client.get(url)
