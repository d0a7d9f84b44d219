"""State that moves with time: the schedule ends what has passed its end date, through the same
services a user calls, audited as done by the system."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from bosam.audit.models import AuditAction, AuditEvent
from bosam.scheduling.jobs import SYSTEM_USERNAME
from bosam.scheduling.models import ScheduledRun
from bosam.scheduling.services import schedule_tick
from bosam.tenancies.models import Sublet
from bosam.tenancies.tests.factories import make_client, make_head_lease, place

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def night_after(day: date) -> datetime:
    """The schedule's first look on the day after `day`, past the nightly jobs' hour."""
    return datetime(day.year, day.month, day.day, 23, 0, tzinfo=STOCKHOLM)


@pytest.mark.parametrize(
    ("end", "next_day"),
    [
        (date(2026, 11, 30), date(2026, 12, 1)),  # month end
        (date(2028, 2, 29), date(2028, 3, 1)),  # leap day
        (date(2026, 12, 31), date(2027, 1, 1)),  # year end
    ],
)
def test_a_sublet_past_its_end_date_is_ended_with_its_reason_and_the_household_can_be_placed_again(
    org, coordinator, end, next_day
) -> None:
    # given a sublet agreed to end on `end`
    household = make_client(org.unit_a)
    with time_machine.travel(datetime(2026, 1, 5, 12, tzinfo=STOCKHOLM), tick=False):
        sublet = place(
            coordinator, household, make_head_lease(org.committee), start=date(2026, 1, 1), end=end
        )
    # when the schedule runs on the end date itself, the sublet still runs
    with time_machine.travel(night_after(end), tick=False):
        schedule_tick()
    sublet.refresh_from_db()
    assert sublet.status == Sublet.Status.ACTIVE
    # when it runs the day after
    with time_machine.travel(night_after(next_day), tick=False):
        schedule_tick()
    # then the sublet ended on its end date, with its reason, audited as done by the system
    sublet.refresh_from_db()
    assert sublet.status == Sublet.Status.ENDED
    assert sublet.end_date == end
    assert sublet.end_reason is not None
    assert sublet.end_reason.code == "period_ended"
    event = AuditEvent.objects.filter(object_id=str(sublet.pk), action=AuditAction.UPDATE).last()
    assert event is not None
    assert event.actor_username == SYSTEM_USERNAME
    # and the household can be placed again
    with time_machine.travel(night_after(next_day), tick=False):
        again = place(
            coordinator, household, make_head_lease(org.committee), start=next_day, end=None
        )
    assert again.status == Sublet.Status.ACTIVE


def test_a_head_lease_past_its_end_date_leaves_the_portfolio(org) -> None:
    # given a head lease agreed to end on 31 December
    lease = make_head_lease(org.committee, start=date(2025, 1, 1), end=date(2026, 12, 31))
    # when the schedule runs on New Year's Day
    with time_machine.travel(night_after(date(2027, 1, 1)), tick=False):
        schedule_tick()
    # then the lease has ended (its end reason set), audited as done by the system
    lease.refresh_from_db()
    assert lease.end_reason is not None
    assert lease.end_reason.code == "returned_to_landlord"
    event = AuditEvent.objects.filter(object_id=str(lease.pk), action=AuditAction.UPDATE).last()
    assert event is not None
    assert event.actor_username == SYSTEM_USERNAME
    assert ScheduledRun.objects.get(job="tenancy_ends").status == ScheduledRun.Status.DONE


def test_a_head_lease_ending_after_its_sublet_ends_the_sublet_first(org, coordinator) -> None:
    lease = make_head_lease(org.committee, start=date(2025, 1, 1), end=date(2026, 6, 30))
    with time_machine.travel(datetime(2026, 1, 5, 12, tzinfo=STOCKHOLM), tick=False):
        sublet = place(
            coordinator,
            make_client(org.unit_a),
            lease,
            start=date(2026, 1, 1),
            end=date(2026, 6, 30),
        )
    with time_machine.travel(night_after(date(2026, 7, 1)), tick=False):
        schedule_tick()
    sublet.refresh_from_db()
    lease.refresh_from_db()
    assert sublet.status == Sublet.Status.ENDED
    assert lease.end_reason is not None


def test_running_the_ends_twice_on_a_day_ends_each_once(org, coordinator) -> None:
    with time_machine.travel(datetime(2026, 1, 5, 12, tzinfo=STOCKHOLM), tick=False):
        sublet = place(
            coordinator,
            make_client(org.unit_a),
            make_head_lease(org.committee),
            start=date(2026, 1, 1),
            end=date(2026, 3, 31),
        )
    with time_machine.travel(night_after(date(2026, 4, 1)), tick=False):
        schedule_tick()
        schedule_tick()
    updates = AuditEvent.objects.filter(
        object_id=str(sublet.pk), action=AuditAction.UPDATE, actor_username=SYSTEM_USERNAME
    )
    assert updates.count() == 1
