from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation

from bosam.accounts.models import User
from bosam.audit.models import AuditAction, AuditEvent
from bosam.properties.errors import RegisterError, RegisterErrorCode
from bosam.properties.models import Apartment, EndReason, HeadLease, Landlord
from bosam.properties.services import (
    apartment_create,
    apartment_update,
    head_lease_create,
    head_lease_end,
    head_lease_update,
    landlord_create,
    landlord_update,
)
from bosam.properties.tests.factories import (
    make_apartment,
    make_head_lease,
    make_landlord,
    org_number,
    usage,
)
from bosam.testing import Org

pytestmark = pytest.mark.django_db


def test_a_landlord_is_stored_with_ten_digits_and_the_creation_audited(coordinator) -> None:  # type: ignore[no-untyped-def]
    landlord = landlord_create(by=coordinator, name="Bostads AB Ström", org_number="556677-8899")
    assert landlord.org_number == "5566778899"
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="properties.landlord")
    assert event.object_id == str(landlord.pk)
    assert event.actor == coordinator


def test_an_org_number_with_a_wrong_check_digit_is_refused_on_the_field(coordinator) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RegisterError, match="kontrollsiffra") as caught:
        landlord_create(by=coordinator, name="X", org_number="556677-8898")
    assert caught.value.code == RegisterErrorCode.INVALID_ORG_NUMBER
    assert caught.value.extra["field"] == "org_number"
    assert not Landlord.objects.exists()


def test_the_same_org_number_is_never_registered_twice(coordinator) -> None:  # type: ignore[no-untyped-def]
    make_landlord("Första AB", org_number="5566778899")
    with pytest.raises(RegisterError, match="finns redan för Första AB"):
        landlord_create(by=coordinator, name="Andra AB", org_number="556677-8899")


def test_a_landlord_update_validates_the_new_org_number_and_is_audited(coordinator) -> None:  # type: ignore[no-untyped-def]
    landlord = make_landlord()
    with pytest.raises(RegisterError):
        landlord_update(landlord=landlord, by=coordinator, org_number="123")
    landlord.refresh_from_db()
    new = org_number()
    landlord_update(landlord=landlord, by=coordinator, org_number=new, town="Norrköping")
    landlord.refresh_from_db()
    assert (landlord.org_number, landlord.town) == (new, "Norrköping")
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, object_id=str(landlord.pk)).exists()


def test_an_apartment_reads_its_floor_from_the_apartment_number(coordinator) -> None:  # type: ignore[no-untyped-def]
    apartment = apartment_create(
        by=coordinator,
        landlord=make_landlord(),
        street_address="Hagebygatan 12",
        town="Norrköping",
        landlord_object_number="123-456",
        apartment_number="1203",
        rooms="2 rok",
        room_count=2,
        living_area=Decimal("58.0"),
    )
    assert apartment.floor == 2
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_id=str(apartment.pk)
    ).exists()


def test_an_apartment_number_of_three_digits_is_refused(coordinator) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RegisterError, match="fyra siffror") as caught:
        apartment_create(
            by=coordinator,
            landlord=make_landlord(),
            street_address="Hagebygatan 12",
            town="Norrköping",
            landlord_object_number="1",
            apartment_number="120",
            rooms="2 rok",
            room_count=2,
            living_area=Decimal("58.0"),
        )
    assert caught.value.extra["field"] == "apartment_number"


def test_a_landlords_object_number_identifies_one_apartment(coordinator) -> None:  # type: ignore[no-untyped-def]
    landlord = make_landlord()
    make_apartment(landlord, landlord_object_number="A-1")
    other = make_apartment(landlord, landlord_object_number="A-2")
    with pytest.raises(RegisterError, match="objektnummer A-1"):
        apartment_update(apartment=other, by=coordinator, landlord_object_number="A-1")


def _lease(
    coordinator: User,
    org: Org,
    apartment: Apartment,
    start: date,
    end: date | None = None,
    **kw: Any,
) -> HeadLease:
    return head_lease_create(
        by=coordinator,
        apartment=apartment,
        start_date=start,
        end_date=end,
        monthly_rent=Decimal("7200"),
        committee=org.committee,
        usage=usage(),
        **kw,
    )


def test_a_head_lease_takes_the_apartments_landlord_and_gets_a_number(coordinator, org) -> None:  # type: ignore[no-untyped-def]
    apartment = make_apartment()
    lease = _lease(coordinator, org, apartment, date(2024, 3, 1))
    assert lease.landlord == apartment.landlord
    assert lease.number == "2024-0001"
    assert _lease(coordinator, org, make_apartment(), date(2024, 5, 1)).number == "2024-0002"
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_id=str(lease.pk)).exists()


