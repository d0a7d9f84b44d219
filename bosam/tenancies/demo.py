"""Demo sublets on the register's head leases since 2015, with follow-ups, assessments,
takeovers, endings, inspections and a year of rent.

The seed's figures are plans at scale 1 that the history is fitted to, and the report derives
them from the records (a test checks that they agree):
- takeover goal fulfilment 87 % in 2022 and 77 % in 2021 (`rules.goal_fulfilment`);
- 276 interventions recorded by tenancies in 2022 (placements + takeovers), which with
  prevention's 152 stay-in-home interventions make the seed's 428.

The register decides when head leases end and why; a head lease that ended because "the tenant
took over" is the end of a sublet with a takeover. Where a year's takeovers cannot give the
seed's percentage with whole contracts, the fewest such reasons are swapped with "returned to
the landlord" (both end the lease on the same day, so the register's own figures do not move).

The module draws from its own generator, seeded from the shared one without consuming it, so the
modules after it get the same random stream whatever this module does.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from bosam.core.demo import DemoContext, batched
from bosam.households.models import Household, Intervention, InterventionType
from bosam.properties.models import EndReason, HeadLease, Usage
from bosam.tenancies import rules
from bosam.tenancies.models import (
    Condition,
    Damage,
    FollowUp,
    GoalTarget,
    Inspection,
    RentCharge,
    Sublet,
    SubletEndReason,
    TakeoverAssessment,
)
from bosam.tenancies.services.sublets import PLACEMENT_TYPE_CODES, kind_for_usage

GOAL_PERCENT = {2021: 77, 2022: 87}  # the seed's figures, at scale 1
COUNTED_INTERVENTIONS = {2022: 276}  # placements + takeovers recorded by tenancies
TARGETS = {2019: 75, 2020: 75, 2021: 75, 2022: 85}  # the manager's targets; later years 85
MONTHS_TO_TAKEOVER = 18
TAKEOVER = "tenant_took_over"
RETURNED = "returned_to_landlord"
FAILED_REASONS = [("moved_on_own", 45), ("evicted", 15), ("broke_conditions", 25), ("other", 15)]
EXCLUDED_REASONS = [("transferred", 70), ("moved_to_care", 18), ("died", 12)]
FOLLOW_UP_NOTES = [
    "Hembesök. Hyran betald, lägenheten välskött. Hushållet trivs.",
    "Möte med hyresgäst och socialsekreterare. Villkoren följs, inga störningar.",
    "Hembesök. Viss oro för ekonomin; budgetrådgivning bokad.",
    "Uppföljning tillsammans med hyresvärden. Inga anmärkningar.",
    "Hembesök. Grannar har klagat på ljud en gång; samtal om villkoren.",
    "Möte. Hushållet vill ta över kontraktet; underlag till bedömning samlas in.",
]
DAMAGES = [
    ("Hål i vägg, hall", 1800),
    ("Trasig innerdörr", 4500),
    ("Repor i golv, vardagsrum", 9500),
    ("Saknade nycklar, låsbyte", 2600),
    ("Rökskadade tapeter", 14000),
    ("Städning vid avflyttning", 3200),
]


@dataclass
class _Plan:
    """A sublet in the making."""

    lease: HeadLease
    start: date
    end: date | None
    kind: str
    planned: bool
    took_over: bool = False
    active: bool = True
    reason: str = ""
    household: Household | None = None
    extended_to: date | None = None
    follow_ups: list[FollowUp] = field(default_factory=list)

    @property
    def year_ended(self) -> int | None:
        return None if self.active or self.end is None else self.end.year


class _Builder:
    def __init__(self, ctx: DemoContext) -> None:
        self.ctx = ctx
        # Seeded from the shared generator without drawing from it (see the module docstring).
        self.rng = random.Random(hash(ctx.rng.getstate()))
        self.today = ctx.today
        self.leases: list[HeadLease] = [
            lease for lease in ctx.data["head_leases"] if lease.start_date <= ctx.today
        ]
        self.reasons = {r.code: r for r in EndReason.objects.all()}
        self.plans: list[_Plan] = []

    # --- the kind and plan of a sublet on a lease ---

    def _kind(self, lease: HeadLease) -> str:
        return kind_for_usage(lease.usage)

    def _planned(self, lease: HeadLease) -> bool:
        # Settlement-act housing is mostly a time-limited sublet in the demo municipality
        # (domain.md §5), and a training apartment the first step of the staircase (§2): takeover
        # is the plan there only where the household did take over.
        if self._kind(lease) in (Sublet.Kind.REFUGEE_HOUSING, Sublet.Kind.TRAINING_APARTMENT):
            return lease.end_reason_id == self.reasons[TAKEOVER].pk
        return lease.usage.aims_at_takeover

    def _months(self, lease: HeadLease) -> int:
        kind = self._kind(lease)
        if kind == Sublet.Kind.EMERGENCY:
            return self.rng.randint(1, 4)
        if lease.usage.category == Usage.Category.REFUGEE_TEMPORARY_PROTECTION:
            # People with temporary protection moved on quickly in 2022–2023.
            return self.rng.randint(2, 6)
        if kind == Sublet.Kind.REFUGEE_HOUSING:
            return self.rng.randint(10, 30)
        if kind == Sublet.Kind.OPERATIONAL_APARTMENT:
            return self.rng.randint(8, 40)
        return self.rng.randint(36, 96)

    # --- 1. how many takeovers each year: fitted to the seed's percentages ---

    def fit_takeovers(self) -> None:
        for year, percent in GOAL_PERCENT.items():
            taken = [
                lease
                for lease in self.leases
                if self._ends_in(lease, year) and lease.end_reason_id == self.reasons[TAKEOVER].pk
            ]
            # Leases on takeover usages that ended otherwise and whose apartment was not leased
            # again: their household may as well have taken over.
            returned = sorted(
                (
                    lease
                    for lease in self.leases
                    if self._ends_in(lease, year)
                    and lease.end_reason_id != self.reasons[TAKEOVER].pk
                    and lease.usage.aims_at_takeover
                    and not self._leased_again(lease)
                ),
                key=lambda lease: self._kind(lease) == Sublet.Kind.REFUGEE_HOUSING,
            )
            count = self._nearest_fitting(len(taken), percent, len(taken) + len(returned))
            if count is None:
                self._cannot(f"no number of takeovers in {year} gives {percent} %")
                continue
            for lease in taken[count:]:
                lease.end_reason = self.reasons[RETURNED]
            for lease in returned[: max(0, count - len(taken))]:
                lease.end_reason = self.reasons[TAKEOVER]
                lease.notice_given_on = None  # a takeover ends the lease without notice

    def _ends_in(self, lease: HeadLease, year: int) -> bool:
        return (
            lease.end_date is not None
            and lease.end_date.year == year
            and (lease.end_date <= self.today)
        )

    def _leased_again(self, lease: HeadLease) -> bool:
        """The apartment got a new head lease within half a year. (Later, the household that
        took over may well have moved out and the landlord offered it to the unit again.)"""
        assert lease.end_date is not None
        soon = lease.end_date + timedelta(days=180)
        return any(
            other.apartment_id == lease.apartment_id and lease.start_date < other.start_date <= soon
            for other in self.leases
        )

    @staticmethod
    def _fits(takeovers: int, percent: int) -> int | None:
        """The number of failed endings that gives exactly `percent` with these takeovers."""
        for failed in range(0, takeovers + 1):
            result = rules.goal_fulfilment(
                [
                    rules.EndedSublet(i, date(2000, 1, 1), True, i < takeovers, False)
                    for i in range(takeovers + failed)
                ],
                2000,
            )
            if result.percent == percent:
                return failed
        return None

    def _nearest_fitting(self, natural: int, percent: int, most: int) -> int | None:
        for distance in range(0, max(natural, most) + 1):
            for count in (natural - distance, natural + distance):
                if 1 <= count <= most and self._fits(count, percent) is not None:
                    return count
        return None

    def _cannot(self, what: str) -> None:
        """The seed's figures are promised at scale 1; other scales get what the history gives."""
        if self.ctx.scale == 1:
            raise RuntimeError(f"Demo: {what}.")

    # --- 2. the sublets on each lease ---

    def lay_out(self) -> None:
        for lease in self.leases:
            if lease.end_reason_id == self.reasons[TAKEOVER].pk:
                self._lay_out_takeover(lease)
            else:
                self._lay_out_chain(
                    lease, lease.start_date + timedelta(days=self.rng.randint(3, 40))
                )

    def _lay_out_takeover(self, lease: HeadLease) -> None:
        assert lease.end_date is not None
        kind, planned = self._kind(lease), True
        months = self.rng.randint(14, 36)
        start = max(
            lease.start_date + timedelta(days=self.rng.randint(0, 20)),
            rules.add_months(lease.end_date, -months),
        )
        if start > lease.end_date - timedelta(days=30):
            start = lease.start_date
        # A long lease had a household before this one, that did not take over.
        earlier_end = start - timedelta(days=self.rng.randint(20, 60))
        if (earlier_end - lease.start_date).days > 400:
            self.plans.append(
                _Plan(
                    lease,
                    lease.start_date + timedelta(days=self.rng.randint(3, 40)),
                    earlier_end,
                    kind,
                    planned,
                    active=False,
                )
            )
        done = lease.end_date <= self.today
        self.plans.append(
            _Plan(lease, start, lease.end_date, kind, planned, took_over=done, active=not done)
        )

    def _lay_out_chain(self, lease: HeadLease, cursor: date) -> None:
        kind, planned = self._kind(lease), self._planned(lease)
        horizon = min(lease.end_date or self.today, self.today)
        while cursor <= horizon:
            end = rules.add_months(cursor, self._months(lease)) - timedelta(days=1)
            if lease.end_date is not None and end >= lease.end_date - timedelta(days=20):
                # The last household stays until the lease ends.
                ended = lease.end_date <= self.today
                self.plans.append(
                    _Plan(lease, cursor, lease.end_date, kind, planned, active=not ended)
                )
                return
            if end >= self.today:
                fixed = kind in (Sublet.Kind.EMERGENCY, Sublet.Kind.REFUGEE_HOUSING)
                self.plans.append(_Plan(lease, cursor, end if fixed else None, kind, planned))
                return
            self.plans.append(_Plan(lease, cursor, end, kind, planned, active=False))
            cursor = end + timedelta(days=self.rng.randint(7, 60))

    # --- 3. placements in the seed year: fitted to the seed's intervention count ---

    def fit_placements(self) -> None:
        for year, counted in COUNTED_INTERVENTIONS.items():
            target = round(counted * self.ctx.scale) - self._takeovers_in(year)
            starting = [p for p in self.plans if p.start.year == year]
            if len(starting) > target:
                self._drop(starting, len(starting) - target)
            elif len(starting) < target:
                self._add(year, target - len(starting))

    def _takeovers_in(self, year: int) -> int:
        return sum(1 for p in self.plans if p.took_over and p.end and p.end.year == year)

    def _drop(self, starting: list[_Plan], count: int) -> None:
        """Leave some apartments empty a while longer: drop ended, unplanned placements first."""
        candidates = sorted(
            (p for p in starting if not p.took_over and not p.active),
            key=lambda p: (p.planned, self.rng.random()),
        )
        if len(candidates) < count:
            self._cannot("too many placements to fit the seed's interventions")
        dropped = {id(p) for p in candidates[:count]}
        self.plans = [p for p in self.plans if id(p) not in dropped]

    def _add(self, year: int, count: int) -> None:
        """Short emergency stays in gaps between sublets on leases that do not aim at takeover."""
        first, last = date(year, 1, 1), min(date(year, 12, 31), self.today)
        by_lease: dict[int, list[_Plan]] = defaultdict(list)
        for plan in self.plans:
            by_lease[plan.lease.pk].append(plan)
        gaps = []
        for lease in self.leases:
            if self._planned(lease) or lease.end_reason_id == self.reasons[TAKEOVER].pk:
                continue
            periods = [rules.Period(p.start, p.end) for p in by_lease[lease.pk]]
            for gap in rules.vacancy_periods(
                rules.Period(lease.start_date, lease.end_date), periods, until=self.today
            ):
                part = gap.clipped(first, last)
                if part is not None and part.days() >= 20:
                    gaps.append((lease, part))
        self.rng.shuffle(gaps)
        added = 0
        for lease, gap in gaps:
            cursor = gap.start + timedelta(days=2)
            assert gap.end is not None
            while added < count and cursor + timedelta(days=14) <= gap.end - timedelta(days=2):
                end = min(
                    cursor + timedelta(days=self.rng.randint(14, 90)), gap.end - timedelta(days=2)
                )
                self.plans.append(_Plan(lease, cursor, end, self._kind(lease), False, active=False))
                added += 1
                cursor = end + timedelta(days=3)
            if added == count:
                return
        added += self._split(first, last, count - added)
        if added < count:
            self._cannot("too few vacant days to fit the seed's interventions")

    def _split(self, first: date, last: date, count: int) -> int:
        """A household in an apartment without a takeover plan moved on during the year, and a
        new one moved in: one sublet becomes two."""
        candidates = [
            p
            for p in self.plans
            if not p.planned
            and not p.took_over
            and p.start < last - timedelta(days=120)
            and (p.end or self.today) > first + timedelta(days=120)
        ]
        self.rng.shuffle(candidates)
        for done, plan in enumerate(candidates[:count]):
            window_start = max(plan.start, first) + timedelta(days=45)
            window_end = min(plan.end or self.today, last) - timedelta(days=45)
            middle = self.ctx.day_between(window_start, window_end)
            start = middle + timedelta(days=self.rng.randint(5, 20))
            if start > last:
                return done
            self.plans.append(
                _Plan(plan.lease, start, plan.end, plan.kind, False, active=plan.active)
            )
            plan.end, plan.active = middle, False
        return min(count, len(candidates))

    # --- 4. why sublets ended: fitted to the seed's goal fulfilment ---

    def assign_reasons(self) -> None:
        ended: dict[int, list[_Plan]] = defaultdict(list)
        for plan in self.plans:
            if not plan.active and not plan.took_over:
                ended[plan.end.year if plan.end else 0].append(plan)
        for year, plans in ended.items():
            planned = [p for p in plans if p.planned]
            self.rng.shuffle(planned)
            takeovers = self._takeovers_in(year)
            if year in GOAL_PERCENT:
                fitting = self._fits(takeovers, GOAL_PERCENT[year])
                if fitting is None or fitting > len(planned):
                    self._cannot(f"too few endings in {year} for the goal figure")
                failed = min(len(planned), fitting or 0)
            else:
                percent = self.rng.uniform(70, 92)
                failed = min(len(planned), round(takeovers * (100 - percent) / percent))
            for index, plan in enumerate(planned):
                plan.reason = self._pick(FAILED_REASONS if index < failed else EXCLUDED_REASONS)
            for plan in plans:
                if not plan.planned:
                    plan.reason = self._pick(FAILED_REASONS)

    def _pick(self, table: list[tuple[str, int]]) -> str:
        return self.rng.choices([code for code, _w in table], [w for _c, w in table])[0]

    # --- 5. households ---

    def assign_households(self) -> None:
        units = self.ctx.data["units"]
        households: list[Household] = list(self.ctx.data["households"])
        self.rng.shuffle(households)
        preferred: dict[str, set[int]] = {
            Sublet.Kind.REFUGEE_HOUSING: {units["newcomers"].pk},
            Sublet.Kind.OPERATIONAL_APARTMENT: {units["psychiatry"].pk, units["lss"].pk},
        }
        busy_until: dict[Any, date] = {}
        for plan in sorted(self.plans, key=lambda p: p.start):
            plan.household = self._free_household(
                households, busy_until, plan.start, preferred.get(plan.kind, set())
            )
            busy_until[plan.household.pk] = plan.end if plan.end and not plan.active else date.max

    def _free_household(
        self, households: list[Household], busy: dict[Any, date], start: date, units: set[int]
    ) -> Household:
        offset = self.rng.randrange(len(households))
        fallback = None
        for step in range(len(households)):
            household = households[(offset + step) % len(households)]
            if busy.get(household.pk, date.min) >= start:
                continue
            if not units or household.unit_id in units:
                return household
            fallback = fallback or household
            if step > 200:
                return fallback
        if fallback is None:
            raise RuntimeError("Demo: more sublets than households.")
        return fallback

    # --- 6. the rows ---

    def write(self) -> list[Sublet]:
        users = self.ctx.data["users"]
        coordinator = users["samordnare"]
        social_workers = {u.unit_id: u for u in users.values() if u.role == "social_worker"}
        end_reasons = {r.code: r for r in SubletEndReason.objects.all()}
        sublets: list[Sublet] = []
        numbers: dict[int, int] = defaultdict(int)
        for plan in sorted(self.plans, key=lambda p: (p.start, p.lease.pk)):
            assert plan.household is not None
            numbers[plan.start.year] += 1
            planned_date = rules.planned_takeover_date(plan.start, MONTHS_TO_TAKEOVER, plan.planned)
            outcome = ""
            if plan.took_over:
                outcome = Sublet.Outcome.TOOK_OVER
            elif not plan.active:
                outcome = Sublet.Outcome.ENDED_WITHOUT_TAKEOVER
            elif plan.planned and planned_date and planned_date < self.today:
                if plan.lease.end_reason_id == self.reasons[TAKEOVER].pk:
                    planned_date = plan.lease.end_date
                elif self.rng.random() < 0.6:
                    outcome = Sublet.Outcome.EXTENDED
                    planned_date = self.today + timedelta(days=self.rng.randint(20, 240))
            sublets.append(
                Sublet(
                    household=plan.household,
                    apartment_id=plan.lease.apartment_id,
                    head_lease=plan.lease,
                    number=f"AH-{plan.start.year}-{numbers[plan.start.year]:04d}",
                    kind=plan.kind,
                    start_date=plan.start,
                    end_date=plan.end,
                    monthly_rent=(plan.lease.monthly_rent * Decimal("1.05")).quantize(Decimal("1")),
                    conditions_text="",
                    social_worker=social_workers.get(plan.household.unit_id),
                    unit_id=plan.household.unit_id,
                    committee_id=plan.lease.committee_id,
                    takeover_planned=plan.planned,
                    planned_takeover_date=planned_date,
                    status=Sublet.Status.ACTIVE if plan.active else Sublet.Status.ENDED,
                    outcome=outcome,
                    end_reason=end_reasons[plan.reason] if plan.reason else None,
                )
            )
        for chunk in batched(sublets, 1000):
            Sublet.objects.bulk_create(chunk)
        self._write_conditions(sublets)
        self._write_follow_ups(sublets, coordinator)
        self._write_assessments_and_inspections(sublets, coordinator)
        self._write_rent(sublets)
        self._write_interventions(sublets, coordinator)
        return sublets

    def _write_conditions(self, sublets: list[Sublet]) -> None:
        conditions = list(Condition.objects.all())
        through = Sublet.conditions.through
        rows = []
        for sublet in sublets:
            if sublet.kind in (Sublet.Kind.SUPPORTED_HOUSING, Sublet.Kind.TRAINING_APARTMENT):
                for condition in self.rng.sample(conditions, k=self.rng.randint(2, 4)):
                    rows.append(through(sublet_id=sublet.pk, condition_id=condition.pk))
        for chunk in batched(rows, 2000):
            through.objects.bulk_create(chunk)

    def _write_follow_ups(self, sublets: list[Sublet], by: Any) -> None:
        rows = []
        for sublet in sublets:
            last = min(sublet.end_date or self.today, self.today)
            day = rules.add_months(sublet.start_date, 3)
            kept = []
            while day <= last:
                kept.append(day)
                day = rules.add_months(day, 3)
            for planned in kept[-5:]:  # the most recent ones are enough for the demo
                overdue = (
                    sublet.status == Sublet.Status.ACTIVE
                    and (self.today - planned).days < 45
                    and self.rng.random() < 0.3
                )
                rows.append(
                    FollowUp(
                        sublet=sublet,
                        kind=self.rng.choice([FollowUp.Kind.HOME_VISIT, FollowUp.Kind.MEETING]),
                        planned_on=planned,
                        done_on=None
                        if overdue
                        else planned + timedelta(days=self.rng.randint(0, 6)),
                        participants="" if overdue else "Hyresgästen, bostadssamordnare",
                        notes="" if overdue else self.rng.choice(FOLLOW_UP_NOTES),
                        recorded_by=by,
                    )
                )
            if sublet.status == Sublet.Status.ACTIVE:
                # The next visit is planned.
                after = kept[-1] if kept else sublet.start_date
                rows.append(
                    FollowUp(sublet=sublet, planned_on=rules.add_months(after, 3), recorded_by=by)
                )
        for chunk in batched(rows, 2000):
            FollowUp.objects.bulk_create(chunk)

    def _write_assessments_and_inspections(self, sublets: list[Sublet], by: Any) -> None:
        assessments: list[TakeoverAssessment] = []
        inspections: list[Inspection] = []
        damages: list[Damage] = []
        for sublet in sublets:
            if sublet.outcome in (Sublet.Outcome.TOOK_OVER, Sublet.Outcome.EXTENDED):
                took = sublet.outcome == Sublet.Outcome.TOOK_OVER
                decided = sublet.end_date if took and sublet.end_date else self.today
                day = decided - timedelta(days=self.rng.randint(10, 40))
                assessments.append(
                    TakeoverAssessment(
                        sublet=sublet,
                        assessed_on=max(day, sublet.start_date),
                        rent_paid_on_time=True,
                        conditions_kept=took or self.rng.random() < 0.5,
                        no_disturbance=True,
                        landlord_consent=took,
                        notes="Alla kriterier uppfyllda." if took else "Förlängt; följs upp igen.",
                        assessed_by=by,
                    )
                )
            if sublet.outcome == Sublet.Outcome.ENDED_WITHOUT_TAKEOVER and sublet.end_date:
                inspection = Inspection(
                    sublet=sublet,
                    inspected_on=sublet.end_date + timedelta(days=self.rng.randint(0, 5)),
                    inspector="Hyresvärdens besiktningsman",
                )
                inspections.append(inspection)
                for text, cost in self.rng.sample(DAMAGES, k=self.rng.choice([0, 0, 1, 2])):
                    damages.append(
                        Damage(
                            inspection=inspection,
                            description=text,
                            cost=Decimal(cost),
                            payer=self.rng.choice(list(Damage.Payer.values)),
                        )
                    )
        for model, rows in (
            (TakeoverAssessment, assessments),
            (Inspection, inspections),
            (Damage, damages),
        ):
            for chunk in batched(rows, 2000):
                model.objects.bulk_create(chunk)

    def _write_rent(self, sublets: list[Sublet]) -> None:
        """The last twelve months of rent; a few running sublets fall behind."""
        first = rules.add_months(self.today.replace(day=1), -11)
        months = [rules.add_months(first, i) for i in range(12)]
        due_dates = {month: rules.rent_due_date(month) for month in months}
        rows = []
        for sublet in sublets:
            behind = sublet.status == Sublet.Status.ACTIVE and self.rng.random() < 0.06
            unpaid = self.rng.randint(1, 3) if behind else 0
            charged = [
                m
                for m in months
                if m >= sublet.start_date.replace(day=1)
                and (sublet.end_date is None or m <= sublet.end_date)
            ]
            for index, month in enumerate(charged):
                due = due_dates[month]
                late = index >= len(charged) - unpaid
                paid = Decimal(0) if late or due >= self.today else sublet.monthly_rent
                rows.append(
                    RentCharge(
                        sublet=sublet,
                        month=month,
                        due_date=due,
                        amount=sublet.monthly_rent,
                        paid_amount=paid,
                        paid_on=due - timedelta(days=self.rng.randint(0, 5)) if paid else None,
                    )
                )
        for chunk in batched(rows, 2000):
            RentCharge.objects.bulk_create(chunk)

    def _write_interventions(self, sublets: list[Sublet], by: Any) -> None:
        types = {t.code: t for t in InterventionType.objects.all()}
        rows = []
        for sublet in sublets:
            rows.append(
                self._intervention(
                    sublet, types[PLACEMENT_TYPE_CODES[sublet.kind]], sublet.start_date, by
                )
            )
            if sublet.outcome == Sublet.Outcome.TOOK_OVER and sublet.end_date:
                rows.append(self._intervention(sublet, types["takeover"], sublet.end_date, by))
        for chunk in batched(rows, 2000):
            Intervention.objects.bulk_create(chunk)

    @staticmethod
    def _intervention(sublet: Sublet, kind: InterventionType, day: date, by: Any) -> Intervention:
        return Intervention(
            household=sublet.household,
            intervention_type=kind,
            performed_on=day,
            performed_by=by,
            unit_id=sublet.unit_id,
            committee_id=sublet.committee_id,
            source_type="tenancies.sublet",
            source_id=str(sublet.pk),
        )


def build(ctx: DemoContext) -> None:
    builder = _Builder(ctx)
    original = {lease.pk: lease.end_reason_id for lease in builder.leases}
    builder.fit_takeovers()
    builder.lay_out()
    builder.fit_placements()
    builder.assign_reasons()
    builder.assign_households()
    sublets = builder.write()
    for lease in builder.leases:
        if lease.end_reason_id != original[lease.pk]:
            HeadLease.objects.filter(pk=lease.pk).update(
                end_reason_id=lease.end_reason_id, notice_given_on=lease.notice_given_on
            )
    for year in range(2019, ctx.today.year + 1):
        GoalTarget.objects.create(year=year, target_percent=Decimal(TARGETS.get(year, 85)))
    ctx.data["sublets"] = sublets
    ctx.say(
        f"  {len(sublets)} andrahandskontrakt, "
        f"{sum(1 for s in sublets if s.status == Sublet.Status.ACTIVE)} pågående"
    )
