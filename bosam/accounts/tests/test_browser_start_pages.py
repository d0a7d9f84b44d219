"""Every role logs in through the real form in headless Chromium and lands on its start page."""

from pathlib import Path

import pytest

from bosam.accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[3] / "tests" / "assets" / "axe-core-4.14.1.min.js"


def test_each_role_sees_its_own_start_page(page, login, all_personas: dict[str, User]) -> None:  # type: ignore[no-untyped-def]
    for user in all_personas.values():
        # when
        login(page, user)
        # then
        heading = page.get_by_role("heading", level=1)
        assert heading.inner_text() == f"Startsida – {user.get_role_display()}"
        page.get_by_role("button", name="Logga ut").click()
        page.wait_for_url("**/konto/logga-in/**")


def test_start_and_login_pages_have_no_axe_violations(page, login, coordinator: User) -> None:  # type: ignore[no-untyped-def]
    for path in ["/konto/logga-in/"]:
        page.goto(path)
        assert _axe_violations(page) == []
    login(page, coordinator)
    for path in ["/", "/households/personer/"]:
        page.goto(path)
        assert _axe_violations(page) == [], path


def _axe_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    # axe-core comes from the vendored file (the test network is closed). The page's CSP forbids
    # inline scripts, so it is evaluated through the DevTools protocol, which CSP does not govern.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})).violations"
    )
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in result]
