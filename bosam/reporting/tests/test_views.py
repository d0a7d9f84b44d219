"""The report pages per role: full statistics with drill-down, committee readers published-only
and suppressed, everyone else refused."""

import csv
import io
from datetime import date

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from bosam.accounts.roles import Role
from bosam.audit.models import AuditAction, AuditEvent
from bosam.core.models import WorkerHeartbeat
from bosam.reporting.models import ReportJob
from bosam.reporting.services import report_publish
from bosam.reporting.tests import factories as f
from bosam.testing import make_user

pytestmark = pytest.mark.django_db

FULL_ROLES = {Role.HOUSING_COORDINATOR, Role.MANAGER}


@pytest.fixture
def records(org, coordinator):
    household = f.household(org.unit_a)
    for month in range(1, 13):
        f.intervention(
            household=household,
            code="payment_plan",
            on=date(2022, month, 3),
            by=coordinator,
            committee=org.committee,
        )
    f.intervention(
        household=household,
        code="rent_guarantee",
        on=date(2022, 4, 4),
        by=coordinator,
        committee=org.other_committee,
    )
    f.intervention(
        household=household,
        code="payment_plan",
        on=date(2021, 4, 4),
        by=coordinator,
        committee=org.committee,
    )
    return household


def test_a_user_without_a_role_is_refused(client, org) -> None:
    client.force_login(make_user("nobody", "", org.unit_a))
    assert client.get(reverse("reporting:report_index")).status_code == 403
    assert client.get(reverse("reporting:report_year", args=[2022])).status_code == 403


def test_the_anonymous_visitor_is_sent_to_log_in(client) -> None:
    response = client.get(reverse("reporting:report_year", args=[2022]))
    assert response.status_code == 302
    assert "logga-in" in response["Location"]


@pytest.mark.parametrize("role", list(Role))
def test_who_sees_todays_figures_and_who_only_published_ones(
    client, all_personas, records, role
) -> None:
    client.force_login(all_personas[role])
    response = client.get(reverse("reporting:report_year", args=[2022]))
    drill = client.get(reverse("reporting:figure_detail", args=[2022, "interventions_total"]))
    if role in FULL_ROLES:
        assert response.status_code == 200
        assert drill.status_code == 200
    else:
        # nothing is published yet, and only full statistics may drill down
        assert response.status_code == 404
        assert drill.status_code == 403


@time_machine.travel(date(2023, 3, 1))
def test_a_committee_reader_sees_the_published_report_suppressed_without_records(
    client, records, manager, committee_reader
) -> None:
    report_publish(year=2022, published_by=manager)
    client.force_login(committee_reader)
    page = client.get(reverse("reporting:report_year", args=[2022])).content.decode()
    # the total is never suppressed; the single rent guarantee in the breakdown is
    assert '<dd class="figure-value">13</dd>' in page
    assert 'Hyresgaranti</th><td class="num">&lt;5</td>' in page
    assert reverse("reporting:figure_detail", args=[2022, "interventions_total"]) not in page
    assert "Publicera" not in page
    assert "Skapa PDF" not in page


@time_machine.travel(date(2023, 3, 1))
def test_the_suppression_threshold_is_a_setting(
    client, records, manager, committee_reader, settings
) -> None:
    settings.BOSAM_SUPPRESSION_THRESHOLD = 15
    report_publish(year=2022, published_by=manager)
    client.force_login(committee_reader)
    page = client.get(reverse("reporting:report_year", args=[2022])).content.decode()
    assert 'Avbetalningsplan med hyresvärden</th><td class="num">&lt;15</td>' in page


def test_full_statistics_see_small_numbers_and_may_drill_down(client, records, coordinator) -> None:
    client.force_login(coordinator)
    page = client.get(reverse("reporting:report_year", args=[2022])).content.decode()
    assert 'Hyresgaranti</a></th><td class="num">1</td>' in page
    assert reverse("reporting:figure_detail", args=[2022, "interventions_total"]) in page


def test_each_committee_sees_its_own_part(client, records, org, coordinator) -> None:
    client.force_login(coordinator)
    page = client.get(
        reverse("reporting:report_year", args=[2022]), {"committee": org.other_committee.pk}
    ).content.decode()
    assert "Vård- och omsorgsnämnden</h1>" in page
    assert '<dd class="figure-value">1</dd>' in page
    whole = client.get(reverse("reporting:report_year", args=[2022])).content.decode()
    assert 'id="committee-table"' in whole


def test_drilling_down_lists_the_records_with_links_and_audits_them(
    client, records, coordinator
) -> None:
    client.force_login(coordinator)
    response = client.get(reverse("reporting:figure_detail", args=[2022, "interventions_total"]))
    page = response.content.decode()
    assert "Siffran räknar 13 poster just nu." in page
    assert reverse("households:household_detail", args=[records.pk]) in page
    person_id = records.current_members_cached()[0].person_id
    listed = AuditEvent.objects.filter(
        action=AuditAction.LIST, person_id=person_id, actor=coordinator
    )
    assert listed.count() == 13


