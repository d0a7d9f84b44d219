"""Server-rendered bar charts: geometry for an SVG the template draws (no JavaScript library;
the CSP forbids inline scripts and the PDF has none). Each chart sits beside a table with the
same numbers, which is its text alternative."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

LABEL_WIDTH = 230
BAR_AREA = 300
VALUE_WIDTH = 90
BAR_HEIGHT = 14
ROW_GAP = 12
TOP = 28  # room for the legend
WIDTH = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    text: str
    text_x: int
    text_y: int
    current: bool  # this year (dark) or the year before (light)


@dataclass(frozen=True)
class ChartRow:
    label: str
    label_y: int
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class BarChart:
    title: str
    years: tuple[int, int]
    width: int
    height: int
    rows: tuple[ChartRow, ...]
    legend: tuple[tuple[int, str, bool], ...]  # (x, text, current)


@dataclass(frozen=True)
class ChartInput:
    label: str
    current: int | Decimal | None
    previous: int | Decimal | None
    current_text: str
    previous_text: str


def _length(value: int | Decimal | None, largest: int | Decimal) -> int:
    if not value or value <= 0 or not largest:
        return 0
    return max(1, round(float(value) / float(largest) * BAR_AREA))


def _short(label: str, limit: int = 34) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(title: str, year: int, rows: Sequence[ChartInput]) -> BarChart:
    """Two bars per row (the year and the year before), scaled to the largest value."""
    largest = max([r.current or 0 for r in rows] + [r.previous or 0 for r in rows] + [0])
    chart_rows = []
    y = TOP
    for row in rows:
        bars = []
        for offset, (value, text, current) in enumerate(
            ((row.current, row.current_text, True), (row.previous, row.previous_text, False))
        ):
            bar_y = y + offset * BAR_HEIGHT
            length = _length(value, largest)
            bars.append(
                Bar(
                    x=LABEL_WIDTH,
                    y=bar_y,
                    width=length,
                    height=BAR_HEIGHT - 2,
                    text=text,
                    text_x=LABEL_WIDTH + length + 4,
                    text_y=bar_y + BAR_HEIGHT - 4,
                    current=current,
                )
            )
        chart_rows.append(
            ChartRow(label=_short(row.label), label_y=y + BAR_HEIGHT + 3, bars=tuple(bars))
        )
        y += 2 * BAR_HEIGHT + ROW_GAP
    return BarChart(
        title=title,
        years=(year, year - 1),
        width=WIDTH,
        height=y,
        rows=tuple(chart_rows),
        legend=((LABEL_WIDTH, str(year), True), (LABEL_WIDTH + 90, str(year - 1), False)),
    )
