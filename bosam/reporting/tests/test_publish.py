"""Publishing a year keeps its figures, the records they counted and the PDF; later changes show as
differences instead of silently changing the published report."""

import io
from datetime import date

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from bosam.core.errors import ApplicationError
from bosam.households.models import Intervention
from bosam.reporting.models import PublishedFigure, PublishedReport
from bosam.reporting.report import report_live, report_published
from bosam.reporting.services import report_publish
from bosam.reporting.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2022(org, coordinator, prevention_caseworker):
    household = f.household(org.unit_a)
    f.stay_in_home(
        household=f.household(org.unit_a), on=date(2022, 10, 1), by=prevention_caseworker
    )
    made = [
        f.intervention(
            household=household,
            code="payment_plan",
            on=date(2022, m, 1),
            by=coordinator,
            committee=org.committee,
        )
        for m in range(1, 8)
    ]
    f.intervention(
        household=household,
        code="rent_guarantee",
        on=date(2022, 9, 1),
        by=coordinator,
        committee=org.other_committee,
    )
    f.intervention(household=household, code="payment_plan", on=date(2021, 9, 1), by=coordinator)
    return made


def _pdf_text(pdf: bytes) -> str:
    # Line breaks fall where the page wraps; compare words, not layout.
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


@time_machine.travel(date(2023, 2, 1))
def test_publishing_keeps_the_figures_the_records_and_a_pdf(year_2022, manager, org) -> None:
    # when the manager publishes 2022
    report = report_publish(year=2022, published_by=manager)
    # then the municipality's figure and each committee's part are stored with their records
    total = PublishedFigure.objects.get(report=report, key="interventions_total", committee=None)
    assert total.value == 9
    assert total.previous_value == 1
    assert {r.record_id for r in total.records.all()} == {
        str(pk)
        for pk in Intervention.objects.filter(performed_on__year=2022).values_list("pk", flat=True)
    }
    assert (
        PublishedFigure.objects.get(
            report=report, key="interventions_total", committee=org.committee
        ).value
        == 8
    )
    # and the PDF holds the figures as text
    text = _pdf_text(bytes(report.pdf))
    assert "årsrapport 2022" in text.lower()
    assert "Insatser totalt" in text
    assert "Totalt genomfördes 9 insatser under 2022." in text
    assert "Bilaga: definitioner" in text


@time_machine.travel(date(2023, 2, 1))
def test_the_pdf_holds_no_personal_data_and_suppresses_small_breakdowns(year_2022, manager) -> None:
    report = report_publish(year=2022, published_by=manager)
    text = _pdf_text(bytes(report.pdf))
    household = Intervention.objects.get(pk=year_2022[0].pk).household
    assert household is not None
    person = household.current_members_cached()[0].person
    assert person.personal_number is not None
    assert person.last_name not in text
    assert person.personal_number not in text
    # one rent guarantee in 2022 is a small cell: shown as "<5"
    assert "<5" in text


@time_machine.travel(date(2023, 2, 1))
def test_a_year_is_published_once(year_2022, manager) -> None:
    report_publish(year=2022, published_by=manager)
    with pytest.raises(ApplicationError, match="redan publicerad"):
        report_publish(year=2022, published_by=manager)


@time_machine.travel(date(2022, 12, 30))
def test_a_year_that_has_not_ended_cannot_be_published(manager) -> None:
    with pytest.raises(ApplicationError, match="inte slut"):
        report_publish(year=2022, published_by=manager)


@time_machine.travel(date(2023, 2, 1))
def test_later_changes_show_as_differences_and_the_published_report_stays(
    year_2022, manager, coordinator, org
) -> None:
    # given a published 2022
    published = report_publish(year=2022, published_by=manager)
    # when a placement is recorded late for 2022
    f.intervention(
        household=f.household(org.unit_a),
        code="placement_emergency",
        on=date(2022, 12, 1),
        by=coordinator,
    )
    # then today's report says which figures now differ
    live = report_live(year=2022)
    assert live.changed_keys == ["interventions_total"]
    assert live.line("interventions_total").value == 10
    # and the published report still says what it said
    assert report_published(published=published).line("interventions_total").value == 9


@time_machine.travel(date(2023, 2, 1))
def test_a_published_figure_drills_down_to_what_it_counted_then(
    client, year_2022, manager, org
) -> None:
    report_publish(year=2022, published_by=manager)
    gone = year_2022[0]
    Intervention.objects.filter(pk=gone.pk).update(performed_on=date(2021, 12, 31))
    client.force_login(manager)
    url = reverse("reporting:figure_detail", args=[2022, "interventions_total"])
    published = client.get(url, {"version": "published"}).content.decode()
    live = client.get(url).content.decode()
    assert "räknade 9 poster" in published
    assert "räknar 8 poster" in live
    # the record now dated 2021 is still behind the published figure (shown as it is today)
    assert "2021-12-31 Avbetalningsplan" in published
    assert "2021-12-31 Avbetalningsplan" not in live


@time_machine.travel(date(2023, 2, 1))
def test_the_report_page_lists_the_figures_that_differ(
    client, year_2022, manager, coordinator, org
) -> None:
    report_publish(year=2022, published_by=manager)
    client.force_login(manager)
    unchanged = client.get(reverse("reporting:report_year", args=[2022])).content.decode()
    assert 'id="unchanged-since-publishing"' in unchanged
    f.intervention(household=None, code="takeover", on=date(2022, 12, 1), by=coordinator)
    changed = client.get(reverse("reporting:report_year", args=[2022])).content.decode()
    assert 'id="changed-since-publishing"' in changed
    assert '<a href="#figure-interventions_total">Insatser totalt</a></li>' in changed
    assert '#figure-interventions_stay_in_home">Kvarboendeinsatser</a></li>' not in changed


@time_machine.travel(date(2023, 2, 1))
def test_a_manager_publishes_from_the_page(client, year_2022, manager) -> None:
    client.force_login(manager)
    response = client.post(reverse("reporting:report_publish", args=[2022]), {"confirm": "on"})
    assert response.status_code == 302
    assert PublishedReport.objects.filter(year=2022).exists()
    pdf = client.get(reverse("reporting:published_pdf", args=[2022]))
    assert pdf["Content-Type"] == "application/pdf"


@time_machine.travel(date(2023, 2, 1))
def test_only_a_manager_may_publish(client, year_2022, coordinator) -> None:
    client.force_login(coordinator)
    response = client.post(reverse("reporting:report_publish", args=[2022]), {"confirm": "on"})
    assert response.status_code == 403
    assert not PublishedReport.objects.exists()
