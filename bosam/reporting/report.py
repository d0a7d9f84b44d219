"""The annual report as the page, the PDF and the spreadsheets show it: every registered figure for
a year beside the year before, live from the records or as published, optionally suppressed for
committee readers. One builder, so the three outputs cannot disagree."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Count
from django.utils.translation import gettext as _

from bosam.accounts.models import Committee
from bosam.reporting.charts import BarChart, ChartInput, bar_chart
from bosam.reporting.figures import REGISTRY, Figure, FigureValue, Measure, figures_in_order
from bosam.reporting.figures.base import Number
from bosam.reporting.figures.memo import computing
from bosam.reporting.models import PublishedFigure, PublishedFigureRecord, PublishedReport
from bosam.reporting.presentation import format_change, format_value
from bosam.reporting.rules import (
    COMPLEMENTARY_MARK,
    Change,
    FigureSnapshot,
    Suppression,
    changed_since_publishing,
    is_suppressed,
    suppress_cell,
    suppress_with_total,
    year_over_year,
)


@dataclass
class BreakdownLine:
    key: str
    label: str
    value: Number
    previous: Number | None
    display: str
    previous_display: str


@dataclass
class FigureLine:
    figure: Figure
    value: Number | None
    previous: Number | None
    note: str
    record_count: int | None  # None when the count would give a suppressed value away
    breakdown: list[BreakdownLine]
    change: Change | None
    display: str
    previous_display: str
    change_display: str
    changed_since_publishing: bool = False
    chart: BarChart | None = None

    @property
    def key(self) -> str:
        return self.figure.key


@dataclass
class CommitteeColumn:
    committee: Committee
    lines: dict[str, str]  # figure key -> displayed value (suppressed for committee readers)
    values: dict[str, Number | None] = field(default_factory=dict)


@dataclass
class Report:
    year: int
    committee: Committee | None
    lines: list[FigureLine]
    published: PublishedReport | None = None
    from_published: bool = False
    changed_keys: list[str] = field(default_factory=list)
    committee_columns: list[CommitteeColumn] = field(default_factory=list)
    suppression_threshold: int | None = None
    summary_chart: BarChart | None = None

    @property
    def suppressed_up_to(self) -> int:
        return (self.suppression_threshold or 1) - 1

    def _displays(self) -> list[str]:
        shown = [
            text
            for line in self.lines
            for text in (
                line.display,
                line.previous_display,
                *(b.display for b in line.breakdown),
                *(b.previous_display for b in line.breakdown),
            )
        ]
        return shown + [text for c in self.committee_columns for text in c.lines.values()]

    @property
    def has_primary_suppression(self) -> bool:
        """Some count on the page is shown as "<threshold" (a value from 1 to threshold - 1)."""
        return any(text.startswith("<") for text in self._displays())

    @property
    def has_complementary_suppression(self) -> bool:
        """Some value on the page is hidden to protect another ("..", footnoted)."""
        return any(text == COMPLEMENTARY_MARK for text in self._displays())

    @property
    def previous_year(self) -> int:
        return self.year - 1

    def line(self, key: str) -> FigureLine:
        return next(line for line in self.lines if line.key == key)

    @property
    def headline(self) -> list[FigureLine]:
        return [line for line in self.lines if line.figure.headline]

    @property
    def committee_rows(self) -> list[tuple[Figure, list[str]]]:
        """Rows of the per-committee table: a figure and its text in each committee's column."""
        return [
            (line.figure, [c.lines.get(line.key, "–") for c in self.committee_columns])
            for line in self.lines
            if line.figure.per_committee
        ]

    def sections(self) -> list[tuple[str, list[FigureLine]]]:
        grouped: dict[str, list[FigureLine]] = {}
        for line in self.lines:
            grouped.setdefault(line.figure.section, []).append(line)
        return list(grouped.items())


def suppression_threshold() -> int:
    """Committee readers' and the PDF's threshold for small numbers (a setting)."""
    return int(settings.BOSAM_SUPPRESSION_THRESHOLD)


def figure_values(
    *, year: int, committee: Committee | None = None, keys: Sequence[str] | None = None
) -> dict[str, FigureValue]:
    """Every figure (or the given ones) computed live from the records."""
    result = {}
    with computing():
        for fig in figures_in_order():
            if keys is not None and fig.key not in keys:
                continue
            if committee is not None and not fig.per_committee:
                continue
            result[fig.key] = fig.compute(year, committee)
    return result


def _suppressed(
    measure: Measure, values: Sequence[Number | None], threshold: int | None
) -> Suppression:
    """Only counts of records can single out a person; amounts are not suppressed, and a share
    is hidden with its numerator and denominator (`_protect`)."""
    if not threshold or measure != Measure.COUNT:
        return Suppression([None] * len(values))
    return suppress_with_total(values, threshold=threshold)


@dataclass(frozen=True)
class _Hidden:
    """What a breakdown's suppression means for its figure's own value, each year."""

    total: bool = False
    total_before: bool = False
    any_cell: bool = False
    any_cell_before: bool = False


