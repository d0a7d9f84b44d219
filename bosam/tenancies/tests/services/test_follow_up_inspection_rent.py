from datetime import date
from decimal import Decimal

import pytest

from bosam.audit.models import AuditAction, AuditEvent
from bosam.tenancies import services
from bosam.tenancies.errors import TenancyError, TenancyErrorCode
from bosam.tenancies.models import Damage, FollowUp, SubletEndReason
from bosam.tenancies.services.inspection import DamageInput
from bosam.tenancies.tests.factories import make_client, make_head_lease, place

pytestmark = pytest.mark.django_db


def test_a_held_follow_up_keeps_notes_and_who_was_there_and_is_audited(org, coordinator) -> None:
    sublet = place(coordinator, make_client(org.unit_a), make_head_lease(org.committee))
    follow_up = services.follow_up_plan(
        sublet=sublet,
        planned_by=coordinator,
        planned_on=date(2021, 2, 1),
        kind=FollowUp.Kind.MEETING,
    )
    services.follow_up_record(
        follow_up=follow_up,
        recorded_by=coordinator,
        done_on=date(2021, 2, 3),
        notes="Hyran betald, trivs.",
        participants="Anna, socialsekreterare Bob",
    )
    follow_up.refresh_from_db()
    assert (follow_up.done_on, follow_up.participants) == (
        date(2021, 2, 3),
        "Anna, socialsekreterare Bob",
    )
    events = AuditEvent.objects.filter(object_id=str(follow_up.pk), action=AuditAction.UPDATE)
    # One row per person in the household: the notes are about them.
    assert events.count() == 1
    assert events.get().person_label == "Anna Andersson"


def test_a_follow_up_cannot_be_planned_before_the_sublet_starts(org, coordinator) -> None:
    sublet = place(coordinator, make_client(org.unit_a), make_head_lease(org.committee))
    with pytest.raises(TenancyError) as exc:
        services.follow_up_plan(sublet=sublet, planned_by=coordinator, planned_on=date(2020, 12, 1))
    assert exc.value.extra["field"] == "planned_on"


def test_inspection_records_damages_and_returning_ends_the_head_lease(org, coordinator) -> None:
    lease = make_head_lease(org.committee)
    sublet = place(coordinator, make_client(org.unit_a), lease)
    services.sublet_end(
        sublet=sublet,
        ended_by=coordinator,
        end_date=date(2022, 3, 31),
        reason=SubletEndReason.objects.get(code="moved_on_own"),
    )
    services.inspection_record(
        sublet=sublet,
        inspected_by=coordinator,
        inspected_on=date(2022, 4, 4),
        damages=[
            DamageInput("Trasig dörr", Decimal("4500"), Damage.Payer.TENANT),
            DamageInput("Slitet golv", Decimal("12000"), Damage.Payer.COMMITTEE),
        ],
        returned_to_landlord=True,
    )
    lease.refresh_from_db()
    assert lease.end_date == date(2022, 4, 4)
    assert lease.end_reason is not None
    assert lease.end_reason.code == "returned_to_landlord"
    assert Damage.objects.filter(inspection__sublet=sublet).count() == 2


def test_a_running_sublet_cannot_have_a_move_out_inspection(org, coordinator) -> None:
    sublet = place(coordinator, make_client(org.unit_a), make_head_lease(org.committee))
    with pytest.raises(TenancyError):
        services.inspection_record(
            sublet=sublet, inspected_by=coordinator, inspected_on=date(2022, 1, 1)
        )


def test_rent_charge_is_due_the_last_working_day_before_the_month(org, coordinator) -> None:
    sublet = place(coordinator, make_client(org.unit_a), make_head_lease(org.committee))
    charge = services.rent_charge_create(
        sublet=sublet, charged_by=coordinator, month=date(2023, 1, 1)
    )
    assert charge.due_date == date(2022, 12, 30)
    assert charge.amount == sublet.monthly_rent
    with pytest.raises(TenancyError) as exc:
        services.rent_charge_create(sublet=sublet, charged_by=coordinator, month=date(2023, 1, 15))
    assert exc.value.code == TenancyErrorCode.CHARGE_EXISTS


def test_generating_a_months_charges_twice_charges_nothing_more(org, coordinator) -> None:
    place(coordinator, make_client(org.unit_a), make_head_lease(org.committee))
    place(
        coordinator,
        make_client(org.unit_a, "Eva"),
        make_head_lease(org.committee),
        end=date(2021, 6, 30),
    )
    first = services.rent_charges_generate(month=date(2021, 8, 1), charged_by=coordinator)
    again = services.rent_charges_generate(month=date(2021, 8, 1), charged_by=coordinator)
    # The sublet that ended in June is not charged for August.
    assert (len(first), len(again)) == (1, 0)


def test_payments_reduce_what_is_outstanding(org, coordinator) -> None:
    sublet = place(coordinator, make_client(org.unit_a), make_head_lease(org.committee))
    charge = services.rent_charge_create(
        sublet=sublet, charged_by=coordinator, month=date(2023, 1, 1)
    )
    services.rent_payment_record(
        charge=charge, recorded_by=coordinator, amount=Decimal("2500"), paid_on=date(2023, 1, 5)
    )
    assert charge.outstanding == Decimal("4000")
    with pytest.raises(TenancyError):
        services.rent_payment_record(
            charge=charge, recorded_by=coordinator, amount=Decimal("0"), paid_on=date(2023, 1, 5)
        )


def test_the_monthly_rent_run_charges_every_running_sublet_once(org, coordinator) -> None:
    from io import StringIO

    from django.core.management import call_command

    from bosam.tenancies.models import RentCharge

    place(coordinator, make_client(org.unit_a), make_head_lease(org.committee))
    out = StringIO()
    call_command("charge_rents", "--month", "2021-08", "--as", coordinator.username, stdout=out)
    call_command("charge_rents", "--month", "2021-08", "--as", coordinator.username, stdout=out)
    assert RentCharge.objects.filter(month=date(2021, 8, 1)).count() == 1
    # Due by the last working day before the month: 30 July 2021 was a Friday.
    assert "1 hyresavier skapade, förfaller 2021-07-30" in out.getvalue().splitlines()[0]
    assert "0 hyresavier skapade" in out.getvalue().splitlines()[1]


def test_the_rent_run_refuses_a_badly_written_month(org, coordinator) -> None:
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="ÅÅÅÅ-MM"):
        call_command("charge_rents", "--month", "augusti", "--as", coordinator.username)
