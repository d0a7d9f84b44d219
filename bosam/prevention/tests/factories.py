"""State that simply exists (landlords, households); notifications go through the services."""

from datetime import date
from decimal import Decimal
from typing import Any

from stdnum import luhn

from bosam.households.models import Household, HouseholdMember, Person
from bosam.households.tests.factories import make_household, make_person
from bosam.prevention.models import Notification
from bosam.prevention.services import TenantInput, notification_register
from bosam.properties.models import Landlord

_org_serial = iter(range(100000, 999999))


def org_number() -> str:
    body = f"55{next(_org_serial):07d}"[:9]
    return body + luhn.calc_check_digit(body)


def make_landlord(name: str = "Hyresbolaget AB") -> Landlord:
    return Landlord.objects.create(name=name, org_number=org_number())


def personal_number(birth: date, serial: int) -> str:
    body = f"{birth:%y%m%d}{serial:03d}"
    return f"{birth:%Y%m%d}{serial:03d}{luhn.calc_check_digit(body)}"


def household_with_children(unit: Any, children: int = 1) -> tuple[Household, Person]:
    adult = make_person("Anna", "Andersson")
    kids = [
        (
            make_person("Barn", "Andersson", birth_date=date(2015, 1, 1)),
            HouseholdMember.Relation.CHILD,
        )
        for _ in range(children)
    ]
    return make_household(unit, (adult, HouseholdMember.Relation.APPLICANT), *kids), adult


def register(
    user: Any,
    person: Person,
    *,
    landlord: Landlord | None = None,
    received_on: date = date(2022, 5, 2),
    stage: str = Notification.Stage.TERMINATION,
    notice_served_on: date | None = date(2022, 5, 2),
    eviction_date: date | None = None,
    debt: str = "12000",
    **kwargs: Any,
) -> Notification:
    return notification_register(
        registered_by=user,
        unit=user.unit,
        source=Notification.Source.LANDLORD,
        stage=stage,
        received_on=received_on,
        tenants=[TenantInput(person.personal_number or "", person.first_name, person.last_name)],
        landlord=landlord,
        street_address="Storgatan 1",
        debt_amount=Decimal(debt),
        months_behind=2,
        notice_served_on=notice_served_on,
        eviction_date=eviction_date,
        **kwargs,
    )