# "16 av 18 avslutade kontrakt": the counts behind a share, in a figure's note.
_NOTE_COUNTS = re.compile(r"\d[\d\s\u00a0]*\s(av|of)\s\d[\d\u00a0]*(?:\s\d{3})*")


def _hide_note_counts(note: str) -> str:
    return _NOTE_COUNTS.sub(
        lambda m: f"{COMPLEMENTARY_MARK} {m.group(1)} {COMPLEMENTARY_MARK}", note
    )


def _total_mark(value: Number | None, threshold: int) -> str:
    return suppress_cell(value, threshold=threshold) or COMPLEMENTARY_MARK


def _protect(line: FigureLine, hidden: _Hidden, threshold: int | None) -> FigureLine:
    """Hide the figure's own value where its breakdown's suppression needs it: a total that would
    let a hidden cell be worked out, and a share whose numerator or denominator is hidden (with
    the counts in its note and the change from the year before)."""
    if not threshold:
        return line
    share = line.figure.measure == Measure.PERCENT
    now = hidden.total or (share and hidden.any_cell)
    before = hidden.total_before or (share and hidden.any_cell_before)
    if now:
        line.display = _total_mark(line.value, threshold) if not share else COMPLEMENTARY_MARK
        line.note = _hide_note_counts(line.note)
        line.record_count = None
    if before:
        line.previous_display = (
            _total_mark(line.previous, threshold) if not share else COMPLEMENTARY_MARK
        )
    if now or before:
        line.change_display = COMPLEMENTARY_MARK
    return line


def _breakdown_lines(
    fig: Figure,
    current: Sequence[tuple[str, str, Number]],
    previous: Sequence[tuple[str, str, Number]],
    threshold: int | None,
) -> tuple[list[BreakdownLine], _Hidden]:
    # A row missing the year before was zero then (the breakdown lists what occurred).
    before: dict[str, Number] = {key: value for key, _label, value in previous}
    rows = list(current) + [
        (key, label, 0) for key, label, _v in previous if key not in {k for k, _l, _x in current}
    ]
    values = [value for _k, _l, value in rows]
    previous_values = [before.get(key, 0) for key, _l, _v in rows]
    now = _suppressed(fig.row_measure, values, threshold)
    then = _suppressed(fig.row_measure, previous_values, threshold)
    lines = [
        BreakdownLine(
            key=key,
            label=label,
            value=value,
            previous=before.get(key, 0),
            display=now.cells[i] or format_value(value, fig.row_measure),
            previous_display=then.cells[i] or format_value(before.get(key, 0), fig.row_measure),
        )
        for i, (key, label, value) in enumerate(rows)
    ]
    return lines, _Hidden(
        total=now.total_hidden,
        total_before=then.total_hidden,
        any_cell=any(now.cells),
        any_cell_before=any(then.cells),
    )


def _line(
    fig: Figure,
    *,
    value: Number | None,
    previous: Number | None,
    note: str,
    record_count: int,
    breakdown: list[BreakdownLine],
) -> FigureLine:
    change = year_over_year(value, previous)
    return FigureLine(
        figure=fig,
        value=value,
        previous=previous,
        note=note,
        record_count=record_count,
        breakdown=breakdown,
        change=change,
        display=format_value(value, fig.measure),
        previous_display=format_value(previous, fig.measure),
        change_display=format_change(change, fig.measure),
    )


def report_live(
    *,
    year: int,
    committee: Committee | None = None,
    threshold: int | None = None,
    with_committees: bool = True,
) -> Report:
    """The report computed from today's records, compared with a published one if it exists."""
    with computing():
        return _report_live(year, committee, threshold, with_committees)


def _report_live(
    year: int, committee: Committee | None, threshold: int | None, with_committees: bool
) -> Report:
    current = figure_values(year=year, committee=committee)
    previous = figure_values(year=year - 1, committee=committee)
    lines = []
    for key, value in current.items():
        fig = REGISTRY[key]
        before = previous[key]
        breakdown, hidden = _breakdown_lines(
            fig,
            [(r.key, r.label, r.value) for r in value.breakdown],
            [(r.key, r.label, r.value) for r in before.breakdown],
            threshold,
        )
        lines.append(
            _protect(
                _line(
                    fig,
                    value=value.value,
                    previous=before.value,
                    note=value.note,
                    record_count=len(value.record_ids),
                    breakdown=breakdown,
                ),
                hidden,
                threshold,
            )
        )
    report = Report(year=year, committee=committee, lines=lines, suppression_threshold=threshold)
    published = PublishedReport.objects.defer("pdf").filter(year=year).first()
    if published is not None:
        report.published = published
        report.changed_keys = _changed_keys(published, committee, current)
        for line in lines:
            line.changed_since_publishing = line.key in report.changed_keys
    if with_committees and committee is None:
        report.committee_columns = _committee_columns(
            [
                (c, {k: v.value for k, v in figure_values(year=year, committee=c).items()})
                for c in _active_committees()
            ],
            threshold,
            lines,
        )
    return report


