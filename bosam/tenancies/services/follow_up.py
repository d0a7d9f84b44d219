"""Follow-up (uppföljning): planned home visits and meetings, and what came of them."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.tenancies.errors import TenancyError, TenancyErrorCode
from bosam.tenancies.models import FollowUp, Sublet


@transaction.atomic
def follow_up_plan(
    *, sublet: Sublet, planned_by: Any, planned_on: date, kind: str = FollowUp.Kind.HOME_VISIT
) -> FollowUp:
    """Plan a visit or meeting; one planned before the sublet starts is refused."""
    if planned_on < sublet.start_date:
        raise TenancyError(
            _("En uppföljning kan inte planeras före kontraktets start."),
            code=TenancyErrorCode.INVALID_DATE,
            extra={"field": "planned_on"},
        )
    follow_up = FollowUp(sublet=sublet, kind=kind, planned_on=planned_on, recorded_by=planned_by)
    follow_up.full_clean()
    follow_up.save()
    audit_record(actor=planned_by, action=AuditAction.CREATE, obj=follow_up)
    return follow_up


@transaction.atomic
def follow_up_record(
    *,
    follow_up: FollowUp,
    recorded_by: Any,
    done_on: date,
    notes: str,
    participants: str = "",
    kind: str | None = None,
) -> FollowUp:
    """Record a held follow-up: when, who was there, and the notes (personal data)."""
    if done_on < follow_up.sublet.start_date:
        raise TenancyError(
            _("Uppföljningen kan inte ha hållits före kontraktets start."),
            code=TenancyErrorCode.INVALID_DATE,
            extra={"field": "done_on"},
        )
    follow_up.done_on = done_on
    follow_up.notes = notes.strip()
    follow_up.participants = participants.strip()
    if kind:
        follow_up.kind = kind
    follow_up.recorded_by = recorded_by
    follow_up.full_clean()
    follow_up.save()
    audit_record(actor=recorded_by, action=AuditAction.UPDATE, obj=follow_up)
    return follow_up
