"""Writes on head leases: register, correct and end. Two leases on one apartment never
overlap; the check runs under a row lock on the apartment."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from bosam.accounts.models import Committee
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.properties.errors import RegisterError, RegisterErrorCode
from bosam.properties.models import Apartment, EndReason, HeadLease, Landlord, Usage
from bosam.properties.rules import DEFAULT_NOTICE_PERIOD_MONTHS
from bosam.properties.services.common import clean, excluding

HEAD_LEASE_FIELDS = {
    "number",
    "landlord",
    "start_date",
    "end_date",
    "notice_period_months",
    "security_of_tenure_waived",
    "monthly_rent",
    "committee",
    "usage",
    "notes",
    # Corrections of an ending already registered (head_lease_end registers it first).
    "notice_given_on",
    "end_reason",
    "end_note",
}


def _lock_apartment(apartment: Apartment) -> Apartment:
    # Two coordinators registering leases on one apartment at once must not both pass the
    # overlap check: the row lock makes the second wait until the first has committed.
    return Apartment.objects.select_for_update().get(pk=apartment.pk)


def overlapping_head_lease(
    *, apartment: Apartment, start_date: date, end_date: date | None, exclude_id: int | None
) -> HeadLease | None:
    """A head lease on the apartment that shares a day with the period, if any."""
    qs = HeadLease.objects.filter(apartment=apartment).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=start_date)
    )
    if end_date is not None:
        qs = qs.filter(start_date__lte=end_date)
    return excluding(qs, exclude_id).order_by("start_date").first()


def _refuse_end_before_start(start_date: date, end_date: date | None) -> None:
    if end_date is not None and end_date < start_date:
        raise RegisterError(
            _("Slutdatum kan inte ligga före startdatum."),
            code=RegisterErrorCode.END_BEFORE_START,
            extra={"field": "end_date"},
        )


def _refuse_overlap(
    apartment: Apartment, start_date: date, end_date: date | None, exclude_id: int | None
) -> None:
    other = overlapping_head_lease(
        apartment=apartment, start_date=start_date, end_date=end_date, exclude_id=exclude_id
    )
    if other is not None:
        until = other.end_date.isoformat() if other.end_date else _("tills vidare")
        raise RegisterError(
            _(
                "Objektet har redan avtal %(number)s under perioden (%(start)s – %(until)s). "
                "Två avtal på samma objekt får inte överlappa."
            )
            % {"number": other.number, "start": other.start_date.isoformat(), "until": until},
            code=RegisterErrorCode.OVERLAPPING_LEASE,
            extra={"field": "start_date", "existing": other.pk},
        )


def _next_lease_number(start_date: date) -> str:
    prefix = f"{start_date.year}-"
    taken = set(
        HeadLease.objects.filter(number__startswith=prefix).values_list("number", flat=True)
    )
    serial = len(taken) + 1
    while f"{prefix}{serial:04d}" in taken:
        serial += 1
    return f"{prefix}{serial:04d}"


def _check_lease_number_free(number: str, head_lease_id: int | None) -> None:
    if excluding(HeadLease.objects.filter(number=number), head_lease_id).exists():
        raise RegisterError(
            _("Avtalsnumret %(number)s används redan.") % {"number": number},
            code=RegisterErrorCode.DUPLICATE_LEASE_NUMBER,
            extra={"field": "number"},
        )


@transaction.atomic
def head_lease_create(
    *,
    by: Any,
    apartment: Apartment,
    start_date: date,
    monthly_rent: Decimal,
    committee: Committee,
    usage: Usage,
    number: str = "",
    landlord: Landlord | None = None,
    end_date: date | None = None,
    notice_period_months: int = DEFAULT_NOTICE_PERIOD_MONTHS,
    security_of_tenure_waived: bool = True,
    notes: str = "",
) -> HeadLease:
    """A head lease on an apartment, refused if it would overlap another lease on it.

    The landlord is the apartment's unless given; an empty number gets the next `ÅÅÅÅ-NNNN`."""
    _refuse_end_before_start(start_date, end_date)
    apartment = _lock_apartment(apartment)
    _refuse_overlap(apartment, start_date, end_date, None)
    number = number.strip() or _next_lease_number(start_date)
    _check_lease_number_free(number, None)
    head_lease = HeadLease(
        number=number,
        apartment=apartment,
        landlord=landlord or apartment.landlord,
        start_date=start_date,
        end_date=end_date,
        notice_period_months=notice_period_months,
        security_of_tenure_waived=security_of_tenure_waived,
        monthly_rent=monthly_rent,
        committee=committee,
        usage=usage,
        notes=notes.strip(),
    )
    clean(head_lease)
    head_lease.save()
    audit_record(actor=by, action=AuditAction.CREATE, obj=head_lease)
    return head_lease


