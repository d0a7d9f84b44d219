"""Writes on landlords and their contact persons."""

from typing import Any

from django.db import transaction

from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.properties.models import Landlord, LandlordContact
from bosam.properties.services.common import check_org_number_free, checked_org_number, clean, strip

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
    digits = checked_org_number(org_number)
    check_org_number_free(digits, None)
    landlord = Landlord(
        **strip(
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
    clean(landlord)
    landlord.save()
    audit_record(actor=by, action=AuditAction.CREATE, obj=landlord)
    return landlord


@transaction.atomic
def landlord_update(*, landlord: Landlord, by: Any, **fields: Any) -> Landlord:
    """Change a landlord's details; a new organisation number is validated like a new one."""
    for name, value in strip(fields).items():
        if name not in LANDLORD_FIELDS:
            raise ValueError(f"landlord_update cannot change {name}")
        setattr(landlord, name, value)
    if "org_number" in fields:
        landlord.org_number = checked_org_number(fields["org_number"])
        check_org_number_free(landlord.org_number, landlord.pk)
    clean(landlord)
    landlord.save()
    audit_record(actor=by, action=AuditAction.UPDATE, obj=landlord)
    return landlord


@transaction.atomic
def landlord_contact_add(
    *, landlord: Landlord, by: Any, name: str, title: str = "", phone: str = "", email: str = ""
) -> LandlordContact:
    """A contact person at the landlord (förvaltare, uthyrare …)."""
    contact = LandlordContact(
        landlord=landlord, **strip({"name": name, "title": title, "phone": phone, "email": email})
    )
    clean(contact)
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
