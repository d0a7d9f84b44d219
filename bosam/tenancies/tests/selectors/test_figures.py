from datetime import date
from decimal import Decimal

import pytest

from bosam.tenancies import selectors, services
from bosam.tenancies.models import Sublet, SubletEndReason
from bosam.tenancies.rules import GOAL_FULFILMENT_DEFINITION, TakeoverCriteria
from bosam.tenancies.tests.factories import make_client, make_head_lease, place

pytestmark = pytest.mark.django_db


def _took_over(by, sublet: Sublet, on: date) -> None:  # type: ignore[no-untyped-def]
    services.takeover_assessment_record(
        sublet=sublet,
        assessed_by=by,
        assessed_on=on,
        criteria=TakeoverCriteria(True, True, True, True),
    )
    services.takeover_record(sublet=sublet, recorded_by=by, takeover_date=on)


def _ended(by, sublet: Sublet, on: date, reason: str) -> None:  # type: ignore[no-untyped-def]
    services.sublet_end(
        sublet=sublet, ended_by=by, end_date=on, reason=SubletEndReason.objects.get(code=reason)
    )


def test_goal_fulfilment_counts_takeovers_against_planned_endings_with_exclusions(
    org, coordinator
) -> None:
    # given: four supported-housing sublets ending in 2022, one ending on New Year's Eve 2021,
    # and an emergency sublet that never aimed at takeover
    names = iter(["A", "B", "C", "D", "E", "F"])
    subs = [
        place(coordinator, make_client(org.unit_a, next(names)), make_head_lease(org.committee))
        for _ in range(5)
    ]
    emergency = place(
        coordinator,
        make_client(org.unit_a, next(names)),
        make_head_lease(org.committee, usage_code="emergency"),
    )
    _took_over(coordinator, subs[0], date(2022, 1, 1))
    _took_over(coordinator, subs[1], date(2022, 8, 1))
    _ended(coordinator, subs[2], date(2022, 9, 1), "evicted")
    _ended(coordinator, subs[3], date(2022, 10, 1), "died")  # excluded by default
    _ended(coordinator, subs[4], date(2021, 12, 31), "moved_on_own")  # the year before
    _ended(coordinator, emergency, date(2022, 5, 1), "moved_on_own")
    services.goal_target_set(year=2022, target_percent=Decimal("80"), set_by=coordinator)
    # when
    figure = selectors.takeover_goal_fulfilment(2022)
    # then
    assert (figure.numerator, figure.denominator, figure.percent) == (2, 3, 67)
    assert set(figure.numerator_ids) == {subs[0].pk, subs[1].pk}
    assert set(figure.denominator_ids) == {subs[0].pk, subs[1].pk, subs[2].pk}
    assert figure.excluded_ids == [subs[3].pk]
    assert figure.target_percent == Decimal("80.0")
    assert figure.definition == GOAL_FULFILMENT_DEFINITION
    assert selectors.takeover_goal_fulfilment(2021).percent == 0


def test_a_municipality_can_stop_excluding_a_reason(org, coordinator) -> None:
    sublet = place(coordinator, make_client(org.unit_a), make_head_lease(org.committee))
    _ended(coordinator, sublet, date(2022, 10, 1), "died")
    SubletEndReason.objects.filter(code="died").update(excluded_from_goal=False)
    assert selectors.takeover_goal_fulfilment(2022).denominator == 1


def test_vacancy_days_and_cost_per_committee(org, coordinator) -> None:
    # given: a lease for the whole of 2022 at 7 300 kr, sublet from 1 Feb to 30 Nov
    lease = make_head_lease(org.committee, start=date(2022, 1, 1), rent=Decimal("7300"))
    place(
        coordinator, make_client(org.unit_a), lease, start=date(2022, 2, 1), end=date(2022, 11, 30)
    )
    make_head_lease(org.other_committee, start=date(2022, 12, 22), rent=Decimal("3650"))
    # when
    rows = selectors.vacancy_days_and_cost(2022, today=date(2023, 6, 1))
    # then: January (31 days) and December (31 days) empty; the other lease ten days
    by_committee = {row.committee_id: row for row in rows}
    assert by_committee[org.committee.pk].days == 62
    assert by_committee[org.committee.pk].cost == Decimal("14880.00")  # 62 × 7300 × 12/365
    assert by_committee[org.committee.pk].head_lease_ids == [lease.pk]
    assert by_committee[org.other_committee.pk].days == 10
    assert by_committee[org.other_committee.pk].cost == Decimal("1200.00")


def test_vacancy_is_counted_up_to_today_in_the_current_year(org) -> None:
    make_head_lease(org.committee, start=date(2022, 1, 1), rent=Decimal("3650"))
    rows = selectors.vacancy_days_and_cost(2022, today=date(2022, 1, 10))
    assert rows[0].days == 10


def test_placements_in_a_year_by_kind_with_ids(org, coordinator) -> None:
    first = place(
        coordinator, make_client(org.unit_a), make_head_lease(org.committee), start=date(2022, 3, 1)
    )
    place(
        coordinator,
        make_client(org.unit_a, "Eva"),
        make_head_lease(org.committee),
        start=date(2021, 3, 1),
    )
    second = place(
        coordinator,
        make_client(org.unit_a, "Olena"),
        make_head_lease(org.committee, usage_code="housing_first"),
        start=date(2022, 12, 31),
    )
    figure = selectors.placements_in(2022)
    assert figure.total == 2
    assert figure.by_kind == {"supported_housing": 1, "housing_first": 1}
    assert figure.ids == [first.pk, second.pk]


def test_subtenants_in_arrears_owe_rent_that_has_fallen_due(org, coordinator) -> None:
    sublet = place(coordinator, make_client(org.unit_a), make_head_lease(org.committee))
    paid_up = place(coordinator, make_client(org.unit_a, "Eva"), make_head_lease(org.committee))
    for month in (date(2023, 1, 1), date(2023, 2, 1), date(2023, 3, 1)):
        services.rent_charge_create(sublet=sublet, charged_by=coordinator, month=month)
        charge = services.rent_charge_create(sublet=paid_up, charged_by=coordinator, month=month)
        services.rent_payment_record(
            charge=charge, recorded_by=coordinator, amount=charge.amount, paid_on=month
        )
    rows = selectors.subtenants_in_arrears(on=date(2023, 2, 15))
    assert [(row.sublet.pk, row.amount, row.months) for row in rows] == [
        (sublet.pk, Decimal("13000.00"), 2)
    ]
    assert selectors.subtenants_in_arrears(on=date(2023, 2, 15), min_months=3) == []