@transaction.atomic
def head_lease_update(*, head_lease: HeadLease, by: Any, **fields: Any) -> HeadLease:
    """Correct a head lease's terms. A changed period is checked for overlap again; the
    apartment cannot change (register a new lease on the other apartment instead)."""
    apartment = _lock_apartment(head_lease.apartment)
    for name, value in fields.items():
        if name not in HEAD_LEASE_FIELDS:
            raise ValueError(f"head_lease_update cannot change {name}")
        setattr(head_lease, name, value.strip() if isinstance(value, str) else value)
    _refuse_end_before_start(head_lease.start_date, head_lease.end_date)
    _refuse_overlap(apartment, head_lease.start_date, head_lease.end_date, head_lease.pk)
    _check_lease_number_free(head_lease.number, head_lease.pk)
    clean(head_lease)
    head_lease.save()
    audit_record(actor=by, action=AuditAction.UPDATE, obj=head_lease)
    return head_lease


def _end_reason(reason: EndReason | str) -> EndReason:
    if isinstance(reason, EndReason):
        return reason
    found = EndReason.objects.filter(code=reason).first()
    if found is None:
        raise RegisterError(
            _("Avslutsorsaken %(reason)r finns inte i katalogen.") % {"reason": reason},
            code=RegisterErrorCode.UNKNOWN_END_REASON,
            extra={"field": "reason"},
        )
    return found


@transaction.atomic
def head_lease_end(
    *,
    head_lease: HeadLease,
    end_date: date,
    reason: EndReason | str,
    note: str = "",
    by: Any,
    notice_given_on: date | None = None,
) -> HeadLease:
    """End a head lease on `end_date` (its last day, may lie ahead) for a reason from the
    catalogue, given as an EndReason or its code (`tenant_took_over` for a takeover).

    `notice_given_on` is the day notice was given, when the lease ended by notice. A lease whose
    ending is already registered is refused; correct it with head_lease_update."""
    apartment = _lock_apartment(head_lease.apartment)
    head_lease = HeadLease.objects.select_for_update().get(pk=head_lease.pk)
    if head_lease.end_reason_id is not None:
        raise RegisterError(
            _("Avtal %(number)s är redan avslutat.") % {"number": head_lease.number},
            code=RegisterErrorCode.LEASE_ALREADY_ENDED,
        )
    if end_date < head_lease.start_date:
        raise RegisterError(
            _("Slutdatum kan inte ligga före avtalets startdatum (%(start)s).")
            % {"start": head_lease.start_date.isoformat()},
            code=RegisterErrorCode.END_BEFORE_START,
            extra={"field": "end_date"},
        )
    if notice_given_on is not None and notice_given_on > end_date:
        raise RegisterError(
            _("Uppsägningsdagen kan inte ligga efter slutdatum."),
            code=RegisterErrorCode.INVALID,
            extra={"field": "notice_given_on"},
        )
    end_reason = _end_reason(reason)
    _refuse_overlap(apartment, head_lease.start_date, end_date, head_lease.pk)
    head_lease.end_date = end_date
    head_lease.end_reason = end_reason
    head_lease.end_note = note.strip()
    if notice_given_on is not None:
        head_lease.notice_given_on = notice_given_on
    clean(head_lease)
    head_lease.save()
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        obj=head_lease,
        reason=f"Avslutat {end_date.isoformat()}: {end_reason.name}",
    )
    return head_lease
