"""Pure rules of the annual report: small-number suppression, year-over-year change, goal
fulfilment arithmetic and what counts as "changed since publishing". No Django, no database."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

Number = int | Decimal


# A count hidden to protect another (complementary suppression): any value, explained in a
# footnote. Never "<5": that mark means a value from 1 to threshold - 1 and nothing else.
COMPLEMENTARY_MARK = ".."


def suppressed_text(threshold: int) -> str:
    """The primary mark: the count is between 1 and threshold - 1."""
    return f"<{threshold}"


def is_suppressed(display: str) -> bool:
    """Whether a displayed value is one of the two suppression marks (no number behind it)."""
    return display == COMPLEMENTARY_MARK or display.startswith("<")


def suppress_cell(value: Number | None, *, threshold: int, is_total: bool = False) -> str | None:
    """What a committee reader sees for one count: None means "show the number".

    A count of 1..threshold-1 could point out a person in a small group, so it is shown as
    "<threshold". Zero reveals nobody and totals are never suppressed (the seed reports totals)."""
    if is_total or value is None or threshold <= 1:
        return None
    if 0 < value < threshold:
        return suppressed_text(threshold)
    return None


@dataclass(frozen=True)
class Suppression:
    """A breakdown as shown: each cell's mark (None = the number is shown), and whether its
    total must be hidden too because no choice of cells could protect the small ones."""

    cells: list[str | None]
    total_hidden: bool = False


def _determined(values: Sequence[int], marks: Sequence[str | None], threshold: int) -> bool:
    """Whether some hidden cell's value follows from the total and the shown cells: a reader
    knows the hidden cells' sum, that "<t" is 1..t-1 and that ".." is at least t (the cells
    chosen to protect are never zero nor small). Each cell's possible values form an interval."""
    hidden = [i for i, mark in enumerate(marks) if mark is not None]
    if not hidden:
        return False
    total = sum(values[i] for i in hidden)
    bounds = {
        i: (1, threshold - 1) if marks[i] != COMPLEMENTARY_MARK else (threshold, None)
        for i in hidden
    }
    for i in hidden:
        others = [bounds[j] for j in hidden if j != i]
        others_low = sum(low for low, _high in others)
        others_high = (
            None if any(high is None for _l, high in others) else sum(h or 0 for _l, h in others)
        )
        low, high = bounds[i]
        least = max(low, total - others_high) if others_high is not None else low
        most = total - others_low if high is None else min(high, total - others_low)
        if least >= most:
            return True
    return False


def suppress_with_total(values: Sequence[Number | None], *, threshold: int) -> Suppression:
    """Suppress a breakdown whose total (the sum of its cells) can be seen or worked out.

    Each count of 1..threshold-1 is shown as "<threshold" (primary suppression). While some
    hidden cell could still be worked out by subtracting the shown cells from the total, the
    smallest shown non-zero cell is hidden too, marked ".." (complementary suppression). When no
    cell is left to hide, the total is hidden as well."""
    cells = [suppress_cell(value, threshold=threshold) for value in values]
    if threshold <= 1 or all(cell is None for cell in cells):
        return Suppression(cells)
    counts = [int(value or 0) for value in values]
    while _determined(counts, cells, threshold):
        candidates = [
            (value, index)
            for index, value in enumerate(counts)
            if cells[index] is None and value > 0
        ]
        if not candidates:
            return Suppression(cells, total_hidden=True)
        _value, index = min(candidates)
        cells[index] = COMPLEMENTARY_MARK
    return Suppression(cells)


def suppress_breakdown(values: Sequence[Number | None], *, threshold: int) -> list[str | None]:
    """The cells of `suppress_with_total` (for callers whose total is handled elsewhere)."""
    return suppress_with_total(values, threshold=threshold).cells


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
