"""The report as spreadsheet rows (XLSX and CSV through bosam.core.export): the same figures,
breakdowns and committee parts as the page, one row each, with the definition beside the total."""

from django.utils.translation import gettext as _

from bosam.core.export import Cell
from bosam.reporting.figures.base import Number
from bosam.reporting.report import Report
from bosam.reporting.rules import is_suppressed


def _cell(value: Number | None, display: str) -> Cell:
    # A suppressed count stays text ("<5", ".."); everything else is a number a spreadsheet can sum.
    if is_suppressed(display):
        return display
    return value


def export_headers(report: Report) -> list[str]:
    return [
        _("Avsnitt"),
        _("Figur"),
        _("Uppdelning"),
        _("Nämnd"),
        str(report.year),
        str(report.previous_year),
        _("Definition"),
    ]


def export_rows(report: Report) -> list[list[Cell]]:
    scope = report.committee.name if report.committee else _("Hela kommunen")
    rows: list[list[Cell]] = []
    for line in report.lines:
        section = str(line.figure.section_label)
        label = str(line.figure.label)
        rows.append(
            [
                section,
                label,
                "",
                scope,
                _cell(line.value, line.display),
                _cell(line.previous, line.previous_display),
                str(line.figure.definition),
            ]
        )
        for b in line.breakdown:
            rows.append(
                [
                    section,
                    label,
                    b.label,
                    scope,
                    _cell(b.value, b.display),
                    _cell(b.previous, b.previous_display),
                    "",
                ]
            )
        for column in report.committee_columns:
            if line.key in column.lines:
                rows.append(
                    [
                        section,
                        label,
                        "",
                        column.committee.name,
                        _cell(column.values.get(line.key), column.lines[line.key]),
                        None,
                        "",
                    ]
                )
    return rows
