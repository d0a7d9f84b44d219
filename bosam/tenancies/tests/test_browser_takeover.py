"""End to end in headless Chromium: place a household, record a follow-up, record a takeover,
and see the apartment leave the municipality's portfolio."""

from datetime import timedelta
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.utils import timezone

from bosam.accounts.models import User
from bosam.properties.models import HeadLease
from bosam.tenancies.tests.factories import make_client, make_head_lease
from bosam.testing import Org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEEDING_MIGRATIONS = [
    ("bosam.households.migrations.0003_intervention_catalogue", "add_catalogue"),
    ("bosam.properties.migrations.0002_seed_usage_and_end_reason_catalogues", "add_catalogues"),
    ("bosam.tenancies.migrations.0002_seed_conditions_end_reasons_settings", "add_catalogues"),
]


@pytest.fixture(autouse=True)
def catalogues(transactional_db: None) -> None:
    """The catalogues come from data migrations; an earlier transactional test's flush has
    emptied them, so they are seeded again the way the migrations do it (idempotently)."""
    for module, function in SEEDING_MIGRATIONS:
        getattr(import_module(module), function)(apps, None)


AXE = Path(__file__).resolve().parents[3] / "tests" / "assets" / "axe-core-4.14.1.min.js"


def test_place_follow_up_and_take_over(page, login, org: Org, coordinator: User) -> None:  # type: ignore[no-untyped-def]
    # given: a running head lease and a household of the adult unit
    today = timezone.localdate()
    lease = make_head_lease(org.committee, start=today - timedelta(days=900))
    household = make_client(org.unit_a, "Amina")
    applicant = household.current_members_cached()[0].person
    start = today - timedelta(days=600)
    # The live server's first request imports every module; on a busy machine that alone can
    # take longer than the default ten seconds.
    page.set_default_timeout(45_000)
    login(page, coordinator)

    # when: the coordinator places the household
    page.goto("/tenancies/ny/")
    page.get_by_label("Sökandens personnummer").fill(applicant.personal_number)
    page.get_by_label("Objekt och avtal").select_option(str(lease.pk))
    page.get_by_label("Startdatum").fill(start.isoformat())
    page.get_by_label("Månadshyra (kr)").fill("6500")
    page.get_by_role("button", name="Skapa andrahandskontrakt").click()
    page.wait_for_url("**/tenancies/*/")
    assert "Hushållet är placerat" in page.content()
    assert _axe_violations(page) == []

    # and records the first home visit (planned three months after the start)
    page.get_by_role("link", name="Anteckna uppföljning").first.click()
    page.get_by_label("Genomfört datum").fill((start + timedelta(days=95)).isoformat())
    page.get_by_label("Deltagare").fill("Amina, bostadssamordnare")
    page.get_by_label("Anteckningar").fill("Hyran betald, trivs bra.")
    page.get_by_role("button", name="Spara uppföljningen").click()
    page.wait_for_url("**/tenancies/*/")
    assert "Hyran betald, trivs bra." in page.content()

    # and, with every criterion met and the landlord's consent, records the takeover
    page.get_by_role("link", name="Bedöm övertagande").click()
    assert _axe_violations(page) == []
    page.get_by_label("Hyran är betald i tid").check()
    page.get_by_label("Villkoren är följda").check()
    page.get_by_label("Inga störningar").check()
    page.get_by_label("Hyresvärden samtycker").check()
    page.get_by_label("Hushållet tar över kontraktet").check()
    page.get_by_label("Datum för övertagandet").fill(today.isoformat())
    page.get_by_role("button", name="Spara beslutet").click()
    page.wait_for_url("**/tenancies/*/")

    # then: the sublet ended with a takeover, and the head lease with it
    body = page.content()
    assert "Tog över kontraktet" in body
    assert "Hyresgästen tog över kontraktet" in body
    lease.refresh_from_db()
    assert lease.end_date == today
    assert lease.end_reason is not None
    assert lease.end_reason.is_takeover
    # The apartment has left the portfolio: it can no longer be offered for a placement.
    page.goto("/tenancies/ny/")
    options = page.get_by_label("Objekt och avtal").locator("option").all_inner_texts()
    assert not any(str(lease.apartment) in option for option in options)
    assert not HeadLease.objects.filter(pk=lease.pk, end_reason__isnull=True).exists()


def test_the_sublet_list_has_no_axe_violations(page, login, coordinator: User) -> None:  # type: ignore[no-untyped-def]
    page.set_default_timeout(45_000)
    login(page, coordinator)
    page.goto("/tenancies/")
    assert _axe_violations(page) == []


def _axe_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    # The page's CSP forbids inline scripts: axe is evaluated through the DevTools protocol.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})).violations"
    )
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in result]
