"""Pure rules of the annual report: small-number suppression, year-over-year change, goal
fulfilment arithmetic and what counts as "changed since publishing". No Django, no database."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

Number = int | Decimal


def suppressed_text(threshold: int) -> str:
    return f"<{threshold}"


def suppress_cell(value: Number | None, *, threshold: int, is_total: bool = False) -> str | None:
    """What a committee reader sees for one count: None means "show the number".

    A count of 1..threshold-1 could point out a person in a small group, so it is shown as
    "<threshold". Zero reveals nobody and totals are never suppressed (the seed reports totals)."""
    if is_total or value is None or threshold <= 1:
        return None
    if 0 < value < threshold:
        return suppressed_text(threshold)
    return None


def suppress_breakdown(values: Sequence[Number | None], *, threshold: int) -> list[str | None]:
    """Suppress a breakdown whose total is shown: each small cell, and when exactly one cell is
    suppressed also the smallest other non-zero cell, so the hidden one cannot be worked out by
    subtracting the shown cells from the total (complementary suppression)."""
    result = [suppress_cell(value, threshold=threshold) for value in values]
    hidden = [index for index, text in enumerate(result) if text is not None]
    if len(hidden) == 1:
        candidates = [
            (value, index)
            for index, value in enumerate(values)
            if result[index] is None and value is not None and value > 0
        ]
        if candidates:
            _value, index = min(candidates)
            result[index] = suppressed_text(threshold)
    return result


@dataclass(frozen=True)
class Change:
    difference: Number
    percent: Decimal | None  # None when the earlier year was zero (no meaningful percentage)


def year_over_year(current: Number | None, previous: Number | None) -> Change | None:
    """The change from the earlier year to this one; None when either year has no value."""
    if current is None or previous is None:
        return None
    difference = current - previous
    if previous == 0:
        return Change(difference=difference, percent=None)
    percent = (Decimal(difference) * 100 / Decimal(previous)).quantize(
        Decimal("1"), rounding=ROUND_HALF_UP
    )
    return Change(difference=difference, percent=percent)


def percentage(numerator: int, denominator: int) -> Decimal | None:
    """A share in whole percent, rounded half up as the seed's 87 % and 77 %; None for 0/0."""
    if denominator <= 0:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(
        Decimal("1"), rounding=ROUND_HALF_UP
    )


@dataclass(frozen=True)
class FigureSnapshot:
    value: Number | None
    record_ids: frozenset[str]


def changed_since_publishing(
    published: Mapping[str, FigureSnapshot], current: Mapping[str, FigureSnapshot]
) -> list[str]:
    """Keys of figures whose value or counted records differ now from when they were published.

    A figure counts as changed when the records behind it changed even if the number is the same
    (one record out, another in): the published number no longer describes the same records."""
    changed = []
    for key, then in published.items():
        now = current.get(key)
        if now is None:
            continue  # a figure added to the registry after publishing has nothing to compare
        if _differs(then.value, now.value) or then.record_ids != now.record_ids:
            changed.append(key)
    return changed


def _differs(a: Number | None, b: Number | None) -> bool:
    if a is None or b is None:
        return a is not b
    return Decimal(a) != Decimal(b)


def year_may_be_published(year: int, today_year: int) -> bool:
    """A year's report is published once the year has ended: its figures are then final."""
    return year < today_year


def is_report_year(year: int) -> bool:
    """A year the report can be made for: it and the year before must be calendar years."""
    return 1901 <= year <= 9999
