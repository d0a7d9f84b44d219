from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from bosam.audit.models import AuditAction, AuditEvent
from bosam.tenancies import occupancy, timeline
from bosam.tenancies.tests.factories import make_client, make_head_lease, place

pytestmark = pytest.mark.django_db


def test_the_apartment_timeline_shows_sublets_and_the_vacancy_between(org, coordinator) -> None:  # type: ignore[no-untyped-def]
    # given: a lease since 2022 at 7 300 kr, sublet from 1 March, nothing after 30 June 2022
    lease = make_head_lease(
        org.committee, start=date(2022, 1, 1), end=date(2022, 12, 31), rent=Decimal(7300)
    )
    sublet = place(
        coordinator, make_client(org.unit_a), lease, start=date(2022, 3, 1), end=date(2022, 6, 30)
    )
    # when
    entries = timeline.apartment_entries(lease.apartment, coordinator)
    # then
    kinds = sorted((entry.kind, entry.day) for entry in entries)
    assert kinds == [
        ("sublet", date(2022, 3, 1)),
        ("vacancy", date(2022, 1, 1)),
        ("vacancy", date(2022, 7, 1)),
    ]
    first_gap = next(e for e in entries if e.kind == "vacancy" and e.day == date(2022, 1, 1))
    assert str(first_gap.detail).startswith("14160.00 kr")  # 59 days × 7 300 × 12 / 365
    assert AuditEvent.objects.filter(action=AuditAction.LIST, object_id=str(sublet.pk)).exists()


def test_another_units_social_worker_sees_only_the_vacancies(
    org, coordinator, social_worker_b
) -> None:  # type: ignore[no-untyped-def]
    lease = make_head_lease(org.committee, start=date(2022, 1, 1), end=date(2022, 12, 31))
    place(
        coordinator, make_client(org.unit_a), lease, start=date(2022, 3, 1), end=date(2022, 6, 30)
    )
    entries = timeline.apartment_entries(lease.apartment, social_worker_b)
    assert {entry.kind for entry in entries} == {"vacancy"}


def test_a_head_lease_is_occupied_on_the_days_of_its_sublets(org, coordinator) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    lease = make_head_lease(org.committee, start=today - timedelta(days=400))
    place(coordinator, make_client(org.unit_a), lease, start=today - timedelta(days=100))
    empty = make_head_lease(org.committee, start=today - timedelta(days=400))
    occupied = set(occupancy.occupied_head_leases(today).values_list("head_lease_id", flat=True))
    assert lease.pk in occupied
    assert empty.pk not in occupied
    assert lease.pk not in set(
        occupancy.occupied_head_leases(today - timedelta(days=200)).values_list(
            "head_lease_id", flat=True
        )
    )
