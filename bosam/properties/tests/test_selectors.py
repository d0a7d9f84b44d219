from datetime import date

import pytest

from bosam.properties.models import HeadLease
from bosam.properties.rules import LeaseStatus, lease_status
from bosam.properties.selectors import (
    HeadLeaseFilters,
    head_lease_list,
    head_leases_started_in,
    landlords_new_in,
    lists,
    portfolio_at,
)
from bosam.properties.tests.factories import make_apartment, make_head_lease, make_landlord, usage

pytestmark = pytest.mark.django_db


def test_an_agreement_is_on_a_new_object_when_the_apartment_had_no_earlier_lease(org) -> None:  # type: ignore[no-untyped-def]
    # given: one apartment leased 2019–2021 and again 2022; one apartment leased first in 2022
    reused = make_apartment()
    old = make_head_lease(reused, org.committee, date(2019, 1, 1), date(2021, 12, 31))
    again = make_head_lease(reused, org.committee, date(2022, 2, 1))
    fresh = make_head_lease(make_apartment(), org.other_committee, date(2022, 3, 1))
    # when
    figures = head_leases_started_in(2022)
    # then
    assert figures.total.ids == (again.pk, fresh.pk)
    assert figures.on_new_objects.ids == (fresh.pk,)
    assert figures.on_reused_objects.ids == (again.pk,)
    assert head_leases_started_in(2019).on_new_objects.ids == (old.pk,)


def test_a_second_lease_in_the_same_year_on_a_new_apartment_is_on_a_reused_object(org) -> None:  # type: ignore[no-untyped-def]
    apartment = make_apartment()
    first = make_head_lease(apartment, org.committee, date(2022, 1, 10), date(2022, 5, 31))
    second = make_head_lease(apartment, org.committee, date(2022, 9, 1))
    figures = head_leases_started_in(2022)
    assert figures.on_new_objects.ids == (first.pk,)
    assert figures.on_reused_objects.ids == (second.pk,)


def test_started_figures_split_by_usage_and_committee(org) -> None:  # type: ignore[no-untyped-def]
    a = make_head_lease(make_apartment(), org.committee, date(2022, 1, 1))
    b = make_head_lease(
        make_apartment(), org.other_committee, date(2022, 4, 1), usage=usage("emergency")
    )
    figures = head_leases_started_in(2022)
    by_usage = {row.key: row.figure.ids for row in figures.by_usage}
    by_committee = {row.label: row.figure.ids for row in figures.by_committee}
    assert by_usage == {"supported_housing": (a.pk,), "emergency": (b.pk,)}
    assert by_committee == {"Socialnämnden": (a.pk,), "Vård- och omsorgsnämnden": (b.pk,)}


def test_the_portfolio_on_a_day_counts_leases_in_force(org) -> None:  # type: ignore[no-untyped-def]
    running = make_head_lease(make_apartment(), org.committee, date(2021, 1, 1))
    last_day = make_head_lease(
        make_apartment(), org.committee, date(2021, 1, 1), date(2022, 12, 31)
    )
    make_head_lease(make_apartment(), org.committee, date(2021, 1, 1), date(2022, 12, 30))
    make_head_lease(make_apartment(), org.committee, date(2023, 1, 1))
    figures = portfolio_at(date(2022, 12, 31))
    assert set(figures.total.ids) == {running.pk, last_day.pk}
    assert figures.by_committee[0].figure.count == 2


def test_a_landlord_is_new_in_the_year_of_its_first_lease(org) -> None:  # type: ignore[no-untyped-def]
    veteran = make_landlord("Gamla AB")
    make_head_lease(make_apartment(veteran), org.committee, date(2018, 1, 1))
    make_head_lease(make_apartment(veteran), org.committee, date(2022, 1, 1))
    newcomer = make_landlord("Nya AB")
    make_head_lease(make_apartment(newcomer), org.committee, date(2022, 6, 1))
    make_landlord("Utan avtal AB")
    assert landlords_new_in(2022).ids == (newcomer.pk,)
    assert landlords_new_in(2018).ids == (veteran.pk,)


TODAY = date(2026, 11, 25)


def test_the_status_filter_agrees_with_the_status_rule(org, coordinator) -> None:  # type: ignore[no-untyped-def]
    leases = [
        make_head_lease(make_apartment(), org.committee, date(2026, 12, 1)),
        make_head_lease(make_apartment(), org.committee, date(2020, 1, 1)),
        make_head_lease(make_apartment(), org.committee, date(2020, 1, 1), date(2027, 6, 30)),
        make_head_lease(
            make_apartment(),
            org.committee,
            date(2020, 1, 1),
            TODAY,
            notice_given_on=date(2026, 8, 1),
        ),
        make_head_lease(make_apartment(), org.committee, date(2020, 1, 1), date(2026, 11, 24)),
    ]
    for status in LeaseStatus:
        found = set(
            head_lease_list(
                user=coordinator, filters=HeadLeaseFilters(status=status), today=TODAY
            ).values_list("pk", flat=True)
        )
        expected = {
            lease.pk
            for lease in leases
            if lease_status(
                start_date=lease.start_date,
                end_date=lease.end_date,
                notice_given_on=lease.notice_given_on,
                today=TODAY,
            )
            == status
        }
        assert found == expected, status


def test_ending_soon_lists_leases_whose_last_day_is_within_ninety_days(org, coordinator) -> None:  # type: ignore[no-untyped-def]
    soon = make_head_lease(make_apartment(), org.committee, date(2020, 1, 1), date(2027, 1, 31))
    make_head_lease(make_apartment(), org.committee, date(2020, 1, 1), date(2027, 6, 30))
    make_head_lease(make_apartment(), org.committee, date(2020, 1, 1))
    found = head_lease_list(
        user=coordinator, filters=HeadLeaseFilters(ending_soon=True), today=TODAY
    )
    assert [lease.pk for lease in found] == [soon.pk]


def test_a_user_without_register_access_sees_no_leases(org, social_worker_a) -> None:  # type: ignore[no-untyped-def]
    make_head_lease(make_apartment(), org.committee, date(2020, 1, 1))
    assert not head_lease_list(user=social_worker_a).exists()


def test_vacant_leases_are_the_running_ones_no_module_occupies(
    org, coordinator, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    # given: three running leases, one occupied according to a module (tenancies in the product)
    occupied = make_head_lease(make_apartment(), org.committee, date(2020, 1, 1))
    vacant = make_head_lease(make_apartment(), org.committee, date(2020, 1, 1))
    make_head_lease(make_apartment(), org.committee, date(2020, 1, 1), date(2021, 1, 1))  # ended
    monkeypatch.setattr(
        lists,
        "occupied_head_lease_querysets",
        lambda day: [HeadLease.objects.filter(pk=occupied.pk).values("pk")],
    )
    # when
    found = head_lease_list(user=coordinator, filters=HeadLeaseFilters(vacant=True), today=TODAY)
    # then
    assert [lease.pk for lease in found] == [vacant.pk]
