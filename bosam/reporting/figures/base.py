"""The figure registry: every number the annual report shows, each with one definition.

A figure is a function `(year, committee=None) -> FigureValue`: the number, the ids of the
records it counted (for drill-down and for publishing) and a breakdown. The definition text is
printed in the report's appendix and in docs/reporting.md, so the words and the code that counts
sit side by side here and cannot drift apart unnoticed.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, overload

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bosam.accounts.models import Committee

Number = int | Decimal


class Measure(StrEnum):
    COUNT = "count"  # a number of records
    PERCENT = "percent"  # a share in whole percent
    SEK = "sek"  # kronor
    DAYS = "days"  # a number of days (a sum or a median)


class Section(StrEnum):
    INTERVENTIONS = "interventions"
    AGREEMENTS = "agreements"
    TENANCIES = "tenancies"
    PREVENTION = "prevention"
    ADVICE = "advice"


SECTION_LABELS: dict[Section, str | Promise] = {
    Section.INTERVENTIONS: _("Insatser"),
    Section.AGREEMENTS: _("Avtal och bestånd"),
    Section.TENANCIES: _("Stödboende, övertagande och tomställning"),
    Section.PREVENTION: _("Vräkningsförebyggande arbete"),
    Section.ADVICE: _("Bostadsrådgivning"),
}


class LazyIds(Sequence[str]):
    """The ids of the records behind a number, read (sorted, as text) the first time they are
    used: by the drill-down, by publishing, by the comparison with a published report. Showing
    the number needs only `len()`, which is the count the aggregate gave, so a report page does
    not read the records at all."""

    def __init__(self, count: int, read: Callable[[], Iterable[Any]]) -> None:
        self._count = count
        self._read = read
        self._ids: tuple[str, ...] | None = None

    def _all(self) -> tuple[str, ...]:
        if self._ids is None:
            self._ids = ids_of(self._read())
        return self._ids

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return self._all()[index]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return self._all() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return f"LazyIds(count={self._count})"


@dataclass(frozen=True)
class BreakdownRow:
    key: str
    label: str
    value: Number
    record_ids: Sequence[str] = ()


@dataclass(frozen=True)
class FigureValue:
    """One figure for one year (and committee): `value` None means "cannot be computed" (0/0)."""

    value: Number | None
    record_ids: Sequence[str]  # a tuple, or LazyIds read on first use
    model_label: str  # the model the ids belong to, "app_label.model_name"
    breakdown: tuple[BreakdownRow, ...] = ()
    note: str = ""  # e.g. "127 av 146" behind a percentage


Compute = Callable[[int, Committee | None], FigureValue]


@dataclass(frozen=True)
class Figure:
    key: str
    label: str | Promise
    definition: str | Promise
    compute: Compute
    section: Section
    measure: Measure = Measure.COUNT
    # False when the records carry no committee (the figure is shown for the whole municipality).
    per_committee: bool = True
    breakdown_label: str | Promise = ""
    order: int = 100
    # Shown on the summary page in the seed's style (the seed's own figures).
    headline: bool = False
    # What the breakdown rows are, when not the figure's own measure (a share split into counts).
    breakdown_measure: Measure | None = None

    @property
    def row_measure(self) -> Measure:
        return self.breakdown_measure or self.measure

    @property
    def section_label(self) -> str | Promise:
        return SECTION_LABELS[self.section]


REGISTRY: dict[str, Figure] = {}


def figure(
    key: str,
    *,
    label: str | Promise,
    definition: str | Promise,
    section: Section,
    order: int,
    measure: Measure = Measure.COUNT,
    per_committee: bool = True,
    breakdown_label: str | Promise = "",
    headline: bool = False,
    breakdown_measure: Measure | None = None,
) -> Callable[[Compute], Compute]:
    """Register a figure under `key`; the key is stored with published reports, so never reuse."""

    def register(compute: Compute) -> Compute:
        if key in REGISTRY:
            raise ValueError(f"Figure {key!r} is registered twice.")
        REGISTRY[key] = Figure(
            key=key,
            label=label,
            definition=definition,
            compute=compute,
            section=section,
            measure=measure,
            per_committee=per_committee,
            breakdown_label=breakdown_label,
            order=order,
            headline=headline,
            breakdown_measure=breakdown_measure,
        )
        return compute

    return register


def figures_in_order() -> list[Figure]:
    return sorted(REGISTRY.values(), key=lambda f: f.order)


def year_bounds(year: int) -> tuple[date, date]:
    """The first and last day of a calendar year, both inclusive."""
    return date(year, 1, 1), date(year, 12, 31)


def ids_of(values: Iterable[Any]) -> tuple[str, ...]:
    return tuple(sorted(str(v) for v in values))


@dataclass
class Grouper:
    """Collects (group key, label, record id) rows into breakdown rows, in first-seen order
    unless an order is given."""

    rows: dict[str, tuple[str, list[str]]] = field(default_factory=dict)

    def add(self, key: str, label: str, record_id: Any) -> None:
        self.rows.setdefault(key, (label, []))[1].append(str(record_id))

    def breakdown(self, order: list[str] | None = None) -> tuple[BreakdownRow, ...]:
        keys = [k for k in (order or []) if k in self.rows] + [
            k for k in self.rows if k not in (order or [])
        ]
        return tuple(
            BreakdownRow(
                key=k,
                label=self.rows[k][0],
                value=len(self.rows[k][1]),
                record_ids=ids_of(self.rows[k][1]),
            )
            for k in keys
        )
