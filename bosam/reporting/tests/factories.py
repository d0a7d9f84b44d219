"""Records for report tests, made through the modules' own services where a process makes them."""

from datetime import date
from decimal import Decimal
from typing import Any

from bosam.accounts.models import Committee
from bosam.households.models import Household, HouseholdMember, Intervention
from bosam.households.services import intervention_record
from bosam.households.tests.factories import make_household, make_person
from bosam.properties.models import Apartment, HeadLease, Landlord, Usage

_serial = iter(range(1, 1_000_000))


def household(unit: Any) -> Household:
    return make_household(unit, (make_person(), HouseholdMember.Relation.APPLICANT))


def intervention(
    *,
    household: Household | None,
    code: str,
    on: date,
    by: Any,
    committee: Committee | None = None,
) -> Intervention:
    return intervention_record(
        household=household, type_code=code, performed_on=on, performed_by=by, committee=committee
    )


def landlord(name: str = "Hyresvärden AB") -> Landlord:
    from stdnum import luhn

    body = f"55{next(_serial):07d}"
    return Landlord.objects.create(name=name, org_number=body + luhn.calc_check_digit(body))


def apartment(owner: Landlord) -> Apartment:
    n = next(_serial)
    return Apartment.objects.create(
        landlord=owner,
        street_address=f"Storgatan {n}",
        town="Norrköping",
        landlord_object_number=f"OBJ-{n}",
        rooms="2 rok",
        room_count=2,
        living_area=Decimal("55.0"),
    )


def head_lease(
    *,
    apartment: Apartment,
    start: date,
    committee: Committee,
    usage_code: str = "",
    end: date | None = None,
) -> HeadLease:
    usage = Usage.objects.get(code=usage_code) if usage_code else Usage.objects.first()
    assert usage is not None
    return HeadLease.objects.create(
        number=f"A-{next(_serial)}",
        apartment=apartment,
        landlord=apartment.landlord,
        start_date=start,
        end_date=end,
        monthly_rent=Decimal("6500"),
        committee=committee,
        usage=usage,
    )


def stay_in_home(
    *, household: Household, on: date, by: Any, codes: tuple[str, ...] = ("payment_plan",)
) -> list[Intervention]:
    """Stay-in-home interventions in the household's prevention case, through prevention's
    services (a kvarboende intervention counts only when recorded in a prevention case)."""
    from bosam.prevention.services.cases import (
        case_intervention_record,
        prevention_case_open_or_join,
    )

    case, _created = prevention_case_open_or_join(household=household, opened_on=on, opened_by=by)
    return [
        case_intervention_record(case=case, type_code=code, performed_on=on, performed_by=by)
        for code in codes
    ]
