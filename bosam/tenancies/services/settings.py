"""The municipality's tenancy settings and the year's goal-fulfilment target."""

from collections.abc import Collection
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.tenancies.errors import TenancyError, TenancyErrorCode
from bosam.tenancies.models import GoalTarget, SubletEndReason, TenancySettings


def tenancy_settings_get() -> TenancySettings:
    """The settings row; created with the defaults if a fresh database lacks it."""
    settings, _created = TenancySettings.objects.get_or_create(pk=1)
    return settings


@transaction.atomic
def goal_target_set(*, year: int, target_percent: Decimal, set_by: Any) -> GoalTarget:
    """Set (or change) the year's target for takeover goal fulfilment."""
    target = GoalTarget.objects.filter(year=year).first() or GoalTarget(year=year)
    target.target_percent = target_percent
    target.set_by = set_by
    target.full_clean()
    target.save()
    audit_record(actor=set_by, action=AuditAction.UPDATE, obj=target)
    return target


@transaction.atomic
def tenancy_settings_update(
    *,
    updated_by: Any,
    months_to_takeover: int,
    follow_up_interval_months: int,
    excluded_reason_codes: Collection[str],
) -> TenancySettings:
    """Change the months to a planned takeover (new sublets only: a planned date already set
    stays), the follow-up interval, and which end reasons goal fulfilment leaves out."""
    if not 1 <= months_to_takeover <= 60:
        raise TenancyError(
            _("Antalet månader till planerat övertagande ska vara mellan 1 och 60."),
            code=TenancyErrorCode.INVALID_AMOUNT,
            extra={"field": "months_to_takeover"},
        )
    settings = tenancy_settings_get()
    settings.months_to_takeover = months_to_takeover
    settings.follow_up_interval_months = follow_up_interval_months
    settings.full_clean()
    settings.save()
    for reason in SubletEndReason.objects.all():
        excluded = reason.code in excluded_reason_codes
        if reason.excluded_from_goal != excluded:
            reason.excluded_from_goal = excluded
            reason.save(update_fields=["excluded_from_goal", "updated_at"])
            audit_record(actor=updated_by, action=AuditAction.UPDATE, obj=reason)
    audit_record(actor=updated_by, action=AuditAction.UPDATE, obj=settings)
    return settings
