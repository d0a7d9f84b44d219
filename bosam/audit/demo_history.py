"""Writing a demo municipality's past reads into the audit trail (`manage.py demo` only).

The audit trail keeps every event for its own retention period (BOSAM_AUDIT_RETENTION_YEARS, ten
years by default; bosam.audit.trail_retention), so an installation that has been in use for ten
years holds every read of those years. The demo writes such a history so the audit
follow-up searches a trail of realistic size, and so the benchmark's audit writes go into indexes
of realistic depth. Nothing outside the demo builders calls this: production rows are written
only by `services.audit_record` and `services.audit_records`, at the time of the read."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models
from django.utils import timezone

from bosam.audit.services import AuditPerson, _describe, _insert, _object_type, _Row
from bosam.audit.trail_retention import audit_partitions_ensure

# Rows per COPY: bounded memory for a history of a million rows, few round trips.
BATCH_ROWS = 50_000


@dataclass(frozen=True)
class Subject:
    """A record as its audit rows name it, described once and then read many times."""

    object_type: str
    object_id: str
    label: str
    people: tuple[AuditPerson, ...]
    unit_id: int | None


@dataclass(frozen=True)
class PastRead:
    """One read in the past: who, when, from where, of which record, through which page."""

    occurred_at: datetime
    actor: Any
    action: str
    subject: Subject
    path: str
    ip_address: str


def subject_of(obj: models.Model) -> Subject:
    people, unit_id = _describe(obj)
    return Subject(_object_type(obj), str(obj.pk), str(obj)[:200], tuple(people), unit_id)


def _rows(read: PastRead) -> Iterator[_Row]:
    actor, subject = read.actor, read.subject
    outside = subject.unit_id is not None and actor.unit_id != subject.unit_id
    head = (
        read.occurred_at,
        actor.pk,
        actor.get_username(),
        actor.role,
        actor.unit_id,
        read.action,
        subject.object_type,
        subject.object_id,
        subject.label,
    )
    tail = (subject.unit_id, outside, read.ip_address, read.path[:300], "")
    if not subject.people:
        yield (*head, None, "", *tail)
    for person in subject.people:
        yield (*head, person.id, person.label[:200], *tail)


def _insert_in_their_years(batch: list[_Row]) -> None:
    # On PostgreSQL each year of the past has its partition, as it would in an installation
    # that wrote them at the time (occurred_at is each row's first value).
    audit_partitions_ensure(
        today=timezone.localdate(), years={timezone.localtime(row[0]).year for row in batch}
    )
    _insert(batch)


def write_past_reads(reads: Iterable[PastRead]) -> int:
    """Write the reads' audit rows (one per person concerned, as at the time); the row count."""
    batch: list[_Row] = []
    written = 0
    for read in reads:
        batch.extend(_rows(read))
        if len(batch) >= BATCH_ROWS:
            _insert_in_their_years(batch)
            written += len(batch)
            batch = []
    _insert_in_their_years(batch)
    return written + len(batch)
