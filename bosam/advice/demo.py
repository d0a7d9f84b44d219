"""Demo housing advice: several years of cases, 423 received in 2022 as in the seed's report.

Cases come in on weekdays through the catalogue's channels; about six in ten are identified,
some people come back, digital help grows from 2022 (the seed: advice was broadened to hands-on
computer support), a few are referred onwards, and older cases are closed with an outcome."""

from datetime import date, timedelta
from typing import Any

from bosam.advice.models import (
    AdviceCase,
    AdviceChannel,
    AdviceContact,
    AdviceKind,
    AdviceOutcome,
    AdviceReason,
    AdviceReferral,
    AgeBand,
    DigitalHelpKind,
    HouseholdType,
    ReferralTarget,
)
from bosam.advice.rules import age_band_for
from bosam.core.demo import DemoContext, batched, demo_personal_number
from bosam.households.models import HouseholdMember, Intervention, InterventionType, Person

# Ten years of history (see prevention's demo), the advice service growing year by year.
FIRST_YEAR = 2017
# Cases received per year at scale 1. 2022 is the seed's figure and must stay exact.
CASES_PER_YEAR = {
    2017: 318,
    2018: 335,
    2019: 352,
    2020: 371,
    2021: 390,
    2022: 423,
    2023: 450,
    2024: 462,
    2025: 471,
}
LATER_YEARS = 480

CHANNELS = {"walk_in": 40, "phone": 30, "email": 15, "digital_meeting": 8, "outreach": 7}
REASONS = {
    "homeless": 14,
    "must_leave_home": 18,
    "overcrowded": 16,
    "new_in_municipality": 12,
    "separation": 10,
    "rent_too_high": 8,
    "sublet_ending": 9,
    "health_accessibility": 4,
    "first_home": 7,
    "other": 2,
}
HOUSEHOLD_TYPES = {
    HouseholdType.SINGLE: 45,
    HouseholdType.SINGLE_WITH_CHILDREN: 22,
    HouseholdType.COUPLE: 10,
    HouseholdType.COUPLE_WITH_CHILDREN: 18,
    HouseholdType.OTHER: 3,
    HouseholdType.UNKNOWN: 2,
}
AGE_BANDS = {
    AgeBand.AGE_18_25: 24,
    AgeBand.AGE_26_35: 28,
    AgeBand.AGE_36_50: 26,
    AgeBand.AGE_51_64: 14,
    AgeBand.AGE_65_PLUS: 6,
    AgeBand.UNKNOWN: 2,
}
OUTCOMES = {"found_housing_own": 25, "searching_on_own": 42, "no_further_contact": 25}
REFERRALS = {"social_office": 55, "skills_supply_office": 35, "budget_debt_counselling": 10}
SPECIAL_REASONS = [
    "Hemlös med barn, behöver stöd från socialtjänsten.",
    "Nyanländ, etableringsfasen pågår.",
    "Skulder hos Kronofogden, behöver budgetstöd.",
    "Våld i nära relation, kan inte bo kvar.",
    "Psykisk ohälsa, klarar inte bostadssökandet själv.",
]
NOTES = ["", "", "", "Återkommer efter BankID.", "Har fått lista på privata hyresvärdar."]


def _pick(ctx: DemoContext, weights: dict[Any, int]) -> Any:
    return ctx.rng.choices(list(weights), list(weights.values()))[0]


def _weekdays(start: date, end: date) -> list[date]:
    days = (end - start).days + 1
    return [d for d in (start + timedelta(n) for n in range(days)) if d.weekday() < 5]


def _cases_in_year(ctx: DemoContext, year: int) -> int:
    base = CASES_PER_YEAR.get(year, LATER_YEARS)
    if year == ctx.today.year:
        elapsed = (ctx.today - date(year, 1, 1)).days + 1
        base = round(base * elapsed / 365)
    return ctx.count(base) if base else 0


class _People:
    """Who comes for advice: register persons, new persons, and some who come back."""

    def __init__(self, ctx: DemoContext) -> None:
        self.ctx = ctx
        persons: list[Person] = ctx.data.get("persons", [])
        self.register = [
            p
            for p in persons
            if p.birth_date and age_band_for(p.birth_date, ctx.today) != "under_18"
        ]
        self.used = {p.personal_number for p in persons if p.personal_number}
        self.new: list[Person] = []
        self.seen: list[Person] = []

    def choose(self, on: date) -> Person:
        rng = self.ctx.rng
        if self.seen and rng.random() < 0.15:
            return rng.choice(self.seen)
        if self.register and rng.random() < 0.4:
            person = rng.choice(self.register)
        else:
            first, last = self.ctx.person_name()
            born = on - timedelta(days=rng.randint(19 * 365, 70 * 365))
            person = Person(
                first_name=first,
                last_name=last,
                birth_date=born,
                personal_number=demo_personal_number(rng, born, self.used),
                number_kind=Person.NumberKind.PERSONNUMMER,
            )
            self.new.append(person)
        self.seen.append(person)
        return person


