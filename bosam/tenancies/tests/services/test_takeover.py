from datetime import date

import pytest

from bosam.households.models import Intervention
from bosam.properties.models import HeadLease
from bosam.tenancies import services
from bosam.tenancies.errors import TenancyError, TenancyErrorCode
from bosam.tenancies.models import Sublet, SubletEndReason
from bosam.tenancies.rules import TakeoverCriteria
from bosam.tenancies.services.takeover import Decision
from bosam.tenancies.tests.factories import make_client, make_head_lease, place

pytestmark = pytest.mark.django_db

ALL_MET = TakeoverCriteria(True, True, True, True)


def _assess(sublet: Sublet, by, criteria: TakeoverCriteria = ALL_MET) -> None:  # type: ignore[no-untyped-def]
    services.takeover_assessment_record(
        sublet=sublet, assessed_by=by, assessed_on=date(2022, 6, 1), criteria=criteria
    )


def test_takeover_ends_the_sublet_and_the_head_lease(org, coordinator) -> None:
    # given
    lease = make_head_lease(org.committee)
    sublet = place(coordinator, make_client(org.unit_a), lease, start=date(2021, 1, 1))
    _assess(sublet, coordinator)
    # when
    services.takeover_record(sublet=sublet, recorded_by=coordinator, takeover_date=date(2022, 7, 1))
    # then
    sublet.refresh_from_db()
    lease.refresh_from_db()
    assert (sublet.status, sublet.outcome, sublet.end_date) == (
        Sublet.Status.ENDED,
        Sublet.Outcome.TOOK_OVER,
        date(2022, 7, 1),
    )
    # The apartment leaves the portfolio: the head lease ended because the tenant took over.
    assert lease.end_date == date(2022, 7, 1)
    assert lease.end_reason is not None
    assert lease.end_reason.is_takeover
    takeover = Intervention.objects.get(
        source_id=str(sublet.pk), intervention_type__code="takeover"
    )
    assert takeover.performed_on == date(2022, 7, 1)


def test_takeover_needs_the_landlords_consent(org, coordinator) -> None:
    sublet = place(coordinator, make_client(org.unit_a), make_head_lease(org.committee))
    _assess(sublet, coordinator, TakeoverCriteria(True, True, True, landlord_consent=False))
    with pytest.raises(TenancyError) as exc:
        services.takeover_record(
            sublet=sublet, recorded_by=coordinator, takeover_date=date(2022, 7, 1)
        )
    assert exc.value.code == TenancyErrorCode.CRITERIA_NOT_MET
    assert "hyresvärdens samtycke" in exc.value.message


def test_takeover_without_any_assessment_is_refused(org, coordinator) -> None:
    sublet = place(coordinator, make_client(org.unit_a), make_head_lease(org.committee))
    with pytest.raises(TenancyError):
        services.takeover_record(
            sublet=sublet, recorded_by=coordinator, takeover_date=date(2022, 7, 1)
        )


def test_a_refused_takeover_decision_leaves_no_assessment_behind(org, coordinator) -> None:
    sublet = place(coordinator, make_client(org.unit_a), make_head_lease(org.committee))
    with pytest.raises(TenancyError):
        services.takeover_decide(
            sublet=sublet,
            decided_by=coordinator,
            assessed_on=date(2022, 6, 1),
            criteria=TakeoverCriteria(False, True, True, True),
            decision=Decision.TAKE_OVER,
        )
    assert not sublet.assessments.exists()


def test_extension_postpones_the_takeover_and_keeps_the_sublet_running(org, coordinator) -> None:
    sublet = place(coordinator, make_client(org.unit_a), make_head_lease(org.committee))
    services.takeover_decide(
        sublet=sublet,
        decided_by=coordinator,
        assessed_on=date(2022, 6, 1),
        criteria=TakeoverCriteria(False, True, True, True),
        decision=Decision.EXTEND,
        new_planned_date=date(2023, 1, 1),
    )
    sublet.refresh_from_db()
    assert sublet.status == Sublet.Status.ACTIVE
    assert sublet.outcome == Sublet.Outcome.EXTENDED
    assert sublet.planned_takeover_date == date(2023, 1, 1)


def test_ending_without_takeover_keeps_the_head_lease_so_the_apartment_is_vacant(
    org, coordinator
) -> None:
    lease = make_head_lease(org.committee)
    sublet = place(coordinator, make_client(org.unit_a), lease)
    services.sublet_end(
        sublet=sublet,
        ended_by=coordinator,
        end_date=date(2022, 3, 31),
        reason=SubletEndReason.objects.get(code="evicted"),
    )
    lease.refresh_from_db()
    assert lease.end_reason is None
    assert HeadLease.objects.filter(pk=lease.pk, end_date__isnull=True).exists()
    # The household may now be placed again elsewhere.
    place(coordinator, sublet.household, make_head_lease(org.committee), start=date(2022, 4, 1))


def test_an_ended_sublet_cannot_be_ended_again(org, coordinator) -> None:
    sublet = place(coordinator, make_client(org.unit_a), make_head_lease(org.committee))
    reason = SubletEndReason.objects.get(code="moved_on_own")
    services.sublet_end(
        sublet=sublet, ended_by=coordinator, end_date=date(2022, 3, 31), reason=reason
    )
    with pytest.raises(TenancyError) as exc:
        services.sublet_end(
            sublet=sublet, ended_by=coordinator, end_date=date(2022, 4, 30), reason=reason
        )
    assert exc.value.code == TenancyErrorCode.SUBLET_ENDED