def test_drilling_down_into_a_breakdown_row(client, records, coordinator) -> None:
    client.force_login(coordinator)
    page = client.get(
        reverse("reporting:figure_detail", args=[2022, "interventions_total"]),
        {"part": "rent_guarantee"},
    ).content.decode()
    assert "Siffran räknar 1 post just nu." in page
    assert "Insatser totalt 2022: Hyresgaranti" in page


def test_an_unknown_figure_is_not_found(client, coordinator) -> None:
    client.force_login(coordinator)
    assert client.get(reverse("reporting:figure_detail", args=[2022, "nothing"])).status_code == 404


def _page_queries(client, django_assert_max_num_queries) -> None:
    with django_assert_max_num_queries(90):
        assert client.get(reverse("reporting:report_year", args=[2022])).status_code == 200


def test_the_report_page_query_count_does_not_grow_with_records(
    client, org, coordinator, django_assert_max_num_queries
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(coordinator)
    household = f.household(org.unit_a)
    f.intervention(household=household, code="payment_plan", on=date(2022, 1, 3), by=coordinator)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("reporting:report_year", args=[2022]))
    for day in range(1, 40):
        f.intervention(
            household=f.household(org.unit_b),
            code="rent_guarantee",
            on=date(2022, 2, 1 + day % 28),
            by=coordinator,
            committee=org.committee,
        )
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("reporting:report_year", args=[2022]))
    assert len(many) == len(few)
    _page_queries(client, django_assert_max_num_queries)


def test_the_drill_down_query_count_does_not_grow_with_records(
    client, org, coordinator, django_assert_max_num_queries
) -> None:
    client.force_login(coordinator)
    for day in range(1, 60):
        f.intervention(
            household=f.household(org.unit_a),
            code="payment_plan",
            on=date(2022, 3, 1 + day % 28),
            by=coordinator,
        )
    with django_assert_max_num_queries(12):
        client.get(reverse("reporting:figure_detail", args=[2022, "interventions_total"]))


def test_the_spreadsheet_holds_the_same_figures(client, records, coordinator) -> None:
    client.force_login(coordinator)
    response = client.get(reverse("reporting:report_export", args=[2022, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:6] == ("Avsnitt", "Figur", "Uppdelning", "Nämnd", "2022", "2021")
    assert ("Insatser", "Insatser totalt", None, "Hela kommunen", 13, 1) == rows[1][:6]
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, object_id="2022").exists()


@time_machine.travel(date(2023, 3, 1))
def test_a_committee_readers_csv_is_the_published_report_suppressed(
    client, records, manager, committee_reader
) -> None:
    report_publish(year=2022, published_by=manager)
    client.force_login(committee_reader)
    response = client.get(reverse("reporting:report_export", args=[2022, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    # 2021's single intervention sits in one row of the breakdown: showing its total of 1
    # would say which row, so the total is suppressed too ("<5": a value from 1 to 4).
    assert ["Insatser", "Insatser totalt", "", "Hela kommunen", "13", "<5"] == rows[1][:6]
    assert ["Insatser", "Insatser totalt", "Hyresgaranti", "Hela kommunen", "<5"] == rows[3][:5]


def test_a_pdf_job_shows_progress_and_then_the_download(
    client, records, coordinator, settings, django_capture_on_commit_callbacks
) -> None:
    WorkerHeartbeat.objects.create(worker_id="w1", last_seen=timezone.now())
    client.force_login(coordinator)
    url = reverse("reporting:report_pdf_start", args=[2022])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        started = client.post(url, headers={"HX-Request": "true"})
    job = ReportJob.objects.get()
    # before the worker runs, the fragment polls itself
    assert 'hx-trigger="every 1s"' in started.content.decode()
    assert "<progress" in started.content.decode()
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert job.status == ReportJob.Status.DONE
    polled = client.get(
        reverse("reporting:report_job", args=[job.pk]), headers={"HX-Request": "true"}
    )
    assert "hx-trigger" not in polled.content.decode()
    download = client.get(reverse("reporting:report_job_pdf", args=[job.pk]))
    assert download.content.startswith(b"%PDF")


def test_another_users_pdf_job_is_not_found(
    client, records, coordinator, manager, settings
) -> None:
    job = ReportJob.objects.create(year=2022, requested_by=coordinator)
    client.force_login(manager)
    assert client.get(reverse("reporting:report_job", args=[job.pk])).status_code == 404


def test_the_report_index_query_count_does_not_grow_with_published_reports(
    client, coordinator, django_assert_max_num_queries
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from bosam.reporting.models import PublishedReport

    def publish(year: int) -> None:
        PublishedReport.objects.create(
            year=year,
            published_at=timezone.now(),
            published_by=coordinator,
            suppression_threshold=3,
            pdf=b"%PDF",
        )

    client.force_login(coordinator)
    publish(2015)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("reporting:report_index")).status_code == 200
    for year in range(2016, 2024):
        publish(year)
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("reporting:report_index")).content.decode()
    assert "2023" in page
    assert len(many) == len(few)
    with django_assert_max_num_queries(10):
        client.get(reverse("reporting:report_index"))
