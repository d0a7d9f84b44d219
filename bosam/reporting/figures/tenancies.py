"""Sublets: the seed's takeover goal fulfilment, placements, and vacancy days and their cost.

Counted by the tenancies module's own figure selectors, so the definition of goal fulfilment
lives in one place (`bosam.tenancies.rules.GOAL_FULFILMENT_DEFINITION`, printed as is). A
committee's part is the module's records of that committee."""

from collections.abc import Iterable
from decimal import Decimal
from functools import partial
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bosam.accounts.models import Committee
from bosam.reporting.figures.base import (
    BreakdownRow,
    FigureValue,
    LazyIds,
    Measure,
    Section,
    figure,
    ids_of,
)
from bosam.reporting.figures.memo import memo
from bosam.tenancies import rules as tenancy_rules
from bosam.tenancies.models import Sublet
from bosam.tenancies.selectors import figures as tenancy_figures

SUBLET = "tenancies.sublet"
HEAD_LEASE = "properties.headlease"

takeover_goal_fulfilment = memo(tenancy_figures.takeover_goal_fulfilment)
vacancy_days_and_cost = memo(tenancy_figures.vacancy_days_and_cost)


@memo
def _sublets_counted_in(year: int) -> dict[Any, tuple[int, str]]:
    """(committee, kind) of each sublet that started or ended in the year: every sublet these
    figures count for the year. One query, shared by the committees' columns."""
    return {
        pk: (committee_id, kind)
        for pk, committee_id, kind in Sublet.objects.filter(
            Q(start_date__year=year) | Q(end_date__year=year)
        ).values_list("pk", "committee_id", "kind")
    }


def _only(ids: Iterable[Any], committee: Committee | None, year: int) -> list[Any]:
    if committee is None:
        return list(ids)
    counted = _sublets_counted_in(year)
    return [i for i in ids if i in counted and counted[i][0] == committee.pk]


def _row(key: str, label: str, ids: list[Any]) -> BreakdownRow:
    return BreakdownRow(key=key, label=label, value=len(ids), record_ids=ids_of(ids))


@figure(
    "takeover_goal_fulfilment",
    label=_("Måluppfyllelse för övertagande till eget avtal i stödboende"),
    definition=tenancy_rules.GOAL_FULFILMENT_DEFINITION,
    section=Section.TENANCIES,
    order=210,
    measure=Measure.PERCENT,
    breakdown_measure=Measure.COUNT,
    breakdown_label=_("Avslutade kontrakt"),
    headline=True,
)
def goal_fulfilment(year: int, committee: Committee | None = None) -> FigureValue:
    whole = takeover_goal_fulfilment(year)
    result = tenancy_rules.GoalFulfilment(
        year,
        _only(whole.numerator_ids, committee, year),
        _only(whole.denominator_ids, committee, year),
        _only(whole.excluded_ids, committee, year),
    )
    took_over = list(result.numerator_ids)
    did_not = [i for i in result.denominator_ids if i not in set(took_over)]
    note = gettext("%(n)s av %(d)s avslutade kontrakt") % {
        "n": result.numerator,
        "d": result.denominator,
    }
    if whole.target_percent is not None:
        target = whole.target_percent
        shown = str(int(target)) if target == target.to_integral_value() else str(target)
        note += gettext("; målet för året: %(target)s %%") % {"target": shown.replace(".", ",")}
    percent = result.percent
    return FigureValue(
        value=percent,
        # The figure rests on the ended sublets it divides and those it left out.
        record_ids=ids_of([*result.denominator_ids, *result.excluded_ids]),
        model_label=SUBLET,
        breakdown=(
            _row("took_over", gettext("Hushållet tog över kontraktet"), took_over),
            _row("ended_otherwise", gettext("Avslutades utan övertagande"), did_not),
            _row("excluded", gettext("Undantagna (räknas inte)"), list(result.excluded_ids)),
        ),
        note=note,
    )


