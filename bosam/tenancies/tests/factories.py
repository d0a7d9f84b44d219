"""State that simply exists (landlord, apartment, head lease, household); sublets and takeovers
are made through the services so their interventions and audit rows exist."""

from datetime import date
from decimal import Decimal
from itertools import count
from typing import Any

from bosam.accounts.models import Committee, Unit
from bosam.households.models import Household, HouseholdMember
from bosam.households.tests.factories import make_household, make_person
from bosam.properties.models import Apartment, HeadLease, Landlord, Usage
from bosam.tenancies import services
from bosam.tenancies.models import Sublet

_numbers = count(1)


def make_landlord() -> Landlord:
    n = next(_numbers)
    return Landlord.objects.create(name=f"Hyresvärd {n}", org_number=f"55{n:08d}")


def make_apartment(landlord: Landlord | None = None, street: str = "") -> Apartment:
    n = next(_numbers)
    return Apartment.objects.create(
        landlord=landlord or make_landlord(),
        street_address=street or f"Hagebygatan {n}",
        town="Norrköping",
        landlord_object_number=f"OBJ-{n}",
        apartment_number="1102",
        rooms="2 rok",
        room_count=2,
        living_area=Decimal("55.0"),
    )


def make_head_lease(
    committee: Committee,
    *,
    usage_code: str = "supported_housing",
    start: date = date(2020, 1, 1),
    end: date | None = None,
    rent: Decimal = Decimal("6000"),
    apartment: Apartment | None = None,
) -> HeadLease:
    apartment = apartment or make_apartment()
    return HeadLease.objects.create(
        number=f"AV-{next(_numbers)}",
        apartment=apartment,
        landlord=apartment.landlord,
        start_date=start,
        end_date=end,
        monthly_rent=rent,
        committee=committee,
        usage=Usage.objects.get(code=usage_code),
    )


def make_client(unit: Unit, first_name: str = "Anna") -> Household:
    return make_household(
        unit, (make_person(first_name=first_name), HouseholdMember.Relation.APPLICANT)
    )


def place(
    by: Any,
    household: Household,
    head_lease: HeadLease,
    start: date = date(2021, 1, 1),
    end: date | None = None,
    rent: Decimal = Decimal("6500"),
) -> Sublet:
    return services.sublet_create(
        created_by=by,
        household=household,
        head_lease=head_lease,
        start_date=start,
        end_date=end,
        monthly_rent=rent,
    )
