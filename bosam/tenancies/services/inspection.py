"""The move-out inspection (besiktning) and the damages found."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.properties.models import EndReason
from bosam.properties.services import head_lease_end
from bosam.tenancies.errors import TenancyError, TenancyErrorCode
from bosam.tenancies.models import Damage, Inspection, Sublet

RETURN_END_REASON = "returned_to_landlord"


@dataclass(frozen=True)
class DamageInput:
    description: str
    cost: Decimal
    payer: str


@transaction.atomic
def inspection_record(
    *,
    sublet: Sublet,
    inspected_by: Any,
    inspected_on: date,
    inspector: str = "",
    notes: str = "",
    damages: Iterable[DamageInput] = (),
    returned_to_landlord: bool = False,
) -> Inspection:
    """Record the move-out inspection of an ended sublet. The apartment is then vacant, or, when
    it is returned, the head lease ends on the inspection day (or the sublet's end if later)."""
    if sublet.status != Sublet.Status.ENDED:
        raise TenancyError(
            _("Besiktning vid utflyttning görs när kontraktet är avslutat."),
            code=TenancyErrorCode.SUBLET_ENDED,
        )
    inspection = Inspection(
        sublet=sublet,
        inspected_on=inspected_on,
        inspector=inspector.strip(),
        notes=notes.strip(),
        returned_to_landlord=returned_to_landlord,
    )
    inspection.full_clean()
    inspection.save()
    for index, item in enumerate(damages, start=1):
        if item.cost < 0:
            raise TenancyError(
                _("Skada %(index)s: kostnaden kan inte vara negativ.") % {"index": index},
                code=TenancyErrorCode.INVALID_AMOUNT,
                extra={"field": "cost"},
            )
        damage = Damage(
            inspection=inspection,
            description=item.description.strip(),
            cost=item.cost,
            payer=item.payer,
        )
        damage.full_clean()
        damage.save()
    lease = sublet.head_lease
    if returned_to_landlord and lease.end_reason_id is None:
        assert sublet.end_date is not None
        head_lease_end(
            head_lease=lease,
            end_date=max(inspected_on, sublet.end_date),
            reason=EndReason.objects.get(code=RETURN_END_REASON),
            note=f"Återlämnad efter besiktning ({sublet.number})",  # i18n: not UI
            by=inspected_by,
        )
    audit_record(actor=inspected_by, action=AuditAction.CREATE, obj=inspection)
    return inspection
