from datetime import date

import pytest

from bosam.matching import rules, selectors, services
from bosam.matching.tests.factories import make_client, make_request, make_vacancy, offer, reason
from bosam.tenancies.tests.factories import place

pytestmark = pytest.mark.django_db


def test_days_summary_gives_mean_and_median_and_nothing_for_no_cases() -> None:
    assert rules.days_summary([10, 2, 30, 4]) == rules.DaysSummary(4, 46, 11.5, 7.0)
    assert rules.days_summary([]) == rules.DaysSummary(0, 0, None, None)


def test_vacancy_days_before_a_tenant_count_from_the_previous_end_or_the_lease_start() -> None:
    assert rules.days_vacant_before(date(2024, 3, 11), date(2020, 1, 1), [date(2024, 3, 1)]) == 9
    assert rules.days_vacant_before(date(2020, 1, 21), date(2020, 1, 1), []) == 20
    assert (
        rules.days_vacant_before(date(2024, 3, 1), date(2020, 1, 1), [None, date(2024, 2, 29)]) == 0
    )


def test_the_years_figures_per_usage_and_committee_with_ids(
    org, social_worker_a, coordinator
) -> None:
    # given two requests in 2024: one declined then housed, one still waiting
    housed = make_request(
        social_worker_a, make_client(org.unit_a), org.committee, received_on=date(2024, 1, 1)
    )
    waiting = make_request(
        social_worker_a, make_client(org.unit_a, "Eva"), org.committee, received_on=date(2024, 2, 1)
    )
    first = make_vacancy(org.committee, start=date(2024, 1, 1))
    second = make_vacancy(org.committee, start=date(2024, 1, 1))
    no = offer(coordinator, housed, first, date(2024, 1, 11))
    services.offer_decline(
        offer=no,
        answered_by=social_worker_a,
        reason=reason("landlord_refused"),
        today=date(2024, 1, 15),
    )
    yes = offer(coordinator, housed, second, date(2024, 1, 20))
    services.offer_accept(
        offer=yes, answered_by=social_worker_a, move_in=date(2024, 2, 1), today=date(2024, 1, 20)
    )
    # and a sublet placed outside matching on the first apartment
    place(coordinator, make_client(org.unit_b, "Lisa"), first, start=date(2024, 3, 1))
    # when the figures are read
    figures = selectors.matching_figures(2024)
    # then one row for supported housing and the committee, and the total
    row, total = figures.rows
    assert (row.usage_category, row.committee_id) == ("supported_housing", org.committee.pk)
    assert row.requests_received.count == 2
    assert set(row.requests_received.ids) == {housed.pk, waiting.pk}
    assert row.days_to_offer.summary.count == 1  # the first offer counts, made day 10
    assert row.days_to_offer.summary.mean == 10.0
    assert row.days_to_move_in.ids == [housed.pk]
    assert row.days_to_move_in.summary.total == 31
    assert row.offers_declined.ids == [no.pk]
    # vacancy days: 31 (lease start 1 Jan … 1 Feb) and 60 (1 Jan … 1 Mar)
    assert row.vacancy_days_before_tenant.summary.total == 31 + 60
    assert row.vacancy_days_before_tenant.summary.count == 2
    assert total.committee_id is None
    assert total.requests_received.count == 2
    (declined,) = figures.declined_by_reason
    assert (declined.code, declined.declined_by, declined.count) == (
        "landlord_refused",
        "landlord",
        1,
    )
