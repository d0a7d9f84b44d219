"""Demo eviction prevention: ten years of notifications, outreach, stay-in-home interventions
and outcomes. At scale 1 exactly 170 stay-in-home interventions fall in 2021 and 152 in 2022, as in
the seed's report. A few are recorded through `intervention_record`; the rest are the same rows,
with the same audit events, written in bulk so a large demo builds in seconds, not minutes.

Cases come from landlords' monthly lists (early signals), terminations with a served notice, and
the Enforcement Authority's eviction dates; the last two months' cases are still open, some with a
deadline days away and nobody reached, so the work queue has something to say."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from bosam.audit.models import AuditAction
from bosam.audit.services import audit_records
from bosam.core.demo import DemoContext, batched, demo_org_number
from bosam.households.models import HouseholdMember, Intervention, InterventionType
from bosam.households.rules import is_child
from bosam.households.services import intervention_record
from bosam.prevention import rules
from bosam.prevention.demo_imports import landlord_lists
from bosam.prevention.models import (
    Notification,
    OutreachAttempt,
    PreventionCase,
)
from bosam.prevention.services import subtenant_arrears_register
from bosam.prevention.services.cases import notification_deadlines_apply
from bosam.properties.models import Landlord

# Ten years of history up to the seed's 2022 and on to today: at scale 10 that is the issue's
# "ten years at ten times Norrköping" the benchmark measures against.
FIRST_YEAR = 2017
CASES_PER_YEAR = 230
# The seed's figures (scale 1): stay-in-home interventions per year. Other years vary around them.
INTERVENTIONS_PER_YEAR = {2021: 170, 2022: 152}
# Interventions recorded through `intervention_record` itself; the rest are written in bulk.
SERVICE_SAMPLE = 5
OPEN_DAYS = 60  # cases opened in the last two months are still being worked on
KVARBOENDE_TYPES = {
    "payment_plan": 34,
    "financial_assistance_rent_debt": 20,
    "committee_undertaking": 8,
    "budget_debt_counselling": 16,
    "landlord_negotiation": 10,
    "rent_guarantee": 3,
    "referral_other_support": 7,
    "converted_to_sublet": 2,
}
STAYED_BECAUSE = {
    "payment_plan": PreventionCase.StayedBecause.PAYMENT_PLAN,
    "financial_assistance_rent_debt": PreventionCase.StayedBecause.DEBT_PAID,
    "committee_undertaking": PreventionCase.StayedBecause.COMMITTEE_UNDERTAKING,
    "landlord_negotiation": PreventionCase.StayedBecause.TERMINATION_WITHDRAWN,
    "converted_to_sublet": PreventionCase.StayedBecause.SUBLET,
}


@dataclass
class _Plan:
    case: PreventionCase
    reached_on: date | None
    ends_on: date  # the last day work happens (closing day, or today for an open case)
    notifications: list[Notification] = field(default_factory=list)
    interventions: list[tuple[date, str]] = field(default_factory=list)


def _weighted(ctx: DemoContext, weights: dict[str, int]) -> str:
    return ctx.rng.choices(list(weights), list(weights.values()))[0]


def _landlords(ctx: DemoContext) -> list[Landlord]:
    landlords: list[Landlord] = list(ctx.data.get("landlords") or [])
    if landlords:
        return landlords
    used: set[str] = set()
    names = ["Hyresbostäder i Demokommun AB", "Fastighets AB Norrgården", "Bostads AB Kvarnen"]
    for name in names:
        landlords.append(
            Landlord.objects.create(name=name, org_number=demo_org_number(ctx.rng, used))
        )
    return landlords


def _household_facts(ctx: DemoContext) -> tuple[dict[Any, Any], dict[Any, list[date]]]:
    applicants: dict[Any, Any] = {}
    children: dict[Any, list[date]] = {}
    for household_id, person_id, relation, born in HouseholdMember.objects.filter(
        end_date__isnull=True
    ).values_list("household_id", "person_id", "relation", "person__birth_date"):
        if relation == HouseholdMember.Relation.APPLICANT:
            applicants[household_id] = person_id
        elif relation == HouseholdMember.Relation.CHILD and born:
            children.setdefault(household_id, []).append(born)
    return applicants, children


def _notification(
    ctx: DemoContext, case: PreventionCase, household: Any, **fields: Any
) -> Notification:
    received_on: date = fields["received_on"]
    notification = Notification(
        case=case,
        period=rules.notification_period(received_on),
        street_address=household.street_address,
        postcode=household.postcode,
        town=household.town,
        **fields,
    )
    if notification.source == Notification.Source.LANDLORD and notification.notice_served_on:
        # The landlord's meddelande to the committee is the notification itself.
        notification.committee_notice_on = notification.received_on
    notification_deadlines_apply(notification)
    return notification


def _plan_case(
    ctx: DemoContext, household: Any, opened_on: date, landlord: Landlord, user: Any
) -> _Plan:
    today = ctx.today
    debt = Decimal(ctx.rng.randint(40, 600) * 50)
    months = ctx.rng.choice([1, 1, 2, 2, 3, 4])
    case = PreventionCase(household=household, opened_on=opened_on, caseworker=user)
    plan = _Plan(case=case, reached_on=None, ends_on=today)
    kind = ctx.rng.random()
    common = {"landlord": landlord, "debt_amount": debt, "months_behind": months}
    if kind < 0.55:  # an early signal from the landlord's monthly list
        plan.notifications.append(
            _notification(
                ctx,
                case,
                household,
                source=Notification.Source.LANDLORD,
                stage=Notification.Stage.EARLY_SIGNAL,
                received_on=opened_on,
                **common,
            )
        )
    else:  # a termination for rent arrears, with the notice served a few days before
        served = opened_on - timedelta(days=ctx.rng.randint(0, 4))
        plan.notifications.append(
            _notification(
                ctx,
                case,
                household,
                source=Notification.Source.LANDLORD,
                stage=Notification.Stage.TERMINATION,
                cause=Notification.Cause.DISTURBANCE
                if ctx.rng.random() < 0.08
                else Notification.Cause.RENT_ARREARS,
                received_on=opened_on,
                notice_served_on=served,
                **common,
            )
        )
    if ctx.rng.random() < 0.85:
        plan.reached_on = min(
            today, opened_on + timedelta(days=ctx.rng.choice([1, 2, 3, 5, 8, 14]))
        )
    return plan


def _outreach(ctx: DemoContext, plan: _Plan, user: Any) -> list[OutreachAttempt]:
    opened = plan.case.opened_on
    attempts = [
        OutreachAttempt(
            case=plan.case,
            method=OutreachAttempt.Method.LETTER,
            made_on=opened,
            result=OutreachAttempt.Result.SENT,
            note="Första kontakt – hyresskuld",
            made_by=user,
        )
    ]
    if plan.reached_on is None:
        attempts.append(
            OutreachAttempt(
                case=plan.case,
                method=OutreachAttempt.Method.PHONE,
                made_on=min(ctx.today, opened + timedelta(days=3)),
                result=OutreachAttempt.Result.NO_ANSWER,
                made_by=user,
            )
        )
        return attempts
    method = ctx.rng.choice(
        [
            OutreachAttempt.Method.PHONE,
            OutreachAttempt.Method.HOME_VISIT,
            OutreachAttempt.Method.MEETING,
        ]
    )
    result = (
        OutreachAttempt.Result.DECLINED
        if ctx.rng.random() < 0.1
        else OutreachAttempt.Result.REACHED
    )
    attempts.append(
        OutreachAttempt(
            case=plan.case, method=method, made_on=plan.reached_on, result=result, made_by=user
        )
    )
    return attempts


def _interventions_in_year(ctx: DemoContext, plans: list[_Plan], year: int, budget: int) -> None:
    """Give the year's reached cases exactly `budget` stay-in-home interventions dated in it."""
    last = min(date(year, 12, 31), ctx.today)
    eligible = [
        p for p in plans if p.reached_on and p.reached_on.year == year and p.reached_on <= last
    ]
    ctx.rng.shuffle(eligible)
    rounds = 0
    while budget > 0 and eligible and rounds < 4:
        for plan in eligible:
            if budget == 0:
                break
            start = plan.reached_on
            assert start is not None
            end = min(plan.ends_on, last)
            plan.interventions.append(
                (ctx.day_between(start, end), _weighted(ctx, KVARBOENDE_TYPES))
            )
            budget -= 1
        rounds += 1


