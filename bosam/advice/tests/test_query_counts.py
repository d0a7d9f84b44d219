"""Query discipline: the advice pages run as many SQL queries for one row as for many.

Each test opens the small case once to warm per-process caches, counts its queries, and asserts
the large case runs exactly as many (`django_assert_num_queries`). Timing belongs to the
benchmarks (bench/), not here.
"""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from bosam.advice.catalogues import CATALOGUES
from bosam.advice.models import AdviceCase, AdviceKind, DigitalHelpKind, ReferralTarget
from bosam.advice.tests.factories import close, record_contact, refer, register_case
from bosam.households.tests.factories import make_person
from bosam.testing import page_query_count

pytestmark = pytest.mark.django_db


def _returning_person_case(adviser, size: int) -> AdviceCase:  # type: ignore[no-untyped-def]
    """An open case of a person with `size` earlier (closed) cases, and `size` contacts (each with
    several kinds of advice and digital help) and referrals."""
    person = make_person(f"Återkommande{size}", "Rådsson")
    advice = tuple(AdviceKind.objects.values_list("code", flat=True)[:3])
    digital = tuple(DigitalHelpKind.objects.values_list("code", flat=True)[:2])
    targets = list(ReferralTarget.objects.values_list("code", flat=True))
    start = date(2023, 1, 2)
    for i in range(size):
        earlier = register_case(
            adviser, personal_number=person.formatted_number, received_on=start + timedelta(i)
        )
        record_contact(earlier, adviser)
        close(earlier, adviser)
    case = register_case(adviser, personal_number=person.formatted_number)
    for i in range(size):
        record_contact(case, adviser, minutes=15 + i, advice=advice, digital=digital)
        refer(case, adviser, targets[i % len(targets)])
    return case


def test_case_detail_queries_do_not_grow_with_contacts_referrals_and_earlier_cases(
    client, adviser, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    small = _returning_person_case(adviser, 1)
    large = _returning_person_case(adviser, 8)
    client.force_login(adviser)
    page_query_count(client, reverse("advice:case_detail", args=[small.pk]))
    few = page_query_count(client, reverse("advice:case_detail", args=[small.pk]))
    with django_assert_num_queries(few):
        client.get(reverse("advice:case_detail", args=[large.pk]))


def test_case_list_queries_do_not_grow_with_rows(
    client, adviser, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    _returning_person_case(adviser, 1)
    register_case(adviser)
    client.force_login(adviser)
    url = reverse("advice:case_list")
    page_query_count(client, url)
    few = page_query_count(client, url)
    for size in (2, 3, 4):
        _returning_person_case(adviser, size)
    for _ in range(6):
        register_case(adviser)
    with django_assert_num_queries(few):
        client.get(url)


def test_catalogue_index_queries_do_not_grow_with_entries(
    client, sysadmin, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(sysadmin)
    url = reverse("advice:catalogue_index")
    page_query_count(client, url)
    few = page_query_count(client, url)
    for slug, (model, _title) in CATALOGUES.items():
        for i in range(10):
            model._default_manager.create(
                code=f"{slug}-extra-{i}", name=f"Extra {i}", active=bool(i % 2)
            )
    with django_assert_num_queries(few):
        client.get(url)
