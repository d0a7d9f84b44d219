"""Writes on the register. Each is atomic and writes its audit row in the same transaction.

The actor is `by` throughout (the user, or None for a system job such as an import run).
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q, QuerySet

from bosam.accounts.models import Committee
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.properties.errors import RegisterError, RegisterErrorCode
from bosam.properties.models import (
    Apartment,
    EndReason,
    HeadLease,
    Landlord,
    LandlordContact,
    Usage,
)
from bosam.properties.rules import (
    DEFAULT_NOTICE_PERIOD_MONTHS,
    InvalidApartmentNumber,
    InvalidOrgNumber,
    floor_of_apartment_number,
    parse_apartment_number,
    parse_org_number,
)

LANDLORD_FIELDS = {
    "name",
    "org_number",
    "kind",
    "street_address",
    "postcode",
    "town",
    "phone",
    "email",
    "notes",
}
APARTMENT_FIELDS = {
    "landlord",
    "street_address",
    "postcode",
    "town",
    "district",
    "landlord_object_number",
    "apartment_number",
    "rooms",
    "room_count",
    "living_area",
    "floor",
    "has_lift",
    "wheelchair_accessible",
    "notes",
}
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


def _clean(obj: models.Model, code: RegisterErrorCode = RegisterErrorCode.INVALID) -> None:
    """full_clean, with Django's validation errors turned into one RegisterError that names the
    first failing field (the form shows it there) and carries all of them in extra['errors']."""
    try:
        obj.full_clean()
    except ValidationError as exc:
        errors = exc.message_dict
        field, messages = next(iter(errors.items()))
        raise RegisterError(
            str(messages[0]),
            code=code,
            extra={"field": field if field != "__all__" else None, "errors": errors},
        ) from exc


def _org_number(text: str) -> str:
    try:
        return parse_org_number(text)
    except InvalidOrgNumber as exc:
        raise RegisterError(
            str(exc), code=RegisterErrorCode.INVALID_ORG_NUMBER, extra={"field": "org_number"}
        ) from exc


def _apartment_number(text: str) -> str:
    try:
        return parse_apartment_number(text)
    except InvalidApartmentNumber as exc:
        raise RegisterError(
            str(exc),
            code=RegisterErrorCode.INVALID_APARTMENT_NUMBER,
            extra={"field": "apartment_number"},
        ) from exc


def _excluding[M: models.Model](qs: QuerySet[M], pk: int | None) -> QuerySet[M]:
    """The queryset without the record being changed (none when creating)."""
    return qs if pk is None else qs.exclude(pk=pk)


def _strip(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}


def _check_org_number_free(org_number: str, landlord_id: int | None) -> None:
    other = _excluding(Landlord.objects.filter(org_number=org_number), landlord_id).first()
    if other is not None:
        raise RegisterError(
            f"Organisationsnumret finns redan för {other.name}.",
            code=RegisterErrorCode.DUPLICATE_ORG_NUMBER,
            extra={"field": "org_number", "existing": other.pk},
        )


@transaction.atomic
def landlord_create(
    *,
    by: Any,
    name: str,
    org_number: str,
    kind: str = Landlord.Kind.PRIVATE,
    street_address: str = "",
    postcode: str = "",
    town: str = "",
    phone: str = "",
    email: str = "",
    notes: str = "",
) -> Landlord:
    """A landlord; the organisation number is validated and may be registered only once."""
    digits = _org_number(org_number)
    _check_org_number_free(digits, None)
    landlord = Landlord(
        **_strip(
            {
                "name": name,
                "kind": kind,
                "street_address": street_address,
                "postcode": postcode,
                "town": town,
                "phone": phone,
                "email": email,
                "notes": notes,
            }
        ),
        org_number=digits,
    )
    _clean(landlord)
    landlord.save()
    audit_record(actor=by, action=AuditAction.CREATE, obj=landlord)
    return landlord


@transaction.atomic
def landlord_update(*, landlord: Landlord, by: Any, **fields: Any) -> Landlord:
    """Change a landlord's details; a new organisation number is validated like a new one."""
    for name, value in _strip(fields).items():
        if name not in LANDLORD_FIELDS:
            raise ValueError(f"landlord_update cannot change {name}")
        setattr(landlord, name, value)
    if "org_number" in fields:
        landlord.org_number = _org_number(fields["org_number"])
        _check_org_number_free(landlord.org_number, landlord.pk)
    _clean(landlord)
    landlord.save()
    audit_record(actor=by, action=AuditAction.UPDATE, obj=landlord)
    return landlord


@transaction.atomic
def landlord_contact_add(
    *, landlord: Landlord, by: Any, name: str, title: str = "", phone: str = "", email: str = ""
) -> LandlordContact:
    """A contact person at the landlord (förvaltare, uthyrare …)."""
    contact = LandlordContact(
        landlord=landlord, **_strip({"name": name, "title": title, "phone": phone, "email": email})
    )
    _clean(contact)
    contact.save()
    audit_record(actor=by, action=AuditAction.UPDATE, obj=landlord, reason=f"Kontakt: {name}")
    return contact


