"""The appendix of definitions as Markdown, generated from the figure registry for
docs/reporting.md (`manage.py report_definitions --write`); a test keeps the file in step."""

from pathlib import Path

from django.conf import settings
from django.utils import translation

from bosam.reporting.figures import figures_in_order
from bosam.reporting.figures.base import Measure

BEGIN = "<!-- BEGIN GENERATED: manage.py report_definitions --write -->"
END = "<!-- END GENERATED -->"
DOC = Path(settings.BASE_DIR) / "docs" / "reporting.md"

MEASURES = {
    Measure.COUNT: "antal",
    Measure.PERCENT: "procent",
    Measure.SEK: "kronor",
    Measure.DAYS: "dagar",
}


def definitions_markdown() -> str:
    with translation.override("sv"):
        lines = []
        section = None
        for fig in figures_in_order():
            if fig.section_label != section:
                section = fig.section_label
                lines += ["", f"### {section}", ""]
            scope = "per nämnd" if fig.per_committee else "hela kommunen"  # i18n: not UI
            headline = " · i sammanfattningen" if fig.headline else ""
            lines += [
                f"**{fig.label}** (`{fig.key}`; {MEASURES[fig.measure]}; {scope}{headline})",
                "",
                f": {fig.definition}",
                "",
            ]
        return "\n".join(lines).strip() + "\n"


def document_with_definitions(document: str) -> str:
    """The document with the generated part between the markers replaced."""
    head, _sep, rest = document.partition(BEGIN)
    _old, _sep, tail = rest.partition(END)
    return f"{head}{BEGIN}\n\n{definitions_markdown()}\n{END}{tail}"
