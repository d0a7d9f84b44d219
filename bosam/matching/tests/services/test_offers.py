import threading
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection, connections

from bosam.accounts.roles import Role
from bosam.audit.models import AuditEvent
from bosam.matching import selectors, services
from bosam.matching.errors import MatchingError, MatchingErrorCode
from bosam.matching.models import HousingRequest, Offer
from bosam.matching.tests.factories import (
    make_client,
    make_request,
    make_vacancy,
    offer,
    reason,
    seed_catalogues,
)
from bosam.tenancies.models import Sublet
from bosam.testing import make_user

pytestmark = pytest.mark.django_db

TODAY = date(2024, 3, 1)


@pytest.fixture
def waiting(org, social_worker_a):  # type: ignore[no-untyped-def]
    return make_request(social_worker_a, make_client(org.unit_a), org.committee)


def test_an_offer_locks_in_the_score_and_takes_the_request_out_of_the_pool(
    org, coordinator, waiting
) -> None:
    lease = make_vacancy(org.committee)
    made = offer(coordinator, waiting, lease, TODAY)
    waiting.refresh_from_db()
    assert made.state == Offer.State.OFFERED
    assert made.available_from == TODAY
    assert "Väntetid: har väntat 51 dagar" in made.explanation
    assert waiting.status == HousingRequest.Status.OFFERED
    assert selectors.waiting_requests() == []
    # the vacancy stays listed, with its open offer, but is not proposed to other requests
    vacancy = selectors.vacancy_get(head_lease_id=lease.pk, today=TODAY)
    assert vacancy is not None
    assert vacancy.open_offer == made


def test_the_same_vacancy_cannot_be_offered_twice(
    org, coordinator, social_worker_a, waiting
) -> None:
    lease = make_vacancy(org.committee)
    offer(coordinator, waiting, lease, TODAY)
    other = make_request(social_worker_a, make_client(org.unit_a, "Eva"), org.committee)
    with pytest.raises(MatchingError) as error:
        offer(coordinator, other, lease, TODAY)
    assert error.value.code == MatchingErrorCode.VACANCY_TAKEN
    assert waiting.reference in error.value.message


def test_a_request_gets_one_open_offer_at_a_time(org, coordinator, waiting) -> None:
    offer(coordinator, waiting, make_vacancy(org.committee), TODAY)
    with pytest.raises(MatchingError) as error:
        offer(coordinator, waiting, make_vacancy(org.committee), TODAY)
    assert error.value.code == MatchingErrorCode.REQUEST_HAS_OPEN_OFFER


def test_an_apartment_with_a_running_sublet_cannot_be_offered(org, coordinator, waiting) -> None:
    lease = make_vacancy(org.committee)
    from bosam.tenancies.tests.factories import place

    place(coordinator, make_client(org.unit_b, "Lisa"), lease, start=date(2021, 1, 1))
    with pytest.raises(MatchingError) as error:
        offer(coordinator, waiting, lease, TODAY)
    assert error.value.code == MatchingErrorCode.NOT_VACANT


def test_a_pairing_the_rules_exclude_needs_the_coordinators_stated_reason(
    org, coordinator, social_worker_a
) -> None:
    big = make_request(
        social_worker_a, make_client(org.unit_a), org.committee, household_size=6, rooms_wanted=2
    )
    lease = make_vacancy(org.committee)
    with pytest.raises(MatchingError) as error:
        offer(coordinator, big, lease, TODAY)
    assert error.value.extra["rules"] == ["household_too_large"]
    # the coordinator decides, with a reason the audit keeps
    made = services.offer_make(
        offered_by=coordinator,
        request=big,
        head_lease=lease,
        override_reason="Tillfälligt i väntan på större, nämnden informerad",
        today=TODAY,
    )
    assert made.explanation.startswith("Erbjuden trots reglerna")
    assert AuditEvent.objects.filter(
        object_id=str(made.pk), reason__contains="nämnden informerad"
    ).exists()


def test_accepting_makes_the_sublet_in_one_step(org, coordinator, social_worker_a, waiting) -> None:
    # given an open offer
    lease = make_vacancy(org.committee)
    made = offer(coordinator, waiting, lease, TODAY)
    # when the unit answers yes
    services.offer_accept(
        offer=made,
        answered_by=social_worker_a,
        move_in=date(2024, 3, 15),
        monthly_rent=Decimal("5900"),
        today=TODAY,
    )
    # then the sublet exists, the request is housed and the vacancy is gone
    made.refresh_from_db()
    waiting.refresh_from_db()
    sublet = made.sublet
    assert made.state == Offer.State.ACCEPTED
    assert sublet is not None
    assert (sublet.household_id, sublet.head_lease_id, sublet.start_date) == (
        waiting.household_id,
        lease.pk,
        date(2024, 3, 15),
    )
    assert sublet.unit == org.unit_a
    assert sublet.social_worker == social_worker_a
    assert waiting.status == HousingRequest.Status.HOUSED
    assert selectors.vacancy_get(head_lease_id=lease.pk, today=date(2024, 4, 1)) is None


