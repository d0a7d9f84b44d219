"""Demo persons and households: a few thousand at scale 1, with children and members over time."""

from datetime import date, timedelta

from bosam.core.demo import DemoContext, batched, demo_personal_number
from bosam.households.models import Household, HouseholdMember, Person

HOUSEHOLDS_AT_SCALE_1 = 2400


def _birth(ctx: DemoContext, age_from: int, age_to: int) -> date:
    days = ctx.rng.randint(age_from * 365, age_to * 365 + 364)
    return ctx.today - timedelta(days=days)


def build(ctx: DemoContext) -> None:
    units = ctx.data["units"]
    # Most households belong to the units that order apartments; weights follow their size.
    unit_weights = [
        (units["adult"], 30),
        (units["family"], 20),
        (units["assistance"], 15),
        (units["newcomers"], 15),
        (units["psychiatry"], 10),
        (units["lss"], 5),
        (units["housing"], 5),
    ]
    used: set[str] = set()
    persons: list[Person] = []
    households: list[Household] = []
    members: list[HouseholdMember] = []
    for _ in range(ctx.count(HOUSEHOLDS_AT_SCALE_1)):
        unit = ctx.rng.choices([u for u, _w in unit_weights], [w for _u, w in unit_weights])[0]
        street, postcode, town = ctx.address()
        household = Household(
            unit=unit,
            street_address=street,
            postcode=postcode,
            town=town,
            phone=f"070-{ctx.rng.randint(1000000, 9999999)}",
        )
        households.append(household)
        since = ctx.today - timedelta(days=ctx.rng.randint(30, 3650))
        adults = 1 if ctx.rng.random() < 0.7 else 2
        children = ctx.rng.choices([0, 1, 2, 3, 4], [55, 18, 15, 8, 4])[0]
        surname: str | None = None
        for index in range(adults + children):
            first, last = ctx.person_name()
            last = surname or last
            surname = last
            child = index >= adults
            born = _birth(ctx, 0, 17) if child else _birth(ctx, 19, 80)
            no_number = not child and ctx.rng.random() < 0.02
            person = Person(
                first_name=first,
                last_name=last,
                birth_date=born,
                personal_number=None if no_number else demo_personal_number(ctx.rng, born, used),
                number_kind=Person.NumberKind.NONE if no_number else Person.NumberKind.PERSONNUMMER,
                no_number_reason="Nyanländ, väntar på samordningsnummer" if no_number else "",
            )
            persons.append(person)
            relation = (
                HouseholdMember.Relation.CHILD
                if child
                else HouseholdMember.Relation.APPLICANT
                if index == 0
                else HouseholdMember.Relation.PARTNER
            )
            members.append(
                HouseholdMember(
                    household=household,
                    person=person,
                    relation=relation,
                    start_date=max(since, born),
                )
            )
    for chunk in batched(persons, 2000):
        Person.objects.bulk_create(chunk)
    for chunk in batched(households, 2000):
        Household.objects.bulk_create(chunk)
    for chunk in batched(members, 2000):
        HouseholdMember.objects.bulk_create(chunk)
    ctx.data["households"] = households
    ctx.data["persons"] = persons
    ctx.say(f"  {len(households)} hushåll, {len(persons)} personer")
