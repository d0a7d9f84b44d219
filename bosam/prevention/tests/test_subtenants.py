from datetime import date
from decimal import Decimal

import pytest

from bosam.prevention.models import Notification
from bosam.prevention.services import subtenant_arrears_register
from bosam.prevention.tests.factories import register
from bosam.tenancies.services import rent_charge_create
from bosam.tenancies.tests.factories import make_client, make_head_lease, place

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("june_2022")]


@pytest.fixture
def sublet(org, coordinator):  # type: ignore[no-untyped-def]
    household = make_client(org.unit_a)
    return place(coordinator, household, make_head_lease(org.committee), start=date(2022, 1, 1))


def test_own_subtenants_in_arrears_become_notifications_once_a_month(
    sublet, coordinator, prevention_caseworker
) -> None:  # type: ignore[no-untyped-def]
    # given the May rent is unpaid on 1 June
    rent_charge_create(sublet=sublet, charged_by=coordinator, month=date(2022, 5, 1))
    # when
    result = subtenant_arrears_register(
        registered_by=prevention_caseworker, unit=prevention_caseworker.unit, on=date(2022, 6, 1)
    )
    # then
    notification = result.created[0]
    assert (notification.source, notification.stage) == ("own_knowledge", "early_signal")
    assert notification.sublet == sublet
    assert notification.landlord is None  # the municipality is the landlord
    assert notification.debt_amount == Decimal("6500.00")
    assert notification.case.household == sublet.household
    again = subtenant_arrears_register(
        registered_by=prevention_caseworker, unit=prevention_caseworker.unit, on=date(2022, 6, 1)
    )
    assert (again.created, again.already_known) == ([], 1)
    assert Notification.objects.count() == 1


def test_a_notified_tenant_is_matched_to_their_sublet(sublet, prevention_caseworker) -> None:  # type: ignore[no-untyped-def]
    applicant = sublet.household.memberships.get().person
    notification = register(prevention_caseworker, applicant)
    assert notification.sublet == sublet
