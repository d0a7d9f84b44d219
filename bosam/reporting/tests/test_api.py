from datetime import date
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from bosam.reporting.models import PublishedReport
from bosam.reporting.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(org, coordinator):
    household = f.household(org.unit_a)
    for month in range(1, 8):
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


def _figure(data: dict[str, Any], key: str) -> dict[str, Any]:
    return next(fig for fig in data["figures"] if fig["key"] == key)


def test_full_statistics_get_todays_figures_with_small_numbers(
    client, records, coordinator
) -> None:
    client.force_login(coordinator)
    data = client.get(reverse("reporting-api:report_get", args=[2022])).json()
    total = _figure(data, "interventions_total")
    assert total["value"] == "8"
    assert {
        "key": "rent_guarantee",
        "label": "Hyresgaranti",
        "value": "1",
        "previous_value": "0",
    } in total["breakdown"]
    assert data["published"] is False


def test_a_committee_reader_gets_nothing_before_publishing_then_the_suppressed_report(
    client, records, manager, committee_reader
) -> None:
    client.force_login(committee_reader)
    assert client.get(reverse("reporting-api:report_get", args=[2022])).status_code == 404
    with time_machine.travel(date(2023, 1, 15)):
        client.force_login(manager)
        assert client.post(reverse("reporting-api:report_publish", args=[2022])).status_code == 201
    client.force_login(committee_reader)
    data = client.get(reverse("reporting-api:report_get", args=[2022])).json()
    total = _figure(data, "interventions_total")
    assert data["published"] is True
    assert total["value"] == "8"
    assert {
        "key": "rent_guarantee",
        "label": "Hyresgaranti",
        "value": "<5",
        "previous_value": "0",
    } in total["breakdown"]


@time_machine.travel(date(2023, 1, 15))
def test_only_a_manager_publishes_and_only_once(client, records, coordinator, manager) -> None:
    client.force_login(coordinator)
    assert client.post(reverse("reporting-api:report_publish", args=[2022])).status_code == 403
    client.force_login(manager)
    assert client.post(reverse("reporting-api:report_publish", args=[2022])).status_code == 201
    again = client.post(reverse("reporting-api:report_publish", args=[2022]))
    assert again.status_code == 400
    assert again.json()["code"] == "already_published"
    assert PublishedReport.objects.count() == 1


def test_no_role_no_report(client, org) -> None:
    from bosam.testing import make_user

    client.force_login(make_user("nobody", "", org.unit_a))
    assert client.get(reverse("reporting-api:report_get", args=[2022])).status_code == 403
