"""Search from anywhere: a personnummer in any common form, a name, a number, an address; limited
to what the user may see, grouped by kind, audited as a list read; short queries refused."""

from typing import Any

import pytest
from django.urls import reverse

from bosam.audit.models import AuditAction, AuditEvent
from bosam.core.search_terms import clean_query
from bosam.households.tests.overview_fixtures import FullHousehold, full_household
from bosam.testing import Org


@pytest.fixture
def full(org: Org, coordinator: Any, prevention_caseworker: Any, adviser: Any) -> FullHousehold:
    return full_household(
        org, coordinator=coordinator, prevention_caseworker=prevention_caseworker, adviser=adviser
    )


def _search(client: Any, user: Any, q: str) -> str:
    client.force_login(user)
    response = client.get(reverse("core:search"), {"q": q})
    assert response.status_code == 200
    return str(response.content.decode())


@pytest.mark.nodb
def test_a_query_is_cleaned_of_control_characters_and_needs_three_letters_or_digits() -> None:
    assert clean_query("  Anna\x00 \tAnd ") == "Anna And"
    assert clean_query("ab") == ""
    assert clean_query("a-b") == ""
    assert clean_query("\x00\x01") == ""
    assert clean_query("850") == "850"


@pytest.mark.django_db
@pytest.mark.parametrize("form", ["twelve", "ten_with_dash", "twelve_with_dash", "ten"])
def test_the_coordinator_finds_a_household_by_personnummer_in_any_common_form(
    client: Any, full: FullHousehold, coordinator: Any, form: str
) -> None:
    digits = full.applicant.personal_number or ""
    typed = {
        "twelve": digits,
        "ten_with_dash": f"{digits[2:8]}-{digits[8:]}",
        "twelve_with_dash": f"{digits[:8]}-{digits[8:]}",
        "ten": digits[2:],
    }[form]
    page = _search(client, coordinator, typed)
    assert reverse("households:person_detail", args=[full.applicant.pk]) in page
    assert reverse("households:household_detail", args=[full.household.pk]) in page


@pytest.mark.django_db
def test_a_social_worker_of_another_unit_finds_nothing_of_the_household(
    client: Any, full: FullHousehold, social_worker_b: Any
) -> None:
    page = _search(client, social_worker_b, full.applicant.personal_number or "")
    assert reverse("households:household_detail", args=[full.household.pk]) not in page
    assert reverse("households:person_detail", args=[full.applicant.pk]) not in page
    assert "Inget hittades" in page


@pytest.mark.django_db
def test_name_contract_request_and_case_numbers_are_found_grouped_by_kind(
    client: Any, full: FullHousehold, coordinator: Any
) -> None:
    page = _search(client, coordinator, "Överbl")
    assert 'data-kind="person"' in page
    assert 'data-kind="household"' in page
    page = _search(client, coordinator, full.sublet.number)
    assert reverse("tenancies:sublet_detail", args=[full.sublet.pk]) in page
    page = _search(client, coordinator, full.request.reference)
    assert reverse("matching:request_detail", args=[full.request.pk]) in page
    page = _search(client, coordinator, full.advice_case.reference)
    assert reverse("advice:case_detail", args=[full.advice_case.pk]) in page
    page = _search(client, coordinator, full.sublet.head_lease.number)
    assert reverse("properties:head_lease_detail", args=[full.sublet.head_lease_id]) in page


@pytest.mark.django_db
def test_a_landlord_is_found_by_name_and_organisation_number(
    client: Any, full: FullHousehold, coordinator: Any
) -> None:
    landlord = full.sublet.apartment.landlord
    url = reverse("properties:landlord_detail", args=[landlord.pk])
    assert url in _search(client, coordinator, landlord.name[:5])
    orgnr = f"{landlord.org_number[:6]}-{landlord.org_number[6:]}"
    assert url in _search(client, coordinator, orgnr)


@pytest.mark.django_db
def test_a_query_of_two_characters_is_refused_with_a_message_not_run(
    client: Any, coordinator: Any
) -> None:
    page = _search(client, coordinator, "An")
    assert "Skriv minst tre bokstäver eller siffror." in page
    client.force_login(coordinator)
    response = client.get("/api/v1/search/", {"q": "An"})
    assert response.status_code == 400
    assert response.json()["code"] == "query_too_short"


@pytest.mark.django_db
def test_an_ill_formed_personnummer_is_searched_as_text_without_an_error(
    client: Any, full: FullHousehold, coordinator: Any
) -> None:
    page = _search(client, coordinator, "850312-12\x00")
    assert "Inget hittades" in page or "träff" in page


@pytest.mark.django_db
def test_search_is_audited_as_a_list_read_of_each_hit(
    client: Any, full: FullHousehold, coordinator: Any
) -> None:
    _search(client, coordinator, full.applicant.personal_number or "")
    assert AuditEvent.objects.filter(
        actor=coordinator, action=AuditAction.LIST, person_id=full.applicant.pk
    ).exists()


@pytest.mark.django_db
def test_the_api_answers_the_same_groups(
    client: Any, full: FullHousehold, coordinator: Any
) -> None:
    client.force_login(coordinator)
    response = client.get("/api/v1/search/", {"q": full.applicant.personal_number})
    assert response.status_code == 200
    kinds = {g["kind"] for g in response.json()["groups"]}
    assert {"person", "household"} <= kinds


@pytest.mark.django_db
def test_every_page_has_the_search_field_in_its_header(client: Any, coordinator: Any) -> None:
    client.force_login(coordinator)
    page = client.get(reverse("core:home")).content.decode()
    assert 'id="header-search-q"' in page
