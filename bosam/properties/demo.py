"""Demo register: ~40 landlords, ~600 apartments and their head leases since 2015.

The history is simulated year by year: every year some apartments come in new, some leases end
(returned, need ended, the tenant took over …) and some free apartments get a new lease. The
seed's 2022 figures — 160 new agreements, 127 on new objects and 33 on re-used ones — are the
plan for 2022 at scale 1; the report derives them from the history (`selectors`), so a test
checks that the derivation and this plan agree.
"""

from bosam.accounts.models import Committee
from bosam.core.demo import TOWN, DemoContext, batched, demo_org_number
from bosam.properties.demo_history import Planner
from bosam.properties.models import (
    Apartment,
    EndReason,
    HeadLease,
    Landlord,
    LandlordContact,
    Usage,
)

LANDLORDS_AT_SCALE_1 = 40
MUNICIPAL_COMPANY = "Hyresbostäder i Norrköping AB"
LANDLORD_WORDS = (
    "Bråvalla Himmelstalund Kvarnholmen Strömsholmen Folkparken Motala Ström Braviken Vrinnevi "
    "Borg Kolmården Eneby Svärtinge Skärblacka Simonstorp Kimstad Östra Husby Jursla Ingelsta "
    "Lindö Sandviken Saltängen Johannisborg Berget Fiskeby Holmen Kungsgård Ljunga Gryt "
    "Vikbolandet Dagsberg Risinge Strömmen Händelö Lövstad"
).split()
LANDLORD_FORMS = [
    ("{} Fastigheter AB", Landlord.Kind.PRIVATE),
    ("Fastighets AB {}", Landlord.Kind.PRIVATE),
    ("{} Bostäder AB", Landlord.Kind.PRIVATE),
    ("{} Förvaltning AB", Landlord.Kind.PRIVATE),
    ("Brf {}", Landlord.Kind.COOPERATIVE),
    ("Stiftelsen {}hem", Landlord.Kind.OTHER),
]
# Aktiebolag 55…, bostadsrättsföreningar 76…, stiftelser 80… (Bolagsverket's numbering).
ORG_PREFIX = {
    Landlord.Kind.PRIVATE: "55",
    Landlord.Kind.COOPERATIVE: "76",
    Landlord.Kind.OTHER: "80",
    Landlord.Kind.MUNICIPAL_COMPANY: "55",
}
CONTACT_TITLES = ["Förvaltare", "Uthyrare", "Kundansvarig", "Ekonomiansvarig"]


def _landlords(ctx: DemoContext, count: int) -> list[Landlord]:
    used: set[str] = set()
    names = {MUNICIPAL_COMPANY}
    landlords = [
        Landlord(
            name=MUNICIPAL_COMPANY,
            org_number=demo_org_number(ctx.rng, used),
            kind=Landlord.Kind.MUNICIPAL_COMPANY,
            street_address="Box 1000",
            postcode="601 00",
            town=TOWN,
            phone="011-15 00 00",
            email="uthyrning@hyresbostader.demo.invalid",
        )
    ]
    while len(landlords) < count:
        form, kind = ctx.rng.choice(LANDLORD_FORMS)
        name = form.format(ctx.rng.choice(LANDLORD_WORDS))
        if name in names:
            # At large scales the words run out: number the namesakes.
            name = f"{name} {len(landlords) + 1}"
        names.add(name)
        street, postcode, town = ctx.address()
        landlords.append(
            Landlord(
                name=name,
                org_number=demo_org_number(ctx.rng, used, prefix=ORG_PREFIX[kind]),
                kind=kind,
                street_address=street,
                postcode=postcode,
                town=town,
                phone=f"011-{ctx.rng.randint(100000, 999999)}",
            )
        )
    return landlords


def _contacts(ctx: DemoContext, landlords: list[Landlord]) -> list[LandlordContact]:
    contacts = []
    for landlord in landlords:
        for title in ctx.rng.sample(CONTACT_TITLES, k=ctx.rng.randint(1, 3)):
            first, last = ctx.person_name()
            contacts.append(
                LandlordContact(
                    landlord=landlord,
                    name=f"{first} {last}",
                    title=title,
                    phone=f"011-{ctx.rng.randint(100000, 999999)}",
                    email=f"kontakt{ctx.rng.randint(100, 999)}@hyresvard.demo.invalid",
                )
            )
    return contacts


def _apartments(ctx: DemoContext, planner: Planner, landlords: list[Landlord]) -> list[Apartment]:
    apartments = []
    seen: set[tuple[int, str, str]] = set()
    serial = [0] * len(landlords)
    for flat in planner.flats:
        rooms, count, _low, _high = flat.rooms
        while True:
            street = f"{flat.street} {ctx.rng.randint(1, 80)}"
            number = f"{ctx.rng.randint(10, 14)}{ctx.rng.randint(1, 4):02d}"
            if (flat.landlord, street, number) not in seen:
                seen.add((flat.landlord, street, number))
                break
        serial[flat.landlord] += 1
        apartments.append(
            Apartment(
                landlord=landlords[flat.landlord],
                street_address=street,
                postcode=f"60{ctx.rng.randint(2, 3)} {ctx.rng.randint(10, 99)}",
                town=TOWN,
                district=flat.district,
                landlord_object_number=f"{flat.landlord + 1:02d}-{serial[flat.landlord]:05d}",
                apartment_number=number,
                rooms=rooms,
                room_count=count,
                living_area=flat.area,
                floor=int(number[:2]) - 10,
                has_lift=ctx.rng.random() < 0.5,
                wheelchair_accessible=ctx.rng.random() < 0.12,
            )
        )
    return apartments


def build(ctx: DemoContext) -> None:
    committees: dict[str, Committee] = ctx.data["committees"]
    usages = {u.code: u for u in Usage.objects.all()}
    reasons = {r.code: r for r in EndReason.objects.all()}
    landlords = _landlords(ctx, ctx.count(LANDLORDS_AT_SCALE_1))
    planner = Planner(ctx, len(landlords))
    planner.run()
    Landlord.objects.bulk_create(landlords)
    LandlordContact.objects.bulk_create(_contacts(ctx, landlords))
    apartments = _apartments(ctx, planner, landlords)
    for chunk in batched(apartments, 1000):
        Apartment.objects.bulk_create(chunk)
    flat_index = {id(flat): index for index, flat in enumerate(planner.flats)}
    numbers: dict[int, int] = {}
    head_leases = []
    for lease in sorted(planner.leases, key=lambda lease: lease.start):
        numbers[lease.start.year] = numbers.get(lease.start.year, 0) + 1
        apartment = apartments[flat_index[id(lease.flat)]]
        head_leases.append(
            HeadLease(
                number=f"{lease.start.year}-{numbers[lease.start.year]:04d}",
                apartment=apartment,
                landlord=apartment.landlord,
                start_date=lease.start,
                end_date=lease.end,
                notice_period_months=lease.notice_months,
                notice_given_on=lease.notice_given_on,
                security_of_tenure_waived=ctx.rng.random() < 0.9,
                monthly_rent=lease.rent,
                committee=committees[lease.committee],
                usage=usages[lease.usage],
                end_reason=reasons[lease.reason] if lease.reason else None,
            )
        )
    for chunk in batched(head_leases, 1000):
        HeadLease.objects.bulk_create(chunk)
    ctx.data["landlords"] = landlords
    ctx.data["apartments"] = apartments
    ctx.data["head_leases"] = head_leases
    ctx.say(
        f"  {len(landlords)} hyresvärdar, {len(apartments)} lägenhetsobjekt, "
        f"{len(head_leases)} avtal"
    )
