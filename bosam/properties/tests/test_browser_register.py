"""A coordinator registers a landlord, an apartment and an agreement through the pages."""

import urllib.request
from importlib import import_module

import pytest
from django.apps import apps

from bosam.accounts.models import User
from bosam.properties.models import Apartment, HeadLease, Landlord, Usage
from bosam.testing import Org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def catalogues(transactional_db: None) -> None:
    """The usage and end-reason catalogues come from a data migration, which an earlier
    transactional test's flush has emptied: seed them again the way the migration does."""
    if not Usage.objects.exists():
        migration = import_module(
            "bosam.properties.migrations.0002_seed_usage_and_end_reason_catalogues"
        )
        migration.add_catalogues(apps, None)


@pytest.fixture(autouse=True)
def warm_server(live_server) -> None:  # type: ignore[no-untyped-def]
    """The live server's first request imports every app's URLs and views; on a busy machine
    that alone can outlast the browser's ten-second timeout, so it is made before the browser."""
    urllib.request.urlopen(live_server.url + "/konto/logga-in/", timeout=120).read()


def test_a_landlord_an_apartment_and_an_agreement_are_registered(  # type: ignore[no-untyped-def]
    page, login, coordinator: User, org: Org
) -> None:
    # given the coordinator on the landlord list
    login(page, coordinator)
    page.goto("/properties/hyresvardar/")
    page.get_by_role("link", name="Registrera hyresvärd").click()
    # when: a landlord with a mistyped organisation number, then corrected
    page.get_by_label("Namn").fill("Bråvalla Bostäder AB")
    page.get_by_label("Organisationsnummer").fill("556677-8898")
    page.get_by_role("button", name="Spara").click()
    assert page.get_by_role("alert").get_by_text("kontrollsiffra stämmer inte").is_visible()
    page.get_by_label("Organisationsnummer").fill("556677-8899")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url("**/hyresvardar/*/")
    assert page.get_by_role("heading", level=1).inner_text() == "Bråvalla Bostäder AB"
    # an apartment, from the landlord's page
    page.get_by_role("link", name="Registrera objekt").click()
    page.get_by_label("Hyresvärdens objektnummer").fill("BB-1102")
    page.get_by_label("Gatuadress").fill("Hagebygatan 12")
    page.get_by_label("Lägenhetsnummer").fill("1102")
    page.get_by_label("Ort").fill("Norrköping")
    page.get_by_label("Område").fill("Hageby")
    page.get_by_label("Storlek").fill("2 rok")
    page.get_by_label("Antal rum").fill("2")
    page.get_by_label("Boarea (m²)").fill("54,5")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url("**/objekt/*/")
    assert "Hagebygatan 12 lgh 1102" in page.get_by_role("heading", level=1).inner_text()
    # and the agreement, from the apartment's page
    page.get_by_role("link", name="Registrera avtal").click()
    page.get_by_label("Startdatum").fill("2024-03-01")
    page.get_by_label("Månadshyra (kr)").fill("6 450")
    page.get_by_label("Betalande nämnd").select_option(label=org.committee.name)
    page.get_by_label("Användning").select_option(label="Stödlägenhet")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url("**/avtal/*/")
    # then the agreement's page shows it, on a new object, with the notice date
    assert page.get_by_role("heading", level=1).inner_text() == "Avtal 2024-0001"
    assert page.get_by_text("Nytt objekt").is_visible()
    assert page.get_by_text("Sägs avtalet upp i dag upphör det den").is_visible()
    lease = HeadLease.objects.get()
    assert lease.apartment == Apartment.objects.get(landlord=Landlord.objects.get())
    assert str(lease.monthly_rent) == "6450.00"
