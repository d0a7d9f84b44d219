from datetime import date

import pytest

from bosam.matching import selectors, services
from bosam.matching.tests.factories import make_client, make_request, make_vacancy, offer

pytestmark = pytest.mark.django_db


def test_open_requests_come_first_the_longest_waiting_first_then_the_latest_closed(
    org, social_worker_a
) -> None:
    closed = make_request(
        social_worker_a, make_client(org.unit_a), org.committee, received_on=date(2023, 1, 1)
    )
    services.request_withdraw(request=closed, withdrawn_by=social_worker_a, reason="Löst")
    closed_earlier = make_request(
        social_worker_a, make_client(org.unit_a, "D"), org.committee, received_on=date(2022, 1, 1)
    )
    services.request_withdraw(request=closed_earlier, withdrawn_by=social_worker_a, reason="Löst")
    type(closed_earlier).objects.filter(pk=closed_earlier.pk).update(closed_on=date(2022, 6, 1))
    newer = make_request(
        social_worker_a, make_client(org.unit_a, "B"), org.committee, received_on=date(2024, 5, 1)
    )
    older = make_request(
        social_worker_a, make_client(org.unit_a, "C"), org.committee, received_on=date(2024, 1, 1)
    )
    listed = list(selectors.request_list(user=social_worker_a))
    assert listed == [older, newer, closed, closed_earlier]


def test_urgent_waiting_requests_list_acute_first_then_the_longest_waiting(
    org, social_worker_a, coordinator
) -> None:
    high = make_request(
        social_worker_a,
        make_client(org.unit_a),
        org.committee,
        urgency="high",
        urgency_reason="Utskrivning",
        received_on=date(2023, 1, 1),
    )
    acute = make_request(
        social_worker_a,
        make_client(org.unit_a, "B"),
        org.committee,
        urgency="acute",
        urgency_reason="Hemlös",
        received_on=date(2024, 1, 1),
    )
    make_request(social_worker_a, make_client(org.unit_a, "C"), org.committee)
    assert selectors.urgent_requests_waiting(user=coordinator) == [acute, high]


def test_offers_unanswered_past_the_days_stand_out(org, social_worker_a, coordinator) -> None:
    old = offer(
        coordinator,
        make_request(social_worker_a, make_client(org.unit_a), org.committee),
        make_vacancy(org.committee),
        date(2024, 3, 1),
    )
    offer(
        coordinator,
        make_request(social_worker_a, make_client(org.unit_a, "B"), org.committee),
        make_vacancy(org.committee),
        date(2024, 3, 6),
    )
    found = selectors.offers_unanswered(user=coordinator, today=date(2024, 3, 10), after_days=7)
    assert found == [old]
    # the unit sees its own; another unit none
    assert selectors.offers_unanswered(
        user=social_worker_a, today=date(2024, 3, 10), after_days=7
    ) == [old]


def test_a_vacancy_becoming_free_shows_the_day_after_the_sublet_ends(org, coordinator) -> None:
    from bosam.tenancies.tests.factories import place

    lease = make_vacancy(org.committee)
    place(
        coordinator, make_client(org.unit_b), lease, start=date(2021, 1, 1), end=date(2024, 4, 30)
    )
    vacancy = selectors.vacancy_get(head_lease_id=lease.pk, today=date(2024, 3, 1))
    assert vacancy is not None
    assert (vacancy.free_from, vacancy.cause) == (date(2024, 5, 1), "sublet_ended")
    # beyond the horizon it is not listed yet
    assert selectors.vacancy_get(head_lease_id=lease.pk, today=date(2023, 6, 1)) is None


def test_a_head_lease_starting_soon_is_a_vacancy_from_its_start(org) -> None:
    lease = make_vacancy(org.committee, start=date(2024, 4, 1))
    vacancy = selectors.vacancy_get(head_lease_id=lease.pk, today=date(2024, 3, 1))
    assert vacancy is not None
    assert (vacancy.free_from, vacancy.cause) == (date(2024, 4, 1), "new_head_lease")
