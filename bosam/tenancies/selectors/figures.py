"""Figures for the annual report and for prevention: counts together with the ids behind them.

These are aggregate reads, not scoped to a user: the caller (reporting, prevention) decides who
may see the figure and the drill-down.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.utils import timezone
from django.utils.functional import Promise

from bosam.accounts.models import Committee
from bosam.tenancies import rules
from bosam.tenancies.models import GoalTarget, RentCharge, Sublet
from bosam.tenancies.selectors.vacancies import leases_maybe_vacant, sublet_periods_meeting


@dataclass(frozen=True)
class GoalFulfilmentFigure:
    year: int
    numerator: int
    denominator: int
    percent: int | None
    numerator_ids: list[UUID]
    denominator_ids: list[UUID]
    excluded_ids: list[UUID]
    target_percent: Decimal | None
    definition: str | Promise = rules.GOAL_FULFILMENT_DEFINITION


def takeover_goal_fulfilment(year: int) -> GoalFulfilmentFigure:
    """Takeover goal fulfilment for the year with the ids behind it and the manager's target
    (see rules.GOAL_FULFILMENT_DEFINITION)."""
    rows = Sublet.objects.filter(
        takeover_planned=True,
        status=Sublet.Status.ENDED,
        end_date__gte=date(year, 1, 1),
        end_date__lte=date(year, 12, 31),
    ).values_list("id", "end_date", "outcome", "end_reason__excluded_from_goal")
    result = rules.goal_fulfilment(
        (
            rules.EndedSublet(
                id=pk,
                end_date=end,
                takeover_planned=True,
                took_over=outcome == Sublet.Outcome.TOOK_OVER,
                excluded=bool(excluded),
            )
            for pk, end, outcome, excluded in rows.order_by("end_date", "id")
        ),
        year,
    )
    target = GoalTarget.objects.filter(year=year).values_list("target_percent", flat=True).first()
    return GoalFulfilmentFigure(
        year=year,
        numerator=result.numerator,
        denominator=result.denominator,
        percent=result.percent,
        numerator_ids=list(result.numerator_ids),  # type: ignore[arg-type]
        denominator_ids=list(result.denominator_ids),  # type: ignore[arg-type]
        excluded_ids=list(result.excluded_ids),  # type: ignore[arg-type]
        target_percent=target,
    )


@dataclass
class VacancyRow:
    committee_id: int
    committee_name: str
    days: int = 0
    cost: Decimal = Decimal("0.00")
    head_lease_ids: list[int] = field(default_factory=list)


def vacancy_days_and_cost(year: int, *, today: date | None = None) -> list[VacancyRow]:
    """Vacancy (tomställning) in the year per paying committee: days a head lease ran without a
    sublet, and their rent cost (days × monthly rent × 12/365). Counted up to today at most.

    Only the leases no single sublet covers for the whole year are read (SQL decides which), and
    of their sublets only those meeting the year: vacancy is a set difference, so sublets outside
    the year change no day in it."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    until = min(last, today or timezone.localdate())
    if until < first:
        return []
    candidates = leases_maybe_vacant(first, until)
    leases = list(
        candidates.order_by("committee__name", "pk").values_list(
            "pk", "start_date", "end_date", "committee_id", "monthly_rent"
        )
    )
    sublets: dict[int, list[rules.Period]] = defaultdict(list)
    for lease_id, start, end in sublet_periods_meeting(candidates, first, until).values_list(
        "head_lease_id", "start_date", "end_date"
    ):
        sublets[lease_id].append(rules.Period(start, end))
    rows: dict[int, VacancyRow] = {
        pk: VacancyRow(pk, name)
        for pk, name in Committee.objects.order_by("name").values_list("pk", "name")
    }
    for lease_id, start, end, committee_id, monthly_rent in leases:
        gaps = rules.vacancy_periods(rules.Period(start, end), sublets[lease_id], until=until)
        days = sum(rules.days_in_year(gap, year) for gap in gaps)
        if not days:
            continue
        row = rows[committee_id]
        row.days += days
        row.cost += rules.vacancy_cost(days, monthly_rent)
        row.head_lease_ids.append(lease_id)
    return [row for row in rows.values() if row.days]


@dataclass(frozen=True)
class PlacementsFigure:
    year: int
    total: int
    by_kind: dict[str, int]
    ids: list[UUID]


def placements_in(year: int) -> PlacementsFigure:
    """Sublets that started in the year (placements), by kind, with their ids."""
    rows = list(
        Sublet.objects.filter(start_date__year=year)
        .order_by("start_date", "id")
        .values_list("id", "kind")
    )
    by_kind: dict[str, int] = defaultdict(int)
    for _pk, kind in rows:
        by_kind[kind] += 1
    return PlacementsFigure(year, len(rows), dict(by_kind), [pk for pk, _kind in rows])


@dataclass(frozen=True)
class SubtenantArrears:
    sublet: Sublet
    amount: Decimal
    months: int
    oldest_due: date


def subtenants_in_arrears(
    *, on: date | None = None, min_amount: Decimal = Decimal("0.01"), min_months: int = 1
) -> list[SubtenantArrears]:
    """The municipality's own subtenants who owe rent on a day (running sublets), largest debt
    first. Prevention opens cases from these; the municipality is the landlord there."""
    day = on or timezone.localdate()
    charges = RentCharge.objects.filter(
        due_date__lt=day, sublet__status=Sublet.Status.ACTIVE
    ).values_list("sublet_id", "due_date", "amount", "paid_amount")
    per_sublet: dict[Any, list[rules.Charge]] = defaultdict(list)
    for sublet_id, due, amount, paid in charges:
        if paid < amount:
            per_sublet[sublet_id].append(rules.Charge(due, amount, paid))
    sublets = Sublet.objects.in_bulk(list(per_sublet))
    result = []
    for sublet_id, owed in per_sublet.items():
        amount = rules.arrears(owed, day)
        months = rules.months_in_arrears(owed, day)
        if amount >= min_amount and months >= min_months:
            oldest = min(c.due_date for c in owed)
            result.append(SubtenantArrears(sublets[sublet_id], amount, months, oldest))
    result.sort(key=lambda row: -row.amount)
    return result
