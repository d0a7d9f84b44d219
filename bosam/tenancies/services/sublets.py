"""Placing a household in an apartment, extending its sublet, and ending it without takeover."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from bosam.accounts.models import Committee, Unit
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.households.models import Household
from bosam.households.services import intervention_record
from bosam.properties.models import Apartment, HeadLease, Usage
from bosam.tenancies import rules
from bosam.tenancies.errors import TenancyError, TenancyErrorCode
from bosam.tenancies.models import Condition, FollowUp, Sublet, SubletEndReason
from bosam.tenancies.services.settings import tenancy_settings_get

# The intervention type (households' catalogue) each kind of placement is recorded as.
PLACEMENT_TYPE_CODES: dict[str, str] = {
    Sublet.Kind.SUPPORTED_HOUSING: "placement_supported_housing",
    Sublet.Kind.TRAINING_APARTMENT: "placement_training_apartment",
    Sublet.Kind.OPERATIONAL_APARTMENT: "placement_operational_apartment",
    Sublet.Kind.REFUGEE_HOUSING: "placement_refugee_housing",
    Sublet.Kind.HOUSING_FIRST: "placement_housing_first",
    Sublet.Kind.EMERGENCY: "placement_emergency",
}

_KIND_BY_USAGE_CATEGORY: dict[str, str] = {
    Usage.Category.SUPPORTED_HOUSING: Sublet.Kind.SUPPORTED_HOUSING,
    Usage.Category.TRAINING_APARTMENT: Sublet.Kind.TRAINING_APARTMENT,
    Usage.Category.OPERATIONAL_APARTMENT: Sublet.Kind.OPERATIONAL_APARTMENT,
    Usage.Category.REFUGEE_SETTLEMENT: Sublet.Kind.REFUGEE_HOUSING,
    Usage.Category.REFUGEE_TEMPORARY_PROTECTION: Sublet.Kind.REFUGEE_HOUSING,
    Usage.Category.HOUSING_FIRST: Sublet.Kind.HOUSING_FIRST,
    Usage.Category.EMERGENCY: Sublet.Kind.EMERGENCY,
    Usage.Category.OTHER: Sublet.Kind.SUPPORTED_HOUSING,
}


def kind_for_usage(usage: Usage) -> str:
    """The sublet kind that fits a head lease's usage (the form's default)."""
    return _KIND_BY_USAGE_CATEGORY.get(usage.category, Sublet.Kind.SUPPORTED_HOUSING)


def _period(start: date, end: date | None) -> rules.Period:
    return rules.Period(start, end)


def check_sublet_period(
    *, head_lease: HeadLease, start_date: date, end_date: date | None, exclude_id: Any = None
) -> None:
    """Refuse a period outside the head lease or overlapping another sublet on the apartment."""
    period = _period(start_date, end_date)
    if end_date is not None and end_date < start_date:
        raise TenancyError(
            _("Slutdatum kan inte ligga före startdatum."),
            code=TenancyErrorCode.INVALID_DATE,
            extra={"field": "end_date"},
        )
    if not rules.lies_within(period, _period(head_lease.start_date, head_lease.end_date)):
        raise TenancyError(
            _("Kontraktet måste ligga inom avtalets period (%(start)s – %(end)s).")
            % {"start": head_lease.start_date, "end": head_lease.end_date or _("tills vidare")},
            code=TenancyErrorCode.OUTSIDE_HEAD_LEASE,
            extra={"field": "start_date"},
        )
    others = Sublet.objects.filter(apartment_id=head_lease.apartment_id).exclude(pk=exclude_id)
    clash = rules.overlapping(
        period, [(s.number, _period(s.start_date, s.end_date)) for s in others]
    )
    if clash:
        raise TenancyError(
            _("Objektet har redan ett andrahandskontrakt under perioden (%(sublets)s).")
            % {"sublets": ", ".join(str(n) for n in clash)},
            code=TenancyErrorCode.OVERLAPPING_SUBLET,
            extra={"field": "start_date", "sublets": [str(n) for n in clash]},
        )


def _next_number(start: date) -> str:
    prefix = f"AH-{start.year}-"
    count = Sublet.objects.filter(number__startswith=prefix).count()
    while True:
        count += 1
        number = f"{prefix}{count:04d}"
        if not Sublet.objects.filter(number=number).exists():
            return number


@transaction.atomic
def sublet_create(
    *,
    created_by: Any,
    household: Household,
    head_lease: HeadLease,
    start_date: date,
    monthly_rent: Decimal,
    kind: str = "",
    end_date: date | None = None,
    conditions: Iterable[Condition] = (),
    conditions_text: str = "",
    social_worker: Any = None,
    unit: Unit | None = None,
    committee: Committee | None = None,
) -> Sublet:
    """Place a household in the apartment of a head lease (andrahandskontrakt).

    The apartment gets no overlapping sublet, the sublet lies inside the head lease, and the
    household has no other current sublet. Records the placement as an intervention and plans
    the first follow-up."""
    # Lock the apartment row so two placements on it cannot both pass the overlap check.
    Apartment.objects.select_for_update().get(pk=head_lease.apartment_id)
    if head_lease.end_reason_id is not None:
        raise TenancyError(
            _("Avtalet är avslutat; objektet kan inte hyras ut i andra hand."),
            code=TenancyErrorCode.HEAD_LEASE_ENDED,
            extra={"field": "head_lease"},
        )
    check_sublet_period(head_lease=head_lease, start_date=start_date, end_date=end_date)
    if Sublet.objects.filter(household=household, status=Sublet.Status.ACTIVE).exists():
        raise TenancyError(
            _("Hushållet har redan ett pågående andrahandskontrakt. Avsluta det först."),
            code=TenancyErrorCode.HOUSEHOLD_HAS_SUBLET,
            extra={"field": "household"},
        )
    settings = tenancy_settings_get()
    takeover_planned = head_lease.usage.aims_at_takeover
    sublet = Sublet(
        household=household,
        apartment_id=head_lease.apartment_id,
        head_lease=head_lease,
        number=_next_number(start_date),
        kind=kind or kind_for_usage(head_lease.usage),
        start_date=start_date,
        end_date=end_date,
        monthly_rent=monthly_rent,
        conditions_text=conditions_text.strip(),
        social_worker=social_worker,
        unit=unit or household.unit,
        committee=committee or head_lease.committee,
        takeover_planned=takeover_planned,
        planned_takeover_date=rules.planned_takeover_date(
            start_date, settings.months_to_takeover, takeover_planned
        ),
    )
    sublet.full_clean()
    sublet.save()
    sublet.conditions.set(list(conditions))
    FollowUp.objects.create(
        sublet=sublet,
        kind=FollowUp.Kind.HOME_VISIT,
        planned_on=rules.add_months(start_date, settings.follow_up_interval_months),
        recorded_by=created_by,
    )
    intervention_record(
        household=household,
        type_code=PLACEMENT_TYPE_CODES[sublet.kind],
        performed_on=start_date,
        performed_by=created_by,
        source=sublet,
        committee=sublet.committee,
        unit=sublet.unit,
    )
    audit_record(actor=created_by, action=AuditAction.CREATE, obj=sublet)
    return sublet


def _require_active(sublet: Sublet) -> None:
    if sublet.status != Sublet.Status.ACTIVE:
        raise TenancyError(_("Kontraktet är redan avslutat."), code=TenancyErrorCode.SUBLET_ENDED)


def _require_end_inside(sublet: Sublet, end_date: date, field: str) -> None:
    lease = sublet.head_lease
    if end_date < sublet.start_date:
        raise TenancyError(
            _("Datumet kan inte ligga före kontraktets start (%(start)s).")
            % {"start": sublet.start_date},
            code=TenancyErrorCode.INVALID_DATE,
            extra={"field": field},
        )
    if lease.end_date is not None and end_date > lease.end_date:
        raise TenancyError(
            _("Datumet kan inte ligga efter avtalets slut (%(end)s).") % {"end": lease.end_date},
            code=TenancyErrorCode.OUTSIDE_HEAD_LEASE,
            extra={"field": field},
        )


@transaction.atomic
def sublet_extend(
    *,
    sublet: Sublet,
    extended_by: Any,
    planned_takeover_date: date | None,
    end_date: date | None = None,
    note: str = "",
) -> Sublet:
    """Postpone the takeover (förlängning): the sublet runs on to a new planned date. It is not
    an ending, so goal fulfilment counts it only when it later ends."""
    _require_active(sublet)
    if planned_takeover_date is not None and planned_takeover_date <= sublet.start_date:
        raise TenancyError(
            _("Det nya planerade datumet måste ligga efter kontraktets start."),
            code=TenancyErrorCode.INVALID_DATE,
            extra={"field": "planned_takeover_date"},
        )
    if end_date is not None:
        check_sublet_period(
            head_lease=sublet.head_lease,
            start_date=sublet.start_date,
            end_date=end_date,
            exclude_id=sublet.pk,
        )
    sublet.planned_takeover_date = planned_takeover_date
    sublet.end_date = end_date
    sublet.outcome = Sublet.Outcome.EXTENDED
    if note.strip():
        sublet.end_note = note.strip()
    sublet.full_clean()
    sublet.save()
    audit_record(actor=extended_by, action=AuditAction.UPDATE, obj=sublet, reason=note)
    return sublet


@transaction.atomic
def sublet_end(
    *,
    sublet: Sublet,
    ended_by: Any,
    end_date: date,
    reason: SubletEndReason,
    note: str = "",
) -> Sublet:
    """End a sublet without takeover (moved on their own, evicted, …). The head lease runs on:
    the apartment is vacant until it is let again or returned after the inspection."""
    _require_active(sublet)
    _require_end_inside(sublet, end_date, "end_date")
    sublet.end_date = end_date
    sublet.status = Sublet.Status.ENDED
    sublet.outcome = Sublet.Outcome.ENDED_WITHOUT_TAKEOVER
    sublet.end_reason = reason
    sublet.end_note = note.strip()
    sublet.full_clean()
    sublet.save()
    audit_record(actor=ended_by, action=AuditAction.UPDATE, obj=sublet, reason=note)
    return sublet
