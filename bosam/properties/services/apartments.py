"""Writes on apartment objects."""

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.properties.errors import RegisterError, RegisterErrorCode
from bosam.properties.models import Apartment, Landlord
from bosam.properties.rules import floor_of_apartment_number
from bosam.properties.services.common import checked_apartment_number, clean, excluding, strip

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


def _check_object_number_free(landlord: Landlord, number: str, apartment_id: int | None) -> None:
    taken = Apartment.objects.filter(landlord=landlord, landlord_object_number=number)
    if excluding(taken, apartment_id).exists():
        raise RegisterError(
            _("%(landlord)s har redan ett objekt med objektnummer %(number)s.")
            % {"landlord": landlord.name, "number": number},
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
    number = checked_apartment_number(apartment_number)
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
        **strip(
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
    clean(apartment)
    apartment.save()
    audit_record(actor=by, action=AuditAction.CREATE, obj=apartment)
    return apartment


@transaction.atomic
def apartment_update(*, apartment: Apartment, by: Any, **fields: Any) -> Apartment:
    """Change an apartment object's details. Its head leases keep the landlord they were signed
    with, so a change of owner does not rewrite history."""
    for name, value in strip(fields).items():
        if name not in APARTMENT_FIELDS:
            raise ValueError(f"apartment_update cannot change {name}")
        setattr(apartment, name, value)
    apartment.apartment_number = checked_apartment_number(apartment.apartment_number)
    if apartment.floor is None:
        apartment.floor = floor_of_apartment_number(apartment.apartment_number)
    _check_object_number_free(apartment.landlord, apartment.landlord_object_number, apartment.pk)
    clean(apartment)
    apartment.save()
    audit_record(actor=by, action=AuditAction.UPDATE, obj=apartment)
    return apartment
