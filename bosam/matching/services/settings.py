"""Changing the matching settings; the page shows the what-if before this is called."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.matching.errors import MatchingError, MatchingErrorCode
from bosam.matching.models import MatchingSettings
from bosam.matching.selectors.proposals import settings_get

FIELDS = (
    "max_persons_per_room",
    "weight_urgency",
    "weight_waiting",
    "weight_district",
    "weight_size",
    "offer_answer_days",
)


@transaction.atomic
def matching_settings_update(*, updated_by: Any, **values: int) -> MatchingSettings:
    """Save new settings; the audit row says what changed from what."""
    current = settings_get()
    changes = []
    for name, value in values.items():
        if name not in FIELDS:
            raise ValueError(f"matching_settings_update cannot change {name}")
        old = getattr(current, name)
        if old != value:
            label = getattr(MatchingSettings._meta.get_field(name), "verbose_name", name)
            changes.append(f"{label}: {old} → {value}")
        setattr(current, name, value)
    weights = (current.weight_urgency, current.weight_waiting, current.weight_district)
    if sum(weights) + current.weight_size == 0:
        raise MatchingError(
            _("Minst en vikt måste vara större än noll."),
            code=MatchingErrorCode.INVALID_SETTINGS,
            extra={"field": "weight_urgency"},
        )
    current.updated_by = updated_by
    current.full_clean()
    current.save()
    audit_record(
        actor=updated_by,
        action=AuditAction.UPDATE,
        obj=current,
        reason="; ".join(changes) or "Inga ändringar.",  # i18n: not UI
    )
    return current
