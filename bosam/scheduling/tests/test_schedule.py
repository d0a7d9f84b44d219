"""The schedule: declared once, each job once per period, catching up after downtime, recorded."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from bosam.audit.models import AuditAction, AuditEvent
from bosam.audit.services import audit_record
from bosam.audit.trail_retention import audit_partitions_ensure
from bosam.scheduling.jobs import retention_run
from bosam.scheduling.models import Reminder, ScheduledRun
from bosam.scheduling.schedule import JOBS, SCHEDULE
from bosam.scheduling.services import schedule_tick
from bosam.tenancies import services as tenancy_services
from bosam.tenancies.models import FollowUp, RentCharge
from bosam.tenancies.tests.factories import make_client, make_head_lease, place

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)


@pytest.mark.nodb
def test_the_schedule_declares_retention_rent_reminders_ends_and_stale_tasks_once() -> None:
    keys = [job.key for job in SCHEDULE]
    assert sorted(keys) == sorted(
        ["retention", "rent_charging", "reminders", "tenancy_ends", "stale_tasks"]
    )
    assert len(set(keys)) == len(keys)


@pytest.mark.nodb
def test_a_nightly_job_before_its_hour_belongs_to_the_previous_night() -> None:
    retention = JOBS["retention"]  # 02:00
    assert retention.latest_due(at(2026, 3, 1, 1, 59)) == at(2026, 2, 28, 2, 0)
    assert retention.period(retention.latest_due(at(2026, 3, 1, 2, 0))) == "2026-03-01"
    assert retention.next_due(at(2026, 3, 1, 1, 0)) == at(2026, 3, 1, 2, 0)


@pytest.mark.nodb
def test_monthly_rent_charging_is_due_on_the_first_and_rolls_over_the_year_end() -> None:
    rent = JOBS["rent_charging"]  # the 1st at 03:00
    assert rent.latest_due(at(2027, 1, 1, 2)) == at(2026, 12, 1, 3)
    assert rent.period(rent.latest_due(at(2027, 1, 1, 4))) == "2027-01"
    assert rent.next_due(at(2026, 12, 15)) == at(2027, 1, 1, 3)


@pytest.mark.nodb
def test_a_nightly_job_across_a_leap_day() -> None:
    ends = JOBS["tenancy_ends"]  # 00:15
    assert ends.next_due(at(2028, 2, 28, 1)) == at(2028, 2, 29, 0, 15)
    assert ends.next_due(at(2028, 2, 29, 1)) == at(2028, 3, 1, 0, 15)


@pytest.mark.django_db
def test_running_the_schedule_twice_on_a_day_gives_one_reminder_one_rent_run_one_retention_report(
    org, coordinator
) -> None:
    # given a running sublet with a follow-up planned for 1 December
    with time_machine.travel(at(2026, 11, 1), tick=False):
        sublet = place(
            coordinator,
            make_client(org.unit_a),
            make_head_lease(org.committee),
            start=date(2026, 11, 1),
        )
        tenancy_services.follow_up_plan(
            sublet=sublet,
            planned_by=coordinator,
            planned_on=date(2026, 12, 1),
            kind=FollowUp.Kind.HOME_VISIT,
        )
    # when the schedule is looked at twice on 1 December after every job's hour
    with time_machine.travel(at(2026, 12, 1, 7), tick=False):
        first = schedule_tick()
        second = schedule_tick()
    # then each job ran once, and did its work once
    assert {run.job for run in first} == set(JOBS)
    assert second == []
    assert Reminder.objects.filter(kind="follow_up").count() == 1
    assert RentCharge.objects.filter(sublet=sublet, month=date(2027, 1, 1)).count() == 1
    retention = ScheduledRun.objects.get(job="retention")
    assert (retention.period, retention.status) == ("2026-12-01", ScheduledRun.Status.DONE)
    assert "Torrkörning" in retention.result
    assert ScheduledRun.objects.filter(job="rent_charging", period="2026-12").count() == 1


@pytest.mark.django_db
def test_a_missed_night_is_run_the_next_time_the_schedule_is_looked_at(org) -> None:
    with time_machine.travel(at(2026, 12, 1, 7), tick=False):
        schedule_tick()
    # the worker was down the night to 2 December and comes back on 3 December at 01:00
    with time_machine.travel(at(2026, 12, 3, 1), tick=False):
        caught_up = {run.job: run.period for run in schedule_tick()}
    assert caught_up["retention"] == "2026-12-02"
    assert caught_up["reminders"] == "2026-12-02"
    assert caught_up["tenancy_ends"] == "2026-12-03"
    assert "rent_charging" not in caught_up  # December's run is done


@pytest.mark.django_db
def test_the_administrator_sees_each_jobs_last_run_result_and_next_run(client, sysadmin) -> None:
    with time_machine.travel(at(2026, 12, 1, 7), tick=False):
        schedule_tick()
        client.force_login(sysadmin)
        page = client.get(reverse("scheduling:schedule")).content.decode()
    assert "Gallring (torrkörning om inte radering är påslagen)" in page
    assert "Torrkörning, inget raderat." in page
    assert "2027-01-01 03:00" in page  # next rent run


@pytest.mark.django_db
def test_the_schedule_page_is_for_the_system_administrator_only(client, coordinator) -> None:
    client.force_login(coordinator)
    assert client.get(reverse("scheduling:schedule")).status_code == 403


@pytest.mark.django_db
def test_the_start_page_warns_when_a_job_failed_or_has_not_run_for_two_periods(
    client, sysadmin
) -> None:
    with time_machine.travel(at(2026, 12, 1, 7), tick=False):
        schedule_tick()
        ScheduledRun.objects.filter(job="retention").update(status=ScheduledRun.Status.FAILED)
        client.force_login(sysadmin)
        page = client.get(reverse("core:home")).content.decode()
        assert "misslyckades" in page
        assert "Bakgrundsarbetaren har inte hörts av" in page
    # two nights later with no runs in between
    with time_machine.travel(at(2026, 12, 3, 7), tick=False):
        client.force_login(sysadmin)
        page = client.get(reverse("core:home")).content.decode()
        assert "har inte körts på två perioder" in page


@pytest.mark.django_db
def test_a_failed_run_can_be_run_again_by_the_administrator(client, sysadmin) -> None:
    with time_machine.travel(at(2026, 12, 1, 7), tick=False):
        schedule_tick()
        run = ScheduledRun.objects.get(job="retention")
        ScheduledRun.objects.filter(pk=run.pk).update(status=ScheduledRun.Status.FAILED, result="x")
        client.force_login(sysadmin)
        client.post(reverse("scheduling:run_retry", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == ScheduledRun.Status.DONE


@pytest.mark.nodb
def test_jobs_are_due_at_their_declared_local_time() -> None:
    assert JOBS["retention"].at == time(2, 0)


@pytest.mark.django_db
def test_the_nightly_retention_counts_old_log_events_and_removes_them_only_when_turned_on(
    org, coordinator, settings
) -> None:
    # given an event from 2014 and one from 2025, with the trail kept for 10 years
    settings.BOSAM_AUDIT_RETENTION_YEARS = 10
    audit_partitions_ensure(today=date(2026, 12, 1), years=(2014, 2025))  # PostgreSQL: by year
    for year in (2014, 2025):
        with time_machine.travel(at(year, 6, 1, 12), tick=False):
            audit_record(actor=coordinator, action=AuditAction.VIEW, object_type="test.old")
    # when the nightly retention runs as a dry run
    settings.BOSAM_RETENTION_DELETE = False
    assert "loggen (10 år): 1 händelser före 2016-01-01" in retention_run(date(2026, 12, 1))
    # then nothing left the trail
    assert AuditEvent.objects.filter(object_type="test.old").count() == 2
    # when deletion is turned on, the old year goes and a summary event says so
    settings.BOSAM_RETENTION_DELETE = True
    assert "1 händelser före 2016-01-01" in retention_run(date(2026, 12, 2))
    assert list(
        AuditEvent.objects.filter(object_type="test.old").values_list(
            "occurred_at__year", flat=True
        )
    ) == [2025]
    assert AuditEvent.objects.filter(action=AuditAction.RETENTION).count() == 1