def _close(ctx: DemoContext, plan: _Plan, children: list[date]) -> None:
    case = plan.case
    codes = {code for _day, code in plan.interventions}
    closed_on = plan.ends_on
    if plan.reached_on is None:
        outcome = _weighted(ctx, {"not_reached": 60, "moved": 20, "evicted": 12, "other": 8})
    elif codes:
        outcome = _weighted(ctx, {"kvarboende": 88, "moved": 7, "evicted": 3, "other": 2})
    else:
        outcome = _weighted(ctx, {"kvarboende": 40, "moved": 35, "evicted": 15, "other": 10})
    case.status = PreventionCase.Status.CLOSED
    case.outcome = outcome
    case.closed_on = closed_on
    if outcome == PreventionCase.Outcome.KVARBOENDE:
        stayed = [STAYED_BECAUSE[c] for c in codes if c in STAYED_BECAUSE]
        case.stayed_because = ctx.rng.choice(stayed) if stayed else "debt_paid"
    if outcome == PreventionCase.Outcome.EVICTED:
        landlord = plan.notifications[0].landlord
        plan.notifications.append(
            _notification(
                ctx,
                case,
                case.household,
                source=Notification.Source.ENFORCEMENT_AUTHORITY,
                stage=Notification.Stage.EVICTION_SCHEDULED,
                received_on=max(case.opened_on, closed_on - timedelta(days=28)),
                eviction_date=closed_on,
                landlord=landlord,
                debt_amount=plan.notifications[0].debt_amount,
            )
        )
    case.children_count = sum(1 for born in children if is_child(born, closed_on))