def _changed_keys(
    published: PublishedReport, committee: Committee | None, current: dict[str, FigureValue]
) -> list[str]:
    ids: dict[str, set[str]] = {}
    for key, record_id in PublishedFigureRecord.objects.filter(
        figure__report=published, figure__committee=committee
    ).values_list("figure__key", "record_id"):
        ids.setdefault(key, set()).add(record_id)
    then = {
        f.key: FigureSnapshot(value=f.value, record_ids=frozenset(ids.get(f.key, ())))
        for f in published.figures.filter(committee=committee)
    }
    now = {
        key: FigureSnapshot(value=v.value, record_ids=frozenset(v.record_ids))
        for key, v in current.items()
    }
    return changed_since_publishing(then, now)


def _active_committees() -> list[Committee]:
    return list(Committee.objects.filter(active=True).order_by("name"))


def _committee_columns(
    raw: list[tuple[Committee, dict[str, Number | None]]],
    threshold: int | None,
    lines: Sequence[FigureLine] = (),
) -> list[CommitteeColumn]:
    """Each committee's part of the figures that can be split by committee. Across committees
    the parts are a breakdown of the municipality's total, so small parts are suppressed; when
    no choice of parts protects them, the municipality's total (in `lines`) is hidden too."""
    columns = [CommitteeColumn(committee=c, lines={}, values=dict(v)) for c, v in raw]
    keys = [f.key for f in figures_in_order() if any(f.key in values for _c, values in raw)]
    by_key = {line.key: line for line in lines}
    for key in keys:
        fig = REGISTRY[key]
        values = [values.get(key) for _c, values in raw]
        hidden = _suppressed(fig.measure, values, threshold)
        for column, value, text in zip(columns, values, hidden.cells, strict=True):
            column.lines[key] = text or format_value(value, fig.measure)
        if hidden.total_hidden and threshold and key in by_key:
            _protect(by_key[key], _Hidden(total=True), threshold)
    return columns


def _decimal_or_int(value: Decimal | None) -> Number | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else value


def report_published(
    *, published: PublishedReport, committee: Committee | None = None, threshold: int | None = None
) -> Report:
    """The report as it was published: stored values, never recomputed."""
    stored = list(published.figures.select_related("committee"))
    scope = published.figures.filter(committee=committee)
    mine = {
        f.key: f
        for f in scope.annotate(record_count=Count("records")).prefetch_related("breakdown_rows")
    }
    lines = []
    for fig in figures_in_order():
        row = mine.get(fig.key)
        if row is None:
            continue
        breakdown, hidden = _breakdown_lines(
            fig,
            [(b.key, b.label, _num(b.value)) for b in row.breakdown_rows.all()],
            [
                (b.key, b.label, _num(b.previous_value))
                for b in row.breakdown_rows.all()
                if b.previous_value is not None
            ],
            threshold,
        )
        lines.append(
            _protect(
                _line(
                    fig,
                    value=_decimal_or_int(row.value),
                    previous=_decimal_or_int(row.previous_value),
                    note=row.note,
                    record_count=row.record_count,
                    breakdown=breakdown,
                ),
                hidden,
                threshold,
            )
        )
    report = Report(
        year=published.year,
        committee=committee,
        lines=lines,
        published=published,
        from_published=True,
        suppression_threshold=threshold,
    )
    if committee is None:
        by_committee: dict[int, tuple[Committee, dict[str, Number | None]]] = {}
        for f in stored:
            if f.committee is not None and f.key in REGISTRY:
                entry = by_committee.setdefault(f.committee.pk, (f.committee, {}))
                entry[1][f.key] = _decimal_or_int(f.value)
        report.committee_columns = _committee_columns(
            sorted(by_committee.values(), key=lambda entry: entry[0].name), threshold, lines
        )
    return report


def _num(value: Decimal) -> Number:
    return int(value) if value == value.to_integral_value() else value


def published_figure(
    *, published: PublishedReport, key: str, committee: Committee | None
) -> PublishedFigure | None:
    return published.figures.filter(key=key, committee=committee).first()


def _chart_value(value: Number | None, display: str) -> Number | None:
    # A suppressed cell draws no bar: its length would give the hidden number away.
    return None if is_suppressed(display) else value


def summary_chart(report: Report) -> BarChart:
    """The seed's counted figures, this year against the year before."""
    rows = [
        ChartInput(
            label=str(line.figure.label),
            current=_chart_value(line.value, line.display),
            previous=_chart_value(line.previous, line.previous_display),
            current_text=line.display,
            previous_text=line.previous_display,
        )
        for line in report.headline
        if line.figure.measure == Measure.COUNT
    ]
    return bar_chart(str(_("Årets siffror jämfört med föregående år")), report.year, rows)


def breakdown_chart(report: Report, line: FigureLine) -> BarChart | None:
    if len(line.breakdown) < 2:
        return None
    rows = [
        ChartInput(
            label=b.label,
            current=_chart_value(b.value, b.display),
            previous=_chart_value(b.previous, b.previous_display),
            current_text=b.display,
            previous_text=b.previous_display,
        )
        for b in line.breakdown
    ]
    return bar_chart(str(line.figure.label), report.year, rows)


def attach_charts(report: Report) -> Report:
    report.summary_chart = summary_chart(report)
    for line in report.lines:
        line.chart = breakdown_chart(report, line)
    return report
