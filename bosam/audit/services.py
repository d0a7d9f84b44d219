"""Writing the audit trail. Called explicitly by services (writes) and views/APIs (reads).

A record that concerns people tells the audit who they are through `audit_people()` and which unit
it belongs to through `audit_unit_id()`; one event row is written per person concerned, so "who
read person X" is a plain indexed lookup.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable
from uuid import UUID

from django.conf import settings
from django.db import models

from bosam.audit.context import current_request_context
from bosam.audit.models import AuditAction, AuditEvent


@dataclass(frozen=True)
class AuditPerson:
    id: UUID
    label: str


@runtime_checkable
class AuditSubject(Protocol):
    def audit_people(self) -> Sequence[AuditPerson]: ...

    def audit_unit_id(self) -> int | None: ...


def _enabled() -> bool:
    # Fixed at True in config/settings.py; only the benchmark's settings turn it off, to measure
    # what the audit trail costs a page.
    return bool(getattr(settings, "BOSAM_AUDIT_ENABLED", True))


def _object_type(obj: models.Model) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


def _events_for(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None,
    object_type: str,
    object_id: str,
    object_label: str,
    people: Sequence[AuditPerson],
    record_unit_id: int | None,
    reason: str,
) -> list[AuditEvent]:
    ctx = current_request_context()
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    actor_unit_id = getattr(actor, "unit_id", None) if authenticated else None
    outside = record_unit_id is not None and actor_unit_id != record_unit_id
    base = {
        "actor": actor if authenticated else None,
        "actor_username": actor.get_username() if authenticated else "",
        "actor_role": getattr(actor, "role", "") if authenticated else "",
        "actor_unit_id": actor_unit_id,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "object_label": object_label[:200],
        "record_unit_id": record_unit_id,
        "outside_own_unit": outside,
        "ip_address": ctx.ip_address if ctx else None,
        "path": (ctx.path if ctx else "")[:300],
        "reason": reason,
    }
    if not people:
        return [AuditEvent(**base)]
    return [
        AuditEvent(**base, person_id=person.id, person_label=person.label[:200])
        for person in people
    ]


def _describe(obj: models.Model) -> tuple[Sequence[AuditPerson], int | None]:
    if isinstance(obj, AuditSubject):
        return obj.audit_people(), obj.audit_unit_id()
    return (), None


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    people: Sequence[AuditPerson] | None = None,
    reason: str = "",
) -> None:
    """Write the audit rows for one action on one record (or on no record, e.g. a login)."""
    if not _enabled():
        return
    described_people: Sequence[AuditPerson] = ()
    unit_id = None
    if obj is not None:
        described_people, unit_id = _describe(obj)
        object_type = object_type or _object_type(obj)
        object_id = object_id or str(obj.pk)
    AuditEvent.objects.bulk_create(
        _events_for(
            actor=actor,
            action=action,
            obj=obj,
            object_type=object_type,
            object_id=object_id,
            object_label=str(obj) if obj is not None else "",
            people=people if people is not None else described_people,
            record_unit_id=unit_id,
            reason=reason,
        )
    )


def audit_list(*, actor: Any, objects: Iterable[models.Model], reason: str = "") -> None:
    """Record that each record (and each person in it) was shown in a list or search result."""
    if not _enabled():
        return
    rows: list[AuditEvent] = []
    for obj in objects:
        people, unit_id = _describe(obj)
        rows.extend(
            _events_for(
                actor=actor,
                action=AuditAction.LIST,
                obj=obj,
                object_type=_object_type(obj),
                object_id=str(obj.pk),
                object_label=str(obj),
                people=people,
                record_unit_id=unit_id,
                reason=reason,
            )
        )
    if rows:
        AuditEvent.objects.bulk_create(rows)


_RECORD_COLUMNS = (
    "occurred_at",
    "actor_id",
    "actor_username",
    "actor_role",
    "actor_unit_id",
    "action",
    "object_type",
    "object_id",
    "object_label",
    "person_id",
    "person_label",
    "record_unit_id",
    "outside_own_unit",
    "ip_address",
    "path",
    "reason",
)


def audit_records(
    *, actor: Any, action: str, objects: Iterable[models.Model], reason: str = ""
) -> None:
    """The rows `audit_record` writes for each of many records one action touched (a bulk
    import), written in one insert instead of one per record.

    Ten thousand records make some forty thousand rows, so they are not made as model instances:
    the actor, request and reason are taken once from `_events_for`, and each record's people
    and unit from `_describe`, as `audit_record` takes them."""
    # Imported here, not at the top, to keep this addition apart from the rest of the module.
    from collections.abc import Iterator

    from django.utils import timezone

    from bosam.core.bulk_insert import bulk_insert_rows

    if not _enabled():
        return
    (who,) = _events_for(
        actor=actor,
        action=action,
        obj=None,
        object_type="",
        object_id="",
        object_label="",
        people=(),
        record_unit_id=None,
        reason=reason,
    )

    def rows() -> Iterator[tuple[Any, ...]]:
        for obj in objects:
            people, unit_id = _describe(obj)
            object_type, object_id, label = _object_type(obj), str(obj.pk), str(obj)[:200]
            outside = unit_id is not None and who.actor_unit_id != unit_id
            occurred_at = timezone.now()
            concerned: list[tuple[UUID | None, str]] = [(p.id, p.label[:200]) for p in people]
            for person_id, person_label in concerned or [(None, "")]:
                yield (
                    occurred_at,
                    who.actor_id,
                    who.actor_username,
                    who.actor_role,
                    who.actor_unit_id,
                    action,
                    object_type,
                    object_id,
                    label,
                    person_id,
                    person_label,
                    unit_id,
                    outside,
                    who.ip_address,
                    who.path,
                    reason,
                )

    bulk_insert_rows(AuditEvent, _RECORD_COLUMNS, rows())
