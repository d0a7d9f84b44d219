"""Interventions (insatser): the seed's total, by type. Stay-in-home interventions are counted by
prevention (figures/prevention.py)."""

from functools import partial
from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from bosam.accounts.models import Committee
from bosam.households.models import Intervention
from bosam.reporting.figures.base import (
    BreakdownRow,
    FigureValue,
    LazyIds,
    Section,
    figure,
    year_bounds,
)

MODEL = "households.intervention"


def _interventions_in(year: int, committee: Committee | None) -> QuerySet[Intervention]:
    first, last = year_bounds(year)
    qs = Intervention.objects.filter(performed_on__gte=first, performed_on__lte=last)
    if committee is not None:
        qs = qs.filter(committee=committee)
    return qs


def by_type(qs: QuerySet[Intervention]) -> FigureValue:
    """The interventions counted per type in SQL, in the catalogue's order; the ids behind the
    total and each type are read only when asked for (drill-down, publishing)."""
    rows = (
        qs.order_by()
        .values("intervention_type__code", "intervention_type__name")
        .annotate(n=Count("pk"))
        .order_by("intervention_type__sort_order", "intervention_type__name")
        .values_list("intervention_type__code", "intervention_type__name", "n")
    )
    counts = [(code, name, int(n)) for code, name, n in rows]
    breakdown = tuple(
        BreakdownRow(
            key=code,
            label=name,
            value=n,
            record_ids=LazyIds(n, partial(_ids, qs.filter(intervention_type__code=code))),
        )
        for code, name, n in counts
    )
    total = sum(n for _code, _name, n in counts)
    return FigureValue(
        value=total,
        record_ids=LazyIds(total, partial(_ids, qs)),
        model_label=MODEL,
        breakdown=breakdown,
    )


def _ids(qs: QuerySet[Intervention]) -> list[Any]:
    return list(qs.values_list("pk", flat=True))


@figure(
    "interventions_total",
    label=_("Insatser totalt"),
    definition=_(
        "Antal insatser som registrerats med ett datum under året (1 januari–31 december), av "
        "de insatstyper som insatskatalogen markerar som ”räknas i totalen”. Varje registrerad "
        "insats räknas en gång; ett hushåll kan ha flera insatser. Per nämnd: den nämnd som "
        "insatsen registrerades för."
    ),
    section=Section.INTERVENTIONS,
    order=10,
    breakdown_label=_("Insatstyp"),
    headline=True,
)
def interventions_total(year: int, committee: Committee | None = None) -> FigureValue:
    return by_type(
        _interventions_in(year, committee).filter(intervention_type__counts_in_total=True)
    )
