from datetime import date

import pytest

from bosam.audit.models import AuditAction, AuditEvent
from bosam.core.errors import AccessDenied
from bosam.matching import services
from bosam.matching.errors import MatchingError
from bosam.matching.models import HousingRequest, Offer
from bosam.matching.tests.factories import make_client, make_request, make_vacancy, offer

pytestmark = pytest.mark.django_db


def test_a_social_worker_requests_housing_for_a_household_of_their_unit(
    org, social_worker_a
) -> None:
    # given a household of unit A
    household = make_client(org.unit_a)
    # when the unit's social worker requests an apartment
    request = make_request(
        social_worker_a,
        household,
        org.committee,
        districts_preferred=[" Hageby", "hageby", ""],
        urgency="acute",
        urgency_reason="Vräks 1 mars",
    )
    # then it waits in the pool, numbered for the year, and the write is audited
    assert request.status == HousingRequest.Status.WAITING
    assert request.reference == "BB-2024-0001"
    assert request.unit == org.unit_a
    assert request.districts_preferred == ["Hageby"]
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_id=str(request.pk), actor=social_worker_a
    ).exists()


def test_a_social_worker_cannot_request_for_another_units_household(org, social_worker_b) -> None:
    household = make_client(org.unit_a)
    with pytest.raises(AccessDenied):
        make_request(social_worker_b, household, org.committee)
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, actor=social_worker_b).exists()


def test_urgency_needs_a_reason(org, social_worker_a) -> None:
    with pytest.raises(MatchingError) as error:
        make_request(social_worker_a, make_client(org.unit_a), org.committee, urgency="high")
    assert error.value.extra["field"] == "urgency_reason"


def test_a_district_cannot_be_both_wished_and_avoided(org, social_worker_a) -> None:
    with pytest.raises(MatchingError) as error:
        make_request(
            social_worker_a,
            make_client(org.unit_a),
            org.committee,
            districts_preferred=["Ljura"],
            districts_avoided=["ljura"],
        )
    assert error.value.extra["field"] == "districts_avoided"


def test_updating_changes_the_needs_of_an_open_request(org, social_worker_a) -> None:
    request = make_request(social_worker_a, make_client(org.unit_a), org.committee)
    services.request_update(
        request=request, updated_by=social_worker_a, household_size=3, other_needs=" Husdjur "
    )
    request.refresh_from_db()
    assert (request.household_size, request.other_needs) == (3, "Husdjur")


def test_withdrawing_a_request_takes_back_its_open_offer(org, social_worker_a, coordinator) -> None:
    # given a request with an open offer
    request = make_request(social_worker_a, make_client(org.unit_a), org.committee)
    made = offer(coordinator, request, make_vacancy(org.committee))
    # when the unit withdraws the request
    services.request_withdraw(
        request=request, withdrawn_by=social_worker_a, reason="Flyttat till annan kommun"
    )
    # then both are closed and the reason is in the audit
    made.refresh_from_db()
    request.refresh_from_db()
    assert made.state == Offer.State.WITHDRAWN
    assert request.status == HousingRequest.Status.WITHDRAWN
    assert AuditEvent.objects.filter(
        object_id=str(request.pk), reason="Flyttat till annan kommun"
    ).exists()


def test_a_withdrawn_request_cannot_be_changed(org, social_worker_a) -> None:
    request = make_request(social_worker_a, make_client(org.unit_a), org.committee)
    services.request_withdraw(request=request, withdrawn_by=social_worker_a, reason="Behov upphört")
    with pytest.raises(MatchingError):
        services.request_update(request=request, updated_by=social_worker_a, household_size=2)


def test_withdrawing_needs_a_reason(org, social_worker_a) -> None:
    request = make_request(social_worker_a, make_client(org.unit_a), org.committee)
    with pytest.raises(MatchingError):
        services.request_withdraw(request=request, withdrawn_by=social_worker_a, reason=" ")


def test_needed_by_cannot_be_before_the_request(org, social_worker_a) -> None:
    with pytest.raises(MatchingError):
        make_request(
            social_worker_a, make_client(org.unit_a), org.committee, needed_by=date(2023, 1, 1)
        )
