"""Issue 21, item 7: a search could list the population (`q=%00` on the persons API returned
every person). Every search now goes through `bosam.core.search_terms.clean_query`, and a
search answers with one page: more matches need a narrower term."""

from datetime import date

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from bosam.households.models import HouseholdMember
from bosam.households.tests.factories import make_household, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(org):  # type: ignore[no-untyped-def]
    """Sixty households of the Andersson family, one person each."""
    people = [
        make_person("Anna", "Andersson", date(1960 + n % 40, 1 + n % 12, 1 + n % 28))
        for n in range(60)
    ]
    for person in people:
        make_household(org.unit_a, (person, HouseholdMember.Relation.APPLICANT))
    return people


def _api(user) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize("typed", ["\x00", "%00", "\x00\x00\x00", " a ", "--"])
def test_a_term_that_is_no_search_lists_nobody_through_the_api(
    coordinator, register, typed
) -> None:  # type: ignore[no-untyped-def]
    for name in ("person_list", "household_list"):
        response = _api(coordinator).get(reverse(f"households-api:{name}"), {"q": typed})
        assert response.status_code == 200
        assert response.json()["results"] == [], name


@pytest.mark.parametrize("typed", ["\x00", "ab"])
def test_a_term_that_is_no_search_lists_nobody_on_the_pages(
    client, coordinator, register, typed
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(coordinator)
    persons = client.get(reverse("households:person_list"), {"q": typed}).content.decode()
    households = client.get(reverse("households:household_list"), {"q": typed}).content.decode()
    assert "Andersson" not in persons
    assert "Andersson" not in households


def test_a_search_answers_with_one_page_and_no_way_to_the_next(coordinator, register) -> None:  # type: ignore[no-untyped-def]
    # when a client asks for everything at once, or for the second page
    api = _api(coordinator)
    url = reverse("households-api:person_list")
    everything = api.get(url, {"q": "andersson", "limit": "1000"}).json()
    second = api.get(url, {"q": "andersson", "offset": "50"}).json()
    # then it gets the first fifty, told how many matched, and no next page
    assert len(everything["results"]) == 50
    assert everything["count"] == 60
    assert everything["next"] is None
    assert [p["id"] for p in second["results"]] == [p["id"] for p in everything["results"]]


def test_the_person_search_page_asks_for_a_narrower_term_past_one_page(
    client, coordinator, register
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(coordinator)
    page = client.get(reverse("households:person_list"), {"q": "andersson"}).content.decode()
    assert page.count("Anna Andersson") == 50
    assert "Skriv en mer precis sökning" in page


def test_a_search_by_member_on_the_household_list_has_one_page(
    client, coordinator, register
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(coordinator)
    page = client.get(
        reverse("households:household_list"), {"q": "andersson", "page": 2}
    ).content.decode()
    assert page.count("Anna Andersson") == 50
    assert 'rel="next"' not in page