def test_moving_in_before_the_apartment_is_free_is_refused(org, coordinator, waiting) -> None:
    made = offer(coordinator, waiting, make_vacancy(org.committee), TODAY)
    with pytest.raises(MatchingError) as error:
        services.offer_accept(
            offer=made, answered_by=coordinator, move_in=date(2024, 2, 1), today=TODAY
        )
    assert error.value.extra["field"] == "move_in"
    assert not Sublet.objects.exists()


def test_declining_returns_the_vacancy_and_the_request_to_the_pool(
    org, coordinator, social_worker_a, waiting
) -> None:
    lease = make_vacancy(org.committee)
    made = offer(coordinator, waiting, lease, TODAY)
    services.offer_decline(
        offer=made, answered_by=social_worker_a, reason=reason("household_area"), today=TODAY
    )
    made.refresh_from_db()
    waiting.refresh_from_db()
    assert made.state == Offer.State.DECLINED
    assert made.decline_reason is not None
    assert made.decline_reason.declined_by == "household"
    assert waiting.status == HousingRequest.Status.WAITING
    vacancy = selectors.vacancy_get(head_lease_id=lease.pk, today=TODAY)
    assert vacancy is not None
    assert vacancy.open_offer is None
    assert AuditEvent.objects.filter(object_id=str(made.pk), reason__startswith="Nej: ").exists()
    # and the vacancy can be offered again
    assert offer(coordinator, waiting, lease, TODAY).is_open


def test_declining_needs_a_reason_from_the_catalogue(org, coordinator, waiting) -> None:
    made = offer(coordinator, waiting, make_vacancy(org.committee), TODAY)
    with pytest.raises(MatchingError) as error:
        services.offer_decline(offer=made, answered_by=coordinator, reason=None)
    assert error.value.extra["field"] == "decline_reason"


def test_an_answered_offer_cannot_be_answered_again(org, coordinator, waiting) -> None:
    made = offer(coordinator, waiting, make_vacancy(org.committee), TODAY)
    services.offer_decline(offer=made, answered_by=coordinator, reason=reason(), today=TODAY)
    with pytest.raises(MatchingError) as error:
        services.offer_accept(offer=made, answered_by=coordinator, today=TODAY)
    assert error.value.code == MatchingErrorCode.OFFER_CLOSED


def test_an_offer_expires_only_after_the_answer_days(org, coordinator, waiting) -> None:
    made = offer(coordinator, waiting, make_vacancy(org.committee), TODAY)
    with pytest.raises(MatchingError):
        services.offer_expire(offer=made, expired_by=coordinator, today=date(2024, 3, 5))
    services.offer_expire(offer=made, expired_by=coordinator, today=date(2024, 3, 8))
    made.refresh_from_db()
    assert made.state == Offer.State.EXPIRED


def test_the_coordinator_withdraws_an_offer_with_a_reason(org, coordinator, waiting) -> None:
    made = offer(coordinator, waiting, make_vacancy(org.committee), TODAY)
    services.offer_withdraw(offer=made, withdrawn_by=coordinator, reason="Vattenskada", today=TODAY)
    waiting.refresh_from_db()
    assert waiting.status == HousingRequest.Status.WAITING


def test_two_coordinators_offering_one_vacancy_in_turn_the_second_gets_a_clear_message(
    org, coordinator, social_worker_a, waiting
) -> None:
    # The sequential half of the race: whoever comes second sees the first one's offer.
    colleague = make_user("dora", Role.HOUSING_COORDINATOR, org.housing_unit)
    lease = make_vacancy(org.committee)
    other = make_request(social_worker_a, make_client(org.unit_a, "Eva"), org.committee)
    offer(coordinator, waiting, lease, TODAY)
    with pytest.raises(MatchingError) as error:
        services.offer_make(offered_by=colleague, request=other, head_lease=lease, today=TODAY)
    assert "Objektet har redan erbjudits till beställning" in error.value.message
    assert "Alice" in error.value.message


@pytest.mark.django_db(transaction=True)
def test_two_coordinators_offering_one_vacancy_at_once_only_one_wins(org, social_worker_a) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("True concurrency needs row locks: run on PostgreSQL.")
    # given two coordinators, two waiting requests and one vacancy
    seed_catalogues()  # a transaction test may follow another that flushed the tables
    first = make_user("alice", Role.HOUSING_COORDINATOR, org.housing_unit)
    second = make_user("dora", Role.HOUSING_COORDINATOR, org.housing_unit)
    lease = make_vacancy(org.committee)
    requests = [
        make_request(social_worker_a, make_client(org.unit_a, name), org.committee)
        for name in ("Anna", "Eva")
    ]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def offer_it(user, request) -> None:  # type: ignore[no-untyped-def]
        try:
            barrier.wait()
            services.offer_make(offered_by=user, request=request, head_lease=lease, today=TODAY)
            outcomes.append("won")
        except MatchingError as exc:
            outcomes.append(exc.message)
        finally:
            connections.close_all()

    # when both offer at the same moment
    threads = [
        threading.Thread(target=offer_it, args=(user, request))
        for user, request in zip((first, second), requests, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then exactly one offer exists and the other coordinator got the clear message
    assert sorted(outcomes, key=len)[0] == "won"
    assert outcomes.count("won") == 1
    assert any("Objektet har redan erbjudits" in text for text in outcomes)
    assert Offer.objects.filter(head_lease=lease, state=Offer.State.OFFERED).count() == 1
