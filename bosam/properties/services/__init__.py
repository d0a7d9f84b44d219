"""Writes on the register. Each is atomic and writes its audit row in the same transaction.

The actor is `by` throughout (the user, or None for a system job such as an import run).

Split by record: `landlords`, `apartments`, `head_leases`; everything is importable from here.
"""

from bosam.properties.services.apartments import (
    APARTMENT_FIELDS,
    apartment_create,
    apartment_update,
)
from bosam.properties.services.head_leases import (
    HEAD_LEASE_FIELDS,
    head_lease_create,
    head_lease_end,
    head_lease_update,
    overlapping_head_lease,
)
from bosam.properties.services.landlords import (
    LANDLORD_FIELDS,
    landlord_contact_add,
    landlord_contact_remove,
    landlord_create,
    landlord_update,
)

__all__ = [
    "APARTMENT_FIELDS",
    "HEAD_LEASE_FIELDS",
    "LANDLORD_FIELDS",
    "apartment_create",
    "apartment_update",
    "head_lease_create",
    "head_lease_end",
    "head_lease_update",
    "landlord_contact_add",
    "landlord_contact_remove",
    "landlord_create",
    "landlord_update",
    "overlapping_head_lease",
]
