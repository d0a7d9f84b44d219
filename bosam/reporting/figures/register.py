"""The register: new agreements (new and re-used objects), the portfolio, new landlords.

Counted by the register's own selectors (`bosam.properties.selectors`), so the report and the
register's pages cannot define "new object" differently. A committee's part is the selector's
records of that committee."""

from collections.abc import Sequence
from datetime import date

from django.utils.translation import gettext_lazy as _

from bosam.accounts.models import Committee
from bosam.properties import selectors as register
from bosam.properties.selectors import FigureRow
from bosam.reporting.figures.base import (
    BreakdownRow,
    FigureValue,
    LazyIds,
    Section,
    figure,
    ids_of,
)
from bosam.reporting.figures.memo import memo

head_leases_started_in = memo(register.head_leases_started_in)
portfolio_at = memo(register.portfolio_at)
landlords_new_in = memo(register.landlords_new_in)

MODEL = "properties.headlease"


def _committee_ids(rows: Sequence[FigureRow], committee: Committee | None) -> set[int] | None:
    """The ids of the committee's records; None means every record (no committee chosen)."""
    if committee is None:
        return None
    row = next((r for r in rows if r.key == str(committee.pk)), None)
    return set(row.figure.ids) if row else set()


def _value(ids: Sequence[int], by_usage: Sequence[FigureRow], only: set[int] | None) -> FigureValue:
    # The ids are already in memory; turning them into sorted text is left to whoever reads
    # them (drill-down, publishing), the page only needs how many there are.
    def keep(values: Sequence[int]) -> LazyIds:
        kept = [v for v in values if only is None or v in only]
        return LazyIds(len(kept), lambda: kept)

    counted = set(ids)
    breakdown = []
    for row in by_usage:
        in_row = keep([i for i in row.figure.ids if i in counted])
        if in_row:
            breakdown.append(
                BreakdownRow(key=row.key, label=row.label, value=len(in_row), record_ids=in_row)
            )
    record_ids = keep(ids)
    return FigureValue(
        value=len(record_ids), record_ids=record_ids, model_label=MODEL, breakdown=tuple(breakdown)
    )


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
    started = head_leases_started_in(year)
    only = _committee_ids(started.by_committee, committee)
    return _value(started.total.ids, started.by_usage, only)


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
    started = head_leases_started_in(year)
    only = _committee_ids(started.by_committee, committee)
    return _value(started.on_new_objects.ids, started.by_usage, only)


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
    started = head_leases_started_in(year)
    only = _committee_ids(started.by_committee, committee)
    return _value(started.on_reused_objects.ids, started.by_usage, only)


@figure(
    "portfolio_year_end",
    label=_("Bestånd vid årets slut"),
    definition=_(
        "Antal avtal som löper den 31 december: startdatum senast den dagen och inget slutdatum "
        "eller ett slutdatum den dagen eller senare. Per nämnd: den nämnd som avtalet är "
        "tecknat för."
    ),
    section=Section.AGREEMENTS,
    order=140,
    breakdown_label=_("Användning"),
)
def portfolio_year_end(year: int, committee: Committee | None = None) -> FigureValue:
    portfolio = portfolio_at(date(year, 12, 31))
    only = _committee_ids(portfolio.by_committee, committee)
    return _value(portfolio.total.ids, portfolio.by_usage, only)


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
    ids = ids_of(landlords_new_in(year).ids)
    return FigureValue(value=len(ids), record_ids=ids, model_label="properties.landlord")
