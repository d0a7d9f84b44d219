"""Writing the audit trail. Called explicitly by services (writes) and views/APIs (reads).

A record that concerns people tells the audit who they are through `audit_people()` and which unit
it belongs to through `audit_unit_id()`; one event row is written per person concerned, so "who
read person X" is a plain indexed lookup.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from ipaddress import ip_address
from typing import Any, Protocol, cast, runtime_checkable
from uuid import UUID

from django.conf import settings
from django.db import connections, models, router
from django.utils import timezone

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


_describes_itself: dict[type, bool] = {}


def _describe(obj: models.Model) -> tuple[Sequence[AuditPerson], int | None]:
    # isinstance() against a runtime protocol inspects the class each time; a list asks it of
    # the same class once per row, so the answer is kept per class.
    cls = type(obj)
    known = _describes_itself.get(cls)
    if known is None:
        known = _describes_itself[cls] = isinstance(obj, AuditSubject)
    if known:
        subject: AuditSubject = obj  # type: ignore[assignment]
        return subject.audit_people(), subject.audit_unit_id()
    return (), None


# --- Writing rows ---------------------------------------------------------------------------
#
# A list page writes one row per person per listed record (a hundred or more for a page of
# households). Building an AuditEvent per row and letting bulk_create prepare every field of
# every instance cost several times the INSERT itself, and more than the page without its audit
# trail. The rows are therefore written as plain tuples: on PostgreSQL with COPY (psycopg formats
# the values; one round trip, no RETURNING), elsewhere with one executemany after the fields'
# own conversion. The columns are AuditEvent's; the model stays the schema's single source.

_COLUMNS = (
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
_Row = tuple[Any, ...]


def _address(text: str | None) -> str | None:
    # REMOTE_ADDR is not always an address (a Unix socket, a test client); the column is inet
    # on PostgreSQL, and a value it cannot read must not lose the whole audit row.
    if not text:
        return None
    try:
        return str(ip_address(text))
    except ValueError:
        return None


@dataclass(frozen=True)
class _Shared:
    """What every row of one audit call has in common: who, when, from where, what and why."""

    values: tuple[Any, ...]  # occurred_at .. action, in _COLUMNS order
    tail: tuple[Any, ...]  # ip_address, path, reason
    actor_unit_id: int | None

    @classmethod
    def now(cls, *, actor: Any, action: str, reason: str) -> "_Shared":
        ctx = current_request_context()
        authenticated = actor is not None and getattr(actor, "is_authenticated", False)
        actor_unit_id = getattr(actor, "unit_id", None) if authenticated else None
        return cls(
            values=(
                timezone.now(),
                actor.pk if authenticated else None,
                actor.get_username() if authenticated else "",
                getattr(actor, "role", "") if authenticated else "",
                actor_unit_id,
                str(action),
            ),
            tail=(
                _address(ctx.ip_address) if ctx else None,
                (ctx.path if ctx else "")[:300],
                reason,
            ),
            actor_unit_id=actor_unit_id,
        )

    def rows(
        self,
        *,
        object_type: str,
        object_id: str,
        object_label: str,
        people: Sequence[AuditPerson],
        record_unit_id: int | None,
    ) -> list[_Row]:
        """One row per person concerned, or one row naming nobody."""
        outside = record_unit_id is not None and self.actor_unit_id != record_unit_id
        head = (*self.values, object_type, object_id, object_label[:200])
        end = (record_unit_id, outside, *self.tail)
        if not people:
            return [(*head, None, "", *end)]
        return [(*head, person.id, person.label[:200], *end) for person in people]


def _insert(rows: list[_Row]) -> None:
    if not rows:
        return
    connection = connections[router.db_for_write(AuditEvent)]
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in _COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # psycopg adapts the Python values (UUID, aware datetime, bool, None) itself.
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        fields = [cast("models.Field[Any, Any]", AuditEvent._meta.get_field(c)) for c in _COLUMNS]
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(_COLUMNS))})",
            [
                tuple(f.get_db_prep_save(v, connection) for f, v in zip(fields, row, strict=True))
                for row in rows
            ],
        )


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    people: Sequence[AuditPerson] | None = None,
    reason: str = "",
    object_label: str = "",
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
    shared = _Shared.now(actor=actor, action=action, reason=reason)
    _insert(
        shared.rows(
            object_type=object_type,
            object_id=object_id,
            object_label=str(obj) if obj is not None else object_label,
            people=people if people is not None else described_people,
            record_unit_id=unit_id,
        )
    )


def audit_list(*, actor: Any, objects: Iterable[models.Model], reason: str = "") -> None:
    """Record that each record (and each person in it) was shown in a list or search result."""
    audit_records(actor=actor, action=AuditAction.LIST, objects=objects, reason=reason)


def audit_records(
    *, actor: Any, action: str, objects: Iterable[models.Model], reason: str = ""
) -> None:
    """The rows `audit_record` writes for each of many records one action touched (a bulk
    import), written in one statement instead of one per record."""
    if not _enabled():
        return
    shared = _Shared.now(actor=actor, action=action, reason=reason)
    rows: list[_Row] = []
    for obj in objects:
        people, unit_id = _describe(obj)
        rows.extend(
            shared.rows(
                object_type=_object_type(obj),
                object_id=str(obj.pk),
                object_label=str(obj),
                people=people,
                record_unit_id=unit_id,
            )
        )
    _insert(rows)
