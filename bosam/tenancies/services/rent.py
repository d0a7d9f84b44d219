"""Rent from subtenants: monthly charges and payments (the municipality is the landlord)."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.tenancies import rules
from bosam.tenancies.errors import TenancyError, TenancyErrorCode
from bosam.tenancies.models import RentCharge, Sublet


def _month_rent(sublet: Sublet, month: date) -> Decimal | None:
    return rules.rent_for_month(
        sublet.monthly_rent, month, start=sublet.start_date, end=sublet.end_date
    )


def _charge(sublet: Sublet, month: date, amount: Decimal | None) -> RentCharge:
    """A month's charge: the given amount, else the sublet's rent prorated by the days it runs
    in the month (rules.rent_for_month)."""
    month = month.replace(day=1)
    return RentCharge(
        sublet=sublet,
        month=month,
        due_date=rules.rent_due_date(month),
        amount=(_month_rent(sublet, month) or Decimal(0)) if amount is None else amount,
    )


@transaction.atomic
def rent_charge_create(
    *, sublet: Sublet, charged_by: Any, month: date, amount: Decimal | None = None
) -> RentCharge:
    """Charge one month's rent (the sublet's rent, prorated by days in a first or last month,
    unless another amount is given); due by the last working day before the month (12 kap.
    20 § JB). A month the sublet does not run in is refused: rent is never charged for days
    outside the sublet's period."""
    if _month_rent(sublet, month) is None:
        raise TenancyError(
            _(
                "Kontraktet löper inte i %(month)s (%(start)s–%(end)s); hyra kan bara "
                "aviseras för dagar då kontraktet löper."
            )
            % {
                "month": f"{month:%Y-%m}",
                "start": f"{sublet.start_date:%Y-%m-%d}",
                "end": f"{sublet.end_date:%Y-%m-%d}" if sublet.end_date else "",
            },
            code=TenancyErrorCode.OUTSIDE_PERIOD,
            extra={"field": "month"},
        )
    if RentCharge.objects.filter(sublet=sublet, month=month.replace(day=1)).exists():
        raise TenancyError(
            _("Hyran för %(month)s är redan aviserad.") % {"month": f"{month:%Y-%m}"},
            code=TenancyErrorCode.CHARGE_EXISTS,
            extra={"field": "month"},
        )
    charge = _charge(sublet, month, amount)
    charge.full_clean()
    charge.save()
    audit_record(actor=charged_by, action=AuditAction.CREATE, obj=charge)
    return charge


@transaction.atomic
def rent_charges_generate(*, month: date, charged_by: Any) -> list[RentCharge]:
    """Charge the month's rent on every sublet running in the month that lacks a charge.
    Idempotent: running it twice for a month charges nothing more."""
    month = month.replace(day=1)
    already = RentCharge.objects.filter(month=month).values("sublet_id")
    sublets = (
        Sublet.objects.filter(start_date__lt=rules.add_months(month, 1))
        .exclude(end_date__lt=month)
        .exclude(pk__in=already)
        .select_related("household")
    )
    charges = [_charge(sublet, month, None) for sublet in sublets]
    RentCharge.objects.bulk_create(charges)
    for charge in charges:
        audit_record(actor=charged_by, action=AuditAction.CREATE, obj=charge)
    return charges


@transaction.atomic
def rent_payment_record(
    *, charge: RentCharge, recorded_by: Any, amount: Decimal, paid_on: date
) -> RentCharge:
    """Register a payment against a month's charge."""
    if amount <= 0:
        raise TenancyError(
            _("Beloppet måste vara större än noll."),
            code=TenancyErrorCode.INVALID_AMOUNT,
            extra={"field": "amount"},
        )
    charge.paid_amount += amount
    charge.paid_on = paid_on
    charge.full_clean()
    charge.save()
    audit_record(actor=recorded_by, action=AuditAction.UPDATE, obj=charge)
    return charge
