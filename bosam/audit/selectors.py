"""Reading the audit trail: the log follow-up (logguppföljning) for the system administrator."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.utils import timezone

from bosam.accounts.permissions import user_can
from bosam.accounts.roles import Capability
from bosam.audit.models import AuditEvent

# The object type of the audit row that marks an account given a role with personal data
# (written by bosam.administration.services.privileges, listed on the log follow-up's page).
PRIVILEGE_CHANGE_OBJECT = "accounts.privilege_change"


@dataclass(frozen=True)
class AuditFilter:
    person_ids: tuple[UUID, ...] | None = None  # None: any person; (): nobody matched
    actor_id: int | None = None
    actor_role: str = ""  # the role then: "social workers reading outside their unit"
    outside_own_unit: bool = False
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None  # inclusive


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_event_search(*, user: Any, filters: AuditFilter) -> QuerySet[AuditEvent]:
    """Events matching the filters, newest first; nothing for a user without the follow-up."""
    if not user_can(user, Capability.AUDIT_FOLLOW_UP):
        return AuditEvent.objects.none()
    qs = AuditEvent.objects.all()
    if filters.person_ids is not None:
        qs = qs.filter(person_id__in=filters.person_ids)
    if filters.actor_id is not None:
        qs = qs.filter(actor_id=filters.actor_id)
    if filters.actor_role:
        qs = qs.filter(actor_role=filters.actor_role)
    if filters.outside_own_unit:
        qs = qs.filter(outside_own_unit=True)
    if filters.action:
        qs = qs.filter(action=filters.action)
    if filters.date_from:
        qs = qs.filter(occurred_at__gte=_start_of(filters.date_from))
    if filters.date_to:
        qs = qs.filter(occurred_at__lt=_start_of(filters.date_to + timedelta(days=1)))
    return qs.order_by("-occurred_at", "-id")


def privilege_changes(*, user: Any, limit: int = 50) -> list[AuditEvent]:
    """The latest grants of a role with access to personal data, newest first; nothing for a
    user without the follow-up."""
    if not user_can(user, Capability.AUDIT_FOLLOW_UP):
        return []
    return list(
        AuditEvent.objects.filter(object_type=PRIVILEGE_CHANGE_OBJECT).order_by(
            "-occurred_at", "-id"
        )[:limit]
    )
