"""Interventions (insatser): the seed's total, by type. Stay-in-home interventions are counted by
prevention (figures/prevention.py)."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from bosam.accounts.models import Committee
from bosam.households.models import Intervention
from bosam.reporting.figures.base import FigureValue, Grouper, Section, figure, ids_of, year_bounds

MODEL = "households.intervention"


def _interventions_in(year: int, committee: Committee | None) -> QuerySet[Intervention]:
    first, last = year_bounds(year)
    qs = Intervention.objects.filter(performed_on__gte=first, performed_on__lte=last)
    if committee is not None:
        qs = qs.filter(committee=committee)
    return qs


def _by_type(qs: QuerySet[Intervention]) -> FigureValue:
    grouper = Grouper()
    rows = qs.order_by("intervention_type__sort_order", "intervention_type__name").values_list(
        "pk", "intervention_type__code", "intervention_type__name"
    )
    for pk, code, name in rows:
        grouper.add(code, name, pk)
    breakdown = grouper.breakdown()
    ids = ids_of(pk for row in breakdown for pk in row.record_ids)
    return FigureValue(value=len(ids), record_ids=ids, model_label=MODEL, breakdown=breakdown)


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
    return _by_type(
        _interventions_in(year, committee).filter(intervention_type__counts_in_total=True)
    )
