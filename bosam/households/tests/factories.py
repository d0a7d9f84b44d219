"""State that simply exists: persons and households made directly (not through services)."""

from datetime import date

from django.utils import timezone

from bosam.accounts.models import Unit
from bosam.households.models import Household, HouseholdMember, Person

_serial = iter(range(100, 10_000))


def make_person(
    first_name: str = "Anna",
    last_name: str = "Andersson",
    birth_date: date = date(1985, 3, 12),
    personal_number: str | None = "auto",
) -> Person:
    from stdnum import luhn

    if personal_number == "auto":
        serial = f"{next(_serial) % 1000:03d}"
        body = f"{birth_date:%y%m%d}{serial}"
        personal_number = f"{birth_date:%Y%m%d}{serial}{luhn.calc_check_digit(body)}"
    return Person.objects.create(
        first_name=first_name,
        last_name=last_name,
        birth_date=birth_date,
        personal_number=personal_number,
        number_kind=Person.NumberKind.PERSONNUMMER if personal_number else Person.NumberKind.NONE,
        no_number_reason="" if personal_number else "Nyanländ",
    )


def make_household(unit: Unit, *people: tuple[Person, str]) -> Household:
    household = Household.objects.create(unit=unit, street_address="Storgatan 1", town="Demo")
    for person, relation in people:
        HouseholdMember.objects.create(
            household=household,
            person=person,
            relation=relation,
            start_date=timezone.localdate(),
        )
    return household
