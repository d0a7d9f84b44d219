from datetime import date
from decimal import Decimal

import pytest

from bosam.audit.models import AuditAction, AuditEvent
from bosam.households.models import Intervention
from bosam.tenancies.errors import TenancyError, TenancyErrorCode
from bosam.tenancies.models import Sublet, TenancySettings
from bosam.tenancies.tests.factories import make_client, make_head_lease, place

pytestmark = pytest.mark.django_db


def test_placing_a_household_records_a_placement_intervention(org, coordinator) -> None:
    # given
    lease = make_head_lease(org.committee)
    household = make_client(org.unit_a)
    # when
    sublet = place(coordinator, household, lease, start=date(2022, 2, 1))
    # then
    intervention = Intervention.objects.get(source_id=str(sublet.pk))
    assert intervention.intervention_type.code == "placement_supported_housing"
    assert intervention.performed_on == date(2022, 2, 1)
    assert intervention.source_type == "tenancies.sublet"
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_id=str(sublet.pk)).exists()


def test_placement_takes_kind_unit_and_committee_from_household_and_head_lease(
    org, coordinator
) -> None:
    lease = make_head_lease(org.other_committee, usage_code="emergency")
    sublet = place(coordinator, make_client(org.unit_b), lease)
    assert sublet.kind == Sublet.Kind.EMERGENCY
    assert sublet.unit == org.unit_b
    assert sublet.committee == org.other_committee
    # An emergency apartment does not aim at takeover: no plan, no planned date.
    assert not sublet.takeover_planned
    assert sublet.planned_takeover_date is None


def test_supported_housing_gets_a_planned_takeover_from_the_setting(org, coordinator) -> None:
    TenancySettings.objects.filter(pk=1).update(months_to_takeover=12)
    sublet = place(
        coordinator,
        make_client(org.unit_a),
        make_head_lease(org.committee),
        start=date(2022, 3, 15),
    )
    assert sublet.takeover_planned
    assert sublet.planned_takeover_date == date(2023, 3, 15)
    # The first home visit is planned with the sublet.
    assert sublet.follow_ups.get().planned_on == date(2022, 6, 15)


def test_an_apartment_never_gets_two_overlapping_sublets(org, coordinator) -> None:
    lease = make_head_lease(org.committee)
    place(
        coordinator, make_client(org.unit_a), lease, start=date(2021, 1, 1), end=date(2021, 12, 31)
    )
    with pytest.raises(TenancyError) as exc:
        place(coordinator, make_client(org.unit_a, "Eva"), lease, start=date(2021, 12, 31))
    assert exc.value.code == TenancyErrorCode.OVERLAPPING_SUBLET
    # The day after the first ends is free.
    place(coordinator, make_client(org.unit_a, "Olena"), lease, start=date(2022, 1, 1))


def test_a_sublet_must_lie_inside_its_head_lease(org, coordinator) -> None:
    lease = make_head_lease(org.committee, start=date(2021, 1, 1), end=date(2022, 12, 31))
    with pytest.raises(TenancyError) as exc:
        place(
            coordinator,
            make_client(org.unit_a),
            lease,
            start=date(2020, 12, 1),
            end=date(2021, 6, 1),
        )
    assert exc.value.code == TenancyErrorCode.OUTSIDE_HEAD_LEASE
    with pytest.raises(TenancyError):
        # Running until further notice does not fit a lease that ends.
        place(coordinator, make_client(org.unit_a, "Eva"), lease, start=date(2021, 6, 1))


def test_a_household_has_at_most_one_current_sublet(org, coordinator) -> None:
    household = make_client(org.unit_a)
    place(coordinator, household, make_head_lease(org.committee))
    with pytest.raises(TenancyError) as exc:
        place(coordinator, household, make_head_lease(org.committee))
    assert exc.value.code == TenancyErrorCode.HOUSEHOLD_HAS_SUBLET


def test_an_ended_head_lease_cannot_be_sublet(org, coordinator) -> None:
    from bosam.properties.models import EndReason

    lease = make_head_lease(org.committee, end=date(2030, 1, 1))
    lease.end_reason = EndReason.objects.get(code="returned_to_landlord")
    lease.save()
    with pytest.raises(TenancyError) as exc:
        place(coordinator, make_client(org.unit_a), lease, end=date(2022, 1, 1))
    assert exc.value.code == TenancyErrorCode.HEAD_LEASE_ENDED


def test_rent_may_not_be_negative(org, coordinator) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        place(
            coordinator, make_client(org.unit_a), make_head_lease(org.committee), rent=Decimal("-1")
        )
