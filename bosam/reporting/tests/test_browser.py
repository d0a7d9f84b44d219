"""End to end: open the annual report, drill down from a figure, make a PDF with progress."""

from datetime import date
from pathlib import Path

import pytest

from bosam.reporting.tests import factories as f

# The catalogues the migrations seed are seeded again after each flush by the autouse fixture
# (bosam.testing.seed_catalogues); serialized_rollback would restore rows a flush's post-migrate
# signal has already recreated (content types) and fail on their unique keys.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[3] / "tests" / "assets" / "axe-core-4.14.1.min.js"


def test_open_the_report_and_drill_down_to_the_records(page, login, org, coordinator) -> None:  # type: ignore[no-untyped-def]
    # given three interventions in 2022 for one household
    household = f.household(org.unit_a)
    for month in (2, 5, 9):
        f.intervention(
            household=household,
            code="payment_plan",
            on=date(2022, month, 1),
            by=coordinator,
            committee=org.committee,
        )
    login(page, coordinator)
    # when the coordinator opens the report from the menu and picks 2022
    page.get_by_role("link", name="Årsrapport", exact=True).click()
    page.get_by_label("Visa år").select_option("2022")
    page.get_by_role("button", name="Visa").click()
    # then the summary reads the year's figures, with a chart and its table
    assert page.get_by_role("heading", level=1).inner_text() == "Årsrapport 2022"
    assert (
        "Totalt genomfördes 3 insatser under 2022."
        in page.locator("#summary-heading + p").inner_text()
    )
    assert page.locator("svg[role=img]").count() >= 1
    assert _axe_violations(page) == []
    # when they drill down from the total
    page.locator("#figure-interventions_total").get_by_role(
        "link", name="Visa de 3 posterna bakom siffran"
    ).click()
    # then the records behind it are listed with links to the household
    rows = page.locator("#records tbody tr")
    assert rows.count() == 3
    assert "2022-02-01 Avbetalningsplan med hyresvärden" in rows.first.inner_text()
    rows.first.get_by_role("link").click()
    page.wait_for_url(f"**/households/hushall/{household.pk}/")


def test_make_a_pdf_and_watch_its_progress(page, login, org, coordinator) -> None:  # type: ignore[no-untyped-def]
    f.intervention(
        household=f.household(org.unit_a), code="payment_plan", on=date(2022, 2, 1), by=coordinator
    )
    login(page, coordinator)
    page.goto("/reporting/2022/")
    page.get_by_role("button", name="Skapa PDF med aktuella siffror").click()
    # the fragment polls the job until the PDF is ready, then offers the download
    link = page.get_by_role("link", name="Ladda ner PDF för 2022")
    link.wait_for(timeout=60_000)
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "arsrapport-2022.pdf"


def _axe_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    # As in the start-page test: the vendored axe-core, evaluated past the CSP via DevTools.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})).violations"
    )
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in result]
