"""The sublet list's search: a member's name or number, the address or the contract number."""

from datetime import date

import pytest
from django.utils import timezone

from bosam.households.models import HouseholdMember
from bosam.households.tests.factories import make_household, make_person
from bosam.tenancies.selectors.sublets import SubletFilters, sublet_list
from bosam.tenancies.tests.factories import make_apartment, make_head_lease, place

pytestmark = pytest.mark.django_db


def _search(user, text: str) -> set[str]:  # type: ignore[no-untyped-def]
    found = sublet_list(user=user, filters=SubletFilters(query=text), today=timezone.localdate())
    return {s.number for s in found}


def test_each_way_of_searching_finds_the_sublet_and_no_other(org, coordinator) -> None:  # type: ignore[no-untyped-def]
    child = make_person("Vera", "Lind", birth_date=date(2016, 7, 1))
    household = make_household(
        org.unit_a,
        (make_person("Sara", "Lind", birth_date=date(1990, 2, 3)), "applicant"),
        (child, HouseholdMember.Relation.CHILD),
    )
    lease = make_head_lease(org.committee, apartment=make_apartment(street="Ljuragatan 7"))
    wanted = place(coordinator, household, lease)
    other = place(
        coordinator,
        make_household(org.unit_a, (make_person("Olof", "Berg"), "applicant")),
        make_head_lease(org.committee),
    )
    for text in ["lind", "vera lind", "20160701", "ljuragatan", wanted.number]:
        assert _search(coordinator, text) == {wanted.number}, text
    assert _search(coordinator, "berg") == {other.number}
    assert _search(coordinator, "ingen sådan") == set()


def test_a_social_worker_finds_only_her_units_sublets(org, coordinator, social_worker_b) -> None:  # type: ignore[no-untyped-def]
    household = make_household(org.unit_a, (make_person("Sara", "Lind"), "applicant"))
    place(coordinator, household, make_head_lease(org.committee))
    assert _search(social_worker_b, "lind") == set()
