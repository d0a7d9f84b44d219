"""State that simply exists: landlords, apartments and head leases made directly."""

from datetime import date
from decimal import Decimal

from stdnum import luhn

from bosam.accounts.models import Committee
from bosam.properties.models import Apartment, HeadLease, Landlord, Usage

_serial = iter(range(1, 1_000_000))


def org_number(body: str | None = None) -> str:
    """A valid organisation number (Luhn check digit) for a nine-digit body."""
    body = body or f"556{next(_serial):06d}"
    return body + luhn.calc_check_digit(body)


def make_landlord(name: str = "Hyresbostäder AB", **fields: object) -> Landlord:
    fields.setdefault("org_number", org_number())
    return Landlord.objects.create(name=name, **fields)  # type: ignore[arg-type]


def make_apartment(landlord: Landlord | None = None, **fields: object) -> Apartment:
    n = next(_serial)
    values: dict[str, object] = {
        "street_address": f"Storgatan {n % 90 + 1}",
        "town": "Norrköping",
        "district": "Centrum",
        "landlord_object_number": f"OBJ-{n}",
        "apartment_number": "1102",
        "rooms": "2 rok",
        "room_count": 2,
        "living_area": Decimal("54.5"),
    }
    values.update(fields)
    return Apartment.objects.create(landlord=landlord or make_landlord(), **values)  # type: ignore[arg-type]


def usage(code: str = "supported_housing") -> Usage:
    return Usage.objects.get(code=code)


def make_head_lease(
    apartment: Apartment,
    committee: Committee,
    start: date,
    end: date | None = None,
    **fields: object,
) -> HeadLease:
    values: dict[str, object] = {
        "number": f"T-{next(_serial)}",
        "monthly_rent": Decimal("6500"),
        "usage": usage(),
    }
    values.update(fields)
    return HeadLease.objects.create(
        apartment=apartment,
        landlord=apartment.landlord,
        committee=committee,
        start_date=start,
        end_date=end,
        **values,  # type: ignore[arg-type]
    )
