"""The path to an own lease: assessment against the criteria, then takeover or extension."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.households.services import intervention_record
from bosam.properties.models import EndReason
from bosam.properties.services import head_lease_end
from bosam.tenancies import rules
from bosam.tenancies.errors import TenancyError, TenancyErrorCode
from bosam.tenancies.models import Sublet, TakeoverAssessment
from bosam.tenancies.services.sublets import _require_active, _require_end_inside, sublet_extend

TAKEOVER_END_REASON = "tenant_took_over"


@transaction.atomic
def takeover_assessment_record(
    *,
    sublet: Sublet,
    assessed_by: Any,
    assessed_on: date,
    criteria: rules.TakeoverCriteria,
    notes: str = "",
) -> TakeoverAssessment:
    """Record an assessment of the household against the takeover criteria."""
    _require_active(sublet)
    assessment = TakeoverAssessment(
        sublet=sublet,
        assessed_on=assessed_on,
        rent_paid_on_time=criteria.rent_paid_on_time,
        conditions_kept=criteria.conditions_kept,
        no_disturbance=criteria.no_disturbance,
        landlord_consent=criteria.landlord_consent,
        notes=notes.strip(),
        assessed_by=assessed_by,
    )
    assessment.full_clean()
    assessment.save()
    audit_record(actor=assessed_by, action=AuditAction.CREATE, obj=assessment)
    return assessment


def _criteria(assessment: TakeoverAssessment) -> rules.TakeoverCriteria:
    return rules.TakeoverCriteria(
        rent_paid_on_time=assessment.rent_paid_on_time,
        conditions_kept=assessment.conditions_kept,
        no_disturbance=assessment.no_disturbance,
        landlord_consent=assessment.landlord_consent,
    )


@transaction.atomic
def takeover_record(
    *, sublet: Sublet, recorded_by: Any, takeover_date: date, note: str = ""
) -> Sublet:
    """The household takes over the lease in its own name (övertagande).

    Needs a latest assessment meeting every criterion. Ends the sublet on the day, records a
    `takeover` intervention, and ends the head lease with the reason "tenant took over", so the
    apartment leaves the municipality's portfolio."""
    _require_active(sublet)
    _require_end_inside(sublet, takeover_date, "takeover_date")
    latest = sublet.assessments.order_by("-assessed_on", "-created_at").first()
    unmet = rules.takeover_criteria_unmet(_criteria(latest)) if latest else [_("bedömning saknas")]
    if unmet:
        raise TenancyError(
            _("Övertagande kräver en bedömning där alla kriterier är uppfyllda. Saknas: %(unmet)s.")
            % {"unmet": ", ".join(unmet)},
            code=TenancyErrorCode.CRITERIA_NOT_MET,
            extra={"field": "takeover_date", "unmet": unmet},
        )
    sublet.end_date = takeover_date
    sublet.status = Sublet.Status.ENDED
    sublet.outcome = Sublet.Outcome.TOOK_OVER
    sublet.end_reason = None
    sublet.end_note = note.strip()
    sublet.full_clean()
    sublet.save()
    head_lease_end(
        head_lease=sublet.head_lease,
        end_date=takeover_date,
        reason=EndReason.objects.get(code=TAKEOVER_END_REASON),
        note=note or f"Övertagande av andrahandskontrakt {sublet.number}",  # i18n: not UI
        by=recorded_by,
    )
    intervention_record(
        household=sublet.household,
        type_code="takeover",
        performed_on=takeover_date,
        performed_by=recorded_by,
        source=sublet,
        committee=sublet.committee,
        unit=sublet.unit,
    )
    audit_record(actor=recorded_by, action=AuditAction.UPDATE, obj=sublet, reason=note)
    return sublet


class Decision:
    TAKE_OVER = "take_over"
    EXTEND = "extend"
    ASSESS_ONLY = "assess_only"


@transaction.atomic
def takeover_decide(
    *,
    sublet: Sublet,
    decided_by: Any,
    assessed_on: date,
    criteria: rules.TakeoverCriteria,
    decision: str,
    takeover_date: date | None = None,
    new_planned_date: date | None = None,
    notes: str = "",
) -> Sublet:
    """The takeover flow in one step: record the assessment, then take over, extend, or only
    assess. A refused takeover rolls the assessment back too, so nothing half-done remains."""
    takeover_assessment_record(
        sublet=sublet,
        assessed_by=decided_by,
        assessed_on=assessed_on,
        criteria=criteria,
        notes=notes,
    )
    if decision == Decision.TAKE_OVER:
        return takeover_record(
            sublet=sublet,
            recorded_by=decided_by,
            takeover_date=takeover_date or assessed_on,
            note=notes,
        )
    if decision == Decision.EXTEND:
        if new_planned_date is None:
            raise TenancyError(
                _("Ange nytt planerat datum för övertagande."),
                code=TenancyErrorCode.INVALID_DATE,
                extra={"field": "new_planned_date"},
            )
        return sublet_extend(
            sublet=sublet,
            extended_by=decided_by,
            planned_takeover_date=new_planned_date,
            end_date=sublet.end_date,
            note=notes,
        )
    return sublet
