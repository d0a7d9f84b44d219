"""Query discipline: a page runs the same number of SQL queries for 3 rows as for 30.

Each test opens the page once to warm per-process caches, counts the queries with a few rows,
adds many more, and asserts the count did not move, under a ceiling that catches a regression
(`django_assert_max_num_queries`). Timing belongs to the benchmarks (bench/), not here.
"""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from bosam.households.models import Household, HouseholdMember, Person
from bosam.households.tests.factories import make_household, make_person
from bosam.testing import page_query_count

pytestmark = pytest.mark.django_db

CEILING = 16


def _households(unit, count: int, surname: str = "Lind") -> list[Household]:  # type: ignore[no-untyped-def]
    made = []
    for i in range(count):
        adult = make_person(f"Vuxen{i}", surname, date(1980, 1, 1) + timedelta(days=i))
        child = make_person(f"Barn{i}", surname, date(2018, 1, 1) + timedelta(days=i))
        made.append(
            make_household(
                unit,
                (adult, HouseholdMember.Relation.APPLICANT),
                (child, HouseholdMember.Relation.CHILD),
            )
        )
    return made


def test_person_search_queries_do_not_grow_with_hits(
    client, org, coordinator, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    _households(org.unit_a, 2)
    client.force_login(coordinator)
    url = reverse("households:person_list")
    page_query_count(client, url, {"q": "Lind"})
    few = page_query_count(client, url, {"q": "Lind"})
    _households(org.unit_a, 15)
    with django_assert_max_num_queries(CEILING):
        many = page_query_count(client, url, {"q": "Lind"})
    assert many == few


def test_scoped_person_search_queries_do_not_grow_with_hits(
    client, org, social_worker_a, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    _households(org.unit_a, 2)
    client.force_login(social_worker_a)
    url = reverse("households:person_list")
    page_query_count(client, url, {"q": "1980"})
    few = page_query_count(client, url, {"q": "1980"})
    _households(org.unit_a, 15)
    _households(org.unit_b, 5)
    with django_assert_max_num_queries(CEILING):
        many = page_query_count(client, url, {"q": "1980"})
    assert many == few


def test_scoped_household_list_queries_do_not_grow_with_rows(
    client, org, social_worker_a, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    _households(org.unit_a, 2)
    client.force_login(social_worker_a)
    url = reverse("households:household_list")
    page_query_count(client, url)
    few = page_query_count(client, url)
    _households(org.unit_a, 30)
    with django_assert_max_num_queries(CEILING):
        many = page_query_count(client, url)
    assert many == few


def test_household_detail_queries_do_not_grow_with_members(
    client, org, coordinator, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    small, large = _households(org.unit_a, 2)
    today = timezone.localdate()
    for i in range(8):
        person = make_person(f"Barn{i}", "Stor", date(2015, 1, 1) + timedelta(days=i))
        HouseholdMember.objects.create(
            household=large,
            person=person,
            relation=HouseholdMember.Relation.CHILD,
            start_date=today - timedelta(days=400),
            end_date=today - timedelta(days=10) if i % 2 else None,
        )
    client.force_login(coordinator)
    page_query_count(client, reverse("households:household_detail", args=[small.pk]))
    few = page_query_count(client, reverse("households:household_detail", args=[small.pk]))
    with django_assert_max_num_queries(CEILING):
        many = page_query_count(client, reverse("households:household_detail", args=[large.pk]))
    assert many == few


def test_person_detail_queries_do_not_grow_with_households(
    client, org, coordinator, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    person = make_person("Flytt", "Ofta")
    make_household(org.unit_a, (person, HouseholdMember.Relation.APPLICANT))
    client.force_login(coordinator)
    url = reverse("households:person_detail", args=[person.pk])
    page_query_count(client, url)
    few = page_query_count(client, url)
    today = timezone.localdate()
    for i in range(6):
        household = make_household(org.unit_b if i % 2 else org.unit_a)
        HouseholdMember.objects.create(
            household=household,
            person=person,
            relation=HouseholdMember.Relation.APPLICANT,
            start_date=today - timedelta(days=100 * (i + 2)),
            end_date=today - timedelta(days=100 * (i + 1)),
        )
    merged = make_person("Gammal", "Post")
    Person.objects.filter(pk=merged.pk).update(merged_into=person)
    with django_assert_max_num_queries(CEILING):
        many = page_query_count(client, url)
    assert many == few
