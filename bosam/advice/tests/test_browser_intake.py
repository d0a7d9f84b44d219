"""An adviser registers a walk-in case with the keyboard alone, in headless Chromium."""

from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from playwright.sync_api import expect

from bosam.accounts.models import User
from bosam.advice.models import AdviceCase, AdviceChannel
from bosam.advice.tests.factories import register_case
from bosam.households.models import InterventionType
from bosam.households.tests.factories import make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def catalogues(transactional_db: None) -> None:
    """The catalogues come from a data migration; an earlier transactional test's flush has
    emptied them, so they are seeded again the way the migration does it."""
    if not AdviceChannel.objects.exists():
        import_module("bosam.advice.migrations.0002_seed_catalogues").add_catalogues(apps, None)
    if not InterventionType.objects.exists():
        households = import_module("bosam.households.migrations.0003_intervention_catalogue")
        households.add_catalogue(apps, None)


AXE = Path(__file__).resolve().parents[3] / "tests" / "assets" / "axe-core-4.14.1.min.js"


def test_a_walk_in_case_is_registered_with_the_keyboard_only(page, login, adviser: User) -> None:  # type: ignore[no-untyped-def]
    # given the adviser on the intake page
    login(page, adviser)
    page.goto("/advice/nytt/")
    keyboard = page.keyboard
    # the first field has the focus and is already "Besök" (walk-in)
    assert page.evaluate("document.activeElement.id") == "id_channel"
    # when: no personal number (anonymous), past the name fields, age band and household type
    for _field in ("personal_number", "first_name", "last_name", "age_band"):
        keyboard.press("Tab")
    for _step in range(3):
        keyboard.press("ArrowDown")  # 26–35 år
    keyboard.press("Tab")
    for _step in range(2):
        keyboard.press("ArrowDown")  # Ensamstående med barn
    keyboard.press("Tab")
    for _step in range(2):
        keyboard.press("ArrowDown")  # Trångboddhet
    keyboard.press("Tab")
    keyboard.type("Bor hos en vän med två barn.")
    keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Spara och registrera arbete"
    keyboard.press("Enter")
    # then the case page opens
    page.wait_for_url("**/advice/arenden/**")
    case = AdviceCase.objects.get()
    assert (
        page.get_by_role("heading", level=1).inner_text() == f"Rådgivningsärende {case.reference}"
    )
    assert page.get_by_text(f"Ärende {case.reference} är registrerat.").is_visible()
    assert case.person is None
    assert (case.channel.code, case.reason.code) == ("walk_in", "overcrowded")
    assert (case.age_band, case.household_type) == ("26_35", "single_children")
    assert case.notes == "Bor hos en vän med två barn."
    # and the advice pages pass the accessibility check
    for path in [f"/advice/arenden/{case.pk}/", "/advice/nytt/", "/advice/", "/advice/siffror/"]:
        page.goto(path)
        assert _axe_violations(page) == [], path


def test_a_returning_persons_earlier_cases_appear_as_the_number_is_typed(
    page, login, adviser: User
) -> None:  # type: ignore[no-untyped-def]
    # given a person who came for advice before
    person = make_person("Åsa", "Öberg")
    earlier = register_case(adviser, personal_number=person.formatted_number)
    login(page, adviser)
    page.goto("/advice/nytt/")
    # when the adviser tabs from the first field (focused when the page opens) and types the number
    expect(page.locator("#id_channel")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#id_personal_number")).to_be_focused()
    page.keyboard.type(person.formatted_number)
    # then the register's answer appears without leaving the form
    lookup = page.locator("#person-lookup")
    lookup.get_by_text("Åsa Öberg").wait_for()
    assert earlier.reference in lookup.inner_text()
    page.get_by_role("button", name="Spara och registrera arbete").press("Enter")
    page.wait_for_url("**/advice/arenden/**")
    assert AdviceCase.objects.filter(person=person).count() == 2


def _axe_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    # As in accounts' browser test: axe-core from the vendored file, run through DevTools
    # (the page's CSP forbids inline scripts but does not govern the protocol).
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})).violations"
    )
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in result]
