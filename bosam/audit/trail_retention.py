"""The audit trail's own retention: the only way events leave it.

`audit_trail_retention_apply` removes every event from before 1 January of the year
`BOSAM_AUDIT_RETENTION_YEARS` years back (whole calendar years: with 10 years, on any day of 2026
the trail keeps 2016 onwards) and writes one summary event saying how many went and from before
when. The scheduled retention job calls it; nothing else deletes events.

On PostgreSQL the trail is partitioned by year (migration audit/0006), and a year leaves by
dropping its partition: no row is deleted one by one, so the append-only triggers stay in force
for everything else. `audit_partitions_ensure` makes this year's and next year's partitions
ahead (the retention job calls it too), so new events never land in the default partition. On
SQLite (development only) the rows are deleted with plain SQL; SQLite has no trigger to refuse.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction

from bosam.audit.models import AuditAction, AuditEvent
from bosam.audit.services import audit_record

TABLE = AuditEvent._meta.db_table


@dataclass(frozen=True)
class AuditRetentionResult:
    kept_from: date  # events on or after this day stay
    deleted: int
    years_dropped: tuple[int, ...]  # PostgreSQL: the partitions dropped


def _year_start(year: int) -> datetime:
    return datetime(year, 1, 1, tzinfo=ZoneInfo(settings.TIME_ZONE))


def _partition_years() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = %s::regclass
            """,
            [TABLE],
        )
        names = [row[0] for row in cursor.fetchall()]
    prefix = f"{TABLE}_y"
    return sorted(int(name[len(prefix) :]) for name in names if name.startswith(prefix))


def is_partitioned() -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT relkind FROM pg_class WHERE oid = %s::regclass", [TABLE])
        row = cursor.fetchone()
    return row is not None and row[0] == "p"


@transaction.atomic
def audit_partitions_ensure(*, today: date, years: Iterable[int] = ()) -> list[int]:
    """Creates the partitions of `today`'s year and the next (and of any `years` given, for
    events written with past dates, as the demo's history) if missing; returns those made."""
    if not is_partitioned():
        return []
    wanted = {today.year, today.year + 1, *years} - set(_partition_years())
    with connection.cursor() as cursor:
        for year in sorted(wanted):
            name = f"{TABLE}_y{year}"
            cursor.execute(
                f"CREATE TABLE {name} PARTITION OF {TABLE} FOR VALUES "
                f"FROM ('{_year_start(year).isoformat()}') "
                f"TO ('{_year_start(year + 1).isoformat()}')"
            )
            # A statement trigger on the partitioned table does not reach a TRUNCATE of one
            # partition; the row triggers are cloned to it by PostgreSQL itself.
            cursor.execute(
                f"CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON {name} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION audit_event_no_truncate()"
            )
    return sorted(wanted)


@transaction.atomic
def audit_trail_retention_apply(*, today: date, years: int | None = None) -> AuditRetentionResult:
    """Removes the events older than the trail's retention period, in whole years, and records
    what it did as one event (action `retention`)."""
    years = settings.BOSAM_AUDIT_RETENTION_YEARS if years is None else years
    if years < 1:
        raise ValueError("The audit trail's retention period is at least one year.")
    first_kept_year = today.year - years
    cutoff = _year_start(first_kept_year)
    deleted = 0
    dropped: list[int] = []
    with connection.cursor() as cursor:
        if is_partitioned():
            # A deferred foreign-key check still pending in this transaction blocks DETACH.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            audit_partitions_ensure(today=today)
            for year in _partition_years():
                if year >= first_kept_year:
                    continue
                name = f"{TABLE}_y{year}"
                cursor.execute(f"SELECT count(*) FROM {name}")
                deleted += cursor.fetchone()[0]
                cursor.execute(f"ALTER TABLE {TABLE} DETACH PARTITION {name}")
                cursor.execute(f"DROP TABLE {name}")
                dropped.append(year)
        else:
            cursor.execute(f"DELETE FROM {TABLE} WHERE occurred_at < %s", [cutoff])
            deleted = cursor.rowcount
    audit_record(
        actor=None,
        action=AuditAction.RETENTION,
        object_type=f"{AuditEvent._meta.app_label}.{AuditEvent._meta.model_name}",
        # Data, not copy: the trail records it in Swedish whatever the language of the moment.
        reason=(
            f"Loggens gallring: {deleted} händelser från före {cutoff.date().isoformat()} "
            f"raderade (gallringsfrist {years} år)."
        ),
    )
    return AuditRetentionResult(
        kept_from=cutoff.date(), deleted=deleted, years_dropped=tuple(dropped)
    )
