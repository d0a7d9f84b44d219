"""The audit trail's own retention, and its partitions by year on PostgreSQL."""

import importlib
from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import DatabaseError, connection, transaction

from bosam.audit.models import AuditAction, AuditEvent
from bosam.audit.services import audit_record
from bosam.audit.trail_retention import audit_trail_retention_apply, is_partitioned

pytestmark = pytest.mark.django_db
ZONE = ZoneInfo("Europe/Stockholm")
TODAY = date(2026, 12, 3)
POSTGRES = connection.vendor == "postgresql"
partitioning = importlib.import_module("bosam.audit.migrations.0006_partition_by_year")


def _read_in(year: int, month: int = 6) -> None:
    with time_machine.travel(datetime(year, month, 1, 12, tzinfo=ZONE), tick=False):
        audit_record(actor=None, action=AuditAction.VIEW, object_type="households.person")


def _per_year() -> dict[int, int]:
    counts: dict[int, int] = {}
    for event in AuditEvent.objects.exclude(action=AuditAction.RETENTION):
        year = event.occurred_at.astimezone(ZONE).year
        counts[year] = counts.get(year, 0) + 1
    return counts


def _rebuild_partitions() -> None:
    """What migration audit/0006 does to an existing installation's table: undone, then done
    again on the rows now in it (inside the test's transaction, rolled back after)."""
    editor = SimpleNamespace(connection=connection)
    partitioning.unpartition(None, editor)
    assert not is_partitioned()
    partitioning.partition(None, editor)


@pytest.fixture
def ten_years_of_reads() -> dict[int, int]:
    # given an installation with reads from 2012 on, some years with several
    for year in range(2012, 2027):
        for _ in range(1 + year % 3):
            _read_in(year)
    _read_in(2015, month=12)  # late December: still 2015 in Stockholm
    if POSTGRES:
        _rebuild_partitions()
    return _per_year()


def test_retention_removes_whole_years_before_the_period_and_says_so(ten_years_of_reads) -> None:  # type: ignore[no-untyped-def]
    # when the trail's retention runs in 2026 with a period of ten years
    with time_machine.travel(datetime(2026, 12, 3, 3, tzinfo=ZONE), tick=False):
        result = audit_trail_retention_apply(today=TODAY, years=10)
    # then 2015 and earlier are gone, 2016 onwards are all kept
    expected = {y: n for y, n in ten_years_of_reads.items() if y >= 2016}
    assert _per_year() == expected
    assert result.kept_from == date(2016, 1, 1)
    assert result.deleted == sum(n for y, n in ten_years_of_reads.items() if y < 2016)
    # and one summary event records it
    summary = AuditEvent.objects.get(action=AuditAction.RETENTION)
    assert f"{result.deleted} händelser" in summary.reason
    assert "2016-01-01" in summary.reason
    if POSTGRES:
        assert result.years_dropped == (2012, 2013, 2014, 2015)


def test_retention_uses_the_setting_and_refuses_no_years(settings, ten_years_of_reads) -> None:  # type: ignore[no-untyped-def]
    settings.BOSAM_AUDIT_RETENTION_YEARS = 3
    assert audit_trail_retention_apply(today=TODAY).kept_from == date(2023, 1, 1)
    with pytest.raises(ValueError, match="at least one year"):
        audit_trail_retention_apply(today=TODAY, years=0)


@pytest.mark.skipif(not POSTGRES, reason="partitions exist only in PostgreSQL")
def test_partitioning_in_place_keeps_every_event_and_the_protection(ten_years_of_reads) -> None:  # type: ignore[no-untyped-def]
    # given an existing installation's plain table with events of fifteen years
    before = list(AuditEvent.objects.order_by("id").values_list("id", "occurred_at", "action"))
    editor = SimpleNamespace(connection=connection)
    partitioning.unpartition(None, editor)
    assert (
        list(AuditEvent.objects.order_by("id").values_list("id", "occurred_at", "action")) == before
    )
    # when the migration partitions it
    partitioning.partition(None, editor)
    # then every event is there, each year in its own partition
    assert (
        list(AuditEvent.objects.order_by("id").values_list("id", "occurred_at", "action")) == before
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM audit_auditevent_y2015")
        assert cursor.fetchone()[0] == ten_years_of_reads[2015]
        cursor.execute("SELECT count(*) FROM audit_auditevent_default")
        assert cursor.fetchone()[0] == 0
    # and new events continue the ids
    _read_in(2026)
    assert AuditEvent.objects.order_by("-id").first().id > before[-1][0]  # type: ignore[union-attr]
    # and rows still cannot be changed, deleted or truncated, in the table or a partition
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL bosam.allow_audit_truncate = off")
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for sql in (
            "UPDATE audit_auditevent SET reason = 'x'",
            "DELETE FROM audit_auditevent_y2014",
            "TRUNCATE audit_auditevent_y2013",
        ):
            with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
                cursor.execute(sql)