@figure(
    "placements",
    label=_("Placeringar i lägenhet (nya andrahandskontrakt)"),
    definition=_(
        "Antal andrahandskontrakt (sociala kontrakt m.fl.) med startdatum under året, dvs. "
        "hushåll som fick en lägenhet genom bostadssamordningen. Uppdelat på typ av kontrakt. "
        "Per nämnd: den nämnd som kontraktet gäller."
    ),
    section=Section.TENANCIES,
    order=220,
    breakdown_label=_("Typ av kontrakt"),
)
def placements(year: int, committee: Committee | None = None) -> FigureValue:
    # The same sublets as the module's `placements_in(year)`, counted per kind in SQL.
    qs = Sublet.objects.filter(start_date__year=year)
    if committee is not None:
        qs = qs.filter(committee=committee)
    counts = dict(
        qs.order_by().values_list("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    breakdown = tuple(
        BreakdownRow(
            key=kind.value,
            label=str(kind.label),
            value=counts[kind.value],
            record_ids=LazyIds(counts[kind.value], partial(_sublet_ids, qs.filter(kind=kind))),
        )
        for kind in Sublet.Kind
        if counts.get(kind.value)
    )
    total = sum(counts.values())
    return FigureValue(
        value=total,
        record_ids=LazyIds(total, partial(_sublet_ids, qs)),
        model_label=SUBLET,
        breakdown=breakdown,
    )


def _sublet_ids(qs: QuerySet[Sublet]) -> list[Any]:
    return list(qs.values_list("pk", flat=True))


def _vacancy_rows(year: int, committee: Committee | None) -> list[tenancy_figures.VacancyRow]:
    rows = vacancy_days_and_cost(year)
    return [r for r in rows if committee is None or r.committee_id == committee.pk]


@figure(
    "vacancy_days",
    label=_("Tomställda dagar"),
    definition=_(
        "Summan av dagar under året då ett avtal löpte utan att lägenheten var uthyrd i andra "
        "hand (tomställning). Räknas per avtal från avtalets start eller årets början till "
        "avtalets slut eller årets slut, minus dagar med ett andrahandskontrakt. Per nämnd: "
        "den nämnd som avtalet är tecknat för och som bär kostnaden."
    ),
    section=Section.TENANCIES,
    order=230,
    measure=Measure.DAYS,
    breakdown_label=_("Nämnd"),
)
def vacancy_days(year: int, committee: Committee | None = None) -> FigureValue:
    rows = _vacancy_rows(year, committee)
    ids = ids_of(pk for r in rows for pk in r.head_lease_ids)
    return FigureValue(
        value=sum(r.days for r in rows),
        record_ids=ids,
        model_label=HEAD_LEASE,
        breakdown=tuple(
            BreakdownRow(
                key=str(r.committee_id),
                label=r.committee_name,
                value=r.days,
                record_ids=ids_of(r.head_lease_ids),
            )
            for r in rows
        ),
    )


@figure(
    "vacancy_cost",
    label=_("Kostnad för tomställning"),
    definition=_(
        "Hyran kommunen betalat för tomställda dagar under året: för varje avtal antalet "
        "tomställda dagar gånger månadshyran gånger 12/365, summerat. Per nämnd: den nämnd som "
        "avtalet är tecknat för och som bär kostnaden."
    ),
    section=Section.TENANCIES,
    order=240,
    measure=Measure.SEK,
    breakdown_label=_("Nämnd"),
)
def vacancy_cost(year: int, committee: Committee | None = None) -> FigureValue:
    rows = _vacancy_rows(year, committee)
    ids = ids_of(pk for r in rows for pk in r.head_lease_ids)
    total = sum((r.cost for r in rows), Decimal("0"))
    return FigureValue(
        value=total.quantize(Decimal("1")),
        record_ids=ids,
        model_label=HEAD_LEASE,
        breakdown=tuple(
            BreakdownRow(
                key=str(r.committee_id),
                label=r.committee_name,
                value=r.cost.quantize(Decimal("1")),
                record_ids=ids_of(r.head_lease_ids),
            )
            for r in rows
        ),
    )