@transaction.atomic
def landlord_contact_remove(*, contact: LandlordContact, by: Any) -> None:
    """Remove a contact person who no longer works with the municipality."""
    landlord = contact.landlord
    name = contact.name
    contact.delete()
    audit_record(
        actor=by, action=AuditAction.UPDATE, obj=landlord, reason=f"Kontakt borttagen: {name}"
    )


def _check_object_number_free(landlord: Landlord, number: str, apartment_id: int | None) -> None:
    taken = Apartment.objects.filter(landlord=landlord, landlord_object_number=number)
    if _excluding(taken, apartment_id).exists():
        raise RegisterError(
            f"{landlord.name} har redan ett objekt med objektnummer {number}.",
            code=RegisterErrorCode.DUPLICATE_OBJECT_NUMBER,
            extra={"field": "landlord_object_number"},
        )


@transaction.atomic
def apartment_create(
    *,
    by: Any,
    landlord: Landlord,
    street_address: str,
    town: str,
    landlord_object_number: str,
    rooms: str,
    room_count: int,
    living_area: Decimal,
    postcode: str = "",
    district: str = "",
    apartment_number: str = "",
    floor: int | None = None,
    has_lift: bool = False,
    wheelchair_accessible: bool = False,
    notes: str = "",
) -> Apartment:
    """An apartment object. Without a floor, the floor is read from the apartment number."""
    number = _apartment_number(apartment_number)
    object_number = landlord_object_number.strip()
    _check_object_number_free(landlord, object_number, None)
    apartment = Apartment(
        landlord=landlord,
        landlord_object_number=object_number,
        apartment_number=number,
        room_count=room_count,
        living_area=living_area,
        floor=floor if floor is not None else floor_of_apartment_number(number),
        has_lift=has_lift,
        wheelchair_accessible=wheelchair_accessible,
        **_strip(
            {
                "street_address": street_address,
                "town": town,
                "rooms": rooms,
                "postcode": postcode,
                "district": district,
                "notes": notes,
            }
        ),
    )
    _clean(apartment)
    apartment.save()
    audit_record(actor=by, action=AuditAction.CREATE, obj=apartment)
    return apartment


@transaction.atomic
def apartment_update(*, apartment: Apartment, by: Any, **fields: Any) -> Apartment:
    """Change an apartment object's details. Its head leases keep the landlord they were signed
    with, so a change of owner does not rewrite history."""
    for name, value in _strip(fields).items():
        if name not in APARTMENT_FIELDS:
            raise ValueError(f"apartment_update cannot change {name}")
        setattr(apartment, name, value)
    apartment.apartment_number = _apartment_number(apartment.apartment_number)
    if apartment.floor is None:
        apartment.floor = floor_of_apartment_number(apartment.apartment_number)
    _check_object_number_free(apartment.landlord, apartment.landlord_object_number, apartment.pk)
    _clean(apartment)
    apartment.save()
    audit_record(actor=by, action=AuditAction.UPDATE, obj=apartment)
    return apartment


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
    return _excluding(qs, exclude_id).order_by("start_date").first()


def _refuse_end_before_start(start_date: date, end_date: date | None) -> None:
    if end_date is not None and end_date < start_date:
        raise RegisterError(
            "Slutdatum kan inte ligga före startdatum.",
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
        until = other.end_date.isoformat() if other.end_date else "tills vidare"
        raise RegisterError(
            f"Objektet har redan avtal {other.number} under perioden "
            f"({other.start_date.isoformat()} – {until}). Två avtal på samma objekt får inte "
            "överlappa.",
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
    if _excluding(HeadLease.objects.filter(number=number), head_lease_id).exists():
        raise RegisterError(
            f"Avtalsnumret {number} används redan.",
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
    _clean(head_lease)
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
    _clean(head_lease)
    head_lease.save()
    audit_record(actor=by, action=AuditAction.UPDATE, obj=head_lease)
    return head_lease


def _end_reason(reason: EndReason | str) -> EndReason:
    if isinstance(reason, EndReason):
        return reason
    found = EndReason.objects.filter(code=reason).first()
    if found is None:
        raise RegisterError(
            f"Avslutsorsaken {reason!r} finns inte i katalogen.",
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
            f"Avtal {head_lease.number} är redan avslutat.",
            code=RegisterErrorCode.LEASE_ALREADY_ENDED,
        )
    if end_date < head_lease.start_date:
        raise RegisterError(
            "Slutdatum kan inte ligga före avtalets startdatum "
            f"({head_lease.start_date.isoformat()}).",
            code=RegisterErrorCode.END_BEFORE_START,
            extra={"field": "end_date"},
        )
    if notice_given_on is not None and notice_given_on > end_date:
        raise RegisterError(
            "Uppsägningsdagen kan inte ligga efter slutdatum.",
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
    _clean(head_lease)
    head_lease.save()
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        obj=head_lease,
        reason=f"Avslutat {end_date.isoformat()}: {end_reason.name}",
    )
    return head_lease
