"""The annual report's figures on the register. Each returns the count *and* the ids behind it,
for drill-down. Not scoped to a user: the reporting module decides who sees figures."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Min

from bosam.properties.models import HeadLease, Landlord
from bosam.properties.selectors.lists import earlier_lease_on_same_apartment, running_on

# --- figures for the annual report ------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A count and the ids of the records behind it (for drill-down)."""

    ids: tuple[int, ...] = ()

    @property
    def count(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class FigureRow:
    key: str  # usage code, or committee id as text
    label: str
    figure: Figure


@dataclass(frozen=True)
class StartedFigures:
    year: int
    total: Figure
    on_new_objects: Figure  # no earlier head lease on the apartment
    on_reused_objects: Figure  # the apartment had a head lease before
    by_usage: list[FigureRow] = field(default_factory=list)
    by_committee: list[FigureRow] = field(default_factory=list)


@dataclass(frozen=True)
class PortfolioFigures:
    day: date
    total: Figure
    by_usage: list[FigureRow] = field(default_factory=list)
    by_committee: list[FigureRow] = field(default_factory=list)


def _rows(values: Sequence[Mapping[str, Any]], key: str, label: str) -> list[FigureRow]:
    groups: dict[str, tuple[str, list[int]]] = {}
    for row in values:
        groups.setdefault(str(row[key]), (str(row[label]), []))[1].append(row["id"])
    return [
        FigureRow(key=k, label=lbl, figure=Figure(tuple(ids)))
        for k, (lbl, ids) in sorted(groups.items(), key=lambda item: item[1][0])
    ]


def head_leases_started_in(year: int) -> StartedFigures:
    """New agreements (head leases starting in the year), split into those on new and on re-used
    objects, by usage and by paying committee. Seed 2022: 160 = 127 new + 33 re-used."""
    values = list(
        HeadLease.objects.filter(
            start_date__gte=date(year, 1, 1), start_date__lte=date(year, 12, 31)
        )
        .annotate(is_reused=earlier_lease_on_same_apartment())
        .order_by("start_date", "id")
        .values("id", "is_reused", "usage__code", "usage__name", "committee_id", "committee__name")
    )
    return StartedFigures(
        year=year,
        total=Figure(tuple(v["id"] for v in values)),
        on_new_objects=Figure(tuple(v["id"] for v in values if not v["is_reused"])),
        on_reused_objects=Figure(tuple(v["id"] for v in values if v["is_reused"])),
        by_usage=_rows(values, "usage__code", "usage__name"),
        by_committee=_rows(values, "committee_id", "committee__name"),
    )


def portfolio_at(day: date) -> PortfolioFigures:
    """The head leases in force on the day (e.g. 31 December), by usage and by committee."""
    values = list(
        HeadLease.objects.filter(running_on(day))
        .order_by("start_date", "id")
        .values("id", "usage__code", "usage__name", "committee_id", "committee__name")
    )
    return PortfolioFigures(
        day=day,
        total=Figure(tuple(v["id"] for v in values)),
        by_usage=_rows(values, "usage__code", "usage__name"),
        by_committee=_rows(values, "committee_id", "committee__name"),
    )


def landlords_new_in(year: int) -> Figure:
    """Landlords whose first head lease with the municipality started in the year."""
    ids = (
        Landlord.objects.annotate(first=Min("head_leases__start_date"))
        .filter(first__gte=date(year, 1, 1), first__lte=date(year, 12, 31))
        .order_by("name")
        .values_list("id", flat=True)
    )
    return Figure(tuple(ids))
