"""The municipality's tenancy settings and the year's goal-fulfilment target."""

from decimal import Decimal
from typing import Any

from django.db import transaction

from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.tenancies.models import GoalTarget, TenancySettings


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
