"""The register: new agreements (new and re-used objects), the portfolio, new landlords."""

from datetime import date

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from bosam.accounts.models import Committee
from bosam.properties.models import HeadLease
from bosam.reporting.figures.base import FigureValue, Grouper, Section, figure, ids_of, year_bounds

MODEL = "properties.headlease"


def _started_in(year: int, committee: Committee | None) -> QuerySet[HeadLease]:
    first, last = year_bounds(year)
    qs = HeadLease.objects.filter(start_date__gte=first, start_date__lte=last)
    if committee is not None:
        qs = qs.filter(committee=committee)
    return qs


def _object_had_earlier_lease() -> Exists:
    """An object is re-used when it had a head lease that started before this one."""
    return Exists(
        HeadLease.objects.filter(
            apartment_id=OuterRef("apartment_id"), start_date__lt=OuterRef("start_date")
        )
    )


def _by_usage(qs: QuerySet[HeadLease]) -> FigureValue:
    grouper = Grouper()
    for pk, code, name in qs.order_by("usage__sort_order", "usage__name").values_list(
        "pk", "usage__code", "usage__name"
    ):
        grouper.add(code, name, pk)
    breakdown = grouper.breakdown()
    ids = ids_of(pk for row in breakdown for pk in row.record_ids)
    return FigureValue(value=len(ids), record_ids=ids, model_label=MODEL, breakdown=breakdown)


@figure(
    "agreements_new",
    label=_("Nya avtal med hyresvärdar"),
    definition=_(
        "Antal avtal (förstahandskontrakt i kommunens namn) med startdatum under året "
        "(1 januari–31 december). Per nämnd: den nämnd som avtalet är tecknat för."
    ),
    section=Section.AGREEMENTS,
    order=110,
    breakdown_label=_("Användning"),
    headline=True,
)
def agreements_new(year: int, committee: Committee | None = None) -> FigureValue:
    return _by_usage(_started_in(year, committee))


@figure(
    "agreements_new_objects",
    label=_("… varav på nya objekt"),
    definition=_(
        "De nya avtalen under året på ett lägenhetsobjekt som inte haft något avtal som startat "
        "tidigare."
    ),
    section=Section.AGREEMENTS,
    order=120,
    breakdown_label=_("Användning"),
    headline=True,
)
def agreements_new_objects(year: int, committee: Committee | None = None) -> FigureValue:
    return _by_usage(_started_in(year, committee).exclude(_object_had_earlier_lease()))


@figure(
    "agreements_reused_objects",
    label=_("… varav på återanvända objekt"),
    definition=_(
        "De nya avtalen under året på ett lägenhetsobjekt som haft ett avtal som startat "
        "tidigare (objektet återanvänds och får ett nytt avtal)."
    ),
    section=Section.AGREEMENTS,
    order=130,
    breakdown_label=_("Användning"),
    headline=True,
)
def agreements_reused_objects(year: int, committee: Committee | None = None) -> FigureValue:
    return _by_usage(_started_in(year, committee).filter(_object_had_earlier_lease()))


@figure(
    "portfolio_year_end",
    label=_("Bestånd vid årets slut"),
    definition=_(
        "Antal avtal som löper den 31 december: startdatum senast den dagen och inget slutdatum "
        "eller ett slutdatum den dagen eller senare."
    ),
    section=Section.AGREEMENTS,
    order=140,
    breakdown_label=_("Användning"),
)
def portfolio_year_end(year: int, committee: Committee | None = None) -> FigureValue:
    day = date(year, 12, 31)
    qs = HeadLease.objects.filter(start_date__lte=day).exclude(end_date__lt=day)
    if committee is not None:
        qs = qs.filter(committee=committee)
    return _by_usage(qs)


@figure(
    "landlords_new",
    label=_("Nya hyresvärdar"),
    definition=_(
        "Antal hyresvärdar vars första avtal med kommunen startade under året, dvs. hyresvärdar "
        "som kommunen inte haft något avtal med tidigare."
    ),
    section=Section.AGREEMENTS,
    order=150,
    per_committee=False,
)
def landlords_new(year: int, committee: Committee | None = None) -> FigureValue:
    first, last = year_bounds(year)
    earlier = HeadLease.objects.filter(landlord_id=OuterRef("landlord_id"), start_date__lt=first)
    landlord_ids = set(
        HeadLease.objects.filter(start_date__gte=first, start_date__lte=last)
        .exclude(Exists(earlier))
        .values_list("landlord_id", flat=True)
    )
    ids = ids_of(landlord_ids)
    return FigureValue(value=len(ids), record_ids=ids, model_label="properties.landlord")