def build(ctx: DemoContext) -> None:
    rng = ctx.rng
    adviser = ctx.data["users"]["radgivare"]
    unit = ctx.data["units"]["housing"]
    catalogue: dict[type, dict[str, Any]] = {
        model: {e.code: e for e in model._default_manager.all()}
        for model in (
            AdviceChannel,
            AdviceReason,
            AdviceKind,
            DigitalHelpKind,
            ReferralTarget,
            AdviceOutcome,
        )
    }
    advice_kinds = list(catalogue[AdviceKind].values())
    digital_kinds = list(catalogue[DigitalHelpKind].values())
    people = _People(ctx)
    cases: list[AdviceCase] = []
    contacts: list[AdviceContact] = []
    contact_advice: list[Any] = []
    contact_digital: list[Any] = []
    referrals: list[AdviceReferral] = []
    advice_through = AdviceContact.advice_kinds.through
    digital_through = AdviceContact.digital_help_kinds.through

    for year in range(FIRST_YEAR, ctx.today.year + 1):
        days = _weekdays(date(year, 1, 1), min(date(year, 12, 31), ctx.today))
        received = sorted(rng.choice(days) for _ in range(_cases_in_year(ctx, year)))
        digital_share = 0.2 if year < 2022 else 0.45
        for sequence, on in enumerate(received, start=1):
            person = people.choose(on) if rng.random() < 0.6 else None
            case = AdviceCase(
                year=year,
                sequence=sequence,
                received_on=on,
                channel=catalogue[AdviceChannel][_pick(ctx, CHANNELS)],
                reason=catalogue[AdviceReason][_pick(ctx, REASONS)],
                person=person,
                age_band=age_band_for(person.birth_date, on) if person else _pick(ctx, AGE_BANDS),
                household_type=_pick(ctx, HOUSEHOLD_TYPES),
                notes=rng.choice(NOTES),
                unit=unit,
                adviser=adviser,
            )
            cases.append(case)
            last = on
            for index in range(rng.choices([1, 2, 3], [65, 25, 10])[0]):
                contact_on = (
                    min(ctx.today, last + timedelta(days=rng.randint(1, 20))) if index else on
                )
                last = contact_on
                contact = AdviceContact(
                    case=case,
                    contact_on=contact_on,
                    minutes=rng.choice([15, 20, 30, 30, 45, 45, 60, 90]),
                    recorded_by=adviser,
                )
                contacts.append(contact)
                for kind in rng.sample(advice_kinds, rng.randint(1, 2)):
                    contact_advice.append(advice_through(advicecontact=contact, advicekind=kind))
                if rng.random() < digital_share:
                    for help_kind in rng.sample(digital_kinds, rng.randint(1, 2)):
                        contact_digital.append(
                            digital_through(advicecontact=contact, digitalhelpkind=help_kind)
                        )
            referred = rng.random() < 0.1
            if referred:
                referrals.append(
                    AdviceReferral(
                        case=case,
                        target=catalogue[ReferralTarget][_pick(ctx, REFERRALS)],
                        referred_on=last,
                        special_reasons=rng.choice(SPECIAL_REASONS),
                        recorded_by=adviser,
                    )
                )
            if (ctx.today - last).days > 21 or rng.random() < 0.5:
                code = "referred" if referred and rng.random() < 0.7 else _pick(ctx, OUTCOMES)
                case.status = AdviceCase.Status.CLOSED
                case.outcome = catalogue[AdviceOutcome][code]
                case.closed_on = min(ctx.today, last + timedelta(days=rng.randint(0, 7)))

    Person.objects.bulk_create(people.new, batch_size=2000)
    for model, rows in (
        (AdviceCase, cases),
        (AdviceContact, contacts),
        (advice_through, contact_advice),
        (digital_through, contact_digital),
        (AdviceReferral, referrals),
    ):
        for chunk in batched(rows, 2000):
            model.objects.bulk_create(chunk)
    _interventions(cases, adviser, unit)
    ctx.data["advice_cases"] = cases
    ctx.say(
        f"  {len(cases)} rådgivningsärenden ({sum(1 for c in cases if c.year == 2022)} år 2022), "
        f"{len(contacts)} kontakter, {len(referrals)} hänvisningar"
    )


def _interventions(cases: list[AdviceCase], adviser: Any, unit: Any) -> None:
    """Identified cases also appear as `advice_case` interventions, as the service records."""
    kind = InterventionType.objects.get(code="advice_case")
    person_ids = {c.person_id for c in cases if c.person_id}
    households = dict(
        HouseholdMember.objects.filter(person_id__in=person_ids, end_date__isnull=True)
        .order_by("start_date")
        .values_list("person_id", "household_id")
    )
    rows = [
        Intervention(
            household_id=households.get(case.person_id),
            intervention_type=kind,
            performed_on=case.received_on,
            performed_by=adviser,
            unit=unit,
            source_type="advice.advicecase",
            source_id=str(case.pk),
        )
        for case in cases
        if case.person_id
    ]
    for chunk in batched(rows, 2000):
        Intervention.objects.bulk_create(chunk)
