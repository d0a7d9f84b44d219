"""Rent is never charged for days outside the sublet's period."""

from datetime import date
from decimal import Decimal

import pytest

from bosam.tenancies import rules, services
from bosam.tenancies.errors import TenancyError, TenancyErrorCode
from bosam.tenancies.tests.factories import make_client, make_head_lease, place


@pytest.mark.nodb
def test_a_first_month_is_prorated_by_the_days_the_sublet_runs() -> None:
    # moving in on 21 March: 11 of 31 days
    assert rules.rent_for_month(
        Decimal("7250"), date(2023, 3, 1), start=date(2023, 3, 21), end=None
    ) == Decimal("2572.58")


@pytest.mark.nodb
def test_a_last_month_is_prorated_by_the_days_the_sublet_runs() -> None:
    # ending on 14 February 2024 (a leap year): 14 of 29 days
    assert rules.rent_for_month(
        Decimal("7250"), date(2024, 2, 1), start=date(2023, 1, 1), end=date(2024, 2, 14)
    ) == Decimal("3500.00")


@pytest.mark.nodb
def test_a_whole_month_is_the_whole_rent_and_a_month_outside_is_nothing() -> None:
    assert rules.rent_for_month(
        Decimal("7250"), date(2023, 4, 1), start=date(2023, 3, 21), end=None
    ) == Decimal("7250")
    assert (
        rules.rent_for_month(Decimal("7250"), date(2023, 2, 1), start=date(2023, 3, 21), end=None)
        is None
    )


@pytest.mark.django_db
def test_charging_a_month_before_the_sublet_starts_is_refused(org, coordinator) -> None:  # type: ignore[no-untyped-def]
    sublet = place(
        coordinator,
        make_client(org.unit_a),
        make_head_lease(org.committee),
        start=date(2023, 3, 21),
    )
    with pytest.raises(TenancyError) as refused:
        services.rent_charge_create(sublet=sublet, charged_by=coordinator, month=date(2023, 2, 1))
    assert refused.value.code == TenancyErrorCode.OUTSIDE_PERIOD


@pytest.mark.django_db
def test_the_balance_is_what_is_owed_for_the_days_lived_there(org, coordinator) -> None:  # type: ignore[no-untyped-def]
    # given a sublet from 21 March at 7 250 kr a month
    sublet = place(
        coordinator,
        make_client(org.unit_a),
        make_head_lease(org.committee),
        start=date(2023, 3, 21),
        rent=Decimal("7250"),
    )
    # when March and April are charged
    march = services.rent_charge_create(
        sublet=sublet, charged_by=coordinator, month=date(2023, 3, 1)
    )
    april = services.rent_charges_generate(month=date(2023, 4, 1), charged_by=coordinator)
    # then March is 11 days' rent and the balance owed in May is 11 days plus April
    assert march.amount == Decimal("2572.58")
    assert [c.amount for c in april] == [Decimal("7250")]
    owed = rules.arrears(
        [rules.Charge(c.due_date, c.amount, c.paid_amount) for c in [march, *april]],
        date(2023, 5, 1),
    )
    assert owed == Decimal("9822.58")
