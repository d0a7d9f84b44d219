"""End to end: a social worker requests an apartment, the coordinator offers a vacancy from its
ranked list, the social worker accepts and the sublet is signed."""

from pathlib import Path

import pytest

from bosam.matching.tests.factories import make_client, make_vacancy, seed_catalogues
from bosam.tenancies.models import Sublet

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[3] / "tests" / "assets" / "axe-core-4.14.1.min.js"


def _axe_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => (await axe.run(document, {runOnly: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})).violations"
    )
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in result]


def test_from_request_to_signed_sublet(page, login, org, social_worker_a, coordinator) -> None:  # type: ignore[no-untyped-def]
    # given the seeded catalogues, a household of unit A and a vacancy of the same committee
    seed_catalogues()
    household = make_client(org.unit_a, "Amina")
    lease = make_vacancy(org.committee, district="Hageby", room_count=2)
    # when the social worker requests an apartment through the form
    login(page, social_worker_a)
    page.get_by_role("link", name="Beställningar av bostad").click()
    page.get_by_role("link", name="Ny beställning").click()
    page.get_by_label("Hushåll:", exact=True).select_option(str(household.pk))
    page.get_by_label("Avsedd användning").select_option("supported_housing")
    page.get_by_label("Betalande nämnd").select_option(str(org.committee.pk))
    page.get_by_label("Antal personer i hushållet").fill("1")
    page.get_by_label("Önskat antal rum").fill("2")
    page.get_by_label("Önskade områden").fill("Hageby")
    page.get_by_label("Brådska:", exact=True).select_option("high")
    page.get_by_label("Skäl till brådska").fill("Skrivs ut från behandling om två veckor")
    page.get_by_role("button", name="Skicka beställningen").click()
    # then the request waits
    assert "Väntar" in page.locator("dl.facts").inner_text()
    assert _axe_violations(page) == []
    reference = page.get_by_role("heading", level=1).inner_text().removeprefix("Beställning ")
    # when the coordinator opens the vacancy and offers it to the top-ranked request
    page.context.clear_cookies()
    login(page, coordinator)
    page.get_by_role("link", name="Lediga objekt").click()
    page.get_by_role("link", name=str(lease.apartment)).click()
    assert "Hageby är ett önskat område" in page.locator("table").first.inner_text()
    assert _axe_violations(page) == []
    page.get_by_role("button", name=f"Erbjud till {reference}").click()
    assert "Erbjuden" in page.locator("dl.facts").inner_text()
    # when the social worker accepts the offer from the request's page
    page.context.clear_cookies()
    login(page, social_worker_a)
    page.get_by_role("link", name="Beställningar av bostad").click()
    page.get_by_role("link", name=reference).click()
    page.get_by_role("link", name=str(lease.apartment)).click()
    page.get_by_role("button", name="Acceptera och skriv kontrakt").click()
    # then the sublet is signed and the offer says so
    sublet = Sublet.objects.get(household=household)
    assert sublet.head_lease_id == lease.pk
    assert (
        f"andrahandskontraktet {sublet.number} är skapat" in page.locator(".messages").inner_text()
    )
    assert "Accepterad" in page.locator("dl.facts").inner_text()