def build(ctx: DemoContext) -> None:
    users = ctx.data["users"]
    user = users["handlaggare"]
    landlords = _landlords(ctx)
    main_landlords = landlords[: max(1, len(landlords) // 4)]
    households = list(ctx.data["households"])
    applicants, children = _household_facts(ctx)
    households = [h for h in households if h.pk in applicants]
    busy_until: dict[Any, date] = {}
    plans: list[_Plan] = []
    today = ctx.today
    for year in range(FIRST_YEAR, today.year + 1):
        year_plans: list[_Plan] = []
        last_day = min(date(year, 12, 31), today)
        for _ in range(ctx.count(CASES_PER_YEAR)):
            opened = ctx.day_between(date(year, 1, 1), last_day)
            household = ctx.rng.choice(households)
            if busy_until.get(household.pk, date.min) >= opened:
                continue
            landlord = ctx.rng.choice(main_landlords if ctx.rng.random() < 0.7 else landlords)
            plan = _plan_case(ctx, household, opened, landlord, user)
            still_open = (today - opened).days < OPEN_DAYS
            if not still_open:
                base = plan.reached_on or opened
                plan.ends_on = min(today, base + timedelta(days=ctx.rng.randint(20, 120)))
            busy_until[household.pk] = date.max if still_open else plan.ends_on
            year_plans.append(plan)
        budget = INTERVENTIONS_PER_YEAR.get(year, ctx.rng.randint(140, 185))
        _interventions_in_year(ctx, year_plans, year, ctx.count(budget))
        plans.extend(year_plans)
    for plan in plans:
        if (today - plan.case.opened_on).days >= OPEN_DAYS:
            _close(ctx, plan, children.get(plan.case.household_id, []))
        else:
            kids = children.get(plan.case.household_id, [])
            plan.case.children_count = sum(1 for born in kids if is_child(born, today))
        first = plan.notifications[0]
        case = plan.case
        case.atervinningsfrist_ends_on = first.atervinningsfrist_ends_on
        case.atervinningsfrist_provisional = first.atervinningsfrist_provisional
        case.eviction_date = next(
            (n.eviction_date for n in plan.notifications if n.eviction_date), None
        )
        case.debt_amount = first.debt_amount
        case.first_contact_on = plan.reached_on
    _urgent_examples(ctx, plans)
    _save(ctx, plans, user, applicants)
    landlord_lists(
        ctx, [n for p in plans for n in p.notifications], main_landlords, user, applicants
    )
    # The municipality's own subtenants who owe rent today (from tenancies' rent ledger).
    own = subtenant_arrears_register(registered_by=user, unit=user.unit, on=today, min_months=2)
    ctx.say(
        f"  {len(plans)} ärenden, {sum(len(p.notifications) for p in plans)} underrättelser, "
        f"{sum(len(p.interventions) for p in plans)} kvarboendeinsatser, "
        f"{len(own.created)} egna andrahandshyresgäster med hyresskuld"
    )


def _urgent_examples(ctx: DemoContext, plans: list[_Plan]) -> None:
    """A few open cases whose återvinningsfrist runs out within days and nobody is reached yet."""
    open_plans = [p for p in plans if p.case.status == PreventionCase.Status.OPEN]
    for plan in open_plans[: max(1, ctx.count(4))]:
        served = ctx.today - timedelta(days=ctx.rng.randint(15, 19))
        first = plan.notifications[0]
        first.stage = Notification.Stage.TERMINATION
        first.kind = Notification.Kind.RENT_ARREARS_TERMINATION
        first.notice_served_on = min(served, first.received_on)
        first.committee_notice_on = first.notice_served_on
        notification_deadlines_apply(first)
        plan.case.atervinningsfrist_ends_on = first.atervinningsfrist_ends_on
        plan.case.atervinningsfrist_provisional = first.atervinningsfrist_provisional
        if not plan.interventions:
            plan.reached_on = None
            plan.case.first_contact_on = None


def _save(ctx: DemoContext, plans: list[_Plan], user: Any, applicants: dict[Any, Any]) -> None:
    for chunk in batched([p.case for p in plans], 1000):
        PreventionCase.objects.bulk_create(chunk)
    notifications = [n for p in plans for n in p.notifications]
    for n in notifications:
        n.registered_by = user
    for chunk in batched(notifications, 1000):
        Notification.objects.bulk_create(chunk)
    through = Notification.tenants.through
    links = [
        through(notification_id=n.pk, person_id=applicants[n.case.household_id])
        for n in notifications
    ]
    for chunk in batched(links, 2000):
        through.objects.bulk_create(chunk)
    attempts = [a for p in plans for a in _outreach(ctx, p, user)]
    for chunk in batched(attempts, 2000):
        OutreachAttempt.objects.bulk_create(chunk)
    # The audit names each intervention's household members: read them once, not per insats.
    members: dict[Any, list[HouseholdMember]] = {}
    for member in (
        HouseholdMember.objects.filter(
            end_date__isnull=True,
            household_id__in={p.case.household_id for p in plans if p.interventions},
        )
        .select_related("person")
        .order_by("relation", "person__birth_date")
    ):
        members.setdefault(member.household_id, []).append(member)
    for plan in plans:
        if plan.interventions:
            household = plan.case.household
            household.prefetched_current_members = members.get(household.pk, [])  # type: ignore[attr-defined]
    _write_interventions(plans, user)


def _write_interventions(plans: list[_Plan], user: Any) -> None:
    """The stay-in-home interventions, with the audit rows `intervention_record` writes.

    The first few go through the service itself, which proves the path the figures rely on; the
    thousands after them are built the same way and written in bulk (one save and audit insert per
    insats took most of the demo's time at scale 10)."""
    unit = user.unit
    committee = unit.office.committee
    planned = [(plan, day, code) for plan in plans for day, code in sorted(plan.interventions)]
    for plan, day, code in planned[:SERVICE_SAMPLE]:
        intervention_record(
            household=plan.case.household,
            type_code=code,
            performed_on=day,
            performed_by=user,
            source=plan.case,
            unit=unit,
            committee=committee,
        )
    types = {t.code: t for t in InterventionType.objects.all()}
    rows = [
        Intervention(
            household=plan.case.household,
            intervention_type=types[code],
            performed_on=day,
            performed_by=user,
            unit=unit,
            committee=committee,
            source_type="prevention.preventioncase",
            source_id=str(plan.case.pk),
        )
        for plan, day, code in planned[SERVICE_SAMPLE:]
    ]
    for chunk in batched(rows, 2000):
        Intervention.objects.bulk_create(chunk)
    audit_records(actor=user, action=AuditAction.CREATE, objects=rows)
