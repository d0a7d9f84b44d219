"""Issue 21, item 11: pages and exports with personal data are never kept by a browser's or a
proxy's cache (`Cache-Control: no-store`)."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from bosam.accounts.models import User
from bosam.core.export import csv_response, xlsx_response
from bosam.households.tests.factories import make_household, make_person
from bosam.testing import Org

pytestmark = pytest.mark.django_db


def _no_store(cache_control: str) -> bool:
    return "no-store" in [part.strip() for part in cache_control.split(",")]


def test_a_household_page_is_not_cached(client: Client, coordinator: User, org: Org) -> None:
    household = make_household(org.unit_a, (make_person("Anna", "Berg"), "applicant"))
    client.force_login(coordinator)
    response = client.get(reverse("households:household_detail", args=[household.pk]))
    assert response.status_code == 200
    assert _no_store(response["Cache-Control"])


def test_every_page_of_a_signed_in_user_is_not_cached(client: Client, coordinator: User) -> None:
    client.force_login(coordinator)
    for name in ("core:home", "households:household_list", "households:person_list"):
        assert _no_store(client.get(reverse(name))["Cache-Control"]), name


def test_an_api_response_to_a_token_is_not_cached(coordinator: User) -> None:
    api = APIClient()
    api.force_authenticate(coordinator)
    response = api.get(reverse("households-api:person_list"))
    assert response.status_code == 200
    assert _no_store(response["Cache-Control"])


def test_the_log_follow_up_export_is_not_cached(client: Client, sysadmin: User) -> None:
    client.force_login(sysadmin)
    response = client.get(reverse("administration:audit_follow_up"), {"format": "csv"})
    assert response.status_code == 200
    assert _no_store(response["Cache-Control"])


@pytest.mark.nodb
def test_a_spreadsheet_or_csv_export_is_not_cached_wherever_it_is_served() -> None:
    for make in (csv_response, xlsx_response):
        response = make("lista", ["Namn"], [["Anna Berg"]])
        assert _no_store(response["Cache-Control"]), make.__name__


def test_an_anonymous_response_keeps_its_own_headers(client: Client) -> None:
    response = client.get(reverse("javascript-catalog"))
    assert response.status_code == 200
    assert not _no_store(response.get("Cache-Control", ""))