def test_a_head_lease_overlapping_another_on_the_same_apartment_is_refused(
    coordinator, org
) -> None:  # type: ignore[no-untyped-def]
    apartment = make_apartment()
    first = _lease(coordinator, org, apartment, date(2024, 1, 1), date(2024, 6, 30))
    with pytest.raises(RegisterError, match=first.number) as caught:
        _lease(coordinator, org, apartment, date(2024, 6, 30))
    assert caught.value.code == RegisterErrorCode.OVERLAPPING_LEASE
    # the day after the last day is free
    assert _lease(coordinator, org, apartment, date(2024, 7, 1)).pk


def test_an_overlap_is_explained_in_english_with_its_lease_and_dates(coordinator, org) -> None:  # type: ignore[no-untyped-def]
    apartment = make_apartment()
    first = _lease(coordinator, org, apartment, date(2024, 1, 1))
    with translation.override("en"), pytest.raises(RegisterError) as caught:
        _lease(coordinator, org, apartment, date(2025, 1, 1))
    assert caught.value.message == (
        f"The apartment already has head lease {first.number} for the period "
        "(2024-01-01 – until further notice). Two head leases on the same apartment may not "
        "overlap."
    )


def test_an_open_ended_lease_blocks_every_later_start(coordinator, org) -> None:  # type: ignore[no-untyped-def]
    apartment = make_apartment()
    _lease(coordinator, org, apartment, date(2024, 1, 1))
    with pytest.raises(RegisterError, match="överlappa"):
        _lease(coordinator, org, apartment, date(2031, 1, 1))
    with pytest.raises(RegisterError, match="överlappa"):
        _lease(coordinator, org, apartment, date(2023, 1, 1), date(2024, 1, 1))
    assert HeadLease.objects.count() == 1


def test_another_apartment_is_not_affected_by_an_overlap(coordinator, org) -> None:  # type: ignore[no-untyped-def]
    _lease(coordinator, org, make_apartment(), date(2024, 1, 1))
    assert _lease(coordinator, org, make_apartment(), date(2024, 1, 1)).pk


def test_moving_a_lease_into_another_ones_period_is_refused(coordinator, org) -> None:  # type: ignore[no-untyped-def]
    apartment = make_apartment()
    _lease(coordinator, org, apartment, date(2024, 1, 1), date(2024, 6, 30))
    later = _lease(coordinator, org, apartment, date(2024, 9, 1))
    with pytest.raises(RegisterError, match="överlappa"):
        head_lease_update(head_lease=later, by=coordinator, start_date=date(2024, 6, 1))
    later.refresh_from_db()
    assert later.start_date == date(2024, 9, 1)


def test_ending_a_lease_records_date_reason_and_audit(coordinator, org) -> None:  # type: ignore[no-untyped-def]
    lease = make_head_lease(make_apartment(), org.committee, date(2023, 1, 1))
    ended = head_lease_end(
        head_lease=lease,
        end_date=date(2026, 6, 30),
        reason="tenant_took_over",
        note="Hushållet tog över",
        by=coordinator,
    )
    assert ended.end_date == date(2026, 6, 30)
    assert ended.end_reason == EndReason.objects.get(code="tenant_took_over")
    assert ended.end_note == "Hushållet tog över"
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_id=str(lease.pk))
    assert "Hyresgästen tog över" in event.reason


def test_ending_with_notice_stores_the_notice_day(coordinator, org) -> None:  # type: ignore[no-untyped-def]
    lease = make_head_lease(make_apartment(), org.committee, date(2023, 1, 1))
    reason = EndReason.objects.get(code="returned_to_landlord")
    ended = head_lease_end(
        head_lease=lease,
        end_date=date(2026, 6, 30),
        reason=reason,
        by=coordinator,
        notice_given_on=date(2026, 3, 12),
    )
    assert ended.notice_given_on == date(2026, 3, 12)


def test_a_lease_cannot_end_before_it_starts_nor_end_twice(coordinator, org) -> None:  # type: ignore[no-untyped-def]
    lease = make_head_lease(make_apartment(), org.committee, date(2023, 1, 1))
    with pytest.raises(RegisterError, match="före avtalets startdatum"):
        head_lease_end(
            head_lease=lease, end_date=date(2022, 12, 31), reason="other", by=coordinator
        )
    head_lease_end(head_lease=lease, end_date=date(2024, 1, 31), reason="other", by=coordinator)
    with pytest.raises(RegisterError, match="redan avslutat") as caught:
        head_lease_end(head_lease=lease, end_date=date(2024, 2, 29), reason="other", by=coordinator)
    assert caught.value.code == RegisterErrorCode.LEASE_ALREADY_ENDED


def test_an_unknown_end_reason_is_refused(coordinator, org) -> None:  # type: ignore[no-untyped-def]
    lease = make_head_lease(make_apartment(), org.committee, date(2023, 1, 1))
    with pytest.raises(RegisterError, match="finns inte i katalogen"):
        head_lease_end(head_lease=lease, end_date=date(2024, 1, 31), reason="nope", by=coordinator)
